"""``storylens bench pipeline``: the whole pipeline, end to end, and how it scales.

Runs ingest, dedupe and clustering, every analysis stage and JSON brief writing on

- the Timeline17 articles under the data root (``--data`` names another folder of articles), and
- replicated streams of growing size (``--set sizes=5000,20000``; default 5000 and 20000): the
  Timeline17 articles again, each copy moved by a multiple of three years so that copies form
  stories of their own and with every tenth word of a sentence varied so that no copy is a
  duplicate of its original.

Each size runs in a fresh process, so its peak memory is its own. The baseline is the cost
floor a user pays anyway: spaCy's ``en_core_web_sm`` pipeline alone over the same texts, on all
cores (``nlp.pipe``, ``n_process`` = cores). A second measurement re-briefs the largest story after
ten articles are added to it (``incremental``): the work-done-once path.

Options: ``--set sizes=...``, ``--set baseline=0`` to skip the spaCy-only baseline.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import resource
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

_DATE_FOLDER = re.compile(r"(\d{4}-\d{2}-\d{2})")


def _source_articles(options: BenchOptions) -> list[tuple[dt.date | None, str, str]]:
    """``(date, topic, text)`` for every non-empty source article."""
    root = options.data or default_data_root() / "timeline17"
    if not root.exists():
        raise BenchDataError(f"{root}: no such folder; pass --data or set STORYLENS_DATA")
    out: list[tuple[dt.date | None, str, str]] = []
    for path in sorted(root.rglob("*.txt")):
        if "timelines" in path.parts:
            continue
        text = path.read_text(encoding="utf-8", errors="replace").strip()
        if not text:
            continue
        match = _DATE_FOLDER.search(str(path.parent))
        date = dt.date.fromisoformat(match[1]) if match else None
        topic = path.relative_to(root).parts[0]
        out.append((date, topic, text))
    if not out:
        raise BenchDataError(f"{root}: no article .txt files found")
    return out


def _perturb(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for index in range(0, len(words), 10):
        if words[index].isalpha() and len(words[index]) > 3:
            words[index] = words[index][::-1] if rng.random() < 0.5 else words[index].upper()
    return " ".join(words)


def _write_stream(folder: Path, sources: list[tuple[dt.date | None, str, str]], size: int) -> int:
    """Write ``size`` articles (replicas beyond the originals) as text files with date headers."""
    rng = random.Random(17)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(size):
        copy, index = divmod(n, len(sources))
        date, topic, text = sources[index]
        if copy:
            text = _perturb(text, rng)
            date = date + dt.timedelta(days=3 * 365 * copy) if date else None
        header = (
            f"Date: {date.isoformat()}\nSource: {topic}\n\n" if date else f"Source: {topic}\n\n"
        )
        (folder / f"{n:06d}.txt").write_text(header + text + "\n", encoding="utf-8")
    return size




def _measure_pipeline(folder: str, incremental: bool, queue: Any) -> None:
    from storylens import api
    from storylens.config import load_settings
    from storylens.store import SQLiteStore

    with tempfile.TemporaryDirectory() as work:
        settings = load_settings(overrides={"db": str(Path(work) / "bench.sqlite")})
        store = SQLiteStore(settings.db)
        paths = sorted(Path(folder).glob("*.txt"))
        held_back = paths[-10:] if incremental else []
        stages: dict[str, float] = {}
        cpu_before = _cpu_seconds()
        started = time.perf_counter()
        report = api.ingest(
            [str(p) for p in paths[: len(paths) - len(held_back)]], settings, store=store
        )
        stages["ingest"] = time.perf_counter() - started
        mark = time.perf_counter()
        stories = api.update_stories(store, settings)
        stages["dedupe+cluster"] = time.perf_counter() - mark
        # As `storylens brief` runs it: stories are analysed while later batches are parsed,
        # and each brief is written as soon as it is done.
        mark = time.perf_counter()
        stage_seconds: dict[str, float] = {}
        briefs = api.iter_briefs(store, settings, timings=stage_seconds)
        run = api.write_briefs(briefs, Path(work) / "briefs", ["json"], keep=False)
        stages["parse + analyses + write briefs (wall)"] = time.perf_counter() - mark
        stages["of which spaCy parse (wall, both cores)"] = stage_seconds.pop("parse", 0.0)
        stages.update(
            {f"analysis: {k} (CPU s, summed over workers)": v for k, v in stage_seconds.items()}
        )
        total = time.perf_counter() - started
        cpu = _cpu_seconds() - cpu_before
        articles = store.count_articles()
        result: dict[str, Any] = {
            "articles": articles,
            "stories": len(stories),
            # Per-story work grows faster than linearly (pairs of articles, quotes, sentences):
            # the largest story says how much of a run's cost is its biggest story.
            "largest_story": max((len(s.article_ids) for s in stories), default=0),
            "failures": len(report.failures),
            "seconds": total,
            "articles_per_s": articles / total,
            "cpu_ms_per_article": 1000 * cpu / max(1, articles),
            "cores_busy": cpu / total,
            "stages": stages,
            "peak_mb": peak_rss_with_children_mb(),
            "analyses": sorted(stage_seconds),
        }
        if incremental and held_back and run.stories:
            largest = max(store.stories(), key=lambda s: len(s.article_ids))
            mark = time.perf_counter()
            api.ingest([str(p) for p in held_back], settings, store=store)
            updated = api.update_stories(store, settings)
            story = next((s for s in updated if s.id == largest.id), largest)
            api.brief_stories(store, settings, stories=[story])
            result["incremental"] = {
                "story_articles": len(story.article_ids),
                "added": len(held_back),
                "seconds": time.perf_counter() - mark,
            }
        store.close()
    queue.put(result)


def _cpu_seconds() -> float:
    """CPU seconds of this process and of its finished children (pools are shut down by then):
    unlike wall time, the cost does not depend on what else shares the cores."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _measure_spacy(folder: str, queue: Any) -> None:
    import spacy

    from storylens.nlp import SPACY_MODEL

    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    nlp = spacy.load(SPACY_MODEL)
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=os.cpu_count() or 1):
        pass
    seconds = time.perf_counter() - started
    queue.put(
        {
            "articles": len(texts),
            "seconds": seconds,
            "articles_per_s": len(texts) / seconds,
            "peak_mb": peak_rss_with_children_mb(),
        }
    )




