"""The default store: one SQLite file in WAL mode, with numbered schema migrations.

Why SQLite: embedded, no server, crash-safe transactions (a ``kill -9`` mid-ingest rolls the
open transaction back on the next open), and fast enough for millions of articles on one disk.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from storylens.errors import StoreError
from storylens.records import Article, Sentence, Story
from storylens.serialize import (
    article_from_dict,
    article_to_dict,
    sentence_from_row,
    story_from_dict,
    story_to_dict,
)
from storylens.store.base import SourceRecord

__all__ = ["MIGRATIONS", "SQLiteStore", "open_store"]

#: Schema migrations, applied in order; ``PRAGMA user_version`` records how many have run.
#: Never edit a shipped migration: append a new one.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        published TEXT,
        outlet TEXT,
        title TEXT,
        data TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE sentences (
        article_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        text TEXT NOT NULL,
        paragraph INTEGER NOT NULL,
        PRIMARY KEY (article_id, idx)
    ) WITHOUT ROWID;
    CREATE TABLE sources (
        origin TEXT NOT NULL,
        digest TEXT NOT NULL,
        article_ids TEXT NOT NULL,
        PRIMARY KEY (origin, digest)
    ) WITHOUT ROWID;
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        data TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE state (
        key TEXT PRIMARY KEY,
        value BLOB NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE artifacts (
        article_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        payload BLOB NOT NULL,
        PRIMARY KEY (article_id, kind)
    ) WITHOUT ROWID;
    """,
)


