"""Analysing stories on every core: a process pool over stories.

Stories are independent once their articles are stored and parsed, so the per-story analysis is
a map over stories. Each worker process opens the same SQLite store (WAL lets readers run beside
the writer), builds its own ``AnalysisRunner`` once, and returns the finished ``Brief`` with the
seconds each stage took. The spaCy parse happens before, in the parent, on all cores, and is
stored; workers only read it.

A long run replaces each worker after a number of stories (``recycle_after``): a worker's memory
only grows with the stories it has seen (spaCy's string store keeps every token string it ever
read, and the stage caches fill up), so a stream of 20,000 articles took a worker from 1.0 to
1.3 GB of baseline before any big story added its own peak.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Future

from storylens.brief import build_brief
from storylens.brief_cache import BriefCache
from storylens.config import Settings
from storylens.gctune import prepare_worker
from storylens.nlp import NlpResources
from storylens.pipeline import AnalysisRunner
from storylens.records import Brief, Story
from storylens.store.sqlite import SQLiteStore

__all__ = ["StoryPool", "worker_count"]

_RUNNER: AnalysisRunner | None = None
_STORE: SQLiteStore | None = None
_BRIEFS: BriefCache | None = None


def worker_count(settings: Settings) -> int:
    """How many processes the settings allow (``processes = 0`` means every core)."""
    return settings.processes or os.cpu_count() or 1


def _init_worker(db_path: str, settings: Settings, analyses: tuple[str, ...]) -> None:
    global _RUNNER, _STORE, _BRIEFS  # one store and one runner per worker process, built once
    prepare_worker()
    _STORE = SQLiteStore(db_path)
    _RUNNER = AnalysisRunner(settings, analyses, NlpResources(store=_STORE, n_process=1))
    _BRIEFS = BriefCache(_STORE, settings, _RUNNER.names, _RUNNER.resources.artifact_kind)


def _analyse(story: Story) -> tuple[Brief, dict[str, float]]:
    assert _RUNNER is not None and _STORE is not None and _BRIEFS is not None, "worker not initialised"
    before = dict(_RUNNER.timings)
    articles = _STORE.articles(story.article_ids)
    sentences = _STORE.sentences(story.article_ids)
    brief = build_brief(_RUNNER.run(story, articles, sentences))
    _BRIEFS.put(story, brief)  # kept for the next run, written here rather than by the parent
    spent = {k: v - before.get(k, 0.0) for k, v in _RUNNER.timings.items()}
    return brief, spent


class StoryPool:
    """A pool of analysis workers over one SQLite store.

    Example:
        >>> with StoryPool("news.sqlite", Settings(), ("entities",), 2) as pool:  # doctest: +SKIP
        ...     briefs = [f.result()[0] for f in pool.submit(stories)]
    """

    def __init__(
        self,
        db_path: str,
        settings: Settings,
        analyses: Sequence[str],
        processes: int,
        recycle_after: int | None = None,
    ) -> None:
        # ``multiprocessing.Pool``, not ``ProcessPoolExecutor``: Python 3.11's executor deadlocks
        # once a worker retires at ``max_tasks_per_child`` with work still queued (CPython
        # gh-115634, fixed only in later releases); it hung a 20,000-article run. The pool forks
        # each replacement from this process, with the stages' modules already imported, and
        # reaps it, so its CPU time and peak memory show in getrusage(RUSAGE_CHILDREN).
        self._pool = multiprocessing.get_context("fork").Pool(
            processes,
            initializer=_init_worker,
            initargs=(db_path, settings, tuple(analyses)),
            maxtasksperchild=recycle_after,
        )

    def submit(self, stories: Sequence[Story]) -> list[Future[tuple[Brief, dict[str, float]]]]:
        """Start analysing stories without waiting for them (the caller may parse the next
        batch meanwhile, so that no core idles while one worker finishes a big story)."""
        futures: list[Future[tuple[Brief, dict[str, float]]]] = []
        for story in stories:
            future: Future[tuple[Brief, dict[str, float]]] = Future()
            self._pool.apply_async(
                _analyse, (story,), callback=future.set_result, error_callback=future.set_exception
            )
            futures.append(future)
        return futures

    def __enter__(self) -> StoryPool:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *exc: object) -> None:
        if exc_type is None:
            self._pool.close()  # every result was collected: let the workers finish and exit
        else:
            self._pool.terminate()
        self._pool.join()
