"""Timeline summarisation for long streams: pick the salient dates, then a few sentences per date.

This is the date-wise approach of Gholipour Ghalandari & Ifrim (2020), without its supervised
date classifier: a date's salience is how often the collection's sentences mention it (each
mention weighted by how early in its article it appears, and days with many publications get a
bonus); each selected date is summarised by the sentences that mention it closest to their
TF-IDF centroid, skipping near-repeats. Used by ``storylens bench timeline`` and available to
callers with large stories.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

__all__ = ["TlsSentence", "TlsSettings", "baseline_timeline", "summarise_timeline"]


@dataclass(frozen=True, slots=True)
class TlsSentence:
    """One sentence of the collection: its text, article, position and the days it mentions."""

    text: str
    article: str
    published: dt.date
    position: int
    dates: tuple[dt.date, ...]


@dataclass(frozen=True)
class TlsSettings:
    """Knobs of ``summarise_timeline``.

    Attributes:
        position_decay: weight of a mention in article sentence ``i`` is ``1 / (1 + decay * i)``.
        publication_weight: each article published the day after a date adds this to its score
            (news reports an event the next day).
        redundancy: cosine above which a sentence repeats one already chosen for the date.
        min_tokens / max_tokens: sentence length limits for summaries.
        lead_candidates: the first this-many sentences of articles published on a date or the
            day after, when they mention no date themselves, are candidates for it too.
    """

    position_decay: float = 0.1
    publication_weight: float = 0.5
    redundancy: float = 0.5
    min_tokens: int = 6
    max_tokens: int = 60
    lead_candidates: int = 3


def _score_dates(sentences: list[TlsSentence], settings: TlsSettings) -> dict[dt.date, float]:
    scores: defaultdict[dt.date, float] = defaultdict(float)
    for sentence in sentences:
        weight = 1.0 / (1.0 + settings.position_decay * sentence.position)
        for date in set(sentence.dates):
            scores[date] += weight
    per_day = Counter(day for _, day in {(s.article, s.published) for s in sentences})
    for day, count in per_day.items():
        scores[day - dt.timedelta(days=1)] += settings.publication_weight * count
    return scores


def summarise_timeline(
    sentences: list[TlsSentence],
    n_dates: int,
    per_date: int,
    start: dt.date,
    end: dt.date,
    settings: TlsSettings | None = None,
) -> dict[dt.date, list[str]]:
    """A timeline of ``n_dates`` dates within ``[start, end]``, ``per_date`` sentences each."""
    settings = settings or TlsSettings()
    usable = [
        s for s in sentences if settings.min_tokens <= len(s.text.split()) <= settings.max_tokens
    ]
    scores = _score_dates(usable, settings)
    mentioning: dict[dt.date, list[int]] = defaultdict(list)
    for i, sentence in enumerate(usable):
        for date in set(sentence.dates):
            mentioning[date].append(i)
    leads: dict[dt.date, list[int]] = defaultdict(list)
    for i, sentence in enumerate(usable):
        if sentence.position < settings.lead_candidates and not sentence.dates:
            leads[sentence.published - dt.timedelta(days=1)].append(i)
            leads[sentence.published].append(i)
    ranked = sorted(scores, key=lambda d: (-scores[d], d))
    ranked = [d for d in ranked if start <= d <= end and mentioning.get(d)]
    chosen = ranked[:n_dates]
    if not chosen:
        return {}
    candidates = {d: mentioning[d] + leads.get(d, []) for d in chosen}
    pool = sorted({i for d in chosen for i in candidates[d]})
    vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        [usable[i].text for i in pool]
    )
    row = {i: r for r, i in enumerate(pool)}
    timeline: dict[dt.date, list[str]] = {}
    for date in chosen:
        rows = [row[i] for i in candidates[date]]
        matrix = vectors[rows]
        centroid = np.asarray(matrix.mean(axis=0)).ravel()
        closeness = matrix @ centroid
        picked: list[int] = []
        for r in np.argsort(-closeness):
            if len(picked) == per_date:
                break
            if picked and (matrix[picked] @ matrix[r].T).toarray().max() > settings.redundancy:
                continue
            picked.append(int(r))
        timeline[date] = [usable[candidates[date][r]].text for r in picked]
    return timeline


def baseline_timeline(
    sentences: list[TlsSentence], n_dates: int, per_date: int, start: dt.date, end: dt.date
) -> dict[dt.date, list[str]]:
    """Most-mentioned dates, each summarised by the first sentences (in collection order) that
    mention it."""
    counts: Counter[dt.date] = Counter(
        d for s in sentences for d in set(s.dates) if start <= d <= end
    )
    ordered = sorted(sentences, key=lambda s: (s.published, s.article, s.position))
    timeline: dict[dt.date, list[str]] = {}
    for date, _ in counts.most_common(n_dates):
        timeline[date] = [s.text for s in ordered if date in s.dates][:per_date]
    return timeline
