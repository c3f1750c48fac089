"""Hints scanned over lowercased text find the same expressions as the case-insensitive scan."""

from __future__ import annotations

import pytest

from storylens.time import grammar

TEXTS = [
    "YESTERDAY the Mayor said TWO WEEKS AGO the dam was fine; by Noon on Sept. 10 it burst.",
    "Officials met Every Tuesday in the Fiscal Year 2024, Spring 2023 and the nineteen-nineties.",
    "In İstanbul, THREE DAYS LATER, at 5 P.M., the second-quarter figures came out Monthly.",
    "No dates here at all, only names: Dayton, Weekley, Yearwood and Minuteman.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_lowercase_hints_find_the_same_expressions(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = [(c.rule, c.start, c.end) for c in grammar.find_expressions(text)]
    monkeypatch.setattr(grammar, "_LOWERCASE_HINTS", dict.fromkeys(grammar._LOWERCASE_HINTS))
    assert fast == [(c.rule, c.start, c.end) for c in grammar.find_expressions(text)]


def test_only_wholly_case_insensitive_hints_are_lowercased() -> None:
    assert grammar._lowercase_form(r"(?i:spring|summer)") is not None
    assert grammar._lowercase_form(r"\b(?:Jan|Feb)") is None
    assert grammar._lowercase_form(r"(?:(?i:week)|May)") is None
    assert grammar._lowercase_form(r"\d{4}-\d\d") is None
