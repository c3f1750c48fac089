"""Kept WordNet overlaps of quote pairs (issue 12): a hit skips ``soft_overlap`` and gives the
same value; changed settings, code or lemma strings miss."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from storylens.quotes import pair_cache
from storylens.quotes.pair_cache import OverlapCache
from storylens.quotes.settings import QuoteSettings
from storylens.quotes.wordnet import WordNet, soft_overlap
from storylens.store import MemoryStore

FIXTURE = Path(__file__).parent / "fixtures" / "wordnet"
PAIRS = [("rebuild house", "reconstruct home"), ("ask house", "rebuild building"),
         ("house home", "dwelling building")]


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    count = [0]
    real = pair_cache.soft_overlap

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        count[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(pair_cache, "soft_overlap", counted)
    return count


def _run(cache: OverlapCache, floor: float = 0.5) -> list[float]:
    return [cache.overlap(x, y, floor) for x, y in PAIRS]


def test_hits_skip_the_work_and_equal_the_plain_values(calls: list[int]) -> None:
    wordnet, settings, store = WordNet(FIXTURE), QuoteSettings(), MemoryStore()
    expected = [soft_overlap(x.split(), y.split(), wordnet, 0.5) for x, y in PAIRS]
    first = OverlapCache(store, "s1", settings, wordnet)
    assert _run(first) == expected
    first.save()
    calls[0] = 0
    assert _run(OverlapCache(store, "s1", settings, wordnet)) == expected
    assert calls[0] == 0


def test_settings_code_floor_and_text_changes_miss(
    calls: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    wordnet, settings, store = WordNet(FIXTURE), QuoteSettings(), MemoryStore()
    cache = OverlapCache(store, "s1", settings, wordnet)
    _run(cache)
    cache.save()
    calls[0] = 0
    _run(OverlapCache(store, "s1", dataclasses.replace(settings, match_threshold=0.61), wordnet))
    assert calls[0] == len(PAIRS)
    calls[0] = 0
    _run(OverlapCache(store, "s1", settings, wordnet), floor=0.4)
    assert calls[0] == len(PAIRS)
    calls[0] = 0
    with monkeypatch.context() as patch:
        patch.setattr(pair_cache, "code_digest", lambda package, extra="": "changed-code")
        _run(OverlapCache(store, "s1", settings, wordnet))
    assert calls[0] == len(PAIRS)
    calls[0] = 0
    OverlapCache(store, "s1", settings, wordnet).overlap("rebuild houses", "reconstruct home", 0.5)
    assert calls[0] == 1
