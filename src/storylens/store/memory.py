"""An in-memory ``Store`` for tests and throwaway runs: same behaviour, no file."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fnmatch import fnmatchcase

from storylens.records import Article, Sentence, Story
from storylens.store.base import SourceRecord

__all__ = ["MemoryStore"]


class MemoryStore:
    """A ``Store`` kept in dicts; insertion order is ingestion order."""

    def __init__(self) -> None:
        self._articles: dict[str, Article] = {}
        self._sentences: dict[str, list[Sentence]] = {}
        self._sources: dict[tuple[str, str], SourceRecord] = {}
        self._stories: dict[str, Story] = {}
        self._state: dict[str, bytes] = {}
        self._artifacts: dict[tuple[str, str], bytes] = {}

    def has_source(self, origin: str, digest: str) -> bool:
        return (origin, digest) in self._sources

    def add_source(
        self, source: SourceRecord, articles: Sequence[Article], sentences: Sequence[Sentence]
    ) -> int:
        added = 0
        for article in articles:
            if article.id not in self._articles:
                self._articles[article.id] = article
                added += 1
        for sentence in sentences:
            existing = self._sentences.setdefault(sentence.article_id, [])
            if all(s.index != sentence.index for s in existing):
                existing.append(sentence)
        self._sources[(source.origin, source.digest)] = source
        return added

    def article_ids(self) -> list[str]:
        return list(self._articles)

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        if ids is None:
            return list(self._articles.values())
        return [self._articles[i] for i in ids if i in self._articles]

    def sentences(self, article_ids: Iterable[str]) -> list[Sentence]:
        out: list[Sentence] = []
        for article_id in article_ids:
            out.extend(sorted(self._sentences.get(article_id, []), key=lambda s: s.index))
        return out

    def count_articles(self) -> int:
        return len(self._articles)

    def sources(self) -> list[SourceRecord]:
        return sorted(self._sources.values(), key=lambda s: s.origin)

    def save_stories(self, stories: Sequence[Story], removed: Iterable[str] = ()) -> None:
        for story_id in removed:
            self._stories.pop(story_id, None)
        for story in stories:
            self._stories[story.id] = story

    def stories(self) -> list[Story]:
        return [self._stories[k] for k in sorted(self._stories)]

    def get_state(self, key: str) -> bytes | None:
        return self._state.get(key)

    def put_state(self, key: str, value: bytes) -> None:
        self._state[key] = value

    def get_artifact(self, article_id: str, kind: str) -> bytes | None:
        return self._artifacts.get((article_id, kind))

    def put_artifacts(
        self,
        items: Sequence[tuple[str, str, bytes]],
        superseded: Sequence[tuple[str, str, str]] = (),
    ) -> None:
        if superseded:
            owned: dict[str, list[str]] = {}
            for owner, kind in self._artifacts:
                owned.setdefault(owner, []).append(kind)
            for owner, family, keep in superseded:
                for kind in owned.get(owner, ()):
                    if fnmatchcase(kind, family) and not fnmatchcase(kind, keep):
                        self._artifacts.pop((owner, kind), None)
        for article_id, kind, payload in items:
            self._artifacts[(article_id, kind)] = payload

    def artifacts_present(self, article_ids: Iterable[str], kind: str) -> set[str]:
        return {a for a in article_ids if (a, kind) in self._artifacts}

    def prune_artifacts(self) -> int:
        owners = set(self._articles) | set(self._stories)
        stale = [k for k in self._artifacts if k[0] not in owners]
        for key in stale:
            del self._artifacts[key]
        return len(stale)

    def close(self) -> None:
        """Nothing to release."""
