"""Cycle collection is relaxed while stories are analysed, and only then."""

from __future__ import annotations

import gc
import multiprocessing

import pytest

from storylens.config import Settings
from storylens.gctune import ANALYSIS_THRESHOLDS, prepare_worker, relaxed_gc
from storylens.pipeline import AnalysisRunner
from storylens.records import Story, StoryAnalysis


def test_relaxed_gc_restores_the_callers_thresholds_even_on_error() -> None:
    before = gc.get_threshold()
    with relaxed_gc():
        assert gc.get_threshold() == ANALYSIS_THRESHOLDS
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), relaxed_gc():
        raise RuntimeError("a failing stage")
    assert gc.get_threshold() == before


class _Recorder:
    name = "recorder"

    def __init__(self) -> None:
        self.seen: list[tuple[int, int, int]] = []

    def analyse(self, analysis: StoryAnalysis) -> StoryAnalysis:
        self.seen.append(gc.get_threshold())
        return analysis


def test_stages_run_with_relaxed_collection() -> None:
    runner = AnalysisRunner(Settings(), analyses=())
    recorder = _Recorder()
    runner.stages = [recorder]
    before = gc.get_threshold()
    runner.run(Story("s1", ("a1",), "One"), [], [])
    assert recorder.seen == [ANALYSIS_THRESHOLDS]
    assert gc.get_threshold() == before


def _worker_state() -> tuple[int, tuple[int, int, int]]:
    return gc.get_freeze_count(), gc.get_threshold()


def test_a_prepared_worker_freezes_what_it_inherited() -> None:
    with multiprocessing.get_context("fork").Pool(1, initializer=prepare_worker) as pool:
        frozen, thresholds = pool.apply(_worker_state)
    assert frozen > 1000  # the interpreter and this test's modules, inherited through fork
    assert thresholds == ANALYSIS_THRESHOLDS
    assert gc.get_freeze_count() == 0  # the parent is left alone


def test_small_pages_turns_numpys_huge_page_advice_off_and_back() -> None:
    from storylens.gctune import _set_huge_pages, small_pages

    before = _set_huge_pages(True)
    try:
        with small_pages():
            assert _set_huge_pages(False) is False  # off inside (the call returns the setting)
        assert _set_huge_pages(True) is True  # and the caller's setting restored after
    finally:
        _set_huge_pages(before)
