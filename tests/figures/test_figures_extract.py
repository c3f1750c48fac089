"""Quantity extraction: the grammar, the exclusions, and the parse-aware refinements."""

from __future__ import annotations

import pytest

from storylens.figures.extract import Quantity, extract_quantities
from storylens.nlp import NlpResources


def _one(text: str, resources: NlpResources | None = None) -> Quantity:
    doc = resources.nlp(text) if resources else None
    found = extract_quantities(text, doc)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "value", "unit", "approx"),
    [
        ("Eight rockets hit the town.", 8, None, None),
        ("A dozen drones were shot down.", 12, None, None),
        ("Tens of thousands fled the city.", 20_000, None, "vague"),
        ("Roughly half of residents left.", 0.5, "fraction", "about"),
        ("At least 40 people were killed.", 40, None, "at_least"),
        ("More than 4,500 people were evacuated.", 4500, None, "more_than"),
        ("Up to 180 millimetres of rain fell.", 180, "mm", "up_to"),
        ("Almost two metres of water drained away.", 2, "m", "almost"),
        ("Some 2,800 residents had been evacuated.", 2800, None, "about"),
        ("BP spent $5.3bn on the clean-up.", 5.3e9, "USD", None),
        ("The fine was 10,000 hryvnias.", 10_000, "UAH", None),
        ("Unemployment rose to 9.5 percent.", 9.5, "percent", None),
        ("Twenty-five villages were flooded.", 25, None, None),
        ("It leaked 5,000 barrels of oil a day.", 5000, "barrel/day", None),
        ("One in five voters stayed home.", 0.2, "fraction", None),
        ("Three hundred and fifty homes were lost.", 350, None, None),
    ],
)
def test_reads_values_units_and_approximators(
    text: str, value: float, unit: str | None, approx: str | None
) -> None:
    q = _one(text)
    assert q.value == pytest.approx(value)
    assert (q.unit, q.approx) == (unit, approx)


def test_ranges() -> None:
    assert (_one("Between 30 and 40 soldiers died.").value_max) == 40
    q = _one("Officials gave 30-40 tanks as the loss.")
    assert (q.value, q.value_max) == (30, 40)
    q = _one("Previous pandemics infected between 25% and 35% of people.")
    assert (q.value, q.value_max, q.unit) == (25, 35, "percent")


def test_from_to_is_a_change_not_a_range() -> None:
    found = extract_quantities("The toll rose from 40 to 52.")
    assert [q.value for q in found] == [40, 52]


def test_two_units_of_one_quantity_are_one_figure() -> None:
    for text in ("a 120-kilometre (75-mile) front", "a front of 120 kilometres (75 miles)"):
        q = _one(text)
        assert (q.value, q.unit) == (120, "km")
        assert q.alternative is not None and q.alternative.startswith("75")


@pytest.mark.parametrize(
    "text",
    [
        "The dam broke on May 5, 2010 at 10 a.m.",
        "It was built in 1964.",
        "Oleg, 58, carried his mother out.",
        "A 52-year-old man was arrested.",
        "Call 555-123-4567 for help.",
        "He lives at No. 10 and works under Article 5.",
        "The G20 met about COVID-19.",
        "Apple's iOS 5.0.1 fixed the battery.",
        "She was born in the 1990s, three years ago.",
        "The Chiefs lost 20-13 on Sunday.",
        "No one came, but one of them stayed.",
    ],
)
def test_dates_times_ages_and_identifiers_are_not_figures(
    text: str, resources: NlpResources
) -> None:
    assert extract_quantities(text, resources.nlp(text)) == []


def test_durations_measure_or_locate(resources: NlpResources) -> None:
    text = "A 72-hour strike began. Talks lasted for 10 hours, but 24 hours ago nothing moved."
    found = extract_quantities(text, resources.nlp(text))
    assert [(q.value, q.unit) for q in found] == [(72, "h"), (10, "h")]


def test_glued_m_is_metres_without_currency_and_millions_with_it() -> None:
    assert _one("a dam 1,600m high").unit == "m"
    assert _one("a fine of $75m").value == 75e6
    assert _one("it spewed 11m gallons").value == 11e6


def test_feet_and_inches_are_one_height() -> None:
    q = _one("the 6-foot 7-inch player")
    assert q.value == pytest.approx(6 + 7 / 12)
