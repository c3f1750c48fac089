"""Provenance notices, bylines and wire credits."""

from __future__ import annotations

import pytest

from storylens.text.provenance import find_dateline_credit, find_notice, parse_byline


@pytest.mark.parametrize(
    ("text", "kind", "outlet"),
    [
        ("This article originally appeared on Example News and is republished here with permission.", "republished", "Example News"),
        ("This story was first published by The Valley Post.", "republished", "The Valley Post"),
        ("Originally published on River Times on Sept. 3, 2023.", "republished", "River Times"),
        ("Read the original article on Example News.", "original", "Example News"),
        ("Translated from Russian. The original interview was published by Zerkalo on Sept. 11.", "translated", "Zerkalo"),
    ],
)
def test_notices(text: str, kind: str, outlet: str) -> None:
    hint = find_notice(text)
    assert hint is not None and (hint.kind, hint.outlet) == (kind, outlet)


def test_story_sentence_is_not_a_notice() -> None:
    assert find_notice("The report originally appeared to blame the operator, officials said on Monday, but it was revised.") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By Jane Roe, Reuters", (("Jane Roe",), "Reuters")),
        ("By Jane Roe and John Poe, Reuters", (("Jane Roe", "John Poe"), "Reuters")),
        ("By Tomas Berg, Valley Herald", (("Tomas Berg",), "Valley Herald")),
        ("By Jane Roe, John Poe", (("Jane Roe", "John Poe"), None)),
        ("By Daniel Whitford, Europe correspondent", (("Daniel Whitford",), None)),
        ("By Monday, 40 people had died.", None),
        ("By noon the list had 63 names on it.", None),
        ("By Saturday evening, troops had filled 20,000 sandbags.", None),
    ],
)
def test_bylines(text: str, expected: object) -> None:
    assert parse_byline(text) == expected


@pytest.mark.parametrize(
    ("text", "outlet", "left"),
    [
        ("KYIV (Reuters) - Russian forces shelled the city.", "Reuters", "KYIV - Russian forces shelled the city."),
        ("PRYLUZHNE, Ukraine (Meridian Press) - The toll rose.", "Meridian Press", "PRYLUZHNE, Ukraine - The toll rose."),
        ("(AP) \u2014 Officials said the dam failed.", "AP", "Officials said the dam failed."),
        ("Bogot\u00e1 (dpa) - Die Lage bleibt unklar.", "dpa", "Bogot\u00e1 - Die Lage bleibt unklar."),
    ],
)
def test_dateline_credits(text: str, outlet: str, left: str) -> None:
    credit = find_dateline_credit(text)
    assert credit is not None and credit.hint.kind == "wire" and credit.hint.outlet == outlet
    assert (text[: credit.start] + text[credit.end :]).strip() == left


def test_parenthesis_in_a_sentence_is_not_a_credit() -> None:
    assert find_dateline_credit("Officials (two of them) - said nothing.") is None
