"""``storylens bench ingest``: ingest speed and peak memory for plain text and HTML.

Data: the Timeline17 article files (plain text) and the extraction-trafilatura pages (HTML) under
the data root, or ``--data`` (a folder: its .txt files are the text set, its .html files the HTML
set). Each measurement runs in a fresh process so that its peak memory is its own; storylens's
full ingest (read, extract, clean, segment, identify language, store in SQLite, both cores) is
measured beside the baseline of the bare extraction a user would otherwise run (file read +
decode for text; ``trafilatura.extract`` with default settings for HTML, one core).
"""

from __future__ import annotations

import gzip
import tempfile
import time
from pathlib import Path
from typing import Any

from storylens.bench.base import (
    BenchOptions,
    BenchResult,
    BenchTable,
    PredictionWriter,
    default_data_root,
    peak_rss_with_children_mb,
    run_in_fresh_process,
)
from storylens.errors import BenchDataError

__all__ = ["run"]


def _files(options: BenchOptions) -> dict[str, list[Path]]:
    if options.data is not None:
        root = options.data
        if not root.exists():
            raise BenchDataError(f"{root}: no such folder")
        text = sorted(p for p in root.rglob("*") if p.is_file() and p.name.endswith(".txt"))
        html = sorted(
            p
            for p in root.rglob("*")
            if p.is_file() and p.name.endswith((".html", ".htm", ".html.gz"))
        )
    else:
        data = default_data_root()
        text = sorted((data / "timeline17").glob("*/InputDocs/*/*.txt"))
        html = sorted((data / "extraction-trafilatura" / "html").rglob("*.html.gz"))
        if not text and not html:
            raise BenchDataError(f"no Timeline17 or extraction pages under {data}; pass --data")
    if options.limit:
        text, html = text[: options.limit], html[: options.limit]
    return {"text": text, "html": html}




def _measure_storylens(paths: list[str], queue: Any) -> None:
    from storylens.config import IngestSettings
    from storylens.ingest import ingest_paths
    from storylens.store import SQLiteStore

    with tempfile.TemporaryDirectory() as folder:
        store = SQLiteStore(Path(folder) / "bench.sqlite")
        start = time.perf_counter()
        report = ingest_paths(paths, store, IngestSettings(workers=0))
        seconds = time.perf_counter() - start
        articles = store.count_articles()
        store.close()
    queue.put(
        {
            "files": len(paths),
            "articles": articles,
            "failures": len(report.failures),
            "seconds": seconds,
            "files_per_s": len(paths) / seconds,
            "peak_mb": peak_rss_with_children_mb(),
        }
    )


def _measure_baseline(paths: list[str], kind: str, queue: Any) -> None:
    extracted = 0
    start = time.perf_counter()
    if kind == "html":
        import trafilatura

        for path in paths:
            data = Path(path).read_bytes()
            if path.endswith(".gz"):
                data = gzip.decompress(data)
            if trafilatura.extract(data):
                extracted += 1
    else:
        for path in paths:
            if Path(path).read_bytes().decode("utf-8", errors="replace").strip():
                extracted += 1
    seconds = time.perf_counter() - start
    queue.put(
        {
            "files": len(paths),
            "articles": extracted,
            "seconds": seconds,
            "files_per_s": len(paths) / seconds,
            "peak_mb": peak_rss_with_children_mb(),
        }
    )




def run(options: BenchOptions) -> BenchResult:
    """Measure storylens ingest and the bare-extraction baseline on text and HTML."""
    sets = _files(options)
    storylens: dict[str, Any] = {}
    baseline: dict[str, Any] = {}
    with PredictionWriter(options.predictions) as predictions:
        for kind, files in sets.items():
            if not files:
                continue
            paths = [str(p) for p in files]
            storylens[kind] = run_in_fresh_process(_measure_storylens, paths)
            baseline[kind] = run_in_fresh_process(_measure_baseline, paths, kind)
            predictions.write(
                {"set": kind, "storylens": storylens[kind], "baseline": baseline[kind]}
            )
    goals = {"text": 300.0, "html": 50.0}
    rows = [
        [
            kind,
            storylens[kind]["files"],
            storylens[kind]["files_per_s"],
            baseline[kind]["files_per_s"],
            storylens[kind]["peak_mb"],
            baseline[kind]["peak_mb"],
            goals[kind],
        ]
        for kind in storylens
    ]
    table = BenchTable(
        "Ingest speed (files/s) and peak memory (MB)",
        [
            "set",
            "files",
            "storylens files/s",
            "baseline files/s",
            "storylens peak MB",
            "baseline peak MB",
            "goal files/s",
        ],
        rows,
    )
    data = str(options.data or default_data_root())
    return BenchResult(
        task="ingest",
        data=data,
        items=sum(len(f) for f in sets.values()),
        storylens=storylens,
        baseline={
            "name": "bare extraction (read+decode / trafilatura.extract, 1 core)",
            **baseline,
        },
        tables=[table],
        notes=[
            "storylens: full ingest (extract, clean, segment, language id, SQLite store) on all cores.",
            "baseline: text = read and decode only; HTML = trafilatura.extract with default settings.",
        ],
    )
