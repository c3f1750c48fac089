"""Direct quotes and their speakers as written, on invented sentences."""

from __future__ import annotations

import pytest

from storylens.errors import ConfigError
from storylens.quotes.base import EXTRACTORS, make_extractor
from storylens.quotes.settings import QuoteSettings
from storylens.records import Article


def speakers(quotes) -> list[tuple[str, str | None, str | None]]:  # type: ignore[no-untyped-def]
    return [(q.text, q.speaker and q.speaker.text, q.speaker and q.speaker.cue) for q in quotes]


def test_x_said_and_said_x(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        '"We will rebuild every house," Petrenko said.\n\n'
        '"The dyke is holding," said Oleh Sirenko, who commands the engineers.'
    )
    assert speakers(quotes_of(text)) == [
        ("We will rebuild every house", "Petrenko", "said"),
        ("The dyke is holding", "Oleh Sirenko", "said"),
    ]


def test_told_the_outlet_wrote_on_social_media_and_according_to(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        '"The water came in ten minutes," a local man told the Courier.\n\n'
        'Mayor Oleg Petrenko wrote on Facebook: "Shelters are open at School No. 3."\n\n'
        'Roads are closed "until the water drops below the bridge," according to the police.'
    )
    found = speakers(quotes_of(text))
    assert found[0] == ("The water came in ten minutes", "a local man", "told")
    assert found[1] == ("Shelters are open at School No. 3.", "Mayor Oleg Petrenko", "wrote")
    assert found[2][1:] == ("the police", "according to")


def test_speaker_in_previous_sentence_and_paragraph(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Emergencies Minister Taras Hnatiuk spoke to families at the shelter. He said:\n\n"
        '"No one will be left without a roof before winter."\n\n'
        '"We expect the toll to rise," Lysenko said. "Many streets are still under water."'
    )
    found = speakers(quotes_of(text))
    assert found[0][1] == "He"
    assert found[1][1] == found[2][1] == "Lysenko"


def test_speaker_after_the_quote_sentence(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = 'Shots rang out. "Everyone get down!" Officer Dana Moss shouted as she ran.'
    assert speakers(quotes_of(text))[0][1:] == ("Officer Dana Moss", "shouted")


def test_partial_quote_kept_scare_quotes_and_titles_dropped(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        'He called the warning system "a total failure" and demanded an inquiry.\n\n'
        'The so-called "peace plan" was never published.\n\n'
        'The film "River of Ashes" opened in Kyiv.'
    )
    assert [q.text for q in quotes_of(text)] == ["a total failure"]


def test_headlines_and_captions_do_not_count(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        'Mayor: "We will rebuild every house"\n\n'
        'Photo: Residents hold a banner reading "Save our valley" in Pryluzhne.\n\n'
        'The regional paper ran the headline "The dam that will never break"\n\n'
        '"Every house," the mayor said, "will be rebuilt."'
    )
    found = quotes_of(text, title='Mayor: "We will rebuild every house"')
    assert [q.text for q in found] == ["Every house", "will be rebuilt."]


def test_dash_introduced_quote(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = 'The general put it bluntly \u2014 "We are racing the clock and the rain."'
    found = speakers(quotes_of(text))
    assert found[0][0] == "We are racing the clock and the rain."
    assert found[0][1] == "The general"


def test_parser_taking_the_quote_for_the_subject(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = 'He posted a photo of the dam. "Happy to be home!" he tweeted.'
    assert speakers(quotes_of(text))[0][1] == "he"


def test_cue_sentence_split_off_after_an_exclamation(quotes_of) -> None:  # type: ignore[no-untyped-def]
    text = (
        '"He should resign in disgrace!" the presumptive nominee, Donald Trump, tweeted Sunday '
        "after the attack."
    )
    found = speakers(quotes_of(text))
    assert found[0][2] == "tweeted"
    assert "nominee" in (found[0][1] or "")


@pytest.mark.parametrize("name", sorted(EXTRACTORS))
def test_every_registered_extractor_finds_quotes_and_speakers(name: str, resources) -> None:  # type: ignore[no-untyped-def]
    text = (
        '"We will rebuild every house," Petrenko said.\n\n'
        'The so-called "peace plan" was never published.'
    )
    extractor = make_extractor(QuoteSettings(extractor=name))
    article = Article("a1", "a1.txt", None, text)
    found = extractor.extract(article, resources.nlp(text))
    assert [(q.text, q.speaker and q.speaker.text) for q in found] == [
        ("We will rebuild every house", "Petrenko")
    ]


def test_unknown_extractor_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="available: rules"):
        make_extractor(QuoteSettings(extractor="neural"))
