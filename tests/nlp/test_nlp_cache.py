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


def _count_parsed_texts(resources: NlpResources, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts the pipeline parses from now on (in this process), in order."""
    parsed: list[str] = []
    original = resources.nlp.pipe

    def counting_pipe(texts: Any, **kwargs: Any) -> Any:
        texts = list(texts)
        parsed.extend(texts)
        return original(texts, **kwargs)

    monkeypatch.setattr(resources.nlp, "pipe", counting_pipe)
    return parsed


def test_parses_are_stored_and_reused(monkeypatch: pytest.MonkeyPatch) -> None:
    store = MemoryStore()
    first = NlpResources(store=store)
    docs = first.docs(ARTICLES)
    kind = first.artifact_kind
    assert all(store.get_artifact(a.id, kind) for a in ARTICLES)

    second = NlpResources(store=store)
    parsed = _count_parsed_texts(second, monkeypatch)
    again = second.docs(ARTICLES)
    assert parsed == []  # nothing parsed again
    for article in ARTICLES:
        assert [t.text for t in again[article.id]] == [t.text for t in docs[article.id]]
        assert [e.text for e in again[article.id].ents] == [e.text for e in docs[article.id].ents]


def test_parse_without_keeping_fills_only_the_store() -> None:
    store = MemoryStore()
    resources = NlpResources(store=store)
    resources.parse(ARTICLES, keep=False)
    assert all(store.get_artifact(a.id, resources.artifact_kind) for a in ARTICLES)
    assert resources._docs == {}


def test_parse_without_keeping_neither_reads_nor_reparses_stored_parses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = MemoryStore()
    NlpResources(store=store).parse(ARTICLES[:2], keep=False)
    resources = NlpResources(store=store)
    read: list[str] = []
    original = store.get_artifact

    def counting_get(article_id: str, kind: str) -> bytes | None:
        read.append(article_id)
        return original(article_id, kind)

    monkeypatch.setattr(store, "get_artifact", counting_get)
    parsed = _count_parsed_texts(resources, monkeypatch)
    resources.parse(ARTICLES, keep=False)
    assert read == []  # a re-briefed story's stored parses are not loaded up front
    assert parsed == [ARTICLES[2].text]
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


def _count_loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    from storylens import nlp as nlp_module

    loads = [0]
    original = nlp_module._deserialise

    def counting(payload: bytes, vocab: Any) -> Any:
        loads[0] += 1
        return original(payload, vocab)

    monkeypatch.setattr(nlp_module, "_deserialise", counting)
    return loads


def test_a_story_larger_than_the_cache_keeps_its_first_parses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    story = [
        Article(id=f"s{n}", origin=f"/x/s{n}.txt", title=None, text=f"Story article {n}.")
        for n in range(5)
    ]
    other = Article(id="o", origin="/x/o.txt", title=None, text="Another story.")
    store = MemoryStore()
    NlpResources(store=store).parse([*story, other], keep=False)
    resources = NlpResources(store=store, cache_size=3)
    resources.docs([other])
    loads = _count_loads(monkeypatch)
    resources.focus(a.id for a in story)
    for _ in range(3):  # three stages, each reading the story's articles one by one
        for article in story:
            assert [t.text for t in resources.docs([article])[article.id]][:2] == ["Story", "article"]
    assert loads[0] == 5 + 2 + 2  # the first three stay; only the last two are read again
    assert "o" not in resources._docs  # another story's parse left first


def test_without_focus_the_cache_keeps_the_most_recent(monkeypatch: pytest.MonkeyPatch) -> None:
    store = MemoryStore()
    NlpResources(store=store).parse(ARTICLES, keep=False)
    resources = NlpResources(store=store, cache_size=2)
    loads = _count_loads(monkeypatch)
    for article in [*ARTICLES, ARTICLES[2], ARTICLES[1], ARTICLES[0]]:
        resources.docs([article])
    assert loads[0] == 4  # a0, a1, a2 read; a2 and a1 still cached; a0 read again
    assert list(resources._docs) == ["a1", "a0"]


def test_resources_of_one_process_share_the_loaded_pipeline() -> None:
    # A re-brief builds new resources; loading the pipeline again cost 0.4 s of it.
    assert NlpResources().nlp is NlpResources(store=MemoryStore()).nlp


def test_a_new_parse_replaces_the_same_models_older_versions_only() -> None:
    store = MemoryStore()
    resources = NlpResources(store=store)
    model = resources.model
    store.put_artifacts([
        ("a0", f"spacy/{model}/0.0.1/z", b"old version"),
        ("a0", "spacy/another_model/1.0/z", b"another model"),
        ("a1", f"spacy/{model}/0.0.1/z", b"another article"),
    ])
    resources.parse(ARTICLES[:1], keep=False)
    assert store.get_artifact("a0", resources.artifact_kind) is not None
    assert store.get_artifact("a0", f"spacy/{model}/0.0.1/z") is None
    assert store.get_artifact("a0", "spacy/another_model/1.0/z") == b"another model"
    assert store.get_artifact("a1", f"spacy/{model}/0.0.1/z") == b"another article"


def _article(article_id: str, words: int) -> Article:
    return Article(id=article_id, origin=f"{article_id}.txt", title=None, text=" ".join(["word"] * words))


def test_a_small_parse_batch_is_split_over_the_workers_by_length() -> None:
    from storylens.nlp import _chunks

    sizes = {"a": 3000, "b": 900, "c": 2000, "d": 600, "e": 3800, "f": 1000}
    articles = [_article(k, n) for k, n in sizes.items()]
    chunks = _chunks(articles, workers=2)
    loads = sorted(sum(sizes[a.id] for a in chunk) for chunk in chunks)
    assert loads == [5600, 5700]  # by count, in this order: 5900 / 5400
    assert sorted(a.id for chunk in chunks for a in chunk) == sorted(sizes)
    for chunk in chunks:  # each task keeps the batch's order
        assert [a.id for a in chunk] == sorted(a.id for a in chunk)


def test_a_large_parse_batch_goes_in_fixed_size_tasks() -> None:
    from storylens.nlp import _POOL_CHUNK, _chunks

    articles = [_article(f"a{k:03d}", 10 + k) for k in range(3 * _POOL_CHUNK + 1)]
    chunks = _chunks(articles, workers=2)
    assert [len(c) for c in chunks] == [_POOL_CHUNK] * 3 + [1]
    assert [a for chunk in chunks for a in chunk] == articles


def test_fewer_articles_than_workers_make_no_empty_task() -> None:
    from storylens.nlp import _chunks

    assert [[a.id for a in c] for c in _chunks([_article("x", 5)], workers=4)] == [["x"]]
