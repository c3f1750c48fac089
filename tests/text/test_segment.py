"""Sentence segmentation: news abbreviations, quotations, headlines, offsets."""

from __future__ import annotations

import pytest

from storylens.text.segment import RuleSegmenter

CASES = [
    (
        "Lt. Gen. Oleh Sirenko said on Sept. 10 that troops had arrived. The water fell.",
        ["Lt. Gen. Oleh Sirenko said on Sept. 10 that troops had arrived.", "The water fell."],
    ),
    (
        "Brig. Gen. Jane Roe of the U.S. Army met Dr. Smith at No. 10 Downing Street. He left at 5 p.m. on Monday.",
        [
            "Brig. Gen. Jane Roe of the U.S. Army met Dr. Smith at No. 10 Downing Street.",
            "He left at 5 p.m. on Monday.",
        ],
    ),
    (
        '"The water came in ten minutes. I carried my mother out through the window," he said. He left.',
        ['"The water came in ten minutes.', 'I carried my mother out through the window," he said.', "He left."],
    ),
    ("Boeing delivered ten 787s. Airbus sold more.", ["Boeing delivered ten 787s.", "Airbus sold more."]),
    ("Sales began on Tuesday. iPhone buyers queued.", ["Sales began on Tuesday.", "iPhone buyers queued."]),
    ('"Where is my mother?" she asked. Nobody answered.', ['"Where is my mother?" she asked.', "Nobody answered."]),
    (
        'He said: "No one will be left without a roof before winter." The minister left.',
        ['He said: "No one will be left without a roof before winter."', "The minister left."],
    ),
    ("Prices rose 3.5 percent in the U.S. The Fed reacted.", ["Prices rose 3.5 percent in the U.S.", "The Fed reacted."]),
    ("Die Flut kam am 5. März 2023. Die Stadt stand still.", ["Die Flut kam am 5. März 2023.", "Die Stadt stand still."]),
    ("The company, Acme Inc., said profits fell. Analysts disagreed.", ["The company, Acme Inc., said profits fell.", "Analysts disagreed."]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_news_traps(text: str, expected: list[str]) -> None:
    assert [s.text for s in RuleSegmenter().split("a", text)] == expected


def test_offsets_paragraphs_and_headlines() -> None:
    text = (
        "A headline without punctuation\n\n"
        "\u201cWe will rebuild every house,\u201d he said. \u201cBut first we must find everyone.\u201d\n\n"
        "\u201cThe next two days will decide.\u201d"
    )
    sentences = RuleSegmenter().split("a", text)
    assert [s.text for s in sentences] == [
        "A headline without punctuation",
        "\u201cWe will rebuild every house,\u201d he said.",
        "\u201cBut first we must find everyone.\u201d",
        "\u201cThe next two days will decide.\u201d",
    ]
    assert [s.paragraph for s in sentences] == [0, 1, 1, 2]
    assert [s.index for s in sentences] == [0, 1, 2, 3]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_unbalanced_quote_in_earlier_paragraph_does_not_glue_sentences() -> None:
    # A quote running over two paragraphs opens in each without closing in the first.
    text = '"The first paragraph of the quote ends here.\n\n"The second starts here. It ends," she said. Then more.'
    sentences = [s.text for s in RuleSegmenter().split("a", text)]
    assert sentences[-1] == "Then more."


def test_join_attributed_quotes_option() -> None:
    text = '"The water came in ten minutes. I carried my mother out," he said. He left.'
    joined = [s.text for s in RuleSegmenter(join_attributed_quotes=True).split("a", text)]
    assert joined == ['"The water came in ten minutes. I carried my mother out," he said.', "He left."]