class SQLiteStore:
    """A ``Store`` in one SQLite file.

    Example:
        >>> store = SQLiteStore(":memory:")
        >>> store.count_articles()
        0
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._db = self._connect()
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path}: cannot open the store ({exc}); is it a storylens SQLite file?"
            ) from exc

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("PRAGMA foreign_keys=ON")
        return connection

    def reconnect_in_child(self) -> None:
        """Give a freshly forked process its own connection to the same file.

        SQLite connections must not cross ``fork``: the child would share the parent's file
        locks and cached pages. The inherited connection is kept, never used and never closed:
        closing it in the child could checkpoint the parent's write-ahead log or remove it
        while the parent still uses it (a forked child ends with ``os._exit``, which closes
        nothing).
        """
        if self.path == ":memory:":
            raise StoreError("an in-memory store cannot be shared with a forked process")
        self._inherited = self._db
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open the store again ({exc})") from exc

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StoreError(
                f"{self.path}: schema version {version} is newer than this storylens "
                f"({len(MIGRATIONS)}); upgrade storylens"
            )
        for number in range(version, len(MIGRATIONS)):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {number + 1}")
                self._db.execute("COMMIT")
            except sqlite3.DatabaseError:
                self._db.execute("ROLLBACK")
                raise

    @contextmanager
    def _transaction(self, failure: str) -> Iterator[None]:
        """One write, committed whole or rolled back whole: a failed write neither leaves the
        transaction open (the next one could not begin) nor half done. Database errors become a
        ``StoreError`` naming the file and what could not be done."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {failure} ({exc})") from exc

    # -- sources and articles ---------------------------------------------------------------

    def has_source(self, origin: str, digest: str) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM sources WHERE origin = ? AND digest = ?", (origin, digest)
        ).fetchone()
        return row is not None

    def add_source(
        self, source: SourceRecord, articles: Sequence[Article], sentences: Sequence[Sentence]
    ) -> int:
        with self._transaction(f"cannot store {source.origin}"):
            before = self._db.total_changes
            self._db.executemany(
                "INSERT OR IGNORE INTO articles (id, published, outlet, title, data) "
                "VALUES (?, ?, ?, ?, ?)",
                [
                    (
                        a.id,
                        a.published.isoformat() if a.published else None,
                        a.outlet,
                        a.title,
                        json.dumps(article_to_dict(a), ensure_ascii=False),
                    )
                    for a in articles
                ],
            )
            added = self._db.total_changes - before
            self._db.executemany(
                "INSERT OR IGNORE INTO sentences VALUES (?, ?, ?, ?, ?, ?)",
                [(s.article_id, s.index, s.start, s.end, s.text, s.paragraph) for s in sentences],
            )
            self._db.execute(
                "INSERT OR REPLACE INTO sources VALUES (?, ?, ?)",
                (source.origin, source.digest, json.dumps(list(source.article_ids))),
            )
        return added

    def article_ids(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT id FROM articles ORDER BY seq")]

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        if ids is None:
            rows = self._db.execute("SELECT data FROM articles ORDER BY seq").fetchall()
            return [article_from_dict(json.loads(r[0])) for r in rows]
        wanted = list(ids)
        found: dict[str, Article] = {}
        for chunk_start in range(0, len(wanted), 500):
            chunk = wanted[chunk_start : chunk_start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._db.execute(f"SELECT data FROM articles WHERE id IN ({marks})", chunk):
                article = article_from_dict(json.loads(row[0]))
                found[article.id] = article
        return [found[i] for i in wanted if i in found]

    def sentences(self, article_ids: Iterable[str]) -> list[Sentence]:
        out: list[Sentence] = []
        for article_id in article_ids:
            rows = self._db.execute(
                "SELECT article_id, idx, start, end, text, paragraph FROM sentences "
                "WHERE article_id = ? ORDER BY idx",
                (article_id,),
            )
            out.extend(sentence_from_row(r) for r in rows)
        return out

    def count_articles(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def sources(self) -> list[SourceRecord]:
        rows = self._db.execute("SELECT origin, digest, article_ids FROM sources ORDER BY origin")
        return [SourceRecord(o, d, tuple(json.loads(ids))) for o, d, ids in rows]

    # -- stories ------------------------------------------------------------------------------

    def save_stories(self, stories: Sequence[Story], removed: Iterable[str] = ()) -> None:
        with self._transaction("cannot save stories"):
            self._db.executemany("DELETE FROM stories WHERE id = ?", [(i,) for i in removed])
            self._db.executemany(
                "INSERT OR REPLACE INTO stories VALUES (?, ?)",
                [(s.id, json.dumps(story_to_dict(s), ensure_ascii=False)) for s in stories],
            )

    def stories(self) -> list[Story]:
        rows = self._db.execute("SELECT data FROM stories ORDER BY id")
        return [story_from_dict(json.loads(r[0])) for r in rows]

    # -- stage state and per-article caches -----------------------------------------------------

    def get_state(self, key: str) -> bytes | None:
        row = self._db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return bytes(row[0]) if row else None

    def put_state(self, key: str, value: bytes) -> None:
        self._db.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", (key, value))

    def get_artifact(self, article_id: str, kind: str) -> bytes | None:
        row = self._db.execute(
            "SELECT payload FROM artifacts WHERE article_id = ? AND kind = ?", (article_id, kind)
        ).fetchone()
        return bytes(row[0]) if row else None

    def put_artifacts(
        self,
        items: Sequence[tuple[str, str, bytes]],
        superseded: Sequence[tuple[str, str, str]] = (),
    ) -> None:
        with self._transaction("cannot store analysis results"):  # deletions go with the writes
            self._delete_superseded(superseded)
            self._db.executemany("INSERT OR REPLACE INTO artifacts VALUES (?, ?, ?)", items)

    def _delete_superseded(self, superseded: Sequence[tuple[str, str, str]]) -> None:
        """The deleting half of ``put_artifacts`` (inside its transaction)."""
        if superseded:
            self._db.executemany(
                "DELETE FROM artifacts WHERE article_id = ? AND kind GLOB ? AND NOT kind GLOB ?",
                superseded,
            )

    def artifacts_present(self, article_ids: Iterable[str], kind: str) -> set[str]:
        wanted = list(dict.fromkeys(article_ids))
        present: set[str] = set()
        for first in range(0, len(wanted), 500):
            chunk = wanted[first : first + 500]
            marks = ",".join("?" * len(chunk))
            present.update(
                row[0]
                for row in self._db.execute(
                    f"SELECT article_id FROM artifacts WHERE kind = ? AND article_id IN ({marks})",
                    (kind, *chunk),
                )
            )
        return present

    def prune_artifacts(self) -> int:
        with self._transaction("cannot prune artifacts"):
            before = self._db.total_changes
            self._db.execute(
                "DELETE FROM artifacts WHERE article_id NOT IN (SELECT id FROM articles) "
                "AND article_id NOT IN (SELECT id FROM stories)"
            )
            removed = self._db.total_changes - before
        return removed

    def close(self) -> None:
        self._db.close()


def open_store(path: str | Path) -> SQLiteStore:
    """Open (creating and migrating if needed) the SQLite store at ``path``."""
    return SQLiteStore(path)
