"""Sentence feature rows as kept in the store (issue 12): word lists travel as one
space-joined string each, and fall back to a list whenever joining would lose something."""

from __future__ import annotations

import json

from storylens.provenance.features import (
    SentenceFeatures,
    pack_features,
    sentence_features,
    unpack_features,
)
from storylens.provenance.pair_cache import PairScoreCache
from storylens.provenance.settings import ProvenanceSettings


def _odd(index: int, tokens: tuple[str, ...], stems: frozenset[str]) -> SentenceFeatures:
    """Features with words no sentence of ours has (a space inside, empty ones)."""
    return SentenceFeatures("a", index, "odd", " ".join(tokens), tokens, stems, ("_",) * len(tokens),
                            frozenset(), ("sallallahou alayhe",), ("w:x y", ""), 0.25)


def test_ordinary_rows_pack_word_lists_as_strings() -> None:
    features = sentence_features("a", 0, "Officials in Kyiv said 12 people died on the Dnipro.")
    row = pack_features([features])[0]
    assert all(isinstance(field, str) for field in row[2:8])
    assert row[2] == features.folded
    assert unpack_features("a", json.loads(json.dumps([row]))) == (features,)


def test_words_that_would_not_split_back_are_kept_as_lists() -> None:
    odd = (
        _odd(0, ("peace", "be upon him"), frozenset({"x y", "z"})),
        _odd(1, ("",), frozenset({""})),
        _odd(2, ("", "b"), frozenset()),
        _odd(3, (), frozenset()),
    )
    rows = json.loads(json.dumps(pack_features(odd)))
    assert isinstance(rows[0][2], list) and isinstance(rows[0][3], list)  # a space inside
    assert rows[1][3] == "" and isinstance(rows[1][2], str)  # one empty word splits back
    assert isinstance(rows[2][2], str) and rows[3][2] == []  # an empty field is an empty list
    assert unpack_features("a", rows) == odd


def test_keyed_lookup_is_the_plain_lookup() -> None:
    left = sentence_features("a", 3, "Rockets hit the port of Odesa at dawn on Sunday.")
    right = sentence_features("b", 7, "Rockets hit the port of Odesa at dawn, on Sunday.")
    cache = PairScoreCache(None, "s", ProvenanceSettings(), {"a": "fa", "b": "fb"})
    keys = cache.sentence_keys([left, right])
    assert keys == ["fa3", "fb7"]
    expected = cache.score(left, right, 0.72)
    assert expected is not None
    assert cache.score_keyed(left, right, *keys, 0.72) == expected
    assert cache.computed == 1  # the second lookup found the first one's verdict
