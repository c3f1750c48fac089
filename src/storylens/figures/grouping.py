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

import dataclasses
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from storylens.figures.lexicon import UNIT_DIMENSIONS
from storylens.figures.settings import FigureSettings
from storylens.records import Figure, FigureGroup

#: Keys that say too little on their own: "1,900 people" (in shelters) and "4,500 people"
#: (evacuated) are compared only when the verb agrees too.
GENERIC_KEYS = frozenset(
    {"people", "residents", "inhabitant", "civilian", "citizen", "local", "person"}
)

__all__ = ["GENERIC_KEYS", "Interval", "classify", "figure_interval", "group_figures"]

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
    return _interval(figure, settings or FigureSettings())


@lru_cache(maxsize=65536)
def _interval(figure: Figure, s: FigureSettings) -> Interval:
    """``figure_interval``, remembered: grouping a large story's figures asks for the same
    figure's interval hundreds of thousands of times (figures and settings are immutable)."""
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
    return a.date is not None and a.date == b.date


def _attributed(figure: Figure, outlets: Mapping[str, str | None]) -> bool:
    return bool(figure.claimant) and figure.claimant != outlets.get(figure.article_id)


def _pair_rank(a: Figure, b: Figure, outlets: Mapping[str, str | None]) -> tuple[bool, int]:
    return (a.article_id != b.article_id, _attributed(a, outlets) + _attributed(b, outlets))


def _rival_claimants(a: Figure, b: Figure, outlets: Mapping[str, str | None]) -> bool:
    """Two named claimants in one article (the outlet itself, the fallback claimant, is not one)."""
    outlet = outlets.get(a.article_id)
    named = {c for c in (a.claimant, b.claimant) if c and c != outlet}
    return len(named) == 2


def _ordered_in_time(a: Figure, b: Figure) -> bool:
    return a.date is not None and b.date is not None and a.date != b.date


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
                # Two sources, or one digest quoting two claimants ("the union says about 1,200;
                # the port authority says fewer than 900"), disagree about the same moment.
                rival = a.article_id != b.article_id or _rival_claimants(a, b, outlets)
                # Cite the best-attributed pair: two named claimants in two articles first.
                if rival and (
                    conflict is None or _pair_rank(a, b, outlets) > _pair_rank(*conflict, outlets)
                ):
                    conflict = (a, b)
            elif _ordered_in_time(a, b):
                changed = True
            # An undated figure is neither a conflict nor an update: its time is unknown.
    ids = tuple(f.id for f in ordered)
    if conflict is not None:
        a, b = conflict
        when = a.date or b.date or "an unknown date"
        text = f"{about}: sources disagree as of {when}: {_display(a, outlets)} vs {_display(b, outlets)}"
        return FigureGroup(about, "conflict", ids, text)
    if changed:
        steps: list[list[Figure]] = [[ordered[0]]]
        for f in ordered[1:]:
            if intervals[f.id].overlaps(intervals[steps[-1][0].id], slack):
                steps[-1].append(f)
            else:
                steps.append([f])
        # Each step is cited by its best-attributed figure (a named claimant over the outlet).
        chain = " -> ".join(
            _display(max(step, key=lambda f: _attributed(f, outlets)), outlets) for step in steps
        )
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


def _midpoint(figure: Figure, settings: FigureSettings) -> float:
    interval = figure_interval(figure, settings)
    return (interval.low + interval.high) / 2


def _too_far_apart(a: Figure, b: Figure, settings: FigureSettings) -> bool:
    """Two claims that differ by more than ``max_conflict_ratio`` are about different things
    ("150" dead in one country and "seven" in another, a pandemic's "one million" and a
    season's "36,000"), not one number in dispute or in a short series: sources that disagree
    on a count, or update it from one day to the next, rarely move it that far, while news text
    is full of unrelated counts of the same noun."""
    return _far(
        abs(_midpoint(a, settings)), abs(_midpoint(b, settings)), settings.max_conflict_ratio
    )


def _far(x: float, y: float, ratio: float) -> bool:
    """``_too_far_apart`` of two figures whose absolute midpoints are ``x`` and ``y``."""
    low, high = sorted((x, y))
    return low == 0 or high / low > ratio


