"""``storylens bench pipeline``: the whole pipeline, end to end, and how it scales.

Runs ingest, dedupe and clustering, every analysis stage and JSON brief writing on

- the Timeline17 articles under the data root (``--data`` names another folder of articles), and
- replicated streams of growing size (``--set sizes=5000,20000``; default 5000 and 20000): the
  Timeline17 articles again, each copy moved by a multiple of three years so that copies form
  stories of their own and with every tenth word of a sentence varied so that no copy is a
  duplicate of its original.

Each size runs in a fresh process, so its peak memory is its own. The baseline is the cost
floor a user pays anyway: spaCy's ``en_core_web_sm`` pipeline alone over the same texts, on all
cores (``nlp.pipe``, ``n_process`` = cores).

A last run measures the work-done-once path (``incremental``, issue 12): the first 600 articles
by date of Timeline17's largest event (the BP oil spill, five outlets), minus the ten latest,
go through the whole pipeline; then, in the same process, the ten are ingested, the stories
updated and the story they joined re-briefed (a story of about 570 articles; the goal is stated
for 500). ``--set incremental=N`` takes N articles instead, ``--set incremental=0`` skips it.

Options: ``--set sizes=...``, ``--set baseline=0`` to skip the spaCy-only baseline,
``--set incremental=N``.
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




def _write_incremental_set(
    folder: Path, sources: list[tuple[dt.date | None, str, str]], size: int
) -> tuple[str, int]:
    """The incremental measurement's articles: the first ``size`` dated articles, by date, of
    the event with the most articles (topics ``bpoil_bbc``, ``bpoil_reuters``, ... are one
    event), written in date order so that the ten held back are the latest.

    A stream's last files are no good for it: Timeline17's topics span different years, and a
    streaming clusterer rightly starts new stories for articles that arrive after their story
    left its inactivity window, so the ten joined no story of the run at all. Returns the
    event's name and how many articles were written.
    """
    events: dict[str, list[tuple[dt.date, str, str]]] = {}
    for date, topic, text in sources:
        if date is not None:
            events.setdefault(topic.split("_")[0], []).append((date, topic, text))
    event, chosen = max(events.items(), key=lambda item: (len(item[1]), item[0]))
    chosen = sorted(chosen, key=lambda s: (s[0], s[1]))[:size]
    folder.mkdir(parents=True, exist_ok=True)
    for n, (date, topic, text) in enumerate(chosen):
        header = f"Date: {date.isoformat()}\nSource: {topic}\n\n"
        (folder / f"{n:06d}.txt").write_text(header + text + "\n", encoding="utf-8")
    return event, len(chosen)


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
            result["incremental"] = _measure_incremental(store, settings, held_back)
        store.close()
    queue.put(result)


#: The goal of issue 12 is stated for a story of this many articles.
_INCREMENTAL_GOAL_ARTICLES = 500


def _measure_incremental(store: Any, settings: Any, held_back: list[Path]) -> dict[str, Any]:
    """Add the held-back files (the stream's last ten) and re-brief the story most of them
    joined, as a user would: ingest, cluster update, one brief, in this process.

    The story is the one the new articles joined, not merely the largest: a story none of them
    joined would only re-read kept results. Reports wall and CPU seconds (CPU does not count
    what else shares the cores), each step's, and the analysis stages' CPU seconds.
    """
    from storylens import api

    before = set(store.article_ids())
    steps: dict[str, float] = {}
    cpu_steps: dict[str, float] = {}
    started, cpu_started = time.perf_counter(), time.process_time()
    api.ingest([str(p) for p in held_back], settings, store=store)
    added = set(store.article_ids()) - before
    steps["ingest"], cpu_steps["ingest"] = time.perf_counter(), time.process_time()
    updated = api.update_stories(store, settings)
    steps["cluster update"], cpu_steps["cluster update"] = time.perf_counter(), time.process_time()
    story = max(
        updated or store.stories(),
        key=lambda s: (len(added.intersection(s.article_ids)), len(s.article_ids)),
    )
    stage_seconds: dict[str, float] = {}
    api.brief_stories(store, settings, stories=[story], timings=stage_seconds)
    ended, cpu_ended = time.perf_counter(), time.process_time()
    marks = [started, steps["ingest"], steps["cluster update"], ended]
    cpu_marks = [cpu_started, cpu_steps["ingest"], cpu_steps["cluster update"], cpu_ended]
    names = ["ingest", "cluster update", "brief"]
    return {
        "story_articles": len(story.article_ids),
        "added": len(held_back),
        "joined": len(added.intersection(story.article_ids)),
        "seconds": ended - started,
        "cpu_seconds": cpu_ended - cpu_started,
        "steps": {n: marks[k + 1] - marks[k] for k, n in enumerate(names)},
        "cpu_steps": {n: cpu_marks[k + 1] - cpu_marks[k] for k, n in enumerate(names)},
        # "parse" is wall seconds loading (or parsing) the story's parses; the rest CPU seconds.
        "stages": stage_seconds,
    }


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
            storylens[name] = run_in_fresh_process(_measure_pipeline, str(folder), False)
            if with_baseline:
                baseline[name] = run_in_fresh_process(_measure_spacy, str(folder))
            out.write({"run": name, "storylens": storylens[name], "baseline": baseline.get(name)})
        incremental: dict[str, Any] = {}
        inc_size = int(options.extra.get("incremental", "600"))
        if inc_size > 0:
            folder = Path(work) / "incremental"
            event, written = _write_incremental_set(folder, sources, inc_size)
            if options.progress:
                options.progress(len(runs), len(runs) + 1, f"incremental ({event})")
            whole = run_in_fresh_process(_measure_pipeline, str(folder), True)
            incremental = {"event": event, "articles": written, **whole.get("incremental", {})}
            out.write({"run": "incremental", "storylens": whole})
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
    if incremental:
        inc = incremental
        notes.append(
            f"incremental ({inc['event']}, {inc['articles']} articles by date, the latest "
            f"{inc.get('added', 0)} held back): adding them ({inc.get('joined', '?')} joined it) to "
            f"a story of {inc.get('story_articles', 0)} articles and re-briefing it took "
            f"{inc.get('seconds', 0.0):.2f} s wall, {inc.get('cpu_seconds', 0.0):.2f} CPU s ("
            + ", ".join(f"{k} {v:.2f}" for k, v in inc.get("cpu_steps", {}).items())
            + "; stages: "
            + ", ".join(f"{k} {v:.2f}" for k, v in inc.get("stages", {}).items())
            + ")"
        )
        if inc.get("story_articles", 0) < _INCREMENTAL_GOAL_ARTICLES:
            notes.append(
                f"incremental: the story has fewer than {_INCREMENTAL_GOAL_ARTICLES} articles "
                "(the goal's size): raise --set incremental=N (articles of the event)"
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
