"""A memo's new row replaces the rows it makes unreachable, and only those."""

from __future__ import annotations

from storylens.memo import ONE_PER_ARTICLE, ArticleMemo, StoryCache, superseding
from storylens.records import Article
from storylens.store import MemoryStore

V1, V2 = "000000000000", "0123456789ab"


def _article(article_id: str) -> Article:
    return Article(id=article_id, origin=f"{article_id}.txt", title=None, text="one two three")


def _rows(store: MemoryStore) -> set[tuple[str, str]]:
    return set(store._artifacts)  # the test looks inside


def _length(article: Article) -> tuple[int, ...]:
    return (len(article.text),)


def test_a_one_per_article_stage_keeps_only_the_newest_key_and_digest() -> None:
    assert "figures/figures" in ONE_PER_ARTICLE
    store = MemoryStore()
    a1, a2 = _article("a1"), _article("a2")
    store.put_artifacts([("a1", f"figures/figures/{V1}/k0", b"[1]"), ("a1", "figures/quantities/" + V1, b"[]")])
    memo = ArticleMemo(store, f"figures/figures/{V2}", tuple[int, ...])
    memo.get([a1, a2], _length, extra=lambda a: "k1")
    assert _rows(store) == {
        ("a1", f"figures/figures/{V2}/k1"), ("a2", f"figures/figures/{V2}/k1"),
        ("a1", "figures/quantities/" + V1),  # another stage: not this memo's to replace
    }
    # the story grew: a1's key changed, a2's did not (read back, nothing written or deleted)
    memo.get([a1, a2], _length, extra=lambda a: "k2" if a.id == "a1" else "k1")
    assert ("a1", f"figures/figures/{V2}/k1") not in _rows(store)
    assert {("a1", f"figures/figures/{V2}/k2"), ("a2", f"figures/figures/{V2}/k1")} <= _rows(store)
    # what the current run reads is all there: a new process recomputes nothing
    again = ArticleMemo(store, f"figures/figures/{V2}", tuple[int, ...])
    again.get([a1, a2], _length, extra=lambda a: "k2" if a.id == "a1" else "k1")
    assert again.computed == 0 and again.reused == 2


def test_a_stage_with_several_rows_per_article_loses_only_other_digests() -> None:
    assert "provenance/labels" not in ONE_PER_ARTICLE
    store = MemoryStore()
    a1 = _article("a1")
    store.put_artifacts([("a1", f"provenance/labels/{V1}/0-3", b'"X"')])
    memo = ArticleMemo(store, f"provenance/labels/{V2}", str)
    for span in ("0-3", "4-7", "8-13"):
        memo.get([a1], lambda a: "PERSON", extra=lambda a, span=span: span)  # type: ignore[misc]
    assert _rows(store) == {("a1", f"provenance/labels/{V2}/{s}") for s in ("0-3", "4-7", "8-13")}


def test_hand_made_kinds_supersede_nothing() -> None:
    store = MemoryStore()
    store.put_artifacts([("a1", "demo/lengths/1/old", b"[1]")])
    ArticleMemo(store, "demo/lengths/2", tuple[int, ...]).get([_article("a1")], _length)
    assert ("a1", "demo/lengths/1/old") in _rows(store)
    assert superseding("a1", "demo/lengths/2", "demo/lengths/2", True) is None


def test_a_story_cache_replaces_its_rows_of_other_digests_only() -> None:
    store = MemoryStore()
    store.put_artifacts([
        ("st-1", f"quotes/overlap/{V1}", b"x"), ("st-2", f"quotes/overlap/{V1}", b"x"),
        ("st-1", f"provenance/pairs/{V1}", b"x"),
    ])
    cache = StoryCache(store, "st-1", f"quotes/overlap/{V2}")
    cache.put("a|b", 0.5)
    cache.save()
    assert _rows(store) == {
        ("st-1", f"quotes/overlap/{V2}"), ("st-2", f"quotes/overlap/{V1}"),
        ("st-1", f"provenance/pairs/{V1}"),
    }


def test_stage_names_with_glob_characters_match_only_themselves() -> None:
    found = superseding("a1", f"odd[x]*/{V2}", f"odd[x]*/{V2}/k", True)
    assert found == ("a1", "odd[[]x][*]/" + "[0-9a-f]" * 12 + "*", "odd[[]x][*]/" + V2 + "/k")
    store = MemoryStore()
    store.put_artifacts([("a1", f"oddx*/{V1}", b"1"), ("a1", f"odd[x]*/{V1}", b"1")])
    store.put_artifacts([("a1", f"odd[x]*/{V2}/k", b"2")], [found])
    assert _rows(store) == {("a1", f"oddx*/{V1}"), ("a1", f"odd[x]*/{V2}/k")}
