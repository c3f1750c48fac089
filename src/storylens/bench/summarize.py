"""``storylens bench summarize``: ROUGE on Multi-News beside sumy and a lead baseline; citations; speed.

Data: ``multinews/sample_validation.csv`` (250 validation clusters of Multi-News, Fabbri et al.
2019; see its SOURCE.md). For each cluster every method gets the same length budget, the
reference's word count, and the same budget rule (:func:`~storylens.summarize.core.take_within_budget`);
ROUGE-1/2/L F1 with the Porter stemmer (rouge-score). Methods, all in the same run:

- ``storylens``: :class:`~storylens.summarize.core.Summarizer` with its tuned defaults;
- ``lead``: the documents' first sentences taken in turn (sentence 1 of every document, then 2, ...);
- ``sumy-lexrank``, ``sumy-textrank``, ``sumy-lsa``, ``sumy-luhn``: sumy 0.13 with the Snowball
  stemmer, sumy's English stop words and our sentence splitter (NLTK punkt cannot be downloaded).

The summariser's weights were tuned on clusters 0-99 (``dev``); clusters 100-249 (``held-out``)
were not looked at while tuning; the table reports both and all 250.

Citation precision: ``bench/data/summarize_citations.json`` holds (cluster, summary sentence,
cited document, supporting sentence) pointers with a human label, never the text; the pointers
name sentences by index in :class:`~storylens.text.segment.RuleSegmenter` output plus a hash of
the sentence so that a changed splitter is caught rather than silently mislabelled.
"""

from __future__ import annotations

import ast
import csv
import dataclasses
import hashlib
import json
import re
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from storylens.bench.base import BenchOptions, BenchResult, BenchTable, PredictionWriter, data_path
from storylens.summarize.core import SourceDocument, Summarizer, take_within_budget
from storylens.summarize.settings import SummarizerSettings
from storylens.text.segment import RuleSegmenter

__all__ = ["Cluster", "OfflineTokenizer", "load_clusters", "run", "sentence_hash"]

DEV_CLUSTERS = 100
LABELS = Path(__file__).with_name("data") / "summarize_citations.json"
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_SEGMENTER = RuleSegmenter()


class Cluster:
    """One Multi-News cluster: its documents (segmented) and the reference summary."""

    def __init__(self, index: int, documents: Sequence[str], reference: str) -> None:
        self.index = index
        self.texts = [_normalise_doc(d) for d in documents]
        self.documents = [
            SourceDocument(f"d{k}", _SEGMENTER.split(f"d{k}", text))
            for k, text in enumerate(self.texts)
        ]
        self.reference = reference.lstrip("\u2013- ").strip()

    @property
    def budget(self) -> int:
        """The reference's length in words: every method writes about as much."""
        return len(self.reference.split())


def _normalise_doc(text: str) -> str:
    """Multi-News separates paragraphs with ' \\n \\n '; keep one blank line between paragraphs."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def load_clusters(path: Path, limit: int | None = None) -> list[Cluster]:
    """Read the Multi-News CSV (``documents`` is a Python-literal list; see SOURCE.md)."""
    csv.field_size_limit(1 << 30)
    clusters: list[Cluster] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for index, row in enumerate(csv.DictReader(handle)):
            if limit is not None and index >= limit:
                break
            clusters.append(Cluster(index, ast.literal_eval(row["documents"]), row["summary"]))
    return clusters


def sentence_hash(text: str) -> str:
    """A short hash of a sentence (whitespace folded): the label file's check, not its copy."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:10]


