"""Story workers of a long run are replaced after a number of stories, with the same briefs."""

from __future__ import annotations

from multiprocessing import forkserver
from typing import Any

import pytest

from storylens import api
from storylens.config import load_settings
from storylens.parallel import StoryPool
from storylens.render.json import briefs_to_json
from storylens.store import SQLiteStore


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("recycle") / "demo.sqlite")
    settings = load_settings(overrides={"db": db})
    store = SQLiteStore(db)
    api.ingest([api.demo_corpus_path()], settings, store=store)
    api.update_stories(store, settings)
    store.close()
    return db


def _briefs_json(db: str, processes: int) -> str:
    settings = load_settings(overrides={"db": db, "processes": processes})
    store = SQLiteStore(db)
    try:
        return briefs_to_json(api.brief_stories(store, settings))
    finally:
        store.close()


def test_recycled_workers_give_the_same_briefs(
    demo_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_process = _briefs_json(demo_db, processes=1)
    # One story per worker: every story after the first two goes to a fresh process.
    monkeypatch.setattr(api, "_WORKER_STORIES", 1)
    pools: list[int | None] = []

    class RecordingPool(StoryPool):
        def __init__(self, *args: Any) -> None:
            pools.append(args[4])
            super().__init__(*args)

    monkeypatch.setattr(api, "StoryPool", RecordingPool)
    recycled = _briefs_json(demo_db, processes=2)
    assert pools == [1]
    assert recycled == in_process
    # The fork server stops with the pool (its workers' CPU time then reaches this process).
    assert forkserver._forkserver._forkserver_pid is None  # type: ignore[attr-defined]


def test_short_runs_keep_forked_workers(demo_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    pools: list[int | None] = []

    class RecordingPool(StoryPool):
        def __init__(self, *args: Any) -> None:
            pools.append(args[4])
            super().__init__(*args)

    monkeypatch.setattr(api, "StoryPool", RecordingPool)
    forked = _briefs_json(demo_db, processes=2)
    assert pools == [None]
    assert forked == _briefs_json(demo_db, processes=1)
