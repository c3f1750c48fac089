"""Python's cyclic garbage collector, and numpy's huge pages, tuned for analysing stories.

CPython 3.11 starts a young-generation collection every 700 new container objects and a full
one whenever the objects that survived since the last full collection reach a quarter of the
long-lived ones. A story's analysis allocates millions of small tuples and records that are all
freed by reference counting, never by the cycle collector, yet those allocations trigger full
collections that walk every object the process holds (the spaCy pipeline, the parse cache, the
story's records): 20-35% of the summary stage's CPU time on a 568-article story, and about 8% of
a cold brief of 590 articles (``tests/test_gctune.py`` keeps the behaviour, BENCHMARKS.md
``## pipeline`` the numbers).

Two remedies, both standard for long-lived CPython services:

* ``relaxed_gc`` raises the collection thresholds while a story is analysed (and restores the
  caller's afterwards, so that a library user's process is left as it was);
* ``prepare_worker`` also freezes, in a freshly forked worker, everything inherited from the
  parent (the loaded pipeline, settings, gazetteers): collections then never walk those objects,
  and never write to their pages, which stay shared with the parent instead of being copied.

numpy asks the kernel for transparent huge pages (``madvise``) for every array of 4 MB or more.
The kernel then zeroes 2 MB at each first touch of such an array: the stages allocate and free
large temporary arrays (provenance blocking, summary support) by the thousand, and on this
machine ``clear_page_erms`` under ``do_huge_pmd_anonymous_page`` took 14% of a re-brief's
samples (``perf``), 0.8-0.9 s of system time in provenance alone, varying from run to run.
``small_pages`` turns the advice off while a story is analysed (and in workers): provenance of
a 568-article story 2.0 -> 1.3 s, summary 1.0 -> 0.9 s, identical results.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from storylens.threads import one_blas_thread

__all__ = ["ANALYSIS_THRESHOLDS", "prepare_worker", "relaxed_gc", "small_pages"]

#: Young collections every 50,000 allocations (not 700); older ones 20 times rarer each.
#: Cyclic garbage (rare here: the records are acyclic) waits longer, nothing else changes.
ANALYSIS_THRESHOLDS = (50_000, 20, 20)


@contextmanager
def relaxed_gc() -> Iterator[None]:
    """Collect cycles rarely inside the block; the previous thresholds come back after it."""
    previous = gc.get_threshold()
    gc.set_threshold(*ANALYSIS_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def _set_huge_pages(enabled: bool) -> bool:
    """Turn numpy's huge-page advice on or off; returns the previous setting (True when this
    numpy has no such switch, which then has nothing to restore)."""
    from numpy._core import multiarray

    switch = getattr(multiarray, "_set_madvise_hugepage", None)
    return bool(switch(enabled)) if switch is not None else True


@contextmanager
def small_pages() -> Iterator[None]:
    """No huge-page advice for numpy arrays inside the block; the caller's setting after it."""
    previous = _set_huge_pages(False)
    try:
        yield
    finally:
        _set_huge_pages(previous)


def prepare_worker() -> None:
    """Set up a forked worker process (pool initialiser): one BLAS thread, no huge pages for
    numpy, inherited objects frozen out of the collector's reach, the analysis thresholds for
    the worker's lifetime."""
    one_blas_thread()
    _set_huge_pages(False)
    gc.freeze()
    gc.set_threshold(*ANALYSIS_THRESHOLDS)
