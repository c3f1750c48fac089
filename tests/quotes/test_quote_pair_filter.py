"""The sparse pair filter in front of quote matching must never skip a pair that could match."""

from __future__ import annotations

import itertools

import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from storylens.quotes.match import _PairFilter, similarity
from storylens.quotes.wordnet import WordNet, soft_overlap

LEMMAS = [
    "rebuild every house",
    "reconstruct each home",
    "build home",
    "zelenyi promise rebuild bridge winter",
    "zeleniy promise rebuild bridge winter",
    "bridge reopen spring",
    "water supply restore district tuesday",
    "restore water supply",
    "price grain rise percent",
    "grain price rise",
    "nobody expect flood river",
    "flood river expect",
    "minister resign",
    "team win final",
    "we stand together city",
    "city stand together",
    "",
]


def _brute_force(
    texts: list[str], wordnet: WordNet | None, floor: float
) -> dict[tuple[int, int], float]:
    matrix = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    vectors = matrix.fit_transform([t or "_" for t in texts])
    cosine = (vectors @ vectors.T).toarray()
    found: dict[tuple[int, int], float] = {}
    for i, j in itertools.combinations(range(len(texts)), 2):
        score = similarity(texts[i], texts[j], float(cosine[i, j]))
        if wordnet is not None:
            score = max(score, soft_overlap(texts[i].split(), texts[j].split(), wordnet))
        if score >= floor and texts[i] and texts[j]:
            found[(i, j)] = score
    return found


@pytest.mark.parametrize("floor", [0.3, 0.5, 0.75])
@pytest.mark.parametrize("use_wordnet", [False, True])
def test_filter_keeps_every_pair_that_reaches_the_floor(floor: float, use_wordnet: bool) -> None:
    wordnet = WordNet.load() if use_wordnet else None
    if use_wordnet and wordnet is None:
        pytest.skip("WordNet (wordnet-base) is not installed")
    texts = LEMMAS
    tfidf = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    matrix = tfidf.fit_transform([t or "_" for t in texts]).tocsr()
    kept = _PairFilter(texts, matrix, wordnet).pairs(floor)
    expected = _brute_force(texts, wordnet, floor)
    assert expected, "the fixture should hold matching pairs"
    assert set(expected) <= set(kept)
    for pair, score in expected.items():
        assert kept[pair][1] >= score - 1e-9, "the bound must not undercut the real similarity"
    assert len(kept) < len(texts) * (len(texts) - 1) // 2, "the filter should skip some pairs"
