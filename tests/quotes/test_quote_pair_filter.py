"""The sparse pair filter in front of quote matching must never skip a pair that could match."""

from __future__ import annotations

import itertools
from pathlib import Path

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


FIXTURE = Path(__file__).parent / "fixtures" / "wordnet"

#: Repeated and related words (the fixture WordNet: house and dwelling under home, rebuild and
#: reconstruct one sense): the bound counts each quote's words with a relative in the other.
RELATED = [
    "house house home",
    "home dwelling",
    "dwelling dwelling dwelling building",
    "rebuild house",
    "reconstruct home home",
    "ask rebuild reconstruct house building",
    "house quarrel vineyard orchestra tuesday",
    "house marathon lighthouse pumpkin thursday",
    "rebuild",
    "",
]


def test_wordnet_bound_never_undercuts_soft_overlap() -> None:
    wordnet = WordNet(FIXTURE)
    matrix = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    tfidf = matrix.fit_transform([t or "_" for t in RELATED]).tocsr()
    kept = _PairFilter(RELATED, tfidf, wordnet).pairs(0.0)
    for i, j in itertools.combinations(range(len(RELATED)), 2):
        soft = soft_overlap(RELATED[i].split(), RELATED[j].split(), wordnet)
        assert kept.get((i, j), (0.0, 0.0))[1] >= soft - 1e-12, (RELATED[i], RELATED[j])


def test_one_shared_word_among_many_is_skipped() -> None:
    # both quotes say "house" once among four unrelated words: soft overlap at most 2/10
    wordnet = WordNet(FIXTURE)
    texts = RELATED[6:8]
    matrix = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    tfidf = matrix.fit_transform(texts).tocsr()
    assert _PairFilter(texts, tfidf, wordnet).pairs(0.5) == {}
    bound = _PairFilter(texts, tfidf, wordnet).pairs(0.0)[(0, 1)][1]
    assert bound == pytest.approx(0.2, abs=0.05)
