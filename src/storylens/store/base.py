"""The Store protocol every storage backend implements."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from storylens.records import Article, Sentence, Story

__all__ = ["SourceRecord", "Store"]


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One ingested source file: where it was, the hash of its bytes, and what it gave."""

    origin: str
    digest: str
    article_ids: tuple[str, ...]


@runtime_checkable
class Store(Protocol):
    """The system of record.

    ``add_source`` is atomic: a source's articles, sentences and its own record are written in
    one transaction, so a crash loses at most the source being written and a rerun completes it.
    Articles are keyed by content hash, so adding the same article twice stores it once.
    """

    def has_source(self, origin: str, digest: str) -> bool:
        """Whether this exact source (same origin, same bytes) was ingested already."""
        ...

    def add_source(
        self, source: SourceRecord, articles: Sequence[Article], sentences: Sequence[Sentence]
    ) -> int:
        """Store a source's articles and sentences atomically; return how many articles were new."""
        ...

    def article_ids(self) -> list[str]:
        """Every stored article id, in ingestion order."""
        ...

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        """Stored articles (all of them, or those ids, in the order given)."""
        ...

    def sentences(self, article_ids: Iterable[str]) -> list[Sentence]:
        """The sentences of those articles, grouped by article in the order given."""
        ...

    def count_articles(self) -> int:
        """How many articles are stored."""
        ...

    def sources(self) -> list[SourceRecord]:
        """Every ingested source."""
        ...

    def save_stories(self, stories: Sequence[Story], removed: Iterable[str] = ()) -> None:
        """Insert or replace these stories and delete the ``removed`` ones, atomically."""
        ...

    def stories(self) -> list[Story]:
        """Every stored story."""
        ...

    def get_state(self, key: str) -> bytes | None:
        """A stage's saved state blob (for example the clusterer's), or None."""
        ...

    def put_state(self, key: str, value: bytes) -> None:
        """Save a stage's state blob."""
        ...

    def get_artifact(self, article_id: str, kind: str) -> bytes | None:
        """A cached per-article analysis (``kind`` includes the producer's version)."""
        ...

    def put_artifacts(
        self,
        items: Sequence[tuple[str, str, bytes]],
        superseded: Sequence[tuple[str, str, str]] = (),
    ) -> None:
        """Cache per-article analyses: ``(article_id, kind, payload)`` triples.

        ``superseded`` names rows the new ones make unreachable, deleted in the same
        transaction (a crash keeps both or neither): for each ``(article_id, family, keep)``,
        that id's rows whose kind matches the GLOB pattern ``family`` and not ``keep``.
        """
        ...

    def artifacts_present(self, article_ids: Iterable[str], kind: str) -> set[str]:
        """Which of these articles have an artifact of ``kind`` (without reading the payloads)."""
        ...

    def prune_artifacts(self) -> int:
        """Delete the artifacts kept under an id that is neither a stored article nor a stored
        story (a story merged into another, say), in one transaction; return how many."""
        ...

    def close(self) -> None:
        """Release the store's resources."""
        ...
