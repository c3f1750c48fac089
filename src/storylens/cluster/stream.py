"""The streaming story-clustering state machine: articles in publication order, each joins the
most similar active story or starts a new one; stories go quiet after an inactivity window.

An active story is a pruned centroid (the sum of its members' unit TF-IDF vectors, at most
``max_centroid_terms`` terms) kept in an inverted index ``term -> {story: weight}``, so scoring a
new article touches only the stories that share a term with it. A story whose last article is
more than ``window_days`` older than the newest article seen is dropped from the index: memory is
bounded by the stories of the window, whatever the length of the stream.

Duplicates are found first (``storylens.dedupe``); a duplicate joins its original's story without
moving the centroid (a copy is not new evidence about what the story is).

Example:
    >>> import datetime as dt
    >>> from storylens.records import Article
    >>> stream = StoryStream(StreamSettings())
    >>> a = Article(id="a1", origin="x", title="Dam bursts above Nova Vila",
    ...             text="The dam above Nova Vila burst at night.", published=dt.date(2024, 5, 1))
    >>> stream.add(a).story_id
    'st-a1'
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
import io
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from storylens.cluster.features import FeatureSettings, OnlineIdf, TermFeaturizer
from storylens.dedupe.minhash import DedupeSettings, DuplicateDetector
from storylens.records import Article

__all__ = ["ActiveStory", "Assignment", "StoryStream", "StreamSettings", "story_id_for"]

STATE_VERSION = 1


def story_id_for(seed_id: str) -> str:
    """A story's id, derived from its first article so that it never changes."""
    return f"st-{seed_id[:12]}"


@dataclass(frozen=True)
class StreamSettings:
    """Clustering knobs; defaults tuned on the dev sets (docs/clustering.md).

    Attributes:
        threshold: minimum (time-decayed) cosine between an article and a story centroid to join.
        window_days: a story with no article for this many days goes quiet (leaves memory).
        window_growth: a story of ``n`` articles stays open ``window_days * (1 + window_growth *
            ln(n))`` days: a saga covered for weeks comes back after gaps a one-off story never
            survives. Memory stays bounded: few stories grow big.
        max_window_days: the cap on that grown window.
        decay_days: similarity is multiplied by ``exp(-gap / decay_days)`` where ``gap`` is the
            days between the article and the story's last article (0 switches decay off).
        max_centroid_terms: terms kept per centroid (the heaviest); bounds memory and time.
        query_terms: score with only the article's heaviest terms (0 = all); the light tail
            adds little to a cosine but most of the posting-list walking.
        size_boost: a story of ``n`` articles (or ``n`` days, see ``boost_by_days``) scores
            ``1 + size_boost * ln(n)`` times its cosine.
            A big story's centroid spreads over many terms, so an on-topic article's cosine to it
            falls as it grows; without the boost long-running stories splinter.
        boost_by_days: grow the boost with the story's distinct publication days (dates later
            than its last) instead of its article count. A story's wording drifts as it runs
            for days, which is what the boost makes up for; a same-day pile-up of related
            articles (or an undated collection) is not boosted, so it does not snowball into
            a topic-sized cluster. Dev: Multi-News +0.018, ECB+ events +0.036, ECB+ topics
            -0.027, Timeline17 unchanged at ``size_boost`` 0.8 (it was 0.4 by size).
        merge_similarity: after a batch, a story started in that batch is merged into another
            active story when their average-link similarity (the mean cosine between their
            members, ``c_a . c_b / (n_a n_b)`` over the summed centroids) reaches this value
            (0 switches the merge pass off). It repairs the single pass's order effects: an
            article that arrived before its story's other articles could not join them.
        merge_gap_days: dated stories merge only if their date ranges are at most this many
            days apart (two earthquakes a year apart are two stories even if worded alike).
        template_words: a repeated text (exact or near copy) of at most this many words that
            is already copied ``template_copies`` times is treated as a template (archive notices,
            embed placeholders left in by an extractor): it becomes an inert one-article story
            instead of joining its original's story, which would chain unrelated stories.
        template_copies: copies of a short text needed before further copies count as a template.
        features: how articles become term vectors.
        dedupe: duplicate detection ahead of clustering (its window follows ``window_days``).
    """

    threshold: float = 0.28
    window_days: int = 7
    window_growth: float = 0.0
    max_window_days: int = 365
    decay_days: float = 0.0
    max_centroid_terms: int = 300
    query_terms: int = 0
    size_boost: float = 0.0
    merge_similarity: float = 0.0
    boost_by_days: bool = True
    merge_gap_days: int = 14
    template_words: int = 0
    template_copies: int = 3
    features: FeatureSettings = field(default_factory=FeatureSettings)
    dedupe: DedupeSettings = field(default_factory=DedupeSettings)


