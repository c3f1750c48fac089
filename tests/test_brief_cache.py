"""Kept briefs: an unchanged story is read back exactly, a changed one analysed again."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from storylens import api
from storylens.brief_cache import BriefCache, wait_for_kept_briefs
from storylens.config import Settings, load_settings
from storylens.nlp import NlpResources
from storylens.pipeline import AnalysisRunner
from storylens.records import Brief, Story
from storylens.store import MemoryStore, SQLiteStore


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, Path]:
    """The demo corpus ingested and clustered once (each test copies the file)."""
    path = tmp_path_factory.mktemp("kept") / "demo.sqlite"
    settings = load_settings(overrides={"db": str(path), "processes": 1})
    store = SQLiteStore(path)
    api.ingest([str(api.demo_corpus_path())], settings, store=store)
    api.update_stories(store, settings)
    store.close()
    return settings, path


def _copy(demo: tuple[Settings, Path], tmp_path: Path) -> tuple[Settings, SQLiteStore]:
    settings, source = demo
    target = tmp_path / "store.sqlite"
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return dataclasses.replace(settings, db=str(target)), SQLiteStore(target)


class _Counting(AnalysisRunner):
    """A runner that counts the stories it analyses."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.analysed: list[str] = []

    def run(self, story: Story, *args: Any, **kwargs: Any) -> Any:
        self.analysed.append(story.id)
        return super().run(story, *args, **kwargs)


def _runner(settings: Settings, store: SQLiteStore) -> _Counting:
    return _Counting(settings, None, NlpResources(store=store))


def test_a_kept_brief_reads_back_exactly(demo_store: tuple[Settings, Path], tmp_path: Path) -> None:
    settings, store = _copy(demo_store, tmp_path)
    story = max(store.stories(), key=lambda s: len(s.article_ids))
    brief = api.brief_stories(store, settings, stories=[story])[0]
    names, parse_kind = _runner(settings, store).names, NlpResources().artifact_kind
    cache = BriefCache(store, settings, names, parse_kind)
    cache.put(story, brief)
    assert cache.get(story) == brief
    grown = dataclasses.replace(story, article_ids=(*story.article_ids, "not-yet"))
    assert cache.get(grown) is None  # another story record: another key
    longer = dataclasses.replace(settings.summary, words=settings.summary.words + 10)
    assert BriefCache(store, dataclasses.replace(settings, summary=longer), names, parse_kind).get(story) is None
    assert BriefCache(store, settings, names[:-1], parse_kind).get(story) is None  # fewer stages
    moved = dataclasses.replace(settings, db=str(tmp_path / "elsewhere.sqlite"), processes=4)
    assert BriefCache(store, moved, names, parse_kind).get(story) == brief  # where, not what
    store.close()


def test_a_second_run_analyses_nothing_and_gives_the_same_briefs(
    demo_store: tuple[Settings, Path], tmp_path: Path
) -> None:
    settings, store = _copy(demo_store, tmp_path)
    first_runner = _runner(settings, store)
    first = api.brief_stories(store, settings, runner=first_runner)
    assert len(first_runner.analysed) == len(first) > 1
    second_runner = _runner(settings, store)
    second = api.brief_stories(store, settings, runner=second_runner)  # waits for the writers
    assert second_runner.analysed == []
    assert second == first
    store.close()


def test_only_the_story_that_changed_is_analysed_again(
    demo_store: tuple[Settings, Path], tmp_path: Path
) -> None:
    settings, store = _copy(demo_store, tmp_path)
    api.brief_stories(store, settings, runner=_runner(settings, store))
    stories = sorted(store.stories(), key=lambda s: -len(s.article_ids))
    changed = dataclasses.replace(stories[0], article_ids=stories[0].article_ids[:-1])
    runner = _runner(settings, store)
    briefs = api.brief_stories(store, settings, stories=[changed, *stories[1:]], runner=runner)
    assert runner.analysed == [changed.id]
    assert len(briefs) == len(stories)
    wait_for_kept_briefs()
    rows = store._db.execute(  # one kept brief per story: the changed story's old one is gone
        "SELECT article_id, COUNT(*) FROM artifacts WHERE kind LIKE 'brief/%' GROUP BY article_id"
    ).fetchall()
    assert sorted(rows) == sorted((s.id, 1) for s in stories)
    store.close()


def test_without_a_store_file_briefs_are_kept_in_the_calling_process() -> None:
    store = MemoryStore()
    story = Story(id="s1", article_ids=(), headline="A story")
    cache = BriefCache(store, Settings(), ("summary",), "spacy/model/1")
    brief = Brief(story=story, headline="A story", articles=())
    cache.put_in_background(story, brief)
    assert cache.get(story) == brief


def test_story_workers_keep_the_briefs_they_write(
    demo_store: tuple[Settings, Path], tmp_path: Path
) -> None:
    settings, store = _copy(demo_store, tmp_path)
    settings = dataclasses.replace(settings, processes=2)
    assert len(store.stories()) >= 4  # enough stories for the pool of two workers
    first = api.brief_stories(store, settings)
    runner = _runner(settings, store)
    assert api.brief_stories(store, settings, runner=runner) == first
    assert runner.analysed == []
    store.close()


def test_with_one_story_to_analyse_no_pool_is_started(
    demo_store: tuple[Settings, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings, store = _copy(demo_store, tmp_path)
    settings = dataclasses.replace(settings, processes=2)
    api.brief_stories(store, settings)
    stories = sorted(store.stories(), key=lambda s: -len(s.article_ids))
    changed = dataclasses.replace(stories[0], article_ids=stories[0].article_ids[:-1])

    class NoPool:
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            raise AssertionError("a pool for one story")

    monkeypatch.setattr(api, "StoryPool", NoPool)
    runner = _runner(settings, store)
    api.brief_stories(store, settings, stories=[changed, *stories[1:]], runner=runner)
    assert runner.analysed == [changed.id]  # analysed here (stages run ahead), the rest kept
    store.close()


def test_reuse_off_analyses_every_story_again(demo_store: tuple[Settings, Path], tmp_path: Path) -> None:
    settings, store = _copy(demo_store, tmp_path)
    first = api.brief_stories(store, settings)
    runner = _runner(settings, store)
    assert api.brief_stories(store, settings, runner=runner, reuse=False) == first
    assert len(runner.analysed) == len(first)
    store.close()
