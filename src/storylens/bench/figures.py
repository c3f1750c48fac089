"""``storylens bench figures``: number extraction on hand-labelled news text, and figure groups on
the demo corpus.

Part 1 reads the labelled set (``bench/data/figures``: pointers into ../shared/data, see
``figures_data``), runs the storylens extractor and quantulum3 on the same texts and scores both:
a prediction matches a gold number when their spans overlap and the values agree (and the range's
upper bound, for ranges). Unit, approximator and counted-thing accuracy are measured on matches.

Part 2 runs the full pipeline on the bundled demo corpus and checks every figure group of its
answer key (members found together, status right) and that no ``not_conflicts`` pair is reported
inside a conflict.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storylens.bench.base import BenchOptions, BenchResult, BenchTable, PredictionWriter, data_path
from storylens.bench.figures_data import LABELS_PATH, GoldNumber, load_gold, read_document
from storylens.bench.figures_demo import evaluate_demo
from storylens.figures.counts import counted_thing, normalise_key
from storylens.figures.extract import extract_quantities
from storylens.nlp import NlpResources

__all__ = ["Prediction", "run", "score"]

DOCUMENTS_PATH = LABELS_PATH.parent / "documents.txt"
#: Mentions labelled after development ended, never used for tuning (every number in its articles
#: was judged); scored separately.
HELDOUT_PATH = LABELS_PATH.parent / "heldout.jsonl"

#: quantulum3 unit names -> storylens canonical units (others keep quantulum's name and so miss).
_QUANTULUM_UNITS: dict[str, str | None] = {
    "dimensionless": None, "dollar": "USD", "united states dollar": "USD", "pound sterling": "GBP",
    "euro": "EUR", "yen": "JPY", "japanese yen": "JPY", "percentage": "percent", "kilometre": "km",
    "mile": "mi", "metre": "m", "foot": "ft", "inch": "in", "yard": "yd", "centimetre": "cm",
    "barrel": "barrel", "gallon": "gal", "litre": "l", "tonne": "t", "ton": "t", "short ton": "t",
    "pound-mass": "lb", "kilogram": "kg", "degree Celsius": "degC", "degree fahrenheit": "degF",
    "square kilometre": "km2", "square mile": "mi2", "hectare": "ha", "acre": "acre",
    "hour": "h", "day": "day", "week": "week", "month": "month", "year": "year", "minute": "min",
    "second": "s", "decade": "decade", "mile per hour": "mph", "kilometre per hour": "km/h",
}  # fmt: skip


@dataclass(frozen=True)
class Prediction:
    """One predicted number: span, value and labels (``counts`` is a normalised key or None)."""

    start: int
    end: int
    value: float
    value_max: float | None
    unit: str | None
    approx: str | None
    counts: str | None
    text: str


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b)) or (abs(b) < 1 and abs(a - b) < 1e-3)


def _matches(gold: GoldNumber, pred: Prediction) -> bool:
    if not (pred.start < gold.end and gold.start < pred.end):
        return False
    if not _same_value(gold.value, pred.value):
        return False
    if gold.value_max is None:
        return pred.value_max is None
    return pred.value_max is not None and _same_value(gold.value_max, pred.value_max)


def score(gold: list[GoldNumber], predictions: dict[str, list[Prediction]]) -> dict[str, Any]:
    """Precision, recall, F1 (value match) and label accuracy on matches."""
    by_doc: dict[str, list[GoldNumber]] = {}
    for g in gold:
        by_doc.setdefault(g.doc, []).append(g)
    tp = 0
    n_pred = sum(len(p) for p in predictions.values())
    unit_ok = approx_ok = counts_ok = 0
    missed: list[str] = []
    for doc, preds in predictions.items():
        used: set[int] = set()
        for g in by_doc.get(doc, []):
            hit = next((k for k, p in enumerate(preds) if k not in used and _matches(g, p)), None)
            if hit is None:
                missed.append(f"{doc}@{g.start}:{g.surface}")
                continue
            used.add(hit)
            tp += 1
            p = preds[hit]
            unit_ok += p.unit == g.unit
            approx_ok += p.approx == g.approx
            gold_key = normalise_key(g.counts) if g.counts else None
            pred_head = p.counts.split()[-1] if p.counts else None
            counts_ok += gold_key is not None and pred_head == gold_key
    n_gold = sum(len(by_doc.get(d, [])) for d in predictions)
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "gold": n_gold,
        "predicted": n_pred,
        "matched": tp,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "unit_accuracy": round(unit_ok / tp, 4) if tp else 0.0,
        "approx_accuracy": round(approx_ok / tp, 4) if tp else 0.0,
        "counts_accuracy": round(counts_ok / tp, 4) if tp else 0.0,
        "missed": missed,
    }


def _storylens_predictions(
    texts: dict[str, str], resources: NlpResources
) -> tuple[dict[str, list[Prediction]], float]:
    from storylens.records import Article

    articles = [Article(id=doc, origin=doc, title=None, text=text) for doc, text in texts.items()]
    docs = resources.docs(articles)  # parsed once, as in the pipeline; not timed (shared by stages)
    started = time.perf_counter()
    out: dict[str, list[Prediction]] = {}
    for doc_id, text in texts.items():
        doc = docs[doc_id]
        preds: list[Prediction] = []
        for q in extract_quantities(text, doc):
            counted = counted_thing(doc, q)
            preds.append(
                Prediction(
                    q.start,
                    q.end,
                    q.value,
                    q.value_max,
                    q.unit,
                    q.approx,
                    counted.key if counted else None,
                    q.text,
                )
            )
        out[doc_id] = preds
    return out, time.perf_counter() - started


def _quantulum_classifier() -> str | None:
    """A quantulum3 unit classifier this scikit-learn can load: the bundled one, else one trained
    from quantulum3's own training set into a cache folder (a few seconds, once)."""
    import warnings

    from quantulum3 import classifier

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            classifier.classifier("en_US", None)
        return None
    except Exception:  # the bundled pickle needs the scikit-learn it was made with
        cache = Path.home() / ".cache" / "storylens" / "quantulum3-clf.joblib"
        if not cache.exists():
            cache.parent.mkdir(parents=True, exist_ok=True)
            classifier.train_classifier(store=True, output_path=str(cache), n_jobs=1)
        return str(cache)


