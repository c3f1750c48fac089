"""A stage's work run ahead in a forked process, beside the stages before it (issue 12).

Re-briefing one story that grew by ten articles runs its stages one after another in one
process, on one of the machine's cores. Several stages do not need all the stages before them:
the time stage reads only the articles, provenance's attribution and alignment only the
entities. Such a stage (``pipeline.PreparedAnalyser``) splits into ``prepare``, which reads
the sections of the stages it names, and ``finish``, which reads the rest. The runner forks a
child that runs ``prepare`` as soon as those sections exist, while the parent goes on with the
stages in between; the parent receives the child's result when it reaches the stage.

The child is a copy of the parent at the moment of the fork (no pipeline to load, no inputs to
send); only the result travels back, pickled through a pipe. It opens its own connection to the
SQLite store (``SQLiteStore.reconnect_in_child``): what it computes for later runs (per-article
results, pair verdicts) it writes there itself, as a story worker would. Whatever goes wrong in
the child (an exception, the process killed), the parent runs ``prepare`` itself: the output
never depends on whether the work ran ahead.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import time
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from storylens.gctune import prepare_worker

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

__all__ = ["AheadCall", "can_fork", "detached", "shares_with_children"]


def can_fork() -> bool:
    """Whether this process may start child processes (a daemonic one, such as a
    ``multiprocessing.Pool`` worker, may not)."""
    return not multiprocessing.current_process().daemon


def shares_with_children(store: object) -> bool:
    """Whether a child forked now could use ``store`` through its own connection: this process
    may fork, and the store is a file that ``reconnect_in_child`` can open again."""
    return (
        can_fork()
        and callable(getattr(store, "reconnect_in_child", None))
        and getattr(store, "path", ":memory:") != ":memory:"
    )


def detached(work: Callable[[], None], setup: Callable[[], None] = lambda: None) -> BaseProcess:
    """Run ``work()`` in a forked child that nobody waits for but the process's exit (the child
    is not a daemon, so ``multiprocessing`` joins it then). For writes the caller need not
    wait for, such as keeping a finished brief for the next run."""
    context = multiprocessing.get_context("fork")
    process = context.Process(target=_detached_child, args=(work, setup), daemon=False)
    process.start()
    return process


def _detached_child(work: Callable[[], None], setup: Callable[[], None]) -> None:
    gc.freeze()  # nothing inherited is collected: its pages stay shared with the parent
    setup()
    work()


def _child(work: Callable[[], Any], setup: Callable[[], None], channel: Any) -> None:
    started = time.process_time()
    try:
        prepare_worker()
        setup()
        value = work()
        outcome: tuple[bool, Any, float] = (True, value, time.process_time() - started)
    except BaseException:  # reported to the parent, which then does the work itself
        outcome = (False, traceback.format_exc(), time.process_time() - started)
    try:
        channel.send(outcome)
    except Exception:  # an unpicklable result: the parent falls back as for any failure
        channel.send((False, traceback.format_exc(), time.process_time() - started))
    finally:
        channel.close()


class AheadCall:
    """``work()`` running in a forked child; ``result()`` waits for it.

    ``setup`` runs first in the child (reconnect the store). The child's CPU seconds are
    reported with the result, so stage timings stay the CPU the stage cost.

    Example:
        >>> call = AheadCall(lambda: sum(range(10)))
        >>> call.result()[:2]
        (True, 45)
    """

    def __init__(self, work: Callable[[], Any], setup: Callable[[], None] = lambda: None) -> None:
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_child, args=(work, setup, send), daemon=True)
        self._process.start()
        send.close()  # the child's end: EOF reaches the parent if the child dies
        self._outcome: tuple[bool, Any, float] | None = None
        self._owner = os.getpid()  # a process forked later inherits this object, not the child

    def ready(self) -> bool:
        """Whether the result can be taken without waiting."""
        return self._outcome is not None or self._receive.poll()

    def result(self) -> tuple[bool, Any, float]:
        """``(succeeded, value or the child's traceback, child CPU seconds)``."""
        if self._outcome is None:
            try:
                self._outcome = self._receive.recv()
            except (EOFError, OSError) as exc:
                self._process.join()
                code = self._process.exitcode
                reason = f"{type(exc).__name__} {exc}".strip()
                self._outcome = (False, f"the child process ended without a result ({reason}, "
                                 f"exit code {code})", 0.0)
            finally:
                self._receive.close()
                self._process.join()
        return self._outcome

    def __del__(self) -> None:  # a call never waited for (the parent failed first)
        process = getattr(self, "_process", None)
        if process is not None and self._outcome is None and self._owner == os.getpid():
            if process.is_alive():
                process.kill()
            process.join()