def _cannot_link(a: Figure, b: Figure) -> bool:
    """Two different quantities of one thing in one article: "checked 600 homes" and "flooding
    about 1,400 homes" (different values and different verbs) are not claims about one number."""
    return (
        a.article_id == b.article_id
        and a.value != b.value
        and a.predicate is not None
        and b.predicate is not None
        and a.predicate != b.predicate
    )


def _compatible(a: Figure, b: Figure, interval: Interval, other: Interval) -> bool:
    """Values that can be one claim: overlapping intervals; with two different verbs, the very
    same value ("flooding about 1,400 homes" / "destroyed about 1,400 houses")."""
    if a.predicate and b.predicate and a.predicate != b.predicate:
        (_, fa), (_, fb) = _dimension(a.unit), _dimension(b.unit)
        same_high = (a.value_max is None and b.value_max is None) or (
            a.value_max is not None and b.value_max is not None
            and math.isclose(a.value_max * fa, b.value_max * fb, rel_tol=1e-6)
        )  # fmt: skip
        return math.isclose(a.value * fa, b.value * fb, rel_tol=1e-6) and same_high
    return interval.overlaps(other)


def _same_predicate(a: Figure, b: Figure, loose: bool) -> bool:
    if a.predicate is None or b.predicate is None:
        return loose or (a.predicate is None and b.predicate is None)
    return a.predicate == b.predicate


def _effective_dates(members: Sequence[Figure], settings: FigureSettings) -> list[Figure]:
    """Restatements keep the date of the claim they repeat.

    A later article that repeats a figure already reported by another source ("about 3,000 people
    had been moved", printed a day later by a rewrite) is restating the earlier claim, not making
    a new one about its own date. Figures that one article sets against a rival claim of the same
    day ("the union says about 1,200; the port authority says fewer than 900") are current claims
    and keep their date.
    """
    intervals = {f.id: figure_interval(f, settings) for f in members}
    rivals = {
        f.id
        for f in members
        for g in members
        if f.article_id == g.article_id and f.date == g.date and f.claimant and g.claimant
        and f.claimant != g.claimant
        and not intervals[f.id].overlaps(intervals[g.id])
    }  # fmt: skip
    out: list[Figure] = []
    for f in members:
        earlier = [
            g.date for g in members
            if g.article_id != f.article_id and g.date and f.date and g.date < f.date
            and g.value == f.value and g.value_max == f.value_max
        ]  # fmt: skip
        if earlier and f.id not in rivals:
            out.append(dataclasses.replace(f, date=min(earlier)))
        else:
            out.append(f)
    return out


def _cluster(members: Sequence[Figure], settings: FigureSettings) -> list[list[Figure]]:
    """Split one bucket into quantities: each figure joins the cluster holding the same value, else
    a value-compatible one, else the largest, never one it cannot be linked with."""
    ordered = sorted(members, key=lambda f: (f.date is None, f.date or "", f.article_id, f.start))
    # Each figure's interval and |midpoint| once: every figure is set against every member of
    # every cluster (``_too_far_apart``), and looking its interval up each time hashed the
    # whole figure (about half the stage's time on a 568-article story).
    intervals = {id(f): figure_interval(f, settings) for f in ordered}
    sizes = {key: abs((i.low + i.high) / 2) for key, i in intervals.items()}
    ratio = settings.max_conflict_ratio
    clusters: list[list[Figure]] = []
    spreads: dict[int, _Spread] = {}
    for figure in ordered:
        size = sizes[id(figure)]
        candidates = [
            c for c in clusters if not spreads[id(c)].blocks(figure, size, c, sizes, ratio)
        ]
        interval = intervals[id(figure)]
        # A different value joins a quantity only if nothing says it is another one: for things
        # (homes, ships) the verb must match ("600 homes checked" is not "1,400 homes flooded");
        # people are often counted with copulas ("are on strike"), so a missing verb is enough.
        loose = figure.kind in {"people", "casualties"}
        candidates = [
            c for c in candidates
            if any(_compatible(figure, m, interval, intervals[id(m)]) for m in c)
            or any(_same_predicate(figure, m, loose) for m in c)
        ]  # fmt: skip
        if not candidates:
            clusters.append([figure])
            spreads[id(clusters[-1])] = _Spread(figure, size)
            continue

        def preference(
            cluster: list[Figure], f: Figure = figure, i: Interval = interval
        ) -> tuple[int, int, int]:
            same = any(m.value == f.value and m.value_max == f.value_max for m in cluster)
            compatible = any(i.overlaps(intervals[id(m)]) for m in cluster)
            return (same, compatible, len(cluster))

        chosen = max(candidates, key=preference)
        chosen.append(figure)
        spreads[id(chosen)].add(figure, size)
    return clusters