def _quantulum_predictions(
    texts: dict[str, str], drop_time: bool
) -> tuple[dict[str, list[Prediction]], float]:
    import warnings

    from quantulum3 import parser

    path = _quantulum_classifier()
    started = time.perf_counter()
    out: dict[str, list[Prediction]] = {}
    for doc_id, text in texts.items():
        preds: list[Prediction] = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = parser.parse(text, classifier_path=path)
        for q in found:
            if drop_time and q.unit.entity.name == "time":
                continue
            value, value_max = float(q.value), None
            if q.uncertainty:
                value, value_max = value - float(q.uncertainty), value + float(q.uncertainty)
            unit = _QUANTULUM_UNITS.get(q.unit.name, q.unit.name)
            preds.append(
                Prediction(q.span[0], q.span[1], value, value_max, unit, None, None, q.surface)
            )
        out[doc_id] = preds
    return out, time.perf_counter() - started


def _documents(limit: int | None) -> list[str]:
    docs = [
        line.strip()
        for line in DOCUMENTS_PATH.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return docs[:limit] if limit else docs


def _row(name: str, m: dict[str, Any], seconds: float, n_docs: int) -> list[Any]:
    speed = n_docs / seconds if seconds else 0.0
    return [name, m["precision"], m["recall"], m["f1"], m["unit_accuracy"], m["approx_accuracy"],
            m["counts_accuracy"], round(speed, 1)]  # fmt: skip


def run(options: BenchOptions) -> BenchResult:
    """Score storylens and quantulum3 on the labelled numbers, then the demo corpus groups."""
    root = data_path(options, ".")
    gold_all, _ = load_gold(root)
    chosen = _documents(options.limit)
    texts = {doc: read_document(root, doc) for doc in chosen}
    gold = [g for g in gold_all if g.doc in texts]
    resources = NlpResources()
    ours, ours_seconds = _storylens_predictions(texts, resources)
    q_raw, q_seconds = _quantulum_predictions(texts, drop_time=False)
    q_filtered = {
        d: [
            p
            for p in preds
            if p.unit not in {"h", "day", "week", "month", "year", "min", "s", "decade"}
        ]
        for d, preds in q_raw.items()
    }
    m_ours, m_raw, m_filtered = score(gold, ours), score(gold, q_raw), score(gold, q_filtered)
    with PredictionWriter(options.predictions) as writer:
        for doc in chosen:
            writer.write({
                "doc": doc,
                "storylens": [p.__dict__ for p in ours[doc]],
                "quantulum3": [p.__dict__ for p in q_raw[doc]],
                "gold": [g.__dict__ for g in gold if g.doc == doc],
            })  # fmt: skip
    columns = ["system", "P", "R", "F1", "unit acc.", "approx acc.", "counts acc.", "docs/s"]
    extraction = BenchTable(
        f"Number extraction: {len(gold)} hand-labelled mentions in {len(chosen)} articles",
        columns,
        [
            _row("storylens (rules + spaCy parse)", m_ours, ours_seconds, len(chosen)),
            _row("quantulum3 0.10.0", m_raw, q_seconds, len(chosen)),
            _row("quantulum3, durations dropped", m_filtered, q_seconds, len(chosen)),
        ],
    )
    held_gold, held_texts = load_gold(root, HELDOUT_PATH)
    held_ours, held_seconds = _storylens_predictions(held_texts, resources)
    held_q, held_q_seconds = _quantulum_predictions(held_texts, drop_time=False)
    m_held, m_held_q = score(held_gold, held_ours), score(held_gold, held_q)
    heldout = BenchTable(
        f"Held-out check: {len(held_gold)} mentions in {len(held_texts)} articles labelled after development",
        columns,
        [
            _row("storylens", m_held, held_seconds, len(held_texts)),
            _row("quantulum3 0.10.0", m_held_q, held_q_seconds, len(held_texts)),
        ],
    )
    demo = evaluate_demo(resources)
    demo_table = BenchTable(
        "Figure groups on the demo corpus (answers.json)",
        ["measure", "storylens"],
        [
            ["gold groups", demo["gold_groups"]],
            ["groups found (members together)", demo["groups_found"]],
            ["groups found with the right status", demo["groups_correct"]],
            ["status accuracy on found groups", demo["status_accuracy"]],
            ["gold members placed in their group", demo["member_recall"]],
            ["not_conflicts pairs reported as a conflict", demo["scope_conflicts"]],
            ["predicted groups", demo["predicted_groups"]],
        ],
    )
    notes = [
        "A prediction matches when its span overlaps the labelled number and the value agrees "
        "(both bounds for ranges); unit/approx/counts accuracy is measured on matches. "
        "quantulum3 reports no approximator (so it is right only where the text has none) "
        "and no counted thing (0).",
        "Speed counts extraction only; the spaCy parse is shared with the other stages.",
    ]
    notes.extend(f"demo: {line}" for line in demo["problems"][:20])
    return BenchResult(
        task="figures",
        data=f"{root} ({LABELS_PATH.name}) + demo corpus",
        items=len(gold),
        storylens={
            "extraction": _public(m_ours),
            "heldout": _public(m_held),
            "demo": {k: v for k, v in demo.items() if k != "problems"},
        },
        baseline={
            "quantulum3": _public(m_raw),
            "quantulum3_no_durations": _public(m_filtered),
            "quantulum3_heldout": _public(m_held_q),
        },
        tables=[extraction, heldout, demo_table],
        notes=notes,
    )


def _public(metrics: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in metrics.items() if k != "missed"} | {"missed": metrics["missed"][:50]}
