"""Clustering a bucket reads each figure's interval once (``_cluster``): the far-apart rule on
the kept midpoints (``_far``) answers as ``_too_far_apart`` does, zero included, and a cluster's
kept spread (``_Spread``) blocks a figure exactly when some member would."""

from __future__ import annotations

import itertools
import math
import random

from storylens.figures.grouping import (
    _cannot_link,
    _cluster,
    _far,
    _midpoint,
    _Spread,
    _too_far_apart,
)
from storylens.figures.settings import FigureSettings
from storylens.records import Figure


def _fig(
    fid: str, article: str, value: float, approx: str | None = None, predicate: str | None = None
) -> Figure:
    return Figure(fid, value, None, approx, "deaths", "deaths", None, "2023-09-12", article,
                  0, 5, str(value), kind="casualties", predicate=predicate)  # fmt: skip


FIGURES = [
    _fig("1", "a", 0), _fig("2", "b", 7), _fig("3", "c", 150, "about"), _fig("4", "d", 160),
    _fig("5", "e", 36_000), _fig("6", "f", 1_000_000, "more_than"), _fig("7", "g", -40),
]  # fmt: skip


def test_far_on_midpoints_is_too_far_apart() -> None:
    settings = FigureSettings()
    for a, b in itertools.product(FIGURES, repeat=2):
        sizes = abs(_midpoint(a, settings)), abs(_midpoint(b, settings))
        assert _far(*sizes, settings.max_conflict_ratio) == _too_far_apart(a, b, settings)


def test_far_apart_counts_land_in_different_clusters() -> None:
    clusters = _cluster(FIGURES, FigureSettings())
    together = {frozenset(f.id for f in c) for c in clusters}
    assert frozenset({"3", "4"}) in together  # 150 and 160 are one count
    assert all(not ({"2", "5"} <= c) for c in together)  # 7 and 36,000 never meet
    assert sorted(f.id for c in clusters for f in c) == sorted(f.id for f in FIGURES)


def test_a_spread_blocks_exactly_when_a_member_would() -> None:
    settings = FigureSettings()
    ratio = settings.max_conflict_ratio
    rng = random.Random(7)
    values = [0, 1, 2, 3, 7, 9, 10, 29, 30, 31, 90, 150, 450, 1_000, 36_000, -5, math.inf]
    figures = [
        _fig(str(i), rng.choice("ab"), rng.choice(values), rng.choice([None, "about"]),
             rng.choice([None, "kill", "injure"]))
        for i in range(400)
    ]  # fmt: skip
    sizes = {id(f): abs(_midpoint(f, settings)) for f in figures}
    for _ in range(300):
        members = rng.sample(figures, rng.randint(1, 6))
        spread = _Spread(members[0], sizes[id(members[0])])
        for member in members[1:]:
            spread.add(member, sizes[id(member)])
        figure = rng.choice(figures)
        size = sizes[id(figure)]
        expected = any(
            _cannot_link(figure, m) or _far(size, sizes[id(m)], ratio) for m in members
        )
        assert spread.blocks(figure, size, members, sizes, ratio) == expected
