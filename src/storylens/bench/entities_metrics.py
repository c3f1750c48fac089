"""Coreference scores: B-cubed, MUC, CEAF-e and their CoNLL average.

Key and response are partitions of the same gold mentions (mention ids), as in the
gold-mention setting of ECB+ and MEANTIME cross-document coreference. Definitions follow Pradhan
et al. (2014), "Scoring Coreference Partitions of Predicted Mentions" (the reference scorer's
formulas); CEAF-e uses scipy's Hungarian assignment.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

__all__ = ["PRF", "b_cubed", "ceaf_e", "conll_f1", "muc", "partition"]

Clusters = Sequence[frozenset[Hashable]]


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def partition(labels: Mapping[str, str]) -> list[frozenset[Hashable]]:
    """Mention -> cluster label, as a list of clusters."""
    out: dict[str, set[Hashable]] = {}
    for mention, label in labels.items():
        out.setdefault(label, set()).add(mention)
    return [frozenset(c) for c in out.values()]


def _index(clusters: Clusters) -> dict[Hashable, int]:
    return {m: i for i, c in enumerate(clusters) for m in c}


def b_cubed(key: Clusters, response: Clusters) -> PRF:
    """Mention-averaged B-cubed precision and recall."""

    def score(a: Clusters, b: Clusters) -> float:
        where = _index(b)
        total = 0.0
        count = 0
        for cluster in a:
            for mention in cluster:
                other = b[where[mention]] if mention in where else frozenset({mention})
                total += len(cluster & other) / len(cluster)
                count += 1
        return total / count if count else 0.0

    return PRF(precision=score(response, key), recall=score(key, response))


def muc(key: Clusters, response: Clusters) -> PRF:
    """Link-based MUC precision and recall."""

    def score(a: Clusters, b: Clusters) -> float:
        where = _index(b)
        numerator = denominator = 0
        for cluster in a:
            parts = {where.get(m, ("singleton", m)) for m in cluster}
            numerator += len(cluster) - len(parts)
            denominator += len(cluster) - 1
        return numerator / denominator if denominator else 0.0

    return PRF(precision=score(response, key), recall=score(key, response))


def ceaf_e(key: Clusters, response: Clusters) -> PRF:
    """Entity-based CEAF (phi4 similarity, optimal one-to-one alignment)."""
    if not key or not response:
        return PRF(0.0, 0.0)
    similarity = np.zeros((len(key), len(response)))
    where = _index(response)
    for i, cluster in enumerate(key):
        for mention in cluster:
            j = where.get(mention)
            if j is not None:
                similarity[i, j] += 1
    for i, k in enumerate(key):
        for column in np.nonzero(similarity[i])[0]:
            similarity[i, column] = (
                2 * similarity[i, column] / (len(k) + len(response[int(column)]))
            )
    rows, cols = linear_sum_assignment(-similarity)
    total = float(similarity[rows, cols].sum())
    return PRF(precision=total / len(response), recall=total / len(key))


def conll_f1(key: Clusters, response: Clusters) -> float:
    """The CoNLL-2012 score: mean F1 of MUC, B-cubed and CEAF-e."""
    return (muc(key, response).f1 + b_cubed(key, response).f1 + ceaf_e(key, response).f1) / 3
