"""Throughput and memory of the streaming clusterer on a long synthetic stream.

The stream replays real articles (from the clustering sets) with perturbations: each replay
drops ~10% of the words, shuffles the order of paragraphs and moves the article forward in time
(one replay ~ a new 60-day period), so that stories keep starting and going quiet as in a live
feed. About 4% of the stream are injected copies of an article of the last days (half exact, half
with a changed headline, a trimmed last paragraph and a few words replaced), which also measures
duplicate detection.

Each stream length runs in a fresh subprocess so that peak memory (``ru_maxrss``) is the
clusterer's own: the resident size after loading the base articles is subtracted.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from storylens.records import Article

__all__ = ["perturbed_stream", "run_stream_measurement"]

_START = dt.date(2020, 1, 1)


def _copy(article: Article, rng: random.Random, exact: bool, key: str) -> Article:
    new_id = hashlib.sha1(key.encode()).hexdigest()[:16]
    if exact:
        return replace(article, id=new_id, origin=f"copy:{key}")
    paragraphs = list(article.paragraphs)
    if len(paragraphs) > 5:  # a trimmed footer paragraph
        paragraphs = paragraphs[:-1]
    words = "\n\n".join(paragraphs).split(" ")
    for _ in range(max(1, len(words) // 60)):
        words[rng.randrange(len(words))] = rng.choice(["reportedly", "officials", "local"])
    return replace(
        article,
        id=new_id,
        origin=f"copy:{key}",
        title=f"UPDATE: {article.title or ''}".strip(),
        text=" ".join(words),
    )


def perturbed_stream(
    base: Sequence[Article], count: int, seed: int = 3, per_day: int = 50
) -> Iterator[tuple[Article, str | None]]:
    """``count`` articles in date order, each with the id of the article it copies (or None)."""
    rng = random.Random(seed)
    order = list(range(len(base)))
    recent: list[Article] = []
    produced = 0
    replay = 0
    while produced < count:
        rng.shuffle(order)
        for index in order:
            if produced >= count:
                return
            day = _START + dt.timedelta(days=produced // per_day)
            if recent and rng.random() < 0.04:
                original = rng.choice(recent[-per_day * 3 :])
                copy = _copy(original, rng, rng.random() < 0.5, f"copy-{produced}")
                yield replace(copy, published=day), original.id
            else:
                source = base[index]
                words = [w for w in source.text.split(" ") if rng.random() > 0.1]
                paragraphs = " ".join(words).split("\n\n")
                rng.shuffle(paragraphs)
                key = f"{replay}-{index}-{produced}"
                article = replace(
                    source,
                    id=hashlib.sha1(key.encode()).hexdigest()[:16],
                    origin=f"replay:{key}",
                    text="\n\n".join(paragraphs),
                    published=day,
                )
                recent.append(article)
                if len(recent) > per_day * 6:
                    del recent[: per_day * 3]
                yield article, None
            produced += 1
        replay += 1


def _rss_mb() -> float:
    """This process's resident memory now (Linux ``/proc``), in MB."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _measure(base_pickle: str, count: int) -> dict[str, Any]:
    """Run in a subprocess: stream ``count`` articles a day at a time, report time and memory.

    Memory is the resident size sampled during the stream minus the size before it starts
    (after the base articles are loaded): the clusterer's own growth.
    """
    import pickle

    from storylens.cluster.stream import StoryStream
    from storylens.cluster.streaming import stream_settings
    from storylens.config import ClusterSettings

    with open(base_pickle, "rb") as handle:
        base = pickle.load(handle)  # written by this module a moment ago, not user input
    stream = StoryStream(stream_settings(ClusterSettings()))
    gc.collect()
    before = _rss_mb()
    highest = before
    copies = flagged = correct = 0
    elapsed = cpu = 0.0
    # Lazily generated, so that the stream's articles never sit in memory all at once. Articles
    # arrive one day at a time (``add_batch``, as ``storylens`` ingest + update would see them),
    # so the per-batch merge pass is measured too.
    batch: list[tuple[Any, Any]] = []

    def flush() -> tuple[int, int]:
        nonlocal elapsed, cpu
        started, started_cpu = time.perf_counter(), time.process_time()
        assignments = stream.add_batch([article for article, _ in batch])
        elapsed += time.perf_counter() - started
        cpu += time.process_time() - started_cpu
        found = sum(a.duplicate is not None for a in assignments)
        right = sum(
            a.duplicate is not None and original is not None
            for a, (_, original) in zip(assignments, batch, strict=True)
        )
        batch.clear()
        return found, right

    for index, (article, original) in enumerate(perturbed_stream(base, count)):
        if batch and batch[-1][0].published != article.published:
            found, right = flush()
            flagged += found
            correct += right
        batch.append((article, original))
        if index % 50 == 0:
            highest = max(highest, _rss_mb())
        copies += original is not None
    if batch:
        found, right = flush()
        flagged += found
        correct += right
    highest = max(highest, _rss_mb())
    return {
        "articles": count,
        "seconds": elapsed,
        "articles_per_s": count / elapsed,
        "articles_per_cpu_s": count / cpu,
        "peak_rss_growth_mb": highest - before,
        "state_mb": len(stream.to_bytes()) / 2**20,
        "active_stories": len(stream.stories),
        "dedupe_window": len(stream.dedupe),
        "copies_injected": copies,
        "copies_flagged": flagged,
        "dedupe_precision": correct / flagged if flagged else 1.0,
        "dedupe_recall": correct / copies if copies else 1.0,
    }


def _measure_baseline(base_pickle: str, count: int) -> dict[str, Any]:
    """Run in a subprocess: TF-IDF + average-link agglomerative clustering of the same stream."""
    import pickle
    import resource

    from storylens.bench.cluster_baseline import agglomerative_labels

    with open(base_pickle, "rb") as handle:
        base = pickle.load(handle)
    items = [article for article, _ in perturbed_stream(base, count)]
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    started, started_cpu = time.perf_counter(), time.process_time()
    agglomerative_labels(items, [0.85])
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - started_cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return {
        "articles": count,
        "seconds": elapsed,
        "articles_per_s": count / elapsed,
        "articles_per_cpu_s": count / cpu,
        "peak_rss_growth_mb": peak - before,
    }


def run_stream_measurement(
    base: Sequence[Article], counts: Sequence[int], workdir: Path, function: str = "_measure"
) -> list[dict[str, Any]]:
    """Measure each stream length in its own subprocess (clean peak-memory readings).

    ``function`` is ``_measure`` (storylens) or ``_measure_baseline`` (agglomerative).
    """
    import pickle

    workdir.mkdir(parents=True, exist_ok=True)
    base_file = workdir / f"stream-base-{function}.pickle"
    with base_file.open("wb") as handle:
        pickle.dump(list(base), handle)
    results = []
    for count in counts:
        code = (
            f"import json; from storylens.bench.cluster_stream import {function}; "
            f"print(json.dumps({function}({str(base_file)!r}, {count})))"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    base_file.unlink(missing_ok=True)
    return results
