"""Superseded and orphaned artifacts: deleted with the write that replaces them, or by
``prune_artifacts``, in one transaction, never touching a row that is still read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from storylens.errors import StoreError
from storylens.records import Article, Story
from storylens.store import MemoryStore, SQLiteStore, Store
from storylens.store.base import SourceRecord

OLD = "figures/figures/000000000000"
NEW = "figures/figures/0123456789ab"
FAMILY = "figures/figures/" + "[0-9a-f]" * 12 + "*"


def _stores(tmp_path: Path) -> list[Store]:
    return [MemoryStore(), SQLiteStore(tmp_path / "s.sqlite")]


def _kinds(store: Store, owner: str, kinds: list[str]) -> set[str]:
    return {k for k in kinds if store.get_artifact(owner, k) is not None}


@pytest.mark.parametrize("which", [0, 1])
def test_a_write_deletes_exactly_the_rows_it_supersedes(tmp_path: Path, which: int) -> None:
    store = _stores(tmp_path)[which]
    every = [f"{OLD}/x", f"{NEW}/x", f"{NEW}/y", "figures/quantities/000000000000", "spacy/m/1/z"]
    store.put_artifacts([(owner, kind, b"v") for owner in ("a1", "a2") for kind in every])
    store.put_artifacts([("a1", f"{NEW}/z", b"new")], [("a1", FAMILY, f"{NEW}/z")])
    # a1's other rows of the stage went; its other stages, and a2, are untouched
    assert _kinds(store, "a1", [*every, f"{NEW}/z"]) == {
        f"{NEW}/z", "figures/quantities/000000000000", "spacy/m/1/z"}
    assert _kinds(store, "a2", every) == set(every)
    # keeping a whole digest (a stage with several live rows per article) drops only the others
    store.put_artifacts([("a2", f"{NEW}/q", b"new")], [("a2", FAMILY, f"{NEW}*")])
    assert _kinds(store, "a2", [*every, f"{NEW}/q"]) == {
        f"{NEW}/x", f"{NEW}/y", f"{NEW}/q", "figures/quantities/000000000000", "spacy/m/1/z"}


@pytest.mark.parametrize("which", [0, 1])
def test_prune_drops_rows_of_ids_that_are_neither_articles_nor_stories(
    tmp_path: Path, which: int
) -> None:
    store = _stores(tmp_path)[which]
    article = Article(id="a" * 16, origin="a.txt", title=None, text="Rain fell.")
    store.add_source(SourceRecord("a.txt", "d", (article.id,)), [article], [])
    story = Story(id="st-live", article_ids=(article.id,), headline="Rain")
    store.save_stories([story])
    store.put_artifacts([
        (article.id, "spacy/m/1/z", b"parse"),
        ("st-live", "quotes/overlap/0123456789ab", b"pairs"),
        ("st-merged", "quotes/overlap/0123456789ab", b"pairs"),
        ("st-merged", "provenance/pairs/0123456789ab/new", b"pairs"),
    ])
    assert store.prune_artifacts() == 2
    assert store.get_artifact(article.id, "spacy/m/1/z") == b"parse"
    assert store.get_artifact("st-live", "quotes/overlap/0123456789ab") == b"pairs"
    assert store.get_artifact("st-merged", "quotes/overlap/0123456789ab") is None
    assert store.prune_artifacts() == 0


def test_a_failed_write_keeps_the_superseded_rows_and_the_store_usable(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.sqlite")
    store.put_artifacts([("a1", f"{OLD}/x", b"old")])
    bad: list[tuple[str, str, bytes]] = [("a1", f"{NEW}/x", None)]  # type: ignore[list-item]
    with pytest.raises(StoreError, match=r"s\.sqlite: cannot store analysis results .*NOT NULL"):
        store.put_artifacts(bad, [("a1", FAMILY, f"{NEW}/x")])
    assert store.get_artifact("a1", f"{OLD}/x") == b"old"
    store.put_artifacts([("a1", f"{NEW}/x", b"new")], [("a1", FAMILY, f"{NEW}/x")])
    assert store.get_artifact("a1", f"{OLD}/x") is None


_CRASH = """
import os, sys
from storylens.store import SQLiteStore
store = SQLiteStore(sys.argv[1])
real = SQLiteStore._delete_superseded
def crash(self, superseded):
    real(self, superseded)  # the deletions are made, the new rows not yet, nothing committed
    os._exit(9)
SQLiteStore._delete_superseded = crash
store.put_artifacts([("a1", sys.argv[2] + "/x", b"new")], [("a1", sys.argv[3], sys.argv[2] + "/x")])
"""


def test_a_crash_in_the_middle_of_a_write_leaves_the_store_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    store = SQLiteStore(path)
    store.put_artifacts([("a1", f"{OLD}/x", b"old"), ("a2", f"{OLD}/x", b"other")])
    store.close()
    done = subprocess.run([sys.executable, "-c", _CRASH, str(path), NEW, FAMILY], check=False)
    assert done.returncode == 9
    reopened = SQLiteStore(path)
    assert reopened.get_artifact("a1", f"{OLD}/x") == b"old"
    assert reopened.get_artifact("a1", f"{NEW}/x") is None
    assert reopened.get_artifact("a2", f"{OLD}/x") == b"other"
