"""Coreference metrics against hand-computed values."""

from __future__ import annotations

import pytest

from storylens.bench.entities_metrics import b_cubed, ceaf_e, conll_f1, muc, partition

KEY = partition({"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"})


def test_perfect_response_scores_one() -> None:
    assert b_cubed(KEY, KEY).f1 == pytest.approx(1.0)
    assert muc(KEY, KEY).f1 == pytest.approx(1.0)
    assert ceaf_e(KEY, KEY).f1 == pytest.approx(1.0)
    assert conll_f1(KEY, KEY) == pytest.approx(1.0)


def test_all_singletons() -> None:
    response = partition({m: m for m in "abcde"})
    scores = b_cubed(KEY, response)
    assert scores.precision == pytest.approx(1.0)
    assert scores.recall == pytest.approx((3 * (1 / 3) + 2 * (1 / 2)) / 5)
    assert muc(KEY, response).recall == 0.0


def test_one_big_cluster() -> None:
    response = partition({m: "x" for m in "abcde"})
    scores = b_cubed(KEY, response)
    assert scores.recall == pytest.approx(1.0)
    assert scores.precision == pytest.approx((3 * 3 / 5 + 2 * 2 / 5) / 5)
    assert muc(KEY, response).precision == pytest.approx(3 / 4)
