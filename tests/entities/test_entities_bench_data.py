"""Loaders of the entities benchmark, and a coreference quality gate (shared data, else skip)."""

from __future__ import annotations

from pathlib import Path

from storylens.bench.entities_data import load_ecbplus, load_meantime, meantime_names
from storylens.bench.entities_metrics import b_cubed, partition
from storylens.entities.coref import CorefMention, corefer, exact_match_baseline


def test_ecbplus_loader(shared_data: Path) -> None:
    docs = list(load_ecbplus(shared_data / "ecbplus", limit=5))
    assert len(docs) == 5
    mention = docs[0].mentions[0]
    assert docs[0].text[mention.start : mention.end] == mention.text
    assert any(m.type == "PERSON" for d in docs for m in d.mentions)


def test_meantime_loader(shared_data: Path) -> None:
    root = shared_data / "temporal" / "meantime-en"
    docs = list(load_meantime(root, limit=3))
    names = meantime_names(root, limit=3)
    assert len(docs) == 3 and all(d.mentions for d in docs)
    for doc in docs:
        assert all(doc.text[m.start : m.end] == m.text for m in doc.mentions)
        assert names[doc.id] and all(0 <= s < e <= len(doc.text) for s, e in names[doc.id])


def test_coreference_quality_gate(shared_data: Path) -> None:
    """Pinned sample: 30 MEANTIME documents; storylens must beat exact match on B-cubed F1."""
    docs = list(load_meantime(shared_data / "temporal" / "meantime-en", limit=30))
    mentions = [
        CorefMention(m.id, m.doc_id, d.topic, m.start, m.end, m.text, m.type, m.sentence)
        for d in docs
        for m in d.mentions
    ]
    key = partition({m.id: m.cluster for d in docs for m in d.mentions})
    ours = b_cubed(key, partition(corefer(mentions))).f1
    baseline = b_cubed(key, partition(exact_match_baseline(mentions))).f1
    assert ours > baseline + 0.02
    assert ours > 0.55
