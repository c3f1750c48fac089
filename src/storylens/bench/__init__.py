"""Benchmarks: ``storylens bench TASK [--data PATH] [--json] [--predictions FILE]``.

Each task is a module in this package with a ``run(options: BenchOptions) -> BenchResult``
function; ``TASKS`` maps the task name to its module. A task reads its data from
``../shared/data`` (or ``$STORYLENS_DATA``) by default and from ``--data`` when given, measures
storylens and the best available baseline in the same run, and reports both side by side.
"""

from storylens.bench.base import (
    BenchOptions,
    BenchResult,
    BenchTable,
    PredictionWriter,
    data_path,
    default_data_root,
    machine_info,
    peak_rss_mb,
    run_task,
)

#: Task name -> module implementing ``run``.
TASKS: dict[str, str] = {
    "ingest": "storylens.bench.ingest",
    "extract": "storylens.bench.extract",
    "cluster": "storylens.bench.cluster",
    "entities": "storylens.bench.entities",
    "time": "storylens.bench.time",
    "timeline": "storylens.bench.timeline",
    "quotes": "storylens.bench.quotes",
    "figures": "storylens.bench.figures",
    "provenance": "storylens.bench.provenance",
    "summarize": "storylens.bench.summarize",
    "pipeline": "storylens.bench.pipeline",
}

__all__ = [
    "TASKS",
    "BenchOptions",
    "BenchResult",
    "BenchTable",
    "PredictionWriter",
    "data_path",
    "default_data_root",
    "machine_info",
    "peak_rss_mb",
    "run_task",
]
