"""Grouping comparable figures across sources, and deciding agree / updated / conflict.

Figures are comparable when they count the same thing (``counts_key``), in the same dimension
(people, km, USD, percent...) and with the same scope. Each figure becomes an interval that its
wording allows ("about 50" is 45-55, "at least 40" is 40-48, "30-40" is 30-40, "1.2 million" is
1.15-1.25 million), and two figures disagree when their intervals do not overlap. A group:

- **agree**: no two figures disagree;
- **conflict**: two sources disagree about the same as-of date (or an undated pair disagrees);
- **updated**: every disagreement is between different dates: the later claim supersedes.

Different scopes never meet: they are different groups, so they can never conflict.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from storylens.figures.lexicon import UNIT_DIMENSIONS
from storylens.figures.settings import FigureSettings
from storylens.records import Figure, FigureGroup

__all__ = ["Interval", "classify", "figure_interval", "group_figures"]

_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")
_SCALE = re.compile(r"(?i)\d\s*(?:hundred|thousand|million|billion|trillion|bn|mn|m|k|tn)\b")


@dataclass(frozen=True, slots=True)
class Interval:
    """The values a figure's wording allows, in the dimension's base unit."""

    low: float
    high: float

    def overlaps(self, other: Interval, slack: float = 0.0) -> bool:
        """Whether the two intervals share a value (``slack`` is relative, for unit conversions)."""
        pad = slack * max(abs(self.high), abs(other.high))
        return self.low <= other.high + pad and other.low <= self.high + pad


def _dimension(unit: str | None) -> tuple[str, float]:
    if unit is None:
        return "count", 1.0
    base, _, rate = unit.partition("/")
    dim, factor = UNIT_DIMENSIONS.get(base, (base, 1.0))
    return (f"{dim}/{rate}" if rate else dim), factor


def _precision(figure: Figure) -> float:
    """Half the step of the last written digit: "1.2 million" -> 50,000; "5,000" -> 500; "52" -> 0."""
    match = _NUMBER.search(figure.text)
    if match is None:
        return 0.0
    decimals = len(match.group(1) or "")
    if _SCALE.search(figure.text):
        digits = float(match.group().replace(",", ""))
        scale = figure.value / digits if digits else 1.0
        return 0.5 * scale * 10.0**-decimals
    if decimals:
        return 0.5 * 10.0**-decimals
    integer = match.group().replace(",", "")
    zeros = len(integer) - len(integer.rstrip("0"))
    if figure.value >= 1000 and zeros >= 2:
        return 0.5 * 10.0**zeros
    return 0.0


def figure_interval(figure: Figure, settings: FigureSettings | None = None) -> Interval:
    """The interval of values ``figure``'s wording allows, in its dimension's base unit.

    Example:
        >>> from storylens.records import Figure
        >>> f = Figure("f", 40, None, "at_least", "dead", "deaths", None, None, "a", 0, 11, "at least 40")
        >>> figure_interval(f)
        Interval(low=40.0, high=48.0)
    """
    s = settings or FigureSettings()
    _, factor = _dimension(figure.unit)
    value = float(figure.value)
    tol = _precision(figure)
    low, high = value - tol, value + tol
    approx = figure.approx
    if figure.value_max is not None:
        low, high = value, float(figure.value_max)
    elif approx == "about":
        low, high = (
            min(low, value * (1 - s.about_tolerance)),
            max(high, value * (1 + s.about_tolerance)),
        )
    elif approx in {"more_than", "at_least"}:
        low, high = value, max(high, value * (1 + s.bound_tolerance))
    elif approx in {"almost", "up_to", "less_than"}:
        low, high = min(low, value * (1 - s.bound_tolerance)), value
    elif approx == "vague":
        low, high = value, value * 5
    return Interval(low * factor, high * factor)


def _display(figure: Figure, outlets: Mapping[str, str | None]) -> str:
    outlet = outlets.get(figure.article_id)
    who = figure.claimant or outlet or "unattributed"
    if outlet and figure.claimant and figure.claimant != outlet:
        who = f"{figure.claimant} via {outlet}"
    return f"\u201c{figure.text}\u201d ({who}, {figure.date or 'undated'})"


def _same_time(a: Figure, b: Figure) -> bool:
    return a.date is None or b.date is None or a.date == b.date


def classify(
    figures: Sequence[Figure],
    about: str,
    outlets: Mapping[str, str | None],
    settings: FigureSettings | None = None,
) -> FigureGroup:
    """Classify comparable ``figures`` as agree, updated or conflict, with a one-line explanation."""
    s = settings or FigureSettings()
    units = {f.unit for f in figures}
    slack = 0.03 if len(units) > 1 else 1e-9
    intervals = {f.id: figure_interval(f, s) for f in figures}
    ordered = sorted(figures, key=lambda f: (f.date is None, f.date or "", f.article_id, f.start))
    conflict: tuple[Figure, Figure] | None = None
    changed = False
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if intervals[a.id].overlaps(intervals[b.id], slack):
                continue
            if _same_time(a, b):
                if a.article_id != b.article_id and conflict is None:
                    conflict = (a, b)
            else:
                changed = True
    ids = tuple(f.id for f in ordered)
    if conflict is not None:
        a, b = conflict
        when = a.date or b.date or "an unknown date"
        text = f"{about}: sources disagree as of {when}: {_display(a, outlets)} vs {_display(b, outlets)}"
        return FigureGroup(about, "conflict", ids, text)
    if changed:
        steps = [ordered[0]]
        for f in ordered[1:]:
            if not intervals[f.id].overlaps(intervals[steps[-1].id], slack):
                steps.append(f)
        chain = " -> ".join(_display(f, outlets) for f in steps)
        return FigureGroup(about, "updated", ids, f"{about} updated over time: {chain}")
    sources = len({f.article_id for f in figures})
    listed = ", ".join(_display(f, outlets) for f in ordered[:4])
    more = f" and {len(ordered) - 4} more" if len(ordered) > 4 else ""
    return FigureGroup(about, "agree", ids, f"{sources} sources agree on {about}: {listed}{more}")


def _about(figure: Figure) -> str:
    dimension, _ = _dimension(figure.unit)
    label = figure.counts_key
    if dimension not in {"count", "fraction"}:
        label = f"{label} ({figure.unit})"
    if figure.scope:
        label = f"{label}, {figure.scope}"
    return label


def group_figures(
    figures: Sequence[Figure],
    outlets: Mapping[str, str | None],
    settings: FigureSettings | None = None,
) -> tuple[FigureGroup, ...]:
    """Group comparable figures of a story and classify each group (see the module docstring).

    Only groups carried by at least ``settings.min_sources`` articles are returned; an article
    that repeats the same value for the same thing counts once.
    """
    s = settings or FigureSettings()
    buckets: dict[tuple[str, str, str], list[Figure]] = defaultdict(list)
    for figure in figures:
        if not figure.counts_key:
            continue
        dimension, _ = _dimension(figure.unit)  # a currency is its own dimension: USD is not EUR
        buckets[(figure.counts_key, dimension, figure.scope or "")].append(figure)
    groups: list[FigureGroup] = []
    for members in buckets.values():
        seen: set[tuple[str, float, float | None, str | None, str | None]] = set()
        kept: list[Figure] = []
        for f in sorted(members, key=lambda f: (f.article_id, f.start)):
            key = (f.article_id, f.value, f.value_max, f.approx, f.date)
            if key not in seen:
                seen.add(key)
                kept.append(f)
        if len({f.article_id for f in kept}) < s.min_sources:
            continue
        groups.append(classify(kept, _about(kept[0]), outlets, s))
    groups.sort(key=lambda g: (-len(g.figure_ids), g.about))
    return tuple(groups)
