"""One behavioural test suite run against every Store implementation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from storylens.records import Article, Sentence, Story
from storylens.store import MemoryStore, SourceRecord, SQLiteStore, Store


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    made: Store = MemoryStore() if request.param == "memory" else SQLiteStore(tmp_path / "s.sqlite")
    yield made
    made.close()


def _article(n: int) -> Article:
    return Article(
        id=f"a{n}",
        origin=f"/tmp/{n}.txt",
        title=f"Title {n}",
        text=f"Body of article {n}.",
        published=dt.date(2024, 1, n),
    )


def test_add_source_is_idempotent(store: Store) -> None:
    articles = [_article(1), _article(2)]
    sentences = [Sentence("a1", 0, 0, 18, "Body of article 1.")]
    source = SourceRecord("/tmp/x.jsonl", "d1", ("a1", "a2"))
    assert store.add_source(source, articles, sentences) == 2
    assert store.add_source(source, articles, sentences) == 0
    assert store.count_articles() == 2
    assert store.has_source("/tmp/x.jsonl", "d1")
    assert not store.has_source("/tmp/x.jsonl", "other")
    assert [a.id for a in store.articles(["a2", "a1"])] == ["a2", "a1"]
    assert store.articles(["a1"])[0] == articles[0]
    assert store.sentences(["a1"]) == sentences


def test_stories_replace_and_remove(store: Store) -> None:
    first = Story("s1", ("a1",), "One")
    second = Story("s2", ("a2",), "Two", dt.date(2024, 1, 2), dt.date(2024, 1, 3), (("a3", "a2"),))
    store.save_stories([first, second])
    store.save_stories([Story("s1", ("a1", "a4"), "One")], removed=["s2"])
    assert store.stories() == [Story("s1", ("a1", "a4"), "One")]
    store.save_stories([second])
    assert store.stories()[1].duplicate_of == {"a3": "a2"}


def test_state_and_artifacts(store: Store) -> None:
    assert store.get_state("k") is None
    store.put_state("k", b"v")
    assert store.get_state("k") == b"v"
    store.put_artifacts([("a1", "ner/1", b"x")])
    assert store.get_artifact("a1", "ner/1") == b"x"
    assert store.get_artifact("a1", "ner/2") is None


def test_artifacts_present_answers_by_kind_in_chunks(store: Store) -> None:
    # More ids than one SQL query takes: the answer must not stop at the first chunk.
    store.put_artifacts([(f"a{n}", "ner/1", b"x") for n in range(0, 1200, 3)])
    store.put_artifacts([("a1", "ner/2", b"y")])
    asked = [f"a{n}" for n in range(1200)] + ["a0"]
    assert store.artifacts_present(asked, "ner/1") == {f"a{n}" for n in range(0, 1200, 3)}
    assert store.artifacts_present(asked, "ner/2") == {"a1"}
    assert store.artifacts_present([], "ner/1") == set()


def test_sqlite_reopens_with_data(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    first = SQLiteStore(path)
    first.add_source(SourceRecord("o", "d", ("a1",)), [_article(1)], [])
    first.close()
    again = SQLiteStore(path)
    assert again.article_ids() == ["a1"]
    again.close()


def test_sqlite_refuses_a_non_database(tmp_path: Path) -> None:
    from storylens.errors import StoreError

    bogus = tmp_path / "not.sqlite"
    bogus.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match=r"not\.sqlite"):
        SQLiteStore(bogus)
