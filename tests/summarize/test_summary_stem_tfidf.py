"""The summariser's hand-built TF-IDF gives scikit-learn's vectors to the bit (issue 12): every
later similarity, and so every summary, depends on it."""

from __future__ import annotations

import random

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from storylens.summarize.core import StemTfidf
from storylens.summarize.settings import SummarizerSettings
from storylens.summarize.units import content_stems, pack_units, sentence_units, unpack_units
from storylens.text.segment import RuleSegmenter

SENTENCES = (
    "The dam on the Bilyanka river burst on Friday night, flooding two villages.",
    "A dam on the Bilyanka river burst late on Friday, flooding two villages nearby.",
    "Rescuers said 40 people were missing and 12 had died in the flood.",
    "The regional governor said the dam had been inspected in 2019.",
    "Flood flood flood: the river rose four metres in an hour.",
)


def _identity(tokens: tuple[str, ...]) -> tuple[str, ...]:
    return tokens


def _same(documents: list[tuple[str, ...]], probes: list[tuple[str, ...]]) -> None:
    reference = TfidfVectorizer(analyzer=_identity, sublinear_tf=True)
    expected = reference.fit_transform(documents)
    model, found = StemTfidf.fit_transform(documents)
    assert type(found) is type(expected) and found.shape == expected.shape
    assert found.indptr.tolist() == expected.indptr.tolist()
    assert found.indices.tolist() == expected.indices.tolist()  # the order within rows too
    assert found.data.tobytes() == expected.data.tobytes()
    assert model.vocabulary == reference.vocabulary_
    assert model.idf.tobytes() == reference.idf_.tobytes()
    again, seen = model.transform(probes), reference.transform(probes)
    assert again.indices.tolist() == seen.indices.tolist()
    assert again.data.tobytes() == seen.data.tobytes()


def test_story_sentences_match_scikit_learn() -> None:
    documents = [content_stems(s) for s in SENTENCES]
    documents += [tuple(reversed(d)) for d in documents]
    _same(documents, [content_stems("Two villages flooded after the dam burst."), ("unknown",), ()])


def test_random_documents_match_scikit_learn() -> None:
    rng = random.Random(12)
    for _ in range(30):
        documents = [
            tuple(rng.choice("abcdefgh") + rng.choice("xyz") for _ in range(rng.randint(1, 9)))
            for _ in range(rng.randint(1, 40))
        ]
        _same(documents, [*documents[:5], ("qq", "ax", "ax")])


def test_empty_documents_and_vocabulary() -> None:
    _same([("a",), (), ("b", "a")], [()])
    _model, matrix = StemTfidf.fit_transform([("dam",), ("dam",)])
    assert np.allclose(matrix.toarray(), 1.0)
    with pytest.raises(ValueError, match="empty vocabulary"):  # as scikit-learn refuses it
        StemTfidf.fit_transform([(), ()])


def test_packed_units_keep_odd_stems() -> None:
    settings = SummarizerSettings()
    units = list(sentence_units(RuleSegmenter().split("a", " ".join(SENTENCES)), settings))
    units[0] = type(units[0])(("x y", "z"), frozenset({""}))
    units[1] = type(units[1])(("",), frozenset({"1 000"}), units[1].cleaned, None, ("", "b"))
    rows = pack_units(units)
    assert isinstance(rows[2][0], str)  # ordinary stems travel as one string
    assert unpack_units(rows) == tuple(units)
