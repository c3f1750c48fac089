"""The figures stage's knobs, with the values used in the benchmarks (docs/figures.md)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FigureSettings"]


@dataclass(frozen=True)
class FigureSettings:
    """How figures are extracted and reconciled.

    Attributes:
        about_tolerance: relative slack of "about"/"roughly"/"some" (0.1: "about 50" covers 45-55).
        bound_tolerance: how far past its bound a one-sided figure may reach ("more than 40" is
            read as 40-48, "almost 50" as 40-50); a larger gap is a different number.
        min_sources: a group is reported only when this many articles give the figure.
        max_conflict_ratio: two figures further apart than this factor are taken for different
            quantities, never a conflict or an update (real disputes, 4,500 vs 2,800 or 1,200 vs
            fewer than 900, and day-to-day updates, 40 -> 52, stay well inside it; unrelated
            counts of one noun do not).
        skip_dimensions: figure kinds left out of the brief (none by default: durations that
            only place an event in time, "three years ago", are not extracted in the first place).
    """

    about_tolerance: float = 0.1
    bound_tolerance: float = 0.2
    min_sources: int = 2
    skip_dimensions: tuple[str, ...] = ()
    max_conflict_ratio: float = 3.0
