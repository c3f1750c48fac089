"""Each article is parsed once: parses are stored and reused across runs and processes."""

from __future__ import annotations

from typing import Any

import pytest

from storylens.nlp import NlpResources
from storylens.records import Article
from storylens.store import MemoryStore

ARTICLES = [
    Article(id=f"a{n}", origin=f"/x/{n}.txt", title=None,
            text=f"Mayor Oleg Petrenko said on Friday that {n} homes in Pryluzhne were flooded.")
    for n in range(3)
]


def test_parses_are_stored_and_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    store = MemoryStore()
    first = NlpResources(store=store)
    docs = first.docs(ARTICLES)
    kind = first.artifact_kind
    assert all(store.get_artifact(a.id, kind) for a in ARTICLES)

    second = NlpResources(store=store)
    calls: list[Any] = []
    original = second.nlp.pipe

    def counting_pipe(texts: Any, **kwargs: Any) -> Any:
        texts = list(texts)
        calls.append(texts)
        return original(texts, **kwargs)

    monkeypatch.setattr(second.nlp, "pipe", counting_pipe)
    again = second.docs(ARTICLES)
    assert calls == []  # nothing parsed again
    for article in ARTICLES:
        assert [t.text for t in again[article.id]] == [t.text for t in docs[article.id]]
        assert [e.text for e in again[article.id].ents] == [e.text for e in docs[article.id].ents]


def test_parse_without_keeping_fills_only_the_store() -> None:
    store = MemoryStore()
    resources = NlpResources(store=store)
    resources.parse(ARTICLES, keep=False)
    assert all(store.get_artifact(a.id, resources.artifact_kind) for a in ARTICLES)
    assert resources._docs == {}


def test_the_parse_pool_stores_the_same_parses(monkeypatch: pytest.MonkeyPatch) -> None:
    from storylens import nlp as nlp_module

    monkeypatch.setattr(nlp_module, "_PARALLEL_MIN", 2)
    monkeypatch.setattr(nlp_module, "_POOL_CHUNK", 2)
    pooled_store, local_store = MemoryStore(), MemoryStore()
    pooled = NlpResources(store=pooled_store, n_process=2)
    pooled.parse(ARTICLES, keep=False)  # forked workers; the parent only stores their bytes
    local = NlpResources(store=local_store)
    expected = local.docs(ARTICLES)
    kind = pooled.artifact_kind
    assert all(pooled_store.get_artifact(a.id, kind) for a in ARTICLES)
    got = NlpResources(store=pooled_store).docs(ARTICLES)
    for article in ARTICLES:
        assert [(t.text, t.dep_, t.ent_type_) for t in got[article.id]] == [
            (t.text, t.dep_, t.ent_type_) for t in expected[article.id]
        ]
