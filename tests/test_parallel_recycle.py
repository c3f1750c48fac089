"""Story workers of a long run are replaced after a number of stories, with the same briefs."""

from __future__ import annotations

import os
from typing import Any

import pytest

from storylens import api, parallel
from storylens.config import load_settings
from storylens.parallel import StoryPool
from storylens.records import Story
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
        return briefs_to_json(api.brief_stories(store, settings, reuse=False))
    finally:
        store.close()


def _record_pools(monkeypatch: pytest.MonkeyPatch) -> list[int | None]:
    """The ``recycle_after`` of every story pool the API opens from now on."""
    pools: list[int | None] = []

    class RecordingPool(StoryPool):
        def __init__(self, *args: Any) -> None:
            pools.append(args[4])
            super().__init__(*args)

    monkeypatch.setattr(api, "StoryPool", RecordingPool)
    return pools


_ANALYSE = parallel._analyse


def _analyse_with_pid(story: Story) -> Any:
    """The worker's analysis, telling which process ran it (forked workers see the patch)."""
    brief, spent = _ANALYSE(story)
    return brief, {**spent, "pid": float(os.getpid())}


def _stories(db: str) -> list[Story]:
    store = SQLiteStore(db)
    try:
        return store.stories()
    finally:
        store.close()


def test_recycled_workers_give_the_same_briefs(
    demo_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_process = _briefs_json(demo_db, processes=1)
    monkeypatch.setattr(api, "_WORKER_STORIES", 1)  # every story after the first two: a new worker
    pools = _record_pools(monkeypatch)
    assert _briefs_json(demo_db, processes=2) == in_process
    assert pools == [1]


def test_workers_retire_with_work_still_queued(
    demo_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More stories queued than two workers may take before retiring: every story is still
    analysed (Python 3.11's ProcessPoolExecutor hangs here, CPython gh-115634)."""
    monkeypatch.setattr(parallel, "_analyse", _analyse_with_pid)
    stories = _stories(demo_db) * 3
    assert len(stories) > 2 * 2
    settings = load_settings(overrides={"db": demo_db})
    with StoryPool(demo_db, settings, ("entities",), 2, recycle_after=2) as pool:
        results = [f.result(timeout=300) for f in pool.submit(stories)]
    assert [b.story.id for b, _ in results] == [s.id for s in stories]
    assert len({spent["pid"] for _, spent in results}) >= len(stories) // 2


def test_short_runs_keep_their_workers(demo_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    pools = _record_pools(monkeypatch)
    forked = _briefs_json(demo_db, processes=2)
    assert pools == [None]
    assert forked == _briefs_json(demo_db, processes=1)
