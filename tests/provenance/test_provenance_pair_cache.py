"""The provenance stage's kept work (issue 12): sentence features per article, pair verdicts per
story. A hit must skip the work and give the same links; changed code, settings or articles miss."""

from __future__ import annotations

import dataclasses
import json
import zlib

import pytest

from storylens.memo import pack_json, unpack_json
from storylens.nlp import NlpResources
from storylens.provenance import pair_cache
from storylens.provenance.derivation import ArticleText, article_text, find_derivations
from storylens.provenance.features import pack_features, unpack_features
from storylens.provenance.pair_cache import PairScoreCache, sentences_fingerprint
from storylens.provenance.settings import ProvenanceSettings
from storylens.provenance.stage import ProvenanceAnalyser
from storylens.records import Article, Sentence, Story, StoryAnalysis
from storylens.store import MemoryStore

Story_ = list[tuple[Article, tuple[Sentence, ...]]]


class _Resources(NlpResources):
    """Shared resources that never load the spaCy model for a memo key."""

    @property
    def artifact_kind(self) -> str:
        return "test-parse"


def _texts(story: Story_) -> list[ArticleText]:
    return [
        article_text(a.id, [(s.text, s.paragraph) for s in ss], a.published, a.language)
        for a, ss in story
    ]


def _fingerprints(story: Story_) -> dict[str, str]:
    return {a.id: sentences_fingerprint(a.id, [(s.text, s.paragraph) for s in ss]) for a, ss in story}


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the fine matcher's calls made through the cache."""
    calls = [0]
    real = pair_cache.score_pair

    def score(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(pair_cache, "score_pair", score)
    return calls


def test_cached_verdicts_give_the_same_derivations(story_articles: Story_, counted: list[int]) -> None:
    settings = ProvenanceSettings()
    texts, prints = _texts(story_articles), _fingerprints(story_articles)
    plain = find_derivations(texts, settings)
    store = MemoryStore()
    first = PairScoreCache(store, "s1", settings, prints)
    assert find_derivations(texts, settings, scores=first) == plain
    first.save()
    assert counted[0] > 0
    counted[0] = 0
    again = PairScoreCache(store, "s1", settings, prints)
    assert find_derivations(texts, settings, scores=again) == plain
    assert counted[0] == 0  # every verdict read back


def test_changed_settings_code_or_article_miss(
    story_articles: Story_, counted: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = ProvenanceSettings()
    texts, prints = _texts(story_articles), _fingerprints(story_articles)
    store = MemoryStore()
    cache = PairScoreCache(store, "s1", settings, prints)
    find_derivations(texts, settings, scores=cache)
    cache.save()
    scored = counted[0]

    counted[0] = 0
    other = dataclasses.replace(settings, min_share=0.3)
    find_derivations(texts, other, scores=PairScoreCache(store, "s1", other, prints))
    assert counted[0] == scored  # other settings: nothing read back

    counted[0] = 0
    with monkeypatch.context() as patch:
        patch.setattr(pair_cache, "code_digest", lambda package, extra="": "changed-code")
        find_derivations(texts, settings, scores=PairScoreCache(store, "s1", settings, prints))
    assert counted[0] == scored

    counted[0] = 0
    edited = dict(prints, spun="another-spun-fp")
    find_derivations(texts, settings, scores=PairScoreCache(store, "s1", settings, edited))
    assert 0 < counted[0] < scored  # only the edited article's pairs are scored again


def _stored(store: MemoryStore, kind: str) -> dict[str, object]:
    payload = store.get_artifact("s1", kind)
    return json.loads(zlib.decompress(payload)) if payload else {}


def test_save_keeps_only_the_pairs_used(story_articles: Story_) -> None:
    settings = ProvenanceSettings()
    store = MemoryStore()
    cache = PairScoreCache(store, "s1", settings, _fingerprints(story_articles))
    find_derivations(_texts(story_articles), settings, scores=cache)
    cache.save()
    whole = _stored(store, cache.kind)
    smaller = story_articles[:3]
    cache = PairScoreCache(store, "s1", settings, _fingerprints(smaller))
    find_derivations(_texts(smaller), settings, scores=cache)
    cache.save()  # most of the base went unused: the base is rewritten
    kept = _stored(store, cache.kind)
    prints = set(_fingerprints(smaller).values())
    assert 0 < len(kept) < len(whole)
    assert all({key[:16], key.split(":")[1][:16]} <= prints for key in kept)
    assert _stored(store, f"{cache.kind}/new") == {}


def test_a_grown_story_writes_only_its_new_verdicts(
    story_articles: Story_, counted: list[int]
) -> None:
    settings = ProvenanceSettings()
    store = MemoryStore()
    first, grown = story_articles[:4], story_articles
    cache = PairScoreCache(store, "s1", settings, _fingerprints(first))
    find_derivations(_texts(first), settings, scores=cache)
    cache.save()
    base = store.get_artifact("s1", cache.kind)

    counted[0] = 0
    cache = PairScoreCache(store, "s1", settings, _fingerprints(grown), rewrite_share=10.0)
    assert find_derivations(_texts(grown), settings, scores=cache) == find_derivations(
        _texts(grown), settings)
    scored = counted[0]  # the plain call scores without the cache (not counted)
    cache.save()
    assert store.get_artifact("s1", cache.kind) == base  # the base is not written again
    new = _stored(store, f"{cache.kind}/new")
    assert len(new) == scored > 0
    added = _fingerprints(grown)["translation"]
    assert all(added in key for key in new)  # only pairs with the new article

    counted[0] = 0
    again = PairScoreCache(store, "s1", settings, _fingerprints(grown), rewrite_share=0.0)
    assert find_derivations(_texts(grown), settings, scores=again) == find_derivations(
        _texts(grown), settings)
    assert counted[0] == 0  # base and new verdicts read back
    again.save()  # rewrite_share 0: the new verdicts move into the base
    assert _stored(store, f"{again.kind}/new") == {}
    assert len(_stored(store, again.kind)) == len(_stored(store, cache.kind)) >= len(new)


def test_unchanged_story_writes_nothing(story_articles: Story_) -> None:
    settings = ProvenanceSettings()
    store = MemoryStore()
    prints = _fingerprints(story_articles)
    cache = PairScoreCache(store, "s1", settings, prints)
    find_derivations(_texts(story_articles), settings, scores=cache)
    cache.save()
    writes: list[object] = []
    real = store.put_artifacts
    store.put_artifacts = lambda items: (writes.append(items), real(items))  # type: ignore[method-assign]
    again = PairScoreCache(store, "s1", settings, prints)
    find_derivations(_texts(story_articles), settings, scores=again)
    again.save()
    assert writes == []


def test_rewrite_share_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match="rewrite_share"):
        PairScoreCache(None, "s1", ProvenanceSettings(), {}, rewrite_share=-1.0)


def test_packed_features_round_trip(story_articles: Story_) -> None:
    for text in _texts(story_articles):
        stored = pack_json(pack_features(text.sentences))
        assert unpack_features(text.id, unpack_json(stored)) == text.sentences
        assert len(stored) < len(json.dumps(pack_features(text.sentences)))  # kept compressed


def _analysis(story: Story_) -> StoryAnalysis:
    articles = tuple(a for a, _ in story)
    return StoryAnalysis(Story("s1", tuple(a.id for a in articles), "Tarnova dam"), articles,
                         tuple(s for _, ss in story for s in ss))


def test_stage_with_kept_work_matches_the_stage_without(story_articles: Story_) -> None:
    expected = ProvenanceAnalyser(ProvenanceSettings(), resources=None).analyse(
        _analysis(story_articles))
    store = MemoryStore()
    for _ in range(2):  # computed, then read back from the store by fresh resources
        analyser = ProvenanceAnalyser(ProvenanceSettings(), _Resources(store=store))
        out = analyser.analyse(_analysis(story_articles))
        assert (out.provenance, out.article_provenance) == (
            expected.provenance, expected.article_provenance)
    memo = analyser.resources.memo("provenance/sentences", str, "storylens.provenance",  # type: ignore[union-attr]
                                   analyser.settings)
    assert memo.reused == len(story_articles) and memo.computed == 0


def test_stage_feature_rows_round_trip(story_articles: Story_) -> None:
    from storylens.provenance.stage import _pack_rows

    for text in _texts(story_articles):
        rows = pack_features(text.sentences)
        stored = _pack_rows(rows)
        assert unpack_json(stored) == rows
        assert unpack_features(text.id, unpack_json(stored)) == unpack_features(text.id, rows)
        assert len(stored) < len(json.dumps(rows))


def test_a_rewritten_base_drops_the_storys_caches_of_older_code(story_articles: Story_) -> None:
    settings = ProvenanceSettings()
    store = MemoryStore()
    old = ("s1", "provenance/pairs/0123456789ab", b"old base")
    store.put_artifacts([old, ("s1", "provenance/pairs/0123456789ab/new", b"old new")])
    store.put_artifacts([("s2", "provenance/pairs/0123456789ab", b"another story")])
    cache = PairScoreCache(store, "s1", settings, _fingerprints(story_articles))
    find_derivations(_texts(story_articles), settings, scores=cache)
    cache.save()  # a first save writes the base
    assert store.get_artifact("s1", "provenance/pairs/0123456789ab") is None
    assert store.get_artifact("s1", "provenance/pairs/0123456789ab/new") is None
    assert store.get_artifact("s1", cache.kind)
    assert store.get_artifact("s2", "provenance/pairs/0123456789ab") == b"another story"