class OfflineTokenizer:
    """sumy's ``Tokenizer`` interface on our rule segmenter and a regex word splitter."""

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        """Sentences of one paragraph."""
        return tuple(s.text for s in _SEGMENTER.split("p", paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        """Words of one sentence."""
        return tuple(_WORD.findall(sentence))


class _BudgetCount:
    """sumy ``count`` callable: takes rating-sorted sentences until the word budget is filled."""

    def __init__(self, budget: int, overshoot: float) -> None:
        self.budget = budget
        self.overshoot = overshoot

    def __call__(self, infos: Sequence[Any]) -> list[Any]:
        lengths = [len(str(info.sentence).split()) for info in infos]
        return [infos[i] for i in take_within_budget(lengths, self.budget, self.overshoot)]


def _sumy_methods() -> dict[str, Callable[[Cluster, float], str]]:
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    stemmer = Stemmer("english")
    stop_words = get_stop_words("english")
    tokenizer = OfflineTokenizer()

    def make(cls: Any) -> Callable[[Cluster, float], str]:
        summarizer = cls(stemmer)
        summarizer.stop_words = stop_words

        def summarise(cluster: Cluster, overshoot: float) -> str:
            parser = PlaintextParser.from_string("\n\n".join(cluster.texts), tokenizer)
            sentences = summarizer(parser.document, _BudgetCount(cluster.budget, overshoot))
            return " ".join(str(s) for s in sentences)

        return summarise

    return {
        "sumy-lexrank": make(LexRankSummarizer),
        "sumy-textrank": make(TextRankSummarizer),
        "sumy-lsa": make(LsaSummarizer),
        "sumy-luhn": make(LuhnSummarizer),
    }


def lead_summary(cluster: Cluster, overshoot: float) -> str:
    """First sentences of the documents in turn, under the budget."""
    interleaved: list[str] = []
    depth = max((len(d.sentences) for d in cluster.documents), default=0)
    for position in range(depth):
        interleaved.extend(
            d.sentences[position].text for d in cluster.documents if position < len(d.sentences)
        )
    chosen = take_within_budget([len(s.split()) for s in interleaved], cluster.budget, overshoot)
    return " ".join(interleaved[i] for i in chosen)


def _rouge(scorer: Any, reference: str, prediction: str) -> dict[str, float]:
    scores = scorer.score(reference, prediction)
    return {name: 100.0 * score.fmeasure for name, score in scores.items()}


def _mean(values: Sequence[float]) -> float:
    return statistics.fmean(values) if values else 0.0


def _citation_precision(clusters: Sequence[Cluster], summarizer: Summarizer) -> dict[str, Any]:
    """Precision of the project's labelled (summary sentence, cited document) pairs.

    Each label names a pair the summariser cited when it was labelled; the check re-runs the
    summariser and scores the pairs it still cites (a pair no longer cited is reported, not scored).
    """
    if not LABELS.is_file():
        return {"pairs": 0}
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["pairs"]
    by_index = {c.index: c for c in clusters}
    cited_now: dict[int, set[tuple[str, int, str]]] = {}
    scored = correct = stale = 0
    for label in labels:
        cluster = by_index.get(label["cluster"])
        if cluster is None:
            continue
        if cluster.index not in cited_now:
            summary = summarizer.summarize(cluster.documents, budget_words=cluster.budget)
            cited_now[cluster.index] = {
                (p.candidate.article_id, p.candidate.index, source)
                for p in summary.picks
                for source in p.sources[1:]
            }
        doc = cluster.documents[int(label["doc"][1:])]
        sentence = (
            doc.sentences[label["sentence"]] if label["sentence"] < len(doc.sentences) else None
        )
        if sentence is None or sentence_hash(sentence.text) != label["hash"]:
            stale += 1
            continue
        if (label["doc"], label["sentence"], label["cited"]) not in cited_now[cluster.index]:
            stale += 1
            continue
        scored += 1
        correct += int(label["supports"])
    return {
        "pairs": scored,
        "precision": correct / scored if scored else 0.0,
        "not_cited_now": stale,
        "labelled": len(labels),
    }


def _time_large_story(clusters: Sequence[Cluster], summarizer: Summarizer, size: int = 50) -> float:
    """Seconds to summarise one story of ``size`` articles (documents pooled from large clusters)."""
    pooled: list[SourceDocument] = []
    for cluster in sorted(clusters, key=lambda c: -len(c.documents)):
        for doc in cluster.documents:
            new_id = f"c{cluster.index}{doc.id}"
            pooled.append(
                SourceDocument(
                    new_id, tuple(dataclasses.replace(s, article_id=new_id) for s in doc.sentences)
                )
            )
        if len(pooled) >= size:
            break
    started = time.perf_counter()
    summarizer.summarize(pooled[:size])
    return time.perf_counter() - started


def run(options: BenchOptions) -> BenchResult:
    """Run the summarisation benchmark (see the module docstring)."""
    from rouge_score import rouge_scorer

    path = data_path(options, "multinews/sample_validation.csv")
    csv_path = path / "sample_validation.csv" if path.is_dir() else path
    clusters = load_clusters(csv_path, options.limit)
    settings = SummarizerSettings()
    summarizer = Summarizer(settings)
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    methods: dict[str, Callable[[Cluster, float], str]] = {"lead": lead_summary, **_sumy_methods()}
    names = ["storylens", *methods]
    scores: dict[str, list[dict[str, float]]] = {name: [] for name in names}
    lengths: dict[str, list[int]] = {name: [] for name in names}
    seconds: list[float] = []
    with PredictionWriter(options.predictions) as writer:
        for done, cluster in enumerate(clusters):
            started = time.perf_counter()
            summary = summarizer.summarize(cluster.documents, budget_words=cluster.budget)
            seconds.append(time.perf_counter() - started)
            outputs = {"storylens": summary.text}
            for name, method in methods.items():
                outputs[name] = method(cluster, settings.overshoot)
            for name, text in outputs.items():
                scores[name].append(_rouge(scorer, cluster.reference, text))
                lengths[name].append(len(text.split()))
            writer.write(
                {
                    "cluster": cluster.index,
                    "budget": cluster.budget,
                    "storylens": [
                        {
                            "doc": p.candidate.article_id,
                            "sentence": p.candidate.index,
                            "sources": p.sources,
                        }
                        for p in summary.picks
                    ],
                    "rouge": {name: scores[name][-1] for name in names},
                }
            )
            if options.progress:
                options.progress(done + 1, len(clusters), f"cluster {cluster.index}")
    parts = {
        "all": range(len(clusters)),
        "dev (0-99)": range(min(DEV_CLUSTERS, len(clusters))),
        "held-out (100-249)": range(DEV_CLUSTERS, len(clusters)),
    }
    results: dict[str, dict[str, dict[str, float]]] = {}
    for part, indices in parts.items():
        if not indices:
            continue
        results[part] = {
            name: {
                metric: _mean([scores[name][i][metric] for i in indices])
                for metric in ("rouge1", "rouge2", "rougeL")
            }
            for name in names
        }
    tables = []
    for part, by_name in results.items():
        rows = [
            [
                name,
                by_name[name]["rouge1"],
                by_name[name]["rouge2"],
                by_name[name]["rougeL"],
                _mean([float(lengths[name][i]) for i in parts[part]]),
            ]
            for name in names
        ]
        tables.append(
            BenchTable(
                f"Multi-News validation, {part}: ROUGE F1 (x100, stemmed)",
                ["method", "R-1", "R-2", "R-L", "mean words"],
                rows,
            )
        )
    best_baseline = {
        metric: max(results["all"][n][metric] for n in names[1:])
        for metric in ("rouge1", "rouge2", "rougeL")
    }
    citations = _citation_precision(clusters, summarizer)
    large = _time_large_story(clusters, summarizer) if len(clusters) >= 20 else None
    speed_rows: list[list[Any]] = [
        ["mean s per Multi-News cluster", _mean(seconds)],
        ["max s per Multi-News cluster", max(seconds) if seconds else 0.0],
    ]
    if large is not None:
        speed_rows.append(["s for one 50-article story", large])
    tables.append(BenchTable("Speed (storylens summariser)", ["measure", "value"], speed_rows))
    if citations.get("pairs"):
        tables.append(
            BenchTable(
                "Citation precision (project-labelled pairs from Multi-News outputs)",
                ["pairs scored", "precision", "labelled", "no longer cited"],
                [
                    [
                        citations["pairs"],
                        citations["precision"],
                        citations["labelled"],
                        citations["not_cited_now"],
                    ]
                ],
            )
        )
    notes = [
        "Budget: the reference's word count per cluster; one budget rule for every method "
        f"(stop at the budget, a sentence may overshoot it by {settings.overshoot:.0%}).",
        "Weights tuned on dev (clusters 0-99); held-out clusters 100-249 were not used for tuning.",
        "sumy gets our sentence splitter and a regex word splitter (OfflineTokenizer); lead takes the "
        "documents' first sentences in turn.",
    ]
    return BenchResult(
        task="summarize",
        data=str(csv_path),
        items=len(clusters),
        storylens={
            **results["all"]["storylens"],
            "citation_precision": citations.get("precision"),
            "citation_pairs": citations.get("pairs"),
            "mean_seconds": _mean(seconds),
            "seconds_50_articles": large,
            "by_part": {p: r["storylens"] for p, r in results.items()},
        },
        baseline={"best": best_baseline, **{n: results["all"][n] for n in names[1:]}},
        tables=tables,
        notes=notes,
    )