@dataclass(frozen=True, slots=True)
class Assignment:
    """Where one article went: its story, whether it started it, and the duplicate pair found.

    ``duplicate`` is ``(copy id, original id)``: usually the article is the copy; when a
    same-day copy arrived first, the article is the original and the earlier one the copy.
    """

    article_id: str
    story_id: str
    new_story: bool
    similarity: float
    duplicate: tuple[str, str] | None = None


@dataclass
class ActiveStory:
    """A story still open to new articles."""

    id: str
    centroid: dict[int, float]
    norm: float
    first: dt.date | None
    last: dt.date | None
    size: int = 1
    days: int = 1


class StoryStream:
    """The clustering state: online IDF, active stories with their inverted index, duplicates."""

    def __init__(self, settings: StreamSettings) -> None:
        self.settings = settings
        self.featurizer = TermFeaturizer(settings.features)
        self.idf = OnlineIdf(settings.features.n_bits)
        self.dedupe = DuplicateDetector(settings.dedupe)
        self.stories: dict[str, ActiveStory] = {}
        self.story_of: dict[str, str] = {}
        self.today: dt.date | None = None
        self._postings: dict[int, dict[str, float]] = {}
        self._copies: dict[str, int] = {}  # original id -> short copies seen (template rule)

    # -- the stream ----------------------------------------------------------------------------

    def add(self, article: Article, counts: dict[int, float] | None = None) -> Assignment:
        """Assign one article. ``counts`` are its term counts if already observed by the IDF
        (see ``add_batch``); otherwise they are computed and observed here."""
        if counts is None:
            counts = self.featurizer.counts(article)
            self.idf.observe(counts)
        self._advance(article.published)
        match = self.dedupe.check_and_add(article)
        earlier = match.original if match and match.duplicate == article.id else match and match.duplicate
        if match is not None and self._is_template(article, match.original):
            story = ActiveStory(story_id_for(article.id), {}, 0.0, article.published, article.published, 0)
            self.stories[story.id] = story  # inert: no centroid, nothing joins it by content
            self._touch(story, article)
            self.story_of[article.id] = story.id
            return Assignment(article.id, story.id, True, match.similarity)
        if match is not None and earlier in self.story_of:
            story = self.stories[self.story_of[earlier]]
            self._touch(story, article)
            self.story_of[article.id] = story.id
            pair = (match.duplicate, match.original)
            return Assignment(article.id, story.id, False, match.similarity, pair)
        vector = self.idf.weigh(counts)
        best, score = self._best_story(vector, article.published)
        if best is not None and score >= self.settings.threshold:
            self._join(best, vector, article)
            self.story_of[article.id] = best.id
            return Assignment(article.id, best.id, False, score)
        story = ActiveStory(story_id_for(article.id), {}, 0.0, article.published, article.published, 0)
        self.stories[story.id] = story
        self._join(story, vector, article)
        self.story_of[article.id] = story.id
        return Assignment(article.id, story.id, True, score)

    def add_batch(self, articles: Sequence[Article]) -> list[Assignment]:
        """Assign a batch in publication order, after counting the whole batch into the IDF.

        Batch and stream run the same assignment logic; the batch only lets the IDF see its own
        documents first, which a folder of articles allows and which steadies early decisions.
        """
        counts = [self.featurizer.counts(a) for a in articles]
        for c in counts:
            self.idf.observe(c)
        assignments = [self.add(a, c) for a, c in zip(articles, counts, strict=True)]
        if self.settings.merge_similarity <= 0:
            return assignments
        new = [a.story_id for a in assignments if a.new_story and a.story_id in self.stories]
        merged_into = self._merge_pass(new)
        if not merged_into:
            return assignments
        for article_id, story_id in self.story_of.items():
            if story_id in merged_into:
                self.story_of[article_id] = self._root(merged_into, story_id)
        return [
            dataclasses.replace(
                a,
                story_id=self._root(merged_into, a.story_id),
                new_story=a.new_story and a.story_id not in merged_into,
            )
            for a in assignments
        ]

    def similarity(self, first: Article, second: Article) -> float:
        """Cosine of two articles' vectors under the current IDF (no state change)."""
        a = self.idf.weigh(self.featurizer.counts(first))
        b = self.idf.weigh(self.featurizer.counts(second))
        return sum(w * b.get(t, 0.0) for t, w in a.items())

    # -- internals -----------------------------------------------------------------------------

    def _is_template(self, article: Article, original: str) -> bool:
        """A short text copied often enough to be page furniture rather than news."""
        limit = self.settings.template_words
        if limit <= 0 or len(article.text.split()) > limit:
            return False
        copies = self._copies.get(original, 0)
        self._copies[original] = copies + 1
        return copies + 1 > self.settings.template_copies

    @staticmethod
    def _root(merged_into: dict[str, str], story_id: str) -> str:
        while story_id in merged_into:
            story_id = merged_into[story_id]
        return story_id

    def _link(self, story: ActiveStory) -> tuple[float, str] | None:
        """The active story most similar to ``story`` by average link, with its score."""
        dots: dict[str, float] = {}
        for term, weight in story.centroid.items():
            for other_id, other_weight in self._postings.get(term, {}).items():
                if other_id != story.id:
                    dots[other_id] = dots.get(other_id, 0.0) + weight * other_weight
        best: tuple[float, str] | None = None
        gap = self.settings.merge_gap_days
        for other_id, dot in dots.items():
            other = self.stories[other_id]
            if not other.centroid:
                continue
            if story.first and story.last and other.first and other.last:
                apart = max((other.first - story.last).days, (story.first - other.last).days)
                if apart > gap:
                    continue
            score = dot / (story.size * other.size)
            if best is None or score > best[0]:
                best = (score, other_id)
        return best

    def _merge_pass(self, new: list[str]) -> dict[str, str]:
        """Greedy average-link merging of the batch's new stories into active stories.

        Only a story started in this batch is absorbed (into the older of the pair, or any
        older story), so ids already handed out and persisted never disappear.
        """
        order = {story_id: i for i, story_id in enumerate(self.stories)}  # creation order
        fresh = set(new)
        heap: list[tuple[float, str, str]] = []
        for story_id in new:
            link = self._link(self.stories[story_id])
            if link and link[0] >= self.settings.merge_similarity:
                heapq.heappush(heap, (-link[0], story_id, link[1]))
        merged_into: dict[str, str] = {}
        while heap:
            score, first, second = heapq.heappop(heap)
            if first not in self.stories or second not in self.stories:
                continue
            link = self._link(self.stories[first])  # scores go stale as stories merge
            if link is None or link[0] < self.settings.merge_similarity:
                continue
            if link[1] != second or -score - link[0] > 1e-12:
                heapq.heappush(heap, (-link[0], first, link[1]))
                continue
            keep, drop = sorted((first, second), key=order.__getitem__)
            if drop not in fresh:
                continue
            self._absorb(self.stories[keep], self.stories[drop])
            merged_into[drop] = keep
            if keep in fresh:
                link = self._link(self.stories[keep])
                if link and link[0] >= self.settings.merge_similarity:
                    heapq.heappush(heap, (-link[0], keep, link[1]))
        return merged_into

    def _absorb(self, keep: ActiveStory, drop: ActiveStory) -> None:
        self._unindex(drop, drop.centroid)
        del self.stories[drop.id]
        keep.size += drop.size
        for day in (drop.first, drop.last):
            if day is not None:
                keep.first = day if keep.first is None else min(keep.first, day)
                keep.last = day if keep.last is None else max(keep.last, day)
        self._add_vector(keep, drop.centroid)

    def _advance(self, published: dt.date | None) -> None:
        if published is None or (self.today is not None and published <= self.today):
            return
        self.today = published
        for story in self.stories.values():
            if story.last is None:  # undated so far: its inactivity is counted from now
                story.last = published
        quiet = [
            s
            for s in self.stories.values()
            if s.last is not None and (published - s.last).days > self._window(s.size)
        ]
        for story in quiet:
            self._unindex(story, story.centroid)
            del self.stories[story.id]
        self.dedupe.expire(published)
        # Only a duplicate's original needs its story looked up, and originals are in the window.
        self.story_of = {
            a: s for a, s in self.story_of.items() if s in self.stories and a in self.dedupe
        }
        self._copies = {a: n for a, n in self._copies.items() if a in self.dedupe}

    def _window(self, size: int) -> float:
        s = self.settings
        return min(s.max_window_days, s.window_days * (1.0 + s.window_growth * math.log(size)))

    def _best_story(
        self, vector: dict[int, float], published: dt.date | None
    ) -> tuple[ActiveStory | None, float]:
        dots: dict[str, float] = {}
        terms = vector.items()
        if self.settings.query_terms and len(vector) > self.settings.query_terms:
            terms = sorted(terms, key=lambda item: item[1], reverse=True)[: self.settings.query_terms]  # type: ignore[assignment]
        for term, weight in terms:
            posting = self._postings.get(term)
            if posting:
                for story_id, centroid_weight in posting.items():
                    dots[story_id] = dots.get(story_id, 0.0) + weight * centroid_weight
        best: ActiveStory | None = None
        best_score = 0.0
        decay = self.settings.decay_days
        for story_id, dot in dots.items():
            story = self.stories[story_id]
            score = dot / story.norm if story.norm else 0.0
            grown = story.days if self.settings.boost_by_days else story.size
            if self.settings.size_boost and grown > 1:
                score *= 1.0 + self.settings.size_boost * math.log(grown)
            if decay > 0 and published is not None and story.last is not None:
                score *= math.exp(-abs((published - story.last).days) / decay)
            if score > best_score:
                best, best_score = story, score
        return best, best_score

    def _touch(self, story: ActiveStory, article: Article) -> None:
        story.size += 1
        day = article.published or self.today  # an undated article is active "now"
        if article.published is not None and story.last is not None and article.published > story.last:
            story.days += 1
        if day is not None:
            story.first = day if story.first is None else min(story.first, day)
            story.last = day if story.last is None else max(story.last, day)

    def _join(self, story: ActiveStory, vector: dict[int, float], article: Article) -> None:
        self._touch(story, article)
        self._add_vector(story, vector)

    def _add_vector(self, story: ActiveStory, vector: dict[int, float]) -> None:
        old = story.centroid
        merged = dict(old)
        for term, weight in vector.items():
            merged[term] = merged.get(term, 0.0) + weight
        limit = self.settings.max_centroid_terms
        if len(merged) > limit:
            kept = sorted(merged.items(), key=lambda item: item[1], reverse=True)[:limit]
            merged = dict(kept)
        dropped = {t: w for t, w in old.items() if t not in merged}
        self._unindex(story, dropped)
        for term, weight in merged.items():
            self._postings.setdefault(term, {})[story.id] = weight
        story.centroid = merged
        story.norm = math.sqrt(sum(w * w for w in merged.values()))

    def _unindex(self, story: ActiveStory, terms: Iterable[int]) -> None:
        for term in terms:
            posting = self._postings.get(term)
            if posting is not None:
                posting.pop(story.id, None)
                if not posting:
                    del self._postings[term]

    # -- persistence ---------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The whole state as a compressed ``.npz`` (no pickles: safe to load from a store)."""
        stories = list(self.stories.values())
        dedupe = self.dedupe.export_state()
        meta = {
            "version": STATE_VERSION,
            "today": self.today.isoformat() if self.today else None,
            "docs": self.idf.docs,
            "stories": [
                [s.id, s.first.isoformat() if s.first else "", s.last.isoformat() if s.last else "",
                 s.size, len(s.centroid), s.days]
                for s in stories
            ],
            "story_of": self.story_of,
            "copies": self._copies,
            "dedupe": {k: v for k, v in dedupe.items() if k != "signatures"},
        }
        terms = [t for s in stories for t in s.centroid]
        weights = [w for s in stories for w in s.centroid.values()]
        buffer = io.BytesIO()
        np.savez_compressed(
            buffer,
            meta=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
            df=self.idf.df,
            terms=np.asarray(terms, dtype=np.int64),
            weights=np.asarray(weights, dtype=np.float64),
            signatures=np.asarray(dedupe["signatures"]),
        )
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, settings: StreamSettings, data: bytes) -> StoryStream:
        """Rebuild a stream saved by ``to_bytes`` (with the same feature settings)."""
        stream = cls(settings)
        with np.load(io.BytesIO(data), allow_pickle=False) as arrays:
            meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
            if meta.get("version") != STATE_VERSION:
                raise ValueError(f"cluster state version {meta.get('version')} is not supported")
            df = arrays["df"]
            terms = arrays["terms"].tolist()
            weights = arrays["weights"].tolist()
            signatures = arrays["signatures"]
        if df.shape[0] == stream.idf.df.shape[0]:
            stream.idf = OnlineIdf(settings.features.n_bits, df.astype(np.float32), meta["docs"])
        stream.today = dt.date.fromisoformat(meta["today"]) if meta["today"] else None
        offset = 0
        for story_id, first, last, size, length, *days in meta["stories"]:
            centroid = dict(zip(terms[offset : offset + length], weights[offset : offset + length], strict=True))
            offset += length
            story = ActiveStory(
                story_id,
                centroid,
                math.sqrt(sum(w * w for w in centroid.values())),
                dt.date.fromisoformat(first) if first else None,
                dt.date.fromisoformat(last) if last else None,
                size,
                days[0] if days else 1,
            )
            stream.stories[story_id] = story
            for term, weight in centroid.items():
                stream._postings.setdefault(term, {})[story_id] = weight
        stream.story_of = dict(meta["story_of"])
        stream._copies = {k: int(v) for k, v in meta.get("copies", {}).items()}
        stream.dedupe.import_state({**meta["dedupe"], "signatures": signatures})
        return stream
