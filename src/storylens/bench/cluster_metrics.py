"""Clustering metrics: B-cubed precision/recall/F1 (Bagga & Baldwin 1998) and pairwise F1.

Written out here (a few lines each) because scikit-learn has neither; pairwise counts come from
the contingency table, so both run in O(n) rather than over all pairs.

Example:
    >>> round(bcubed(["a", "a", "b"], ["x", "x", "x"])["f1"], 3)
    0.714
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

__all__ = ["bcubed", "nested_granularity_bound", "pairwise"]


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def bcubed(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Item-averaged B-cubed precision, recall and F1 of a predicted clustering."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted labellings differ in length")
    if not gold:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    both = Counter(zip(gold, predicted, strict=True))
    gold_size = Counter(gold)
    predicted_size = Counter(predicted)
    precision = sum(n * n / predicted_size[p] for (_, p), n in both.items()) / len(gold)
    recall = sum(n * n / gold_size[g] for (g, _), n in both.items()) / len(gold)
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall)}


def pairwise(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """Precision, recall and F1 over the pairs of items placed in the same cluster."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted labellings differ in length")

    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    true_positive = sum(pairs(n) for n in Counter(zip(gold, predicted, strict=True)).values())
    predicted_pairs = sum(pairs(n) for n in Counter(predicted).values())
    gold_pairs = sum(pairs(n) for n in Counter(gold).values())
    precision = true_positive / predicted_pairs if predicted_pairs else 1.0
    recall = true_positive / gold_pairs if gold_pairs else 1.0
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall)}


def nested_granularity_bound(fine: Sequence[str], coarse: Sequence[str]) -> float:
    """Upper bound on coarse-level B-cubed recall + fine-level B-cubed precision of any one
    clustering, when the fine labels nest in the coarse ones (ECB+ events within topics).

    For an item ``i`` with fine cluster ``E`` inside coarse cluster ``T``, and its predicted
    cluster ``C``: recall_T(i) + precision_E(i) = |C & T| / |T| + |C & E| / |C| is at most
    ``1 + |E| / |T|`` (taking in items outside ``T`` only lowers precision; with ``C & T``
    between ``E`` and ``T`` the sum is convex in its size and equals the bound at both ends).
    So no single clustering is good at both levels unless the fine clusters fill their
    coarse ones; it tells what a pair of per-level targets can be met at once.
    """
    if len(fine) != len(coarse):
        raise ValueError("fine and coarse labellings differ in length")
    if not fine:
        return 2.0
    fine_size = Counter(zip(coarse, fine, strict=True))
    coarse_size = Counter(coarse)
    share = sum(fine_size[(c, f)] / coarse_size[c] for f, c in zip(fine, coarse, strict=True))
    return 1.0 + share / len(fine)
