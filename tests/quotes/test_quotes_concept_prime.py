"""WordNet concepts of a story's words kept between runs (issue 12): a later run's WordNet
takes them from the story's cache instead of its files, and gets the same concepts."""

from __future__ import annotations

from pathlib import Path

from storylens.quotes.pair_cache import OverlapCache
from storylens.quotes.settings import QuoteSettings
from storylens.quotes.wordnet import WordNet
from storylens.store import MemoryStore

FIXTURE = Path(__file__).parent / "fixtures" / "wordnet"
WORDS = ["rebuild", "reconstruct", "house", "home", "dwelling", "unknownword"]


class _Counting(WordNet):
    """A WordNet that counts its file lookups."""

    looked_up = 0

    def senses_of(self, lemma: str) -> list[str]:
        self.looked_up += 1
        return super().senses_of(lemma)


def test_primed_concepts_come_from_the_cache_and_equal_the_files() -> None:
    store, settings = MemoryStore(), QuoteSettings()
    first = _Counting(FIXTURE)
    cache = OverlapCache(store, "story", settings, first)
    cache.prime(WORDS)
    cache.save()
    assert first.looked_up == len(WORDS)
    expected = {w: first.concepts(w) for w in WORDS}
    assert expected["house"][0] and expected["unknownword"] == (frozenset(), frozenset())

    second = _Counting(FIXTURE)
    again = OverlapCache(store, "story", settings, second)
    again.prime([*WORDS, "building"])
    assert second.looked_up == 1  # only the new word is read from the files
    assert {w: second.concepts(w) for w in WORDS} == expected
    assert second.looked_up == 1


def test_priming_keeps_what_the_wordnet_already_knows() -> None:
    wordnet = _Counting(FIXTURE)
    known = wordnet.concepts("house")
    cache = OverlapCache(MemoryStore(), "story", QuoteSettings(), wordnet)
    cache.prime(["house"])
    assert wordnet.looked_up == 1 and wordnet.concepts("house") is known
