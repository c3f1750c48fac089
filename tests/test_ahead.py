"""Stage work run ahead in a forked process: same analysis, another core, safe fallbacks."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

import pytest

from storylens import api
from storylens.ahead import AheadCall
from storylens.brief import build_brief
from storylens.config import Settings, load_settings
from storylens.nlp import NlpResources
from storylens.pipeline import AnalysisRunner, PreparedAnalyser
from storylens.records import Story, StoryAnalysis
from storylens.store import SQLiteStore
from storylens.time.stage import TimeAnalyser


def test_a_call_returns_the_childs_result_and_cpu_seconds() -> None:
    succeeded, value, seconds = AheadCall(lambda: os.getpid()).result()
    assert succeeded and value != os.getpid()
    assert seconds >= 0.0


def test_a_failing_child_reports_its_traceback() -> None:
    def fail() -> None:
        raise ValueError("no such sentence")

    succeeded, value, _ = AheadCall(fail).result()
    assert not succeeded
    assert "ValueError: no such sentence" in value


def test_a_child_that_dies_is_a_failure_not_a_hang() -> None:
    succeeded, value, _ = AheadCall(lambda: os._exit(3)).result()
    assert not succeeded
    assert "exit code 3" in value


def test_an_unpicklable_result_is_a_failure() -> None:
    succeeded, value, _ = AheadCall(lambda: (lambda: None)).result()
    assert not succeeded and "pickle" in value.lower()


def test_a_forked_child_writes_through_its_own_connection(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "store.sqlite")
    store.put_artifacts([("a1", "demo/kind", b"parent")])

    def write() -> bytes | None:
        store.put_artifacts([("a2", "demo/kind", b"child")])
        return store.get_artifact("a1", "demo/kind")

    succeeded, value, _ = AheadCall(write, setup=store.reconnect_in_child).result()
    assert succeeded and value == b"parent"
    assert store.get_artifact("a2", "demo/kind") == b"child"  # the parent sees the child's row
    store.put_artifacts([("a3", "demo/kind", b"after")])  # and its own connection still works
    assert store.get_artifact("a3", "demo/kind") == b"after"
    store.close()


class _Where:
    """A stage that reports the process its ``prepare`` ran in; it can fail in children."""

    name = "where"
    prepare_needs: tuple[str, ...] = ()

    def __init__(self, parent: int, fail_in_child: bool = False) -> None:
        self.parent = parent
        self.fail_in_child = fail_in_child

    def prepare(self, analysis: StoryAnalysis) -> int:
        if self.fail_in_child and os.getpid() != self.parent:
            raise RuntimeError("lost the store")
        return os.getpid()

    def finish(self, analysis: StoryAnalysis, prepared: int) -> StoryAnalysis:
        return dataclasses.replace(analysis, story=dataclasses.replace(analysis.story, headline=str(prepared)))

    def analyse(self, analysis: StoryAnalysis) -> StoryAnalysis:
        return self.finish(analysis, self.prepare(analysis))


class _Plain:
    name = "plain"

    def analyse(self, analysis: StoryAnalysis) -> StoryAnalysis:
        return analysis


def _runner(tmp_path: Path, *stages: Any) -> AnalysisRunner:
    store = SQLiteStore(tmp_path / "store.sqlite")
    runner = AnalysisRunner(Settings(), analyses=(), resources=NlpResources(store=store))
    runner.stages = list(stages)
    runner.timings = {s.name: 0.0 for s in stages}
    return runner


def _story() -> Story:
    return Story(id="s1", headline="", article_ids=())


def test_a_prepared_stage_runs_in_a_child_only_when_asked(tmp_path: Path) -> None:
    parent = os.getpid()
    runner = _runner(tmp_path, _Plain(), _Where(parent))
    assert isinstance(runner.stages[1], PreparedAnalyser)
    assert not isinstance(runner.stages[0], PreparedAnalyser)
    ahead = runner.run(_story(), [], [], ahead=True)
    assert ahead.story.headline != str(parent)
    assert runner.run(_story(), [], [], ahead=False).story.headline == str(parent)
    assert ahead.analyses == ("plain", "where")


def test_a_store_in_memory_is_never_shared_with_a_child() -> None:
    runner = AnalysisRunner(Settings(), analyses=(), resources=NlpResources())
    runner.stages = [_Plain(), _Where(os.getpid())]
    runner.timings = {"plain": 0.0, "where": 0.0}
    assert runner.run(_story(), [], [], ahead=True).story.headline == str(os.getpid())


def test_work_that_fails_ahead_is_done_again_in_the_parent(tmp_path: Path) -> None:
    parent = os.getpid()
    runner = _runner(tmp_path, _Plain(), _Where(parent, fail_in_child=True))
    with pytest.warns(RuntimeWarning, match="lost the store"):
        analysis = runner.run(_story(), [], [], ahead=True)
    assert analysis.story.headline == str(parent)


def test_the_demo_storys_brief_is_the_same_with_stages_run_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = load_settings(overrides={"db": str(tmp_path / "demo.sqlite"), "processes": 1})
    store = SQLiteStore(settings.db)
    api.ingest([str(api.demo_corpus_path())], settings, store=store)
    story = max(api.update_stories(store, settings), key=lambda s: len(s.article_ids))
    articles, sentences = store.articles(story.article_ids), store.sentences(story.article_ids)
    runner = AnalysisRunner(settings, None, NlpResources(store=store))
    alone = build_brief(runner.run(story, articles, sentences))

    started: list[str] = []
    original = AheadCall.__init__

    def counted(self: AheadCall, work: Any, setup: Any = lambda: None) -> None:
        started.append("call")
        original(self, work, setup)

    monkeypatch.setattr(AheadCall, "__init__", counted)
    fresh = AnalysisRunner(settings, None, NlpResources(store=store))
    ahead = build_brief(fresh.run(story, articles, sentences, ahead=True))
    assert ahead == alone
    prepared = [s.name for s in fresh.stages if isinstance(s, PreparedAnalyser)]
    assert set(prepared) >= {"time", "provenance"}
    assert len(started) == len(prepared)
    assert isinstance(fresh.stages[fresh.names.index("time")], TimeAnalyser)
    store.close()


def test_a_stage_that_fails_in_the_parent_leaves_no_child_behind(tmp_path: Path) -> None:
    import gc
    import multiprocessing

    class Broken:
        name = "broken"

        def analyse(self, analysis: StoryAnalysis) -> StoryAnalysis:
            raise RuntimeError("no parse")

    class Slow(_Where):
        def prepare(self, analysis: StoryAnalysis) -> int:
            import time

            time.sleep(30)
            return 0

    runner = _runner(tmp_path, Broken(), Slow(os.getpid()))
    with pytest.raises(Exception, match="no parse"):
        runner.run(_story(), [], [], ahead=True)
    gc.collect()
    assert not [p for p in multiprocessing.active_children() if p.is_alive()]
