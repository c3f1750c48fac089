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
from concurrent.futures import Future, ProcessPoolExecutor

from storylens.brief import build_brief
from storylens.config import Settings
from storylens.nlp import NlpResources
from storylens.pipeline import AnalysisRunner
from storylens.records import Brief, Story
from storylens.store.sqlite import SQLiteStore
from storylens.threads import one_blas_thread

__all__ = ["StoryPool", "worker_count"]

#: Imported once by the server that forks recycled workers, so that a new worker starts warm.
_PRELOAD = [
    "spacy",
    "storylens.parallel",
    "storylens.entities.stage",
    "storylens.time.stage",
    "storylens.quotes.stage",
    "storylens.figures.stage",
    "storylens.provenance.stage",
    "storylens.summarize.stage",
]

_RUNNER: AnalysisRunner | None = None
_STORE: SQLiteStore | None = None


def worker_count(settings: Settings) -> int:
    """How many processes the settings allow (``processes = 0`` means every core)."""
    return settings.processes or os.cpu_count() or 1


def _init_worker(db_path: str, settings: Settings, analyses: tuple[str, ...]) -> None:
    global _RUNNER, _STORE  # one store and one runner per worker process, built once
    one_blas_thread()
    _STORE = SQLiteStore(db_path)
    _RUNNER = AnalysisRunner(settings, analyses, NlpResources(store=_STORE, n_process=1))


def _analyse(story: Story) -> tuple[Brief, dict[str, float]]:
    assert _RUNNER is not None and _STORE is not None, "worker not initialised"
    before = dict(_RUNNER.timings)
    articles = _STORE.articles(story.article_ids)
    sentences = _STORE.sentences(story.article_ids)
    brief = build_brief(_RUNNER.run(story, articles, sentences))
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
        # Forked workers start at once, but Python cannot replace a forked worker; a pool whose
        # workers retire after ``recycle_after`` stories forks them from a fresh server process
        # that has imported the stages (each new worker then loads spaCy and the gazetteer
        # again, a few seconds per hundreds of stories).
        context = multiprocessing.get_context("fork" if recycle_after is None else "forkserver")
        if recycle_after is not None:
            context.set_forkserver_preload(_PRELOAD)
        self._recycles = recycle_after is not None
        self._pool = ProcessPoolExecutor(
            max_workers=processes,
            mp_context=context,
            initializer=_init_worker,
            initargs=(db_path, settings, tuple(analyses)),
            max_tasks_per_child=recycle_after,
        )

    def submit(self, stories: Sequence[Story]) -> list[Future[tuple[Brief, dict[str, float]]]]:
        """Start analysing stories without waiting for them (the caller may parse the next
        batch meanwhile, so that no core idles while one worker finishes a big story)."""
        return [self._pool.submit(_analyse, story) for story in stories]

    def __enter__(self) -> StoryPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(cancel_futures=True)
        if self._recycles:
            # The fork server would otherwise outlive the run, holding spaCy's imports; and only
            # once it has exited and been waited for does getrusage(RUSAGE_CHILDREN) in this
            # process include its workers' CPU time and peak memory (``storylens bench``).
            from multiprocessing import forkserver

            forkserver._forkserver._stop()  # type: ignore[attr-defined]