class _Spread:
    """What decides whether a figure may join a cluster at all, kept as the cluster grows: the
    smallest and largest |midpoint| of its members, and its members by article.

    ``_far(x, y)`` grows as ``y`` moves away from ``x`` on either side (rounded division keeps
    that order), so a figure is too far from some member exactly when it is too far from the
    smallest or the largest; and only members of its own article can be ``_cannot_link``. A
    cluster with a non-finite midpoint is checked member by member.
    """

    __slots__ = ("by_article", "finite", "high", "low")

    def __init__(self, figure: Figure, size: float) -> None:
        self.low = self.high = size
        self.finite = math.isfinite(size)
        self.by_article: dict[str, list[Figure]] = {figure.article_id: [figure]}

    def add(self, figure: Figure, size: float) -> None:
        """Record a member added to the cluster."""
        self.low, self.high = min(self.low, size), max(self.high, size)
        self.finite = self.finite and math.isfinite(size)
        self.by_article.setdefault(figure.article_id, []).append(figure)

    def blocks(
        self,
        figure: Figure,
        size: float,
        cluster: Sequence[Figure],
        sizes: Mapping[int, float],
        ratio: float,
    ) -> bool:
        """``any(_cannot_link(figure, m) or _too_far_apart(figure, m) for m in cluster)``."""
        if not (self.finite and math.isfinite(size)):
            return any(_cannot_link(figure, m) or _far(size, sizes[id(m)], ratio) for m in cluster)
        if _far(size, self.low, ratio) or _far(size, self.high, ratio):
            return True
        return any(_cannot_link(figure, m) for m in self.by_article.get(figure.article_id, ()))


def _dedupe(members: Sequence[Figure]) -> list[Figure]:
    """One figure per article, value and date: an article repeating its lead counts once."""
    seen: set[tuple[str, float, float | None, str | None, str | None]] = set()
    kept: list[Figure] = []
    for f in sorted(members, key=lambda f: (f.article_id, f.start)):
        key = (f.article_id, f.value, f.value_max, f.approx, f.date)
        if key not in seen:
            seen.add(key)
            kept.append(f)
    return kept


def _classify_series(
    members: list[Figure], outlets: Mapping[str, str | None], settings: FigureSettings
) -> list[FigureGroup]:
    """Classify a quantity's figures; when sources conflict on some date, that date becomes its
    own conflict group and the other dates are classified on their own (agree or updated)."""
    about = _about(members[0])
    members = _effective_dates(members, settings)
    whole = classify(members, about, outlets, settings)
    if whole.status != "conflict":
        return [whole]
    by_date: dict[str | None, list[Figure]] = defaultdict(list)
    for f in members:
        by_date[f.date].append(f)
    if len(by_date) == 1 or None in by_date:
        return [whole]
    groups: list[FigureGroup] = []
    calm: list[Figure] = []
    for date, day in sorted(by_date.items(), key=lambda kv: kv[0] or ""):
        verdict = classify(day, f"{about}, as of {date}", outlets, settings)
        if verdict.status == "conflict":
            groups.append(verdict)
        else:
            calm.extend(day)
    if len({f.article_id for f in calm}) >= settings.min_sources:
        groups.append(classify(calm, about, outlets, settings))
    return groups


