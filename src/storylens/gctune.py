"""Python's cyclic garbage collector, tuned for analysing stories.

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
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from storylens.threads import one_blas_thread

__all__ = ["ANALYSIS_THRESHOLDS", "prepare_worker", "relaxed_gc"]

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


def prepare_worker() -> None:
    """Set up a forked worker process (pool initialiser): one BLAS thread, inherited objects
    frozen out of the collector's reach, the analysis thresholds for the worker's lifetime."""
    one_blas_thread()
    gc.freeze()
    gc.set_threshold(*ANALYSIS_THRESHOLDS)
