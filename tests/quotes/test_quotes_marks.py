"""Quoted regions from quotation marks alone."""

from __future__ import annotations

from storylens.quotes.marks import find_quoted_regions, strip_marks


def contents(text: str) -> list[str]:
    return [text[r.content_start : r.content_end] for r in find_quoted_regions(text)]


def test_straight_and_curly_marks() -> None:
    text = 'He said "We will rebuild." She said \u201cNot here.\u201d'
    assert contents(text) == ["We will rebuild.", "Not here."]


def test_mixed_styles_close_each_other() -> None:
    text = '\u201cOur roads are crumbling," she said. "Families endure blackouts.\u201d'
    assert contents(text) == ["Our roads are crumbling,", "Families endure blackouts."]


def test_nested_quote_stays_inside() -> None:
    text = '"King said \u201cthe test\u201d was fine," CNN reported. \u201cHe said \u2018trust me\u2019 twice.\u201d'
    assert contents(text) == [
        "King said \u201cthe test\u201d was fine,",
        "He said \u2018trust me\u2019 twice.",
    ]


def test_quote_over_paragraphs_opens_each_paragraph() -> None:
    text = 'The general said:\n\n"Our engineers work around the clock.\n\n"The water has dropped by two metres."\n\nThen he left.'
    regions = find_quoted_regions(text)
    assert len(regions) == 1
    assert regions[0].paragraphs == 2
    assert strip_marks(text[regions[0].start : regions[0].end]) == (
        "Our engineers work around the clock. The water has dropped by two metres."
    )


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = '"We will rebuild every house, he said.\n\nThe mayor left.'
    regions = find_quoted_regions(text)
    assert len(regions) == 1 and not regions[0].closed
    assert "mayor" not in text[regions[0].start : regions[0].end]


def test_wrong_hand_mark_closes() -> None:
    text = "analysts found the air force is \u201cthe best in the world\u201c and the army \u201cthe best.\u201d"
    assert contents(text) == ["the best in the world", "the best."]


def test_british_single_marks_but_not_apostrophes() -> None:
    assert contents("The mayor\u2019s aide said \u2018we will rebuild\u2019 on Monday.") == [
        "we will rebuild"
    ]
    assert contents("It\u2019s the mayor\u2019s plan.") == []
