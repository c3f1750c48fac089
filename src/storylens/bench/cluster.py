"""``storylens bench cluster``: story clustering quality, pair similarity, stream speed/memory.

Side by side in one run: storylens's streaming clusterer (default settings, one setting for every
set) and TF-IDF + average-link agglomerative clustering (its distance cut chosen per set on the
gold labels, an upper bound for the baseline). Sets (``../shared/data``): ECB+ (topic and seminal
event labels), the shuffled Multi-News validation mix, Timeline17 as one dated stream labelled by
topic, SemEval-2022 Task 8 pairs, and a 20,000-article perturbed replay stream.

Options (``--set KEY=VALUE``): ``stream=5000,10000,20000`` (stream lengths; ``stream=0`` skips),
``baseline_stream=5000,10000``, ``sets=ecbplus,multinews,timeline17,pairs``, ``halves=1`` (also
cluster the dev and held-out halves on their own: Multi-News clusters with even / odd row
numbers, ECB+ even / odd topics; settings are tuned on the dev halves only; ``halves=0`` skips).
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from storylens.bench.base import BenchOptions, BenchResult, BenchTable, PredictionWriter, data_path
from storylens.bench.cluster_baseline import BASELINE_THRESHOLDS, agglomerative_labels, tfidf_matrix
from storylens.bench.cluster_metrics import bcubed, nested_granularity_bound, pairwise
from storylens.bench.cluster_stream import run_stream_measurement
from storylens.bench.loaders_cluster import (
    LabelledArticles,
    Pair,
    load_ecbplus,
    load_multinews,
    load_pairs,
    load_timeline17,
)
from storylens.cluster.stream import StoryStream
from storylens.cluster.streaming import StreamingClusterer, stream_settings
from storylens.config import ClusterSettings
from storylens.records import Article

__all__ = ["SAME_STORY_MAX_OVERALL", "run"]

#: SemEval-2022 Task 8 "Overall" is a mean rating from 1 (very similar) to 4 (very dissimilar);
#: a pair is "same story" when raters lean to similar: mean below the scale's midpoint 2.5.
SAME_STORY_MAX_OVERALL = 2.5


def _cluster_set(
    data: LabelledArticles, settings: ClusterSettings, writer: PredictionWriter
) -> list[dict[str, Any]]:
    stories = StreamingClusterer(settings).cluster(data.articles)
    story_of = {a: s.id for s in stories for a in s.article_ids}
    ours = [story_of[a.id] for a in data.articles]
    cuts = agglomerative_labels(data.articles, BASELINE_THRESHOLDS)
    rows = []
    for label_name, gold in data.labels.items():
        best_cut = max(BASELINE_THRESHOLDS, key=lambda t: bcubed(gold, cuts[t])["f1"])
        base = cuts[best_cut]
        rows.append(
            {
                "set": f"{data.name} ({label_name})",
                "articles": len(gold),
                "gold_clusters": len(set(gold)),
                "storylens": {
                    "bcubed": bcubed(gold, ours),
                    "pairwise": pairwise(gold, ours),
                    "clusters": len(set(ours)),
                },
                "baseline": {
                    "bcubed": bcubed(gold, base),
                    "pairwise": pairwise(gold, base),
                    "clusters": len(set(base)),
                    "distance_cut": best_cut,
                },
                "baseline_by_cut": {
                    t: {"bcubed": bcubed(gold, cuts[t]), "pairwise": pairwise(gold, cuts[t])}
                    for t in BASELINE_THRESHOLDS
                },
            }
        )
    for article, gold_label, story, base_label in zip(
        data.articles, next(iter(data.labels.values())), ours, cuts[0.85], strict=True
    ):
        writer.write(
            {
                "set": data.name,
                "article": article.id,
                "gold": gold_label,
                "story": story,
                "baseline_0.85": base_label,
            }
        )
    return rows


#: The label whose parity splits a set into dev (even) and held-out (odd) halves.
_HALF_KEYS = {"ecbplus": "topic", "multinews": "story"}


def _halves(data: LabelledArticles) -> list[LabelledArticles]:
    """The dev (even labels) and held-out (odd labels) halves of a set, in stream order."""
    key = _HALF_KEYS.get(data.name)
    if key is None:
        return []
    halves = []
    for parity, part in ((0, "dev"), (1, "held-out")):
        keep = [i for i, label in enumerate(data.labels[key]) if int(label) % 2 == parity]
        halves.append(
            LabelledArticles(
                f"{data.name} {part}",
                [data.articles[i] for i in keep],
                {name: [labels[i] for i in keep] for name, labels in data.labels.items()},
            )
        )
    return halves


def _granularity_note(data: LabelledArticles, rows: list[dict[str, Any]]) -> str | None:
    """For a set with nested labels (ECB+ events in topics): can one clustering beat the
    baseline's per-level tuned cuts at both levels? See ``nested_granularity_bound``."""
    if not {"topic", "event"} <= set(data.labels):
        return None
    bound = nested_granularity_bound(data.labels["event"], data.labels["topic"])
    base = {r["set"]: r["baseline"]["bcubed"]["f1"] for r in rows}
    topic, event = base.get(f"{data.name} (topic)"), base.get(f"{data.name} (event)")
    if topic is None or event is None:
        return None
    # With the other score at 1.0, F1 = 2x / (1 + x): x = F1 / (2 - F1) is the least needed.
    need = topic / (2 - topic) + event / (2 - event)
    return (
        f"{data.name}: any one clustering has topic-level B-cubed recall + event-level precision "
        f"<= {bound:.3f} (1 + the mean share of an article's event in its topic); beating the "
        f"baseline's per-level tuned cuts at both levels (F1 {topic:.3f} and {event:.3f}) needs "
        f"at least {need:.3f}, so {'no' if need > bound else 'only a near-perfect'} single "
        "clustering can; compare one clustering against the baseline at one cut."
    )


