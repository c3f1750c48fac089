"""The summariser's knobs, with the values tuned on the Multi-News dev part (clusters 0-99)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SummarizerSettings"]


@dataclass(frozen=True)
class SummarizerSettings:
    """Tuned defaults (see docs/summary.md for how each was chosen).

    Ranking: ``score = centrality_weight * cos(sentence, centroid of independent sources)
    + support_weight * share of the other independent sources that carry a similar sentence
    + position_weight * 1 / (1 + position) ** position_decay``. Selection is MMR with
    ``mmr_lambda``; a sentence more similar than ``max_redundancy`` to one already chosen is never
    taken. The budget is ``words`` (a sentence may overshoot it by ``overshoot`` of the budget).

    ``max_candidates`` bounds memory on very large stories (only the earliest sentences of each
    article compete beyond it); Multi-News clusters and a 50-article story stay far below it.

    Citation: another article supports a summary sentence when one of its sentences has TF-IDF
    cosine >= ``support_cosine``, or covers at least ``support_containment`` of the summary
    sentence's content stems (when it has at least ``support_min_stems``) with cosine >=
    ``support_min_cosine``; every number of the summary sentence must appear in the supporting one.
    """

    words: int = 120
    overshoot: float = 0.15
    min_words: int = 6
    max_words: int = 60
    centrality_weight: float = 1.0
    support_weight: float = 0.5
    position_weight: float = 0.6
    position_decay: float = 1.0
    mmr_lambda: float = 0.7
    max_redundancy: float = 0.55
    duplicate_similarity: float = 0.8
    support_similarity: float = 0.35
    support_cosine: float = 0.55
    support_containment: float = 0.7
    support_min_cosine: float = 0.3
    support_min_stems: int = 6
    chronological: bool = True
    max_candidates: int = 2000
