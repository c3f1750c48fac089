"""The story timeline: dated sentences merged across sources, the salient ones kept, in order.

Every sentence dated by a resolved expression (day, week or month) is a candidate entry. The same
event told by several outlets (a wire story and its rewrites) is merged: candidates of the same
date whose TF-IDF cosine reaches ``merge_similarity`` form one entry, worded as its earliest
source and credited to all. Entries are ranked by how many independent articles report them
(duplicates count once), leads first, and the top ones are kept so that a 50-article story gets a
few dozen entries rather than hundreds.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from storylens.records import Mention, TimelineEvent, TimeMention
from storylens.text.furniture import is_caption, is_furniture
from storylens.text.provenance import lead_start
from storylens.text.voice import in_first_person
from storylens.time.settings import TimeSettings

__all__ = ["DatedSentence", "build_timeline", "date_key", "period_start"]

_GRANULARITY_RANK = {"day": 0, "week": 1, "month": 2}


@dataclass(frozen=True, slots=True)
class DatedSentence:
    """A sentence of an article, the expression that dates it, and its publication date."""

    article_id: str
    published: dt.date | None
    start: int
    end: int
    text: str
    index: int
    mention: TimeMention
    rule: str = ""


def date_key(mention: TimeMention) -> tuple[str, str] | None:
    """The timeline date and granularity of a mention (``2023-09-08TNI`` -> ``2023-09-08``, day)."""
    value = mention.value
    if mention.type in {"DURATION", "SET"} or not value[:4].isdigit():
        return None
    if mention.granularity in {"day", "time"} or (
        len(value) >= 10 and value[4] == "-" and value[7:8] == "-"
    ):
        return value[:10], "day"
    if mention.granularity == "week":
        return value[:8], "week"
    if mention.granularity == "month":
        return value[:7], "month"
    return None


def period_start(key: str) -> dt.date:
    """The first day of a timeline date key (day, ``YYYY-Www`` or ``YYYY-MM``)."""
    if "W" in key:
        return dt.date.fromisocalendar(int(key[:4]), int(key[6:8]), 1)
    if len(key) == 7:
        return dt.date(int(key[:4]), int(key[5:7]), 1)
    return dt.date.fromisoformat(key)


@dataclass
class _Cluster:
    key: str
    granularity: str
    members: list[int]


def _clusters(
    items: list[DatedSentence], keys: list[tuple[str, str]], threshold: float
) -> list[_Cluster]:
    vectors = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        [item.text for item in items]
    )
    order = sorted(
        range(len(items)), key=lambda i: (items[i].published or dt.date.max, items[i].index)
    )
    # Sentences are only ever compared within one date key, so one small similarity matrix per
    # key replaces a sparse product per (sentence, cluster) pair: same result, far less overhead.
    rows_by_key: dict[str, list[int]] = {}
    for i in order:
        rows_by_key.setdefault(keys[i][0], []).append(i)
    blocks: dict[str, tuple[dict[int, int], np.ndarray]] = {}
    for key, rows in rows_by_key.items():
        if len(rows) > 1:
            blocks[key] = ({row: a for a, row in enumerate(rows)}, (vectors[rows] @ vectors[rows].T).toarray())
    clusters: list[_Cluster] = []
    by_key: dict[str, list[_Cluster]] = {}
    # Per key, the block positions of the sentences placed so far and their cluster numbers:
    # a sentence's best cluster is then one vectorised max per cluster, not a loop over clusters
    # (a 1,437-article story has hundreds of sentences on its main dates).
    placed: dict[str, tuple[list[int], list[int]]] = {}
    for i in order:
        key, granularity = keys[i]
        best, number = None, -1
        if key in by_key:
            position, block = blocks[key]
            positions, numbers = placed[key]
            per_cluster = np.full(len(by_key[key]), -np.inf)
            np.maximum.at(per_cluster, numbers, block[position[i], positions])
            if per_cluster.max() >= threshold:  # the last cluster with the highest similarity
                number = len(per_cluster) - 1 - int(np.argmax(per_cluster[::-1]))
                best = by_key[key][number]
        if best is None:
            best = _Cluster(key, granularity, [])
            clusters.append(best)
            by_key.setdefault(key, []).append(best)
            number = len(by_key[key]) - 1
        best.members.append(i)
        if key in blocks:
            positions, numbers = placed.setdefault(key, ([], []))
            positions.append(blocks[key][0][i])
            numbers.append(number)
    return clusters


#: A list bullet or a separator line before an entry's words ("\\* April 22 - ...",
#: "-------- 2009-06-28 ..."), left by a chronology page.
_BULLETS = re.compile(r"^(?:[-=_~*\\\u2022\u00b7]\s*){2,}|^(?:\\?[*\u2022\u00b7])\s+")


def _reports_an_event(item: DatedSentence) -> bool:
    """Whether a dated sentence can be a timeline entry: in the reporting voice (a reader's "I
    got my PhD there on May 10, 1996" is a comment), no page furniture or photo caption, and
    its date not in a page header glued to it ("Fergus Walsh | 12:16 PM, Thursday, 28 May
    2009 ...": that is when the page was posted, not when anything happened)."""
    text = item.text
    header = lead_start(text)
    if header > 0 and item.mention.start - item.start < header:
        return False
    return not (
        in_first_person(text, plural=True) or is_caption(text) or is_furniture(text[header:])
    )


def build_timeline(
    dated: list[DatedSentence],
    settings: TimeSettings,
    duplicate_of: dict[str, str] | None = None,
) -> tuple[TimelineEvent, ...]:
    """Merge, rank and order dated sentences into timeline entries.

    ``duplicate_of`` maps a duplicate article to its original, so that a copy does not make an
    event look twice as well reported.
    """
    keyed = [(item, key) for item in dated if (key := date_key(item.mention))]
    keyed = [(item, key) for item, key in keyed if _reports_an_event(item)]
    keyed = [(item, key) for item, key in keyed if key[1] in _GRANULARITY_RANK]
    if not keyed:
        return ()
    items = [item for item, _ in keyed]
    keys = [key for _, key in keyed]
    try:
        clusters = _clusters(items, keys, settings.merge_similarity)
    except ValueError:  # every sentence is stop words: no vocabulary to compare
        clusters = [_Cluster(k[0], k[1], [i]) for i, k in enumerate(keys)]
    duplicate_of = duplicate_of or {}
    articles = {duplicate_of.get(item.article_id, item.article_id) for item in items}
    limit = round(settings.events_per_article * len(articles))
    limit = max(settings.min_events, min(settings.max_events, limit))

    def salience(cluster: _Cluster) -> tuple[float, int]:
        sources = {
            duplicate_of.get(items[i].article_id, items[i].article_id) for i in cluster.members
        }
        lead = any(items[i].index == 0 for i in cluster.members)
        return len(sources) + 0.5 * lead - 0.25 * _GRANULARITY_RANK[cluster.granularity], -min(
            cluster.members
        )

    kept = sorted(clusters, key=salience, reverse=True)[:limit]
    events = []
    for cluster in kept:
        members = [items[i] for i in cluster.members]
        first = members[0]
        sources = tuple(dict.fromkeys(m.article_id for m in sorted(
            members, key=lambda m: (m.published or dt.date.max, m.article_id))))  # fmt: skip
        evidence = tuple(Mention(m.article_id, m.start, m.end, m.text) for m in members)
        text = _BULLETS.sub("", first.text[lead_start(first.text) :])
        events.append(TimelineEvent(date=cluster.key, granularity=cluster.granularity, text=text,
                                    sources=sources, expression=first.mention.text, evidence=evidence))  # fmt: skip
    events.sort(key=lambda e: (period_start(e.date), _GRANULARITY_RANK[e.granularity],
                               -len(e.sources)))  # fmt: skip
    return tuple(events)
