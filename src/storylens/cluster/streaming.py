"""The default clusterer: streaming, time-aware, incremental, with duplicates detected first.

``update(store)`` loads the saved window state (``store.get_state``), assigns only the articles
that are in no story yet (in publication order), saves the stories that changed and the new
state. Story ids come from each story's first article, so they survive every later update.
``cluster(articles)`` runs the same logic on a folder's worth of articles from a fresh state.

Example:
    >>> from storylens.config import ClusterSettings
    >>> from storylens.store.memory import MemoryStore
    >>> clusterer = StreamingClusterer(ClusterSettings())
    >>> clusterer.update(MemoryStore())
    []
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from storylens.cluster.base import make_story
from storylens.cluster.stream import Assignment, StoryStream, StreamSettings
from storylens.config import ClusterSettings
from storylens.dedupe.minhash import DedupeSettings
from storylens.errors import StoreError
from storylens.records import Article, Story, publication_order
from storylens.store.base import Store

__all__ = ["STATE_KEY", "StreamingClusterer", "stream_settings"]

#: Key of the clusterer's window state in the store.
STATE_KEY = "cluster.stream.v1"


def stream_settings(settings: ClusterSettings) -> StreamSettings:
    """The stream's settings from the user-facing ``[cluster]`` settings."""
    return dataclasses.replace(
        StreamSettings(),
        threshold=settings.threshold,
        window_days=settings.window_days,
        decay_days=settings.decay_days,
        size_boost=settings.size_boost,
        window_growth=settings.window_growth,
        max_window_days=settings.max_window_days,
        merge_similarity=settings.merge_similarity,
        template_words=settings.template_words,
        dedupe=DedupeSettings(
            threshold=settings.near_duplicate_threshold,
            num_perm=settings.num_perm,
            window_days=settings.window_days,
        ),
    )


class StreamingClusterer:
    """Streaming single-pass clustering with an inactivity window (see ``cluster.stream``)."""

    name = "stream"

    def __init__(self, settings: ClusterSettings) -> None:
        self.settings = settings
        self.stream_settings = stream_settings(settings)

    def cluster(self, articles: Sequence[Article]) -> list[Story]:
        """Group a batch of articles (a folder) into stories, from a fresh state."""
        stream = StoryStream(self.stream_settings)
        ordered = sorted(articles, key=publication_order)
        assignments = stream.add_batch(ordered)
        by_id = {a.id: a for a in ordered}
        groups = _group(assignments)
        return [
            make_story([by_id[i] for i in members], duplicates, story_id)
            for story_id, (members, duplicates) in groups.items()
        ]

    def _load(self, store: Store) -> StoryStream:
        data = store.get_state(STATE_KEY)
        if data is None:
            return StoryStream(self.stream_settings)
        try:
            return StoryStream.from_bytes(self.stream_settings, data)
        except (ValueError, KeyError, OSError) as exc:
            raise StoreError(
                f"the saved clustering state ({STATE_KEY}) cannot be read ({exc}); "
                "delete the stories to re-cluster from scratch"
            ) from exc

    def update(self, store: Store) -> list[Story]:
        """Assign stored articles that are in no story yet; keep story ids; persist all."""
        stored = {s.id: s for s in store.stories()}
        assigned = {a for s in stored.values() for a in s.article_ids}
        new_ids = [i for i in store.article_ids() if i not in assigned]
        if not new_ids:
            return list(stored.values())
        stream = self._load(store)
        new = sorted(store.articles(new_ids), key=publication_order)
        assignments = stream.add_batch(new)
        groups = _group(assignments)
        changed: list[Story] = []
        for story_id, (members, duplicates) in groups.items():
            previous = stored.get(story_id)
            ids = list(dict.fromkeys([*(previous.article_ids if previous else ()), *members]))
            pairs = list(dict.fromkeys([*(previous.duplicates if previous else ()), *duplicates]))
            changed.append(make_story(store.articles(ids), pairs, story_id))
        store.save_stories(changed)
        store.put_state(STATE_KEY, stream.to_bytes())
        return store.stories()


def _group(assignments: Sequence[Assignment]) -> dict[str, tuple[list[str], list[tuple[str, str]]]]:
    """Story id -> (member ids, duplicate pairs), in assignment order."""
    groups: dict[str, tuple[list[str], list[tuple[str, str]]]] = {}
    for assignment in assignments:
        story_id = assignment.story_id
        members, duplicates = groups.setdefault(story_id, ([], []))
        members.append(assignment.article_id)
        if assignment.duplicate:
            duplicates.append(assignment.duplicate)
    return groups