def _pearson(x: Sequence[float], y: Sequence[float]) -> float:
    if len(x) < 3:
        return math.nan
    return float(np.corrcoef(np.asarray(x), np.asarray(y))[0, 1])


def _accuracy(similarities: Sequence[float], same: Sequence[bool], threshold: float) -> float:
    return sum((s >= threshold) == g for s, g in zip(similarities, same, strict=True)) / max(
        1, len(same)
    )


def _best_accuracy(similarities: Sequence[float], same: Sequence[bool]) -> tuple[float, float]:
    candidates = sorted(set(similarities))
    return max(((_accuracy(similarities, same, t), t) for t in candidates), default=(0.0, 0.0))


def _pairs(pairs: list[Pair], settings: ClusterSettings) -> list[dict[str, Any]]:
    stream = StoryStream(stream_settings(settings))
    texts: dict[str, Article] = {}
    for pair in pairs:
        texts[pair.first.id] = pair.first
        texts[pair.second.id] = pair.second
    for article in texts.values():
        stream.idf.observe(stream.featurizer.counts(article))
    ours = [stream.similarity(p.first, p.second) for p in pairs]
    ids = list(texts)
    row_of = {article_id: row for row, article_id in enumerate(ids)}
    matrix = tfidf_matrix([texts[i] for i in ids])
    base = [
        float((matrix[row_of[p.first.id]] @ matrix[row_of[p.second.id]].T).toarray()[0, 0])  # type: ignore[index]
        for p in pairs
    ]
    rows = []
    for subset, keep in (
        ("en-en", [p.lang1 == "en" and p.lang2 == "en" for p in pairs]),
        ("all pairs", [True] * len(pairs)),
    ):
        chosen = [i for i, k in enumerate(keep) if k]
        gold = [-pairs[i].overall for i in chosen]
        same = [pairs[i].overall < SAME_STORY_MAX_OVERALL for i in chosen]
        row: dict[str, Any] = {"subset": subset, "pairs": len(chosen), "same_story": sum(same)}
        for name, sims, threshold in (
            ("storylens", ours, settings.threshold),
            ("baseline", base, 1.0 - 0.85),
        ):
            values = [sims[i] for i in chosen]
            best, best_threshold = _best_accuracy(values, same)
            row[name] = {
                "pearson": _pearson(values, gold),
                "accuracy": _accuracy(values, same, threshold),
                "threshold": threshold,
                "best_accuracy": best,
                "best_threshold": best_threshold,
            }
        rows.append(row)
    return rows