def run(options: BenchOptions) -> BenchResult:
    """Run the end-to-end pipeline on Timeline17 and on replicated streams."""
    sources = _source_articles(options)
    sizes = [int(s) for s in options.extra.get("sizes", "5000,20000").split(",") if s.strip()]
    runs: list[tuple[str, int]] = [("timeline17", len(sources))] + [
        (f"stream-{n}", n) for n in sizes
    ]
    if options.limit:  # caps the Timeline17 run; the streams keep the sizes asked for
        runs[0] = ("timeline17", min(runs[0][1], options.limit))
    with_baseline = options.extra.get("baseline", "1") != "0"
    storylens: dict[str, Any] = {}
    baseline: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as work, PredictionWriter(options.predictions) as out:
        for position, (name, size) in enumerate(runs):
            folder = Path(work) / name
            _write_stream(folder, sources, size)
            if options.progress:
                options.progress(position, len(runs), name)
            storylens[name] = run_in_fresh_process(_measure_pipeline, str(folder), position == 0)
            if with_baseline:
                baseline[name] = run_in_fresh_process(_measure_spacy, str(folder))
            out.write({"run": name, "storylens": storylens[name], "baseline": baseline.get(name)})
    rows = [
        [
            name,
            result["articles"],
            result["stories"],
            result.get("largest_story", "-"),
            result["articles_per_s"],
            baseline[name]["articles_per_s"] if name in baseline else "-",
            result["cpu_ms_per_article"],
            result["cores_busy"],
            result["peak_mb"],
            result["articles_per_s"] * 86400,
        ]
        for name, result in storylens.items()
    ]
    tables = [
        BenchTable(
            "End to end (ingest, dedupe, cluster, every analysis, JSON briefs)",
            [
                "run",
                "articles",
                "stories",
                "largest story",
                "storylens articles/s",
                "spaCy-only articles/s",
                "CPU ms/article",
                "cores busy",
                "peak MB",
                "articles/day",
            ],
            rows,
        )
    ]
    stage_names = list(dict.fromkeys(k for r in storylens.values() for k in r["stages"]))
    tables.append(
        BenchTable(
            "Seconds per stage",
            ["stage", *storylens.keys()],
            [
                [stage, *(r["stages"].get(stage, 0.0) for r in storylens.values())]
                for stage in stage_names
            ],
        )
    )
    notes = []
    first = next(iter(storylens.values()))
    if "incremental" in first:
        inc = first["incremental"]
        notes.append(
            f"incremental: adding {inc['added']} articles to a {inc['story_articles']}-article "
            f"story and re-briefing it took {inc['seconds']:.2f} s"
        )
    return BenchResult(
        task="pipeline",
        data=str(options.data or default_data_root() / "timeline17"),
        items=sum(n for _, n in runs),
        storylens=storylens,
        baseline={"name": "spaCy en_core_web_sm pipe alone, all cores", **baseline},
        tables=tables,
        notes=notes,
    )
