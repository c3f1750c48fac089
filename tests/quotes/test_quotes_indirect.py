"""Indirect attributions: reported claims with their source, and what is not a claim."""

from __future__ import annotations

from storylens.quotes.indirect import extract_claims


def claims(resources, text: str) -> list[tuple[str, str, str | None]]:  # type: ignore[no-untyped-def]
    doc = resources.nlp(text)
    return [(c.speaker.text, c.text, c.speaker.cue) for c in extract_claims("a", doc, [])]


def test_said_that_postposed_and_according_to(resources) -> None:  # type: ignore[no-untyped-def]
    found = claims(
        resources,
        "The minister said the bridge was safe. The dyke will hold until Monday, the general "
        "said. At least 40 people are dead after the dam collapsed, according to the agency.",
    )
    assert ("The minister", "the bridge was safe", "said") in found
    assert ("the general", "The dyke will hold until Monday", "said") in found
    assert (
        "the agency",
        "At least 40 people are dead after the dam collapsed",
        "according to",
    ) in found


def test_negated_cues_questions_and_plans_are_not_claims(resources) -> None:  # type: ignore[no-untyped-def]
    found = claims(
        resources,
        "The operator has not explained why the dam failed. The mayor did not say the town was "
        "safe. The minister promised to visit the shelter.",
    )
    assert found == []