def _stream(
    sets: list[LabelledArticles], options: BenchOptions
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    counts = [
        int(c) for c in options.extra.get("stream", "5000,10000,20000").split(",") if int(c) > 0
    ]
    baseline_counts = [
        int(c) for c in options.extra.get("baseline_stream", "5000,10000").split(",") if int(c) > 0
    ]
    if options.limit:
        counts = [min(c, options.limit * 20) for c in counts]
        baseline_counts = [min(c, options.limit * 10) for c in baseline_counts]
    base = [a for data in sets for a in data.articles]
    if not counts or not base:
        return [], []
    with tempfile.TemporaryDirectory() as workdir:
        ours = run_stream_measurement(base, counts, Path(workdir))
        theirs = run_stream_measurement(base, baseline_counts, Path(workdir), "_measure_baseline")
    return ours, theirs


def run(options: BenchOptions) -> BenchResult:
    """Run every clustering benchmark (see the module docstring)."""
    settings = ClusterSettings()
    wanted = options.extra.get("sets", "ecbplus,multinews,timeline17,pairs").split(",")
    loaders = {"ecbplus": load_ecbplus, "multinews": load_multinews, "timeline17": load_timeline17}
    halves = options.extra.get("halves", "1") not in ("0", "")
    sets: list[LabelledArticles] = []
    rows: list[dict[str, Any]] = []
    half_rows: list[dict[str, Any]] = []
    granularity: list[str] = []
    with PredictionWriter(options.predictions) as writer:
        for name, loader in loaders.items():
            if name in wanted:
                data = loader(data_path(options, name), options.limit)
                sets.append(data)
                set_rows = _cluster_set(data, settings, writer)
                rows.extend(set_rows)
                note = _granularity_note(data, set_rows)
                if note:
                    granularity.append(note)
                for half in _halves(data) if halves else []:
                    for row in _cluster_set(half, settings, PredictionWriter(None)):
                        half_rows.append({**row, "half": True})
                if options.progress:
                    options.progress(len(sets), len(loaders) + 2, name)
    pair_rows = (
        _pairs(load_pairs(data_path(options, "pairs-semeval2022"), options.limit), settings)
        if "pairs" in wanted
        else []
    )
    if rows:  # the baseline with one cut for every set, as storylens has one setting
        cut = max(
            BASELINE_THRESHOLDS,
            key=lambda t: sum(r["baseline_by_cut"][t]["bcubed"]["f1"] for r in rows),
        )
        for r in rows + half_rows:
            r["baseline_one_cut"] = {**r.pop("baseline_by_cut")[cut], "distance_cut": cut}
    ours_stream, base_stream = _stream(sets, options)
    result = _result(rows + half_rows, pair_rows, ours_stream, base_stream, settings)
    result.notes.extend(granularity)
    return result


def _result(
    rows: list[dict[str, Any]],
    pair_rows: list[dict[str, Any]],
    ours_stream: list[dict[str, Any]],
    base_stream: list[dict[str, Any]],
    settings: ClusterSettings,
) -> BenchResult:
    quality = BenchTable(
        "Story clustering: B-cubed P / R / F1 and pairwise F1 (storylens: one default setting; "
        "baseline: TF-IDF + average-link agglomerative with its distance cut tuned per set on "
        "the gold labels, and with the one cut best over all sets)",
        [
            "set",
            "articles",
            "gold",
            "storylens P",
            "R",
            "F1",
            "pair F1",
            "stories",
            "baseline P",
            "R",
            "F1",
            "pair F1",
            "clusters (cut)",
            "baseline one cut: F1",
            "pair F1",
        ],
        [
            [
                r["set"],
                r["articles"],
                r["gold_clusters"],
                r["storylens"]["bcubed"]["precision"],
                r["storylens"]["bcubed"]["recall"],
                r["storylens"]["bcubed"]["f1"],
                r["storylens"]["pairwise"]["f1"],
                r["storylens"]["clusters"],
                r["baseline"]["bcubed"]["precision"],
                r["baseline"]["bcubed"]["recall"],
                r["baseline"]["bcubed"]["f1"],
                r["baseline"]["pairwise"]["f1"],
                f"{r['baseline']['clusters']} ({r['baseline']['distance_cut']})",
                r["baseline_one_cut"]["bcubed"]["f1"],
                r["baseline_one_cut"]["pairwise"]["f1"],
            ]
            for r in rows
        ],
    )
    tables = [quality]
    if pair_rows:
        tables.append(
            BenchTable(
                f"SemEval-2022 Task 8 pairs: Pearson r of similarity with -Overall; same story = "
                f"Overall < {SAME_STORY_MAX_OVERALL}; accuracy at the method's own threshold "
                "(storylens: its join threshold; baseline: 1 - 0.85) and at the best threshold",
                [
                    "subset",
                    "pairs",
                    "same",
                    "storylens r",
                    "acc",
                    "best acc",
                    "baseline r",
                    "acc",
                    "best acc",
                ],
                [
                    [
                        r["subset"],
                        r["pairs"],
                        r["same_story"],
                        r["storylens"]["pearson"],
                        r["storylens"]["accuracy"],
                        r["storylens"]["best_accuracy"],
                        r["baseline"]["pearson"],
                        r["baseline"]["accuracy"],
                        r["baseline"]["best_accuracy"],
                    ]
                    for r in pair_rows
                ],
            )
        )
    if ours_stream:
        tables.append(
            BenchTable(
                "Stream: articles/s (one process, one day of 50 articles per batch, dedupe and merge pass "
                "included; wall "
                "clock and per CPU-second, the machine is shared) and peak "
                "memory growth (RSS, fresh subprocess); baseline = TF-IDF + agglomerative",
                [
                    "method",
                    "articles",
                    "articles/s (wall)",
                    "per CPU-s",
                    "peak MB",
                    "state MB",
                    "active stories",
                    "dedupe P",
                    "dedupe R",
                ],
                [
                    [
                        "storylens",
                        s["articles"],
                        s["articles_per_s"],
                        s["articles_per_cpu_s"],
                        s["peak_rss_growth_mb"],
                        s["state_mb"],
                        s["active_stories"],
                        s["dedupe_precision"],
                        s["dedupe_recall"],
                    ]
                    for s in ours_stream
                ]
                + [
                    [
                        "baseline",
                        s["articles"],
                        s["articles_per_s"],
                        s["articles_per_cpu_s"],
                        s["peak_rss_growth_mb"],
                        "",
                        "",
                        "",
                        "",
                    ]
                    for s in base_stream
                ],
            )
        )
    notes = [
        f"storylens settings: threshold {settings.threshold}, size_boost {settings.size_boost}, "
        f"window {settings.window_days} d x (1 + {settings.window_growth} ln n), "
        f"merge_similarity {settings.merge_similarity}, template_words {settings.template_words}, "
        f"near-duplicate Jaccard {settings.near_duplicate_threshold}.",
        "BERTopic is not compared: it needs torch and a sentence-embedding model, not installable "
        "offline here.",
    ]
    headline = {r["set"]: r["storylens"]["bcubed"]["f1"] for r in rows}
    return BenchResult(
        task="cluster",
        data="ecbplus, multinews, timeline17, pairs-semeval2022",
        items=sum(r["articles"] for r in rows if "event" not in r["set"] and not r.get("half")),
        storylens={
            "sets": rows and {r["set"]: r["storylens"] for r in rows},
            "bcubed_f1": headline,
            "pairs": [{k: r[k] for k in ("subset", "storylens")} for r in pair_rows],
            "stream": ours_stream,
        },
        baseline={
            "sets": {r["set"]: r["baseline"] for r in rows},
            "sets_one_cut": {r["set"]: r["baseline_one_cut"] for r in rows},
            "pairs": [{k: r[k] for k in ("subset", "baseline")} for r in pair_rows],
            "stream": base_stream,
        },
        tables=tables,
        notes=notes,
    )
