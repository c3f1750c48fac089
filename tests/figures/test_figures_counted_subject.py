"""What is counted is no claimant: "the death toll showed 52 ..." names no source."""

from __future__ import annotations

from storylens.figures.claimant import claim_source
from storylens.nlp import NlpResources


def _source(text: str, number: str) -> str | None:
    doc = NlpResources().nlp(text)
    anchor = next(t for t in doc if t.text == number)
    found = claim_source(anchor)
    return None if found is None else found[0].text


def test_the_counted_thing_is_no_source() -> None:
    assert _source("The death toll showed that 52 people had died in the flood.", "52") is None


def test_a_speaker_is_a_source() -> None:
    assert _source("Officials said that 52 people had died in the flood.", "52") == "Officials"
