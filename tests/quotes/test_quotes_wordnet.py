"""The WordNet reader and soft overlap, on a tiny invented database in WordNet's file format."""

from __future__ import annotations

from pathlib import Path

from storylens.quotes.wordnet import HYPERNYM_WEIGHT, SYNONYM_WEIGHT, WordNet, soft_overlap

FIXTURE = Path(__file__).parent / "fixtures" / "wordnet"


def test_reader_finds_senses_and_hypernyms() -> None:
    wordnet = WordNet(FIXTURE)
    senses, broader = wordnet.concepts("house")
    assert senses == {"n00000200"}
    assert broader == {"n00000100"}
    assert wordnet.concepts("rebuild")[0] == wordnet.concepts("reconstruct")[0]
    assert wordnet.concepts("unknown") == (frozenset(), frozenset())


def test_soft_overlap_weights_synonyms_and_hypernyms() -> None:
    wordnet = WordNet(FIXTURE)
    score = soft_overlap(["rebuild", "house"], ["reconstruct", "home"], wordnet)
    assert score == (SYNONYM_WEIGHT + HYPERNYM_WEIGHT) * 2 / 4
    assert soft_overlap(["ask", "house"], ["rebuild", "building"], wordnet) == 0.0
    assert soft_overlap(["house"], ["home"], wordnet) == 0.0  # one word says nothing
    assert soft_overlap(["ask", "house"], ["rebuild", "building"], wordnet, floor=0.5) == 0.0
