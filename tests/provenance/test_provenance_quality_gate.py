"""Quality gate: derivation detection on a pinned sample of the benchmark's derivation set."""

from __future__ import annotations

from pathlib import Path

from storylens.bench.base import PredictionWriter
from storylens.bench.provenance import SPUN, _detection, _load_clusters, _synthetic
from storylens.provenance.settings import ProvenanceSettings


def test_derivation_detection_gate(shared_data: Path) -> None:
    clusters = _load_clusters(shared_data / "multinews")
    with PredictionWriter(None) as writer:
        records, _, _, _ = _synthetic(clusters, 66, ProvenanceSettings(), writer)
    precision, recall, f1 = _detection(records, None)
    assert f1 >= 0.9, (precision, recall)
    negatives = [r for r in records if not r.gold_kind]
    spun = [r for r in records if r.transform in SPUN] + negatives
    assert _detection(spun, None)[2] >= 0.85