def group_figures(
    figures: Sequence[Figure],
    outlets: Mapping[str, str | None],
    settings: FigureSettings | None = None,
) -> tuple[FigureGroup, ...]:
    """Group comparable figures of a story and classify each group (see the module docstring).

    Only groups carried by at least ``settings.min_sources`` articles are returned; an article
    that repeats the same value for the same thing counts once. Figures left over (say, "a
    23-metre dam" and "a 23-metre barrage" whose nouns differ) are grouped when several articles
    give exactly the same measured value in the same unit: an identical 23 metres in one story is
    the same fact, however the noun was spun.
    """
    s = settings or FigureSettings()
    buckets: dict[tuple[str, str, str], list[Figure]] = defaultdict(list)
    for figure in figures:
        if not figure.counts_key:
            continue
        dimension, _ = _dimension(figure.unit)  # a currency is its own dimension: USD is not EUR
        key = figure.counts_key
        if key in GENERIC_KEYS:
            if figure.predicate is None:
                continue  # "1,900 people" with no verb: too vague to compare with anything
            key = f"{key} {figure.predicate}"  # "people" alone says too little
        buckets[(key, dimension, figure.scope or "")].append(figure)
    groups: list[FigureGroup] = []
    grouped: set[str] = set()
    for members in buckets.values():
        for cluster in _cluster(members, s):
            kept = _dedupe(cluster)
            if len({f.article_id for f in kept}) < s.min_sources:
                continue
            found = _classify_series(kept, outlets, s)
            groups.extend(found)
            grouped.update(fid for g in found for fid in g.figure_ids)
    groups.extend(_identical_measures([f for f in figures if f.id not in grouped], outlets, s))
    groups = _merge_identical(groups, {f.id: f for f in figures}, outlets, s)
    groups.sort(key=lambda g: (-len(g.figure_ids), g.about))
    return tuple(groups)


def _base_values(
    group: FigureGroup, by_id: Mapping[str, Figure]
) -> set[tuple[str, float, float | None]] | None:
    """The one measured value an agreeing group gives, in base units (None for plain counts)."""
    values: set[tuple[str, float, float | None]] = set()
    for fid in group.figure_ids:
        f = by_id[fid]
        dimension, factor = _dimension(f.unit)
        if dimension in {"count", "fraction"}:
            return None
        high = None if f.value_max is None else round(f.value_max * factor, 6)
        values.add((dimension, round(f.value * factor, 6), high))
    return values


def _merge_identical(
    groups: list[FigureGroup],
    by_id: Mapping[str, Figure],
    outlets: Mapping[str, str | None],
    settings: FigureSettings,
) -> list[FigureGroup]:
    """Agreeing groups that give one identical measured value ("a 9% pay rise" and "asked for 9%";
    "a 72-hour strike" and "a three-day strike") are one fact worded differently: merge them."""
    merged: dict[tuple[str, float, float | None], list[FigureGroup]] = defaultdict(list)
    out: list[FigureGroup] = []
    for group in groups:
        values = _base_values(group, by_id) if group.status == "agree" else None
        if values is not None and len(values) == 1:
            merged[next(iter(values))].append(group)
        else:
            out.append(group)
    for same in merged.values():
        if len(same) == 1:
            out.append(same[0])
            continue
        members = [by_id[fid] for g in same for fid in g.figure_ids]
        about = max(same, key=lambda g: len(g.figure_ids)).about
        out.append(classify(members, about, outlets, settings))
    return out


def _identical_measures(
    figures: Sequence[Figure], outlets: Mapping[str, str | None], settings: FigureSettings
) -> list[FigureGroup]:
    same: dict[tuple[str, float, float | None], list[Figure]] = defaultdict(list)
    for f in figures:
        if f.unit is not None and f.unit != "fraction":
            same[(f.unit, f.value, f.value_max)].append(f)
    groups: list[FigureGroup] = []
    for members in same.values():
        kept = _dedupe(members)
        if len({f.article_id for f in kept}) < settings.min_sources:
            continue
        keys = [f.counts_key for f in kept if f.counts_key]
        # the most frequent key, the first written among equals: a set's order would make the
        # label change from run to run
        label = Counter(keys).most_common(1)[0][0] if keys else "figure"
        groups.append(classify(kept, f"{label} ({kept[0].unit})", outlets, settings))
    return groups
