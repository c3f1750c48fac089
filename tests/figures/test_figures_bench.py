"""Quality gates: the labelled set (when ../shared/data is present) and the demo corpus."""

from __future__ import annotations

from pathlib import Path

from storylens.bench.figures import _documents, _storylens_predictions, score
from storylens.bench.figures_data import LABELS_PATH, load_gold, read_document
from storylens.nlp import NlpResources


def test_labels_are_pointers_not_text() -> None:
    for line in LABELS_PATH.read_text(encoding="utf-8").splitlines():
        assert len(line) < 400  # offsets, a short surface form and labels; never article text


def test_labelled_set_loads_and_passes_the_gate(shared_data: Path, resources: NlpResources) -> None:
    gold, _ = load_gold(shared_data)
    assert len(gold) >= 300
    docs = _documents(None)[:14]  # a pinned sample keeps the gate fast; the bench runs all
    gold = [g for g in gold if g.doc in docs]
    texts = {d: read_document(shared_data, d) for d in docs}
    predictions, _ = _storylens_predictions(texts, resources)
    metrics = score(gold, predictions)
    assert metrics["f1"] >= 0.9, metrics["missed"][:10]
    assert metrics["unit_accuracy"] >= 0.9


def test_demo_figure_groups(resources: NlpResources) -> None:
    from storylens.bench.figures_demo import evaluate_demo

    # The figures stage alone (its weekday fallback stands in for the time stage); the benchmark
    # runs every stage.
    result = evaluate_demo(resources, analyses=("figures",))
    assert result["groups_correct"] == result["gold_groups"], result["problems"]
    assert result["scope_conflicts"] == 0
