"""The record of one quantity found in a text (what ``extract_quantities`` returns)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Quantity"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity found in a text.

    ``start``/``end`` cover the whole expression (approximator to unit, and a parenthesised second
    unit); ``num_start``/``num_end`` cover the number itself. ``alternative`` holds the text of
    the same quantity in another unit ("75 miles"), which is part of this figure, not another one.
    """

    value: float
    unit: str | None
    approx: str | None
    start: int
    end: int
    num_start: int
    num_end: int
    text: str
    value_max: float | None = None
    kind: str = "digits"
    alternative: str | None = None
