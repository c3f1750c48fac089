"""The time tagger on the project's own sentences: extents, values, tense, reference time."""

from __future__ import annotations

import datetime as dt

import pytest

from storylens.time.grammar import find_expressions
from storylens.time.resolve import granularity_of
from storylens.time.tagger import TimeTagger

# Saturday 9 September 2023
PUBLISHED = dt.date(2023, 9, 9)


def values(text: str, published: dt.date | None = PUBLISHED) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in TimeTagger().tag(text, published)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The dam burst on Friday night.", [("Friday night", "2023-09-08TNI")]),
        ("The minister will visit on Monday.", [("Monday", "2023-09-11")]),
        ("Officials said on Saturday that water fell.", [("Saturday", "2023-09-09")]),
        ("It reopened last Tuesday.", [("last Tuesday", "2023-09-05")]),
        ("Talks resume next Wednesday.", [("next Wednesday", "2023-09-13")]),
        (
            "Rain has fallen since the beginning of the month.",
            [("the beginning of the month", "2023-09")],
        ),
        ("It was finished on Sept. 10, 2021.", [("Sept. 10, 2021", "2021-09-10")]),
        ("The strike lasted nearly three weeks.", [("nearly three weeks", "P3W")]),
        ("Profit rose in the third quarter.", [("the third quarter", "2023-Q3")]),
        ("Prices fell last year and this year.", [("last year", "2022"), ("this year", "2023")]),
        ("The mill closed in the 1990s.", [("the 1990s", "199")]),
        ("Trains run daily.", [("daily", "P1D")]),
        ("It happened three years ago.", [("three years ago", "2020")]),
    ],
)
def test_values(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("The dam failed on Oct. 3.", "2022-10-03"), ("The fair will open on Oct. 3.", "2023-10-03")],
)
def test_year_of_a_month_day_follows_tense(text: str, expected: str) -> None:
    (timex,) = TimeTagger().tag(text, dt.date(2023, 5, 6))
    assert timex.value == expected


def test_not_dates() -> None:
    assert values("He may go. Prices fall. The Saturday classes are full. © 2022 The Times.") == []


def test_sept_abbreviation_is_one_expression() -> None:
    # dateparser's search_dates splits this; the grammar must not.
    assert [c.text for c in find_expressions("The dam burst on Saturday, Sept. 10, at 5 p.m.")] == [
        "Saturday, Sept. 10",
        "5 p.m.",
    ]


def test_reference_time_for_narrative_expressions() -> None:
    text = "The dam failed on Sept. 5. Two days later, rescuers arrived. A few days earlier, it cracked."
    assert values(text, dt.date(2023, 9, 20)) == [
        ("Sept. 5", "2023-09-05"),
        ("Two days later", "2023-09-07"),
        ("A few days earlier", "2023-W35"),  # before the reference time, Sept. 5
    ]


def test_event_relative_expression_keeps_its_relation() -> None:
    (timex,) = TimeTagger().tag("Two days after the dam burst, engineers raised a dyke.", PUBLISHED)
    assert (timex.text, timex.type, timex.relation) == ("Two days", "DURATION", ("after", "P2D"))


def test_no_publication_date_means_no_invented_year() -> None:
    assert values("The fair opened on June 12 and closed on Friday.", None) == [
        ("June 12", "XXXX-06-12"),
        ("Friday", "XXXX-WXX-5"),
    ]


def test_granularity() -> None:
    assert [granularity_of(v) for v in ("2023-09-08", "2023-W36", "2023-09", "2023", "P2D")] == [
        "day",
        "week",
        "month",
        "year",
        "other",
    ]
