"""Sentence cleanup: what may stand alone in a summary, and what is cut or refused."""

from __future__ import annotations

import pytest

from storylens.records import Sentence
from storylens.summarize.settings import SummarizerSettings
from storylens.summarize.units import candidates_of, clean_sentence, content_stems, numbers_of
from storylens.text.segment import RuleSegmenter

SETTINGS = SummarizerSettings()


def _clean(text: str) -> str | None:
    cleaned = clean_sentence(Sentence("a", 0, 0, len(text), text), SETTINGS)
    return None if cleaned is None or cleaned.dangling else cleaned.text


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("VARNA (Coastal Wire) - Ferries to the island resumed on Monday after a three-day storm.",
         "Ferries to the island resumed on Monday after a three-day storm."),
        ("OSTRAVA -- The city council approved a new tram line to the southern districts.",
         "The city council approved a new tram line to the southern districts."),
        ("But the council said the tram line would open two years late.",
         "The council said the tram line would open two years late."),
        ("However, the regional governor said the bridge would stay closed until May.",
         "The regional governor said the bridge would stay closed until May."),
        ("It is unclear whether the bridge will reopen before the winter season.",
         "It is unclear whether the bridge will reopen before the winter season."),
        # a web page's headline, time stamp and byline glued to the wire lead
        ("Ferry line pledges new boats OSTRAVA | Fri Oct 1, 2010 4:52 pm EDT By Jana Novak "
         "OSTRAVA (Reuters) - The ferry line said it would buy two new boats for the lake.",
         "The ferry line said it would buy two new boats for the lake."),
    ],
)
def test_cuts_datelines_and_connectives_but_keeps_the_words(raw: str, kept: str) -> None:
    assert _clean(raw) == kept


@pytest.mark.parametrize(
    "raw",
    [
        "Residents queue for drinking water outside the school in Pryluzhne",  # caption: no full stop
        "Photo: Meridian Press / Anna Kovalchuk.",
        "Sign up for our newsletter to get the news first every morning.",
        "Will the bridge reopen before the end of the winter season?",
        '"We will rebuild every house, he said at the briefing in the town hall.',  # broken quote
        '"We will rebuild every house," he said at the briefing on Saturday.',  # pronoun speaker
        "You can add location information to your posts from the web.",
        "I drove to the village on Monday morning to see what was left.",
        "Image from the ferry company's spring campaign in the harbour.",
        # a caption: a place, then the day the picture was taken
        "Mayor Oleg Petrenko talks to residents of the flooded district in Pryluzhne, Ukraine, "
        "September 9, 2023.",
        "Too short to stand.",
    ],
)
def test_refuses_what_cannot_stand_alone(raw: str) -> None:
    assert _clean(raw) is None


def test_pronoun_start_is_dangling_and_only_kept_after_its_antecedent() -> None:
    text = (
        "Mayor Oleg Petrenko visited the flooded streets of the lower town on Saturday.\n\n"
        "He promised that every house would be rebuilt before the winter.\n\n"
        "A storm warning remains in force for the whole region until Sunday evening.\n\n"
        "They said the dyke could hold for several more days if the rain stops."
    )
    sentences = RuleSegmenter().split("a", text)
    candidates = candidates_of(sentences, SETTINGS)
    by_index = {c.index: c for c in candidates}
    assert by_index[1].requires == 0  # "He promised ..." needs the mayor sentence before it
    assert by_index[2].requires is None
    # "They said ..." follows a sentence that does not name "they": still kept only as a dependent
    assert by_index[3].requires == 2


def test_pronoun_speaker_is_named_when_a_resolver_knows_the_speaker() -> None:
    text = '"We will rebuild every house," he said at the briefing on Saturday.'
    cleaned = clean_sentence(
        Sentence("a", 0, 0, len(text), text), SETTINGS, lambda *_: "Oleg Petrenko")
    assert cleaned is not None
    assert cleaned.text == '"We will rebuild every house," Oleg Petrenko said at the briefing on Saturday.'


def test_kept_span_points_at_the_kept_text() -> None:
    text = "Intro paragraph here.\n\nKYIV (Reuters) - Rockets hit the port of Odesa on Sunday night."
    sentence = RuleSegmenter().split("a", text)[1]
    candidate = candidates_of([sentence], SETTINGS)[0]
    assert text[candidate.start:candidate.end] == "Rockets hit the port of Odesa on Sunday night."


def test_stems_and_numbers() -> None:
    assert content_stems("The dams were bursting") == ("dam", "burst")
    assert numbers_of("At least 4,500 people, up from 2,800.") == frozenset({"4500", "2800"})


def test_bare_quote_leans_on_the_sentence_before() -> None:
    text = (
        'Coach Oleg Marchuk said his players had trained for the final all winter long.\n\n'
        '"Today the whole city was watching us play."'
    )
    candidates = candidates_of(RuleSegmenter().split("a", text), SETTINGS)
    assert [c.requires for c in candidates] == [None, 0]
