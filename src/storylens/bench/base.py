"""The benchmark contract shared by every task."""

from __future__ import annotations

import importlib
import importlib.util
import json
import multiprocessing
import os
import platform
import resource
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty
from types import TracebackType
from typing import Any, TextIO

from storylens.errors import BenchDataError, ConfigError, StorylensError

__all__ = [
    "BenchOptions",
    "BenchResult",
    "BenchTable",
    "PredictionWriter",
    "data_path",
    "default_data_root",
    "machine_info",
    "peak_rss_mb",
    "peak_rss_with_children_mb",
    "run_in_fresh_process",
    "run_task",
]


@dataclass(frozen=True)
class BenchOptions:
    """What every task receives.

    ``data`` overrides the default data location (a folder or file in the task's format);
    ``limit`` caps the number of items (for quick runs); ``predictions`` is where raw outputs go.
    """

    data: Path | None = None
    predictions: Path | None = None
    limit: int | None = None
    progress: Callable[[int, int, str], None] | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass
class BenchTable:
    """A table for humans: one row per dataset or metric, storylens beside the baseline."""

    title: str
    columns: list[str]
    rows: list[list[Any]]

    def to_markdown(self) -> str:
        """The table as GitHub Markdown."""

        def cell(value: Any) -> str:
            if isinstance(value, float):
                return f"{value:.3f}" if abs(value) < 100 else f"{value:.1f}"
            return str(value)

        lines = [f"**{self.title}**", "", "| " + " | ".join(self.columns) + " |"]
        lines.append("|" + "---|" * len(self.columns))
        lines.extend("| " + " | ".join(cell(v) for v in row) + " |" for row in self.rows)
        return "\n".join(lines)


@dataclass
class BenchResult:
    """A task's numbers: storylens's under ``storylens``, the baseline's under ``baseline``."""

    task: str
    data: str
    items: int
    storylens: dict[str, Any]
    baseline: dict[str, Any]
    tables: list[BenchTable] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The JSON object ``--json`` prints."""
        return {
            "task": self.task,
            "data": self.data,
            "items": self.items,
            "storylens": self.storylens,
            "baseline": self.baseline,
            "machine": machine_info(),
            "notes": self.notes,
        }

    def to_markdown(self) -> str:
        """Tables and notes as Markdown (what BENCHMARKS.md keeps)."""
        parts = [f"Data: `{self.data}` ({self.items} items). Machine: {machine_info()['summary']}."]
        parts.extend(table.to_markdown() for table in self.tables)
        parts.extend(f"- {note}" for note in self.notes)
        return "\n\n".join(parts)


class PredictionWriter:
    """Writes one JSON line per item when ``--predictions`` is given; does nothing otherwise."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._file: TextIO | None = None

    def __enter__(self) -> PredictionWriter:
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = self.path.open("w", encoding="utf-8")
        return self

    def write(self, record: dict[str, Any]) -> None:
        """Write one item's raw output."""
        if self._file is not None:
            self._file.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._file is not None:
            self._file.close()


def default_data_root() -> Path:
    """``$STORYLENS_DATA``, else the first ``../shared/data`` found from the working directory
    or from this source checkout."""
    if os.environ.get("STORYLENS_DATA"):
        return Path(os.environ["STORYLENS_DATA"])
    candidates = [Path.cwd() / ".." / "shared" / "data", Path.cwd() / "shared" / "data"]
    candidates.extend(p / ".." / "shared" / "data" for p in Path(__file__).resolve().parents)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate.resolve()
    return (Path.cwd() / ".." / "shared" / "data").resolve()


def data_path(options: BenchOptions, default_relative: str) -> Path:
    """The task's data: ``--data`` if given, else ``default_relative`` under the data root."""
    path = options.data or default_data_root() / default_relative
    if not path.exists():
        raise BenchDataError(
            f"benchmark data not found at {path}; pass --data PATH or set STORYLENS_DATA"
        )
    return path


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def peak_rss_with_children_mb() -> float:
    """Peak resident memory of this process or its largest child so far, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024.0


def run_in_fresh_process(target: Callable[..., None], *args: Any) -> dict[str, Any]:
    """Run ``target(*args, queue)`` in a new (spawned) process and return what it puts on the
    queue, so that a measurement's peak memory and imports are its own."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=target, args=(*args, queue))
    process.start()
    while True:
        try:
            result: dict[str, Any] = queue.get(timeout=1.0)
            break
        except Empty:
            if not process.is_alive():
                raise StorylensError(
                    f"the measuring process died (exit code {process.exitcode})"
                ) from None
    process.join()
    return result


def machine_info() -> dict[str, Any]:
    """Cores, memory, CPU and Python: the machine a number was measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cores = os.cpu_count() or 1
    return {
        "cores": cores,
        "memory_gb": round(memory_gb, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "summary": f"{cores} cores, {memory_gb:.0f} GB, {cpu}, Python {platform.python_version()}",
    }


def run_task(task: str, options: BenchOptions) -> BenchResult:
    """Run a registered task by name."""
    from storylens.bench import TASKS

    if task not in TASKS:
        raise ConfigError(f"unknown benchmark task {task!r}; available: {', '.join(sorted(TASKS))}")
    if importlib.util.find_spec(TASKS[task]) is None:
        raise ConfigError(f"benchmark task {task!r} is not available in this build yet")
    module = importlib.import_module(TASKS[task])
    result: BenchResult = module.run(options)
    return result
