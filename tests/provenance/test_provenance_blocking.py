"""Blocking (``align.candidate_pairs``) against a plain per-key, lexsort version of itself: the
array version must propose exactly the same pairs, ties and crowded rows included."""

from __future__ import annotations

import dataclasses
import math
import random
from collections import Counter
from itertools import chain

import numpy as np
import pytest
from scipy import sparse

from storylens.provenance import align
from storylens.provenance.align import candidate_pairs
from storylens.provenance.features import SentenceFeatures, sentence_features
from storylens.provenance.settings import ProvenanceSettings

_WORDS = [f"{a}{b}" for a in ("dam", "flood", "river", "bridge", "mayor", "rescue")
          for b in ("ford", "wick", "holm", "stead", "ton", "by", "thorpe", "wald")]


def _plain(sentences: list[SentenceFeatures], settings: ProvenanceSettings) -> list[tuple[int, int]]:
    """The blocking written the slow way: a Counter, a loop per key and lexsort."""
    n = len(sentences)
    df = Counter(chain.from_iterable(s.keys for s in sentences))
    cap = max(settings.block_min_df_cap, int(settings.block_max_df * n))
    weights = {key: math.log(n / count) + 1.0 for key, count in df.items() if 2 <= count <= cap}
    vocabulary: dict[str, int] = {}
    rows, cols, values = [], [], []
    for row, sentence in enumerate(sentences):
        for key in sentence.keys:
            if key in weights:
                rows.append(row)
                cols.append(vocabulary.setdefault(key, len(vocabulary)))
                values.append(weights[key])
    if not vocabulary:
        return []
    matrix = sparse.csr_matrix((values, (rows, cols)), shape=(n, len(vocabulary)), dtype=np.float32)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sparse.diags(1.0 / norms).dot(matrix).tocsr()
    product = (matrix @ matrix.T).tocoo()
    codes = np.unique(np.array([s.article_id for s in sentences], dtype=object), return_inverse=True)[1]
    keep = (product.data >= settings.block_min_cosine) & (codes[product.row] != codes[product.col])
    left, right, scores = product.row[keep], product.col[keep], product.data[keep]
    order = np.lexsort((-scores, left))
    left, right = left[order], right[order]
    top = (np.arange(len(left)) - np.searchsorted(left, left)) < settings.candidates_per_sentence
    pairs = np.stack([np.minimum(left[top], right[top]), np.maximum(left[top], right[top])], axis=1)
    return [(i, j) for i, j in np.unique(pairs, axis=0).tolist()] if len(pairs) else []


def _story(seed: int, articles: int, per_article: int) -> list[SentenceFeatures]:
    """Invented sentences from a small vocabulary (many partners per sentence), with some
    sentences repeated in other articles (tied scores)."""
    rng = random.Random(seed)
    out: list[SentenceFeatures] = []
    for a in range(articles):
        for i in range(per_article):
            if out and rng.random() < 0.2:
                text = rng.choice(out).text  # a copy: ties with the copied sentence's partners
            else:
                text = " ".join(w.capitalize() if rng.random() < 0.2 else w
                                for w in rng.sample(_WORDS, 7)) + f" {rng.randint(1, 30)}."
            out.append(sentence_features(f"a{a}", i, text))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_blocking_matches_the_plain_version(seed: int) -> None:
    sentences = _story(seed, articles=25, per_article=16)
    settings = ProvenanceSettings()
    found = candidate_pairs(sentences, settings)
    assert found == _plain(sentences, settings)
    assert len(found) > len(sentences)  # crowded: most sentences have many partners


def test_crowded_rows_are_cut_before_sorting() -> None:
    sentences = _story(4, articles=25, per_article=16)
    settings = ProvenanceSettings()
    product = _plain(sentences, dataclasses.replace(settings, candidates_per_sentence=10_000))
    rows = np.array(sorted(i for pair in product for i in pair), dtype=np.int64)
    scores = np.ones(len(rows), dtype=np.float32)
    # Equal scores: nothing is below the k-th best, so every entry stays a contender ...
    assert align._contenders(rows, scores, len(sentences), 6).all()
    # ... while in a row of distinct scores only the best few pieces' entries do.
    crowded = np.zeros(48, dtype=np.int64)
    kept = align._contenders(crowded, np.arange(48, dtype=np.float32), 1, 6)
    assert kept[-6:].all() and 6 <= kept.sum() < 48


def test_blocking_with_settings_that_change_the_cut() -> None:
    sentences = _story(5, articles=12, per_article=10)
    for settings in (ProvenanceSettings(candidates_per_sentence=1),
                     ProvenanceSettings(candidates_per_sentence=40),
                     ProvenanceSettings(block_min_cosine=0.0),
                     ProvenanceSettings(block_min_df_cap=2)):
        assert candidate_pairs(sentences, settings) == _plain(sentences, settings)


def test_score_order_key_sorts_like_lexsort() -> None:
    rng = np.random.default_rng(0)
    rows = np.sort(rng.integers(0, 50, 2000))
    scores = rng.choice(np.array([0.0, 0.1, 0.5, 0.5, 0.9, 1.0], dtype=np.float32), 2000)
    assert (align._by_row_then_score(rows, scores) == np.lexsort((-scores, rows))).all()
    negative = scores - np.float32(0.5)  # falls back to lexsort
    assert (align._by_row_then_score(rows, negative) == np.lexsort((-negative, rows))).all()
