"""Sentence alignment between a story's articles: cheap blocking, then a finer matcher.

Scoring every sentence pair of a 500-article story is 10^8 comparisons; instead each sentence
proposes a handful of candidate partners through an inverted index of rare blocking keys (stems,
numbers, name consonant keys; keys shared by more than ``block_max_df`` of the story's sentences
are topic words and propose nothing), weighted like TF-IDF and scored with one sparse product.
Only those candidates go to the finer matcher (:func:`sentence_similarity`), which is built to
survive spinning and round-trip translation:

- character similarity (rapidfuzz) catches verbatim and lightly edited sentences (the token-level
  similarity, kept beside it, tells a copy from a rewrite);
- stem overlap, with names compared by consonant key and Jaro-Winkler, catches paraphrases and
  mangled names;
- the function-word skeleton (content words replaced by ``_``) catches spun copies whose content
  words were swapped for odd synonyms: the spinner keeps the shape of the sentence;
- numbers must agree when both sentences carry them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, JaroWinkler
from scipy import sparse

from storylens.provenance.features import SentenceFeatures, consonant_key
from storylens.provenance.settings import ProvenanceSettings

__all__ = ["AlignedPair", "PairScore", "candidate_pairs", "score_pair", "sentence_similarity"]


@dataclass(frozen=True, slots=True)
class PairScore:
    """The finer matcher's view of two sentences."""

    score: float
    char: float
    tokens: float
    content: float
    skeleton: float
    names_total: int
    names_respelled: int


@dataclass(frozen=True, slots=True)
class AlignedPair:
    """Two sentences of two articles judged to say the same thing in (nearly) the same way."""

    left: SentenceFeatures
    right: SentenceFeatures
    similarity: PairScore


def candidate_pairs(
    sentences: Sequence[SentenceFeatures], settings: ProvenanceSettings
) -> list[tuple[int, int]]:
    """Candidate sentence pairs (indices into ``sentences``, left < right) from different articles.

    Example:
        >>> from storylens.provenance.features import sentence_features as sf
        >>> s = [sf("a", 0, "Rockets hit Mykolaiv port at dawn."), sf("b", 0, "Rockets struck Mikolajiv port.")]
        >>> candidate_pairs(s, ProvenanceSettings())
        [(0, 1)]
    """
    n = len(sentences)
    if n < 2:
        return []
    matrix = _key_matrix(sentences, settings)
    if matrix is None:
        return []
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix = sparse.diags(1.0 / norms).dot(matrix).tocsr()
    product = (matrix @ matrix.T).tocoo()
    article_codes: dict[str, int] = {}
    codes = np.fromiter(
        (article_codes.setdefault(s.article_id, len(article_codes)) for s in sentences),
        dtype=np.int64, count=n)
    keep = (product.data >= settings.block_min_cosine) & (codes[product.row] != codes[product.col])
    left, right, scores = product.row[keep], product.col[keep], product.data[keep]
    # Top ``candidates_per_sentence`` partners per sentence, vectorised: sort by (row, -score)
    # and keep each row's first k entries (after dropping entries that cannot be among them).
    contenders = _contenders(left, scores, n, settings.candidates_per_sentence)
    left, right, scores = left[contenders], right[contenders], scores[contenders]
    order = _by_row_then_score(left, scores)
    left, right = left[order], right[order]
    counts = np.bincount(left, minlength=n)
    starts = (np.cumsum(counts) - counts)[left]
    top = (np.arange(len(left)) - starts) < settings.candidates_per_sentence
    if not top.any():
        return []
    low = np.minimum(left[top], right[top]).astype(np.int64)
    high = np.maximum(left[top], right[top]).astype(np.int64)
    # Unique pairs in (left, right) order: one number per pair sorts the same way.
    unique = np.unique(low * n + high)
    return list(zip((unique // n).tolist(), (unique % n).tolist(), strict=True))


def _contenders(rows: np.ndarray, scores: np.ndarray, n: int, k: int) -> np.ndarray:
    """Which entries can be among their row's ``k`` best (``rows`` sorted, as in a product).

    A sentence of a big story has a hundred or more partners above the cosine floor, and
    sorting them all to keep six took most of the blocking's time. A row cut into ``4 k``
    pieces has ``4 k`` piece maxima, distinct entries: the ``k``-th largest of them is at most
    the row's ``k``-th largest score, so nothing below it can be among the row's best, and the
    entries kept sort among themselves as they did among all.
    """
    pieces = 4 * k
    counts = np.bincount(rows, minlength=n)
    long_rows = np.flatnonzero(counts >= pieces)
    if k < 1 or not len(long_rows):
        return np.ones(len(rows), dtype=bool)
    starts = np.cumsum(counts) - counts
    # Each long row's piece starts, then its end (whose "maximum" is ignored): reduceat then
    # never runs a last piece into the next row.
    bounds = starts[long_rows, None] + (
        counts[long_rows, None] * np.arange(pieces + 1)) // pieces
    padded = np.append(scores, scores.dtype.type(0))
    maxima = np.maximum.reduceat(padded, bounds.ravel()).reshape(len(long_rows), pieces + 1)
    floors = np.full(n, -np.inf, dtype=np.float64)
    floors[long_rows] = np.sort(maxima[:, :pieces], axis=1)[:, pieces - k]
    return np.asarray(scores >= floors[rows])


def _by_row_then_score(rows: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """The stable order by row, then by score from high to low: ``np.lexsort((-scores, rows))``.

    A big story's product has millions of entries, and lexsort's two passes over them cost a
    second; one stable sort of a 64-bit key (the row, then the score's bits, which for
    non-negative floats order like the floats) gives the same order in a quarter of that.
    """
    if scores.dtype != np.float32 or len(scores) == 0 or bool(np.signbit(scores).any()):
        return np.lexsort((-scores, rows))
    descending = np.uint64(0xFFFFFFFF) - scores.view(np.uint32).astype(np.uint64)
    key = (rows.astype(np.uint64) << np.uint64(32)) | descending
    return np.argsort(key, kind="stable")


def _key_matrix(
    sentences: Sequence[SentenceFeatures], settings: ProvenanceSettings
) -> sparse.csr_matrix | None:
    """Sentences x usable blocking keys, weighted like IDF (None when no key is usable).

    A 500-article story has 20,000 sentences and ten times as many keys, so the keys are
    numbered and filtered with arrays, not per key in Python. Columns are numbered in order
    of first use and each row keeps its keys' order, as a per-key loop would: the product's
    sums then add up in the same order, to the same bits.
    """
    n = len(sentences)
    all_keys = list(chain.from_iterable(sentence.keys for sentence in sentences))
    # Keys numbered in order of first appearance; ``df`` counts occurrences, like a Counter.
    numbering = {key: number for number, key in enumerate(dict.fromkeys(all_keys))}
    codes = np.fromiter(map(numbering.__getitem__, all_keys), dtype=np.int64, count=len(all_keys))
    df = np.bincount(codes, minlength=len(numbering)).tolist()
    cap = max(settings.block_min_df_cap, int(settings.block_max_df * n))
    usable = np.array([2 <= count <= cap for count in df], dtype=bool)
    if not usable.any():
        return None
    # Each usable key's weight once, with the same float arithmetic as a per-key formula.
    weights = np.array([math.log(n / count) + 1.0 if ok else 0.0
                        for count, ok in zip(df, usable.tolist(), strict=True)])
    # Usable keys keep their order of first use: a key's column is its rank among them.
    columns = np.cumsum(usable) - 1
    lengths = np.fromiter((len(sentence.keys) for sentence in sentences), dtype=np.int64, count=n)
    rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
    kept = usable[codes]
    used = codes[kept]
    return sparse.csr_matrix(
        (weights[used], (rows[kept], columns[used])),
        shape=(n, int(usable.sum())), dtype=np.float32)


def _names_match(left: str, right: str) -> bool:
    if left == right:
        return True
    if len(left) < 4 or len(right) < 4:
        return False
    key_left, key_right = consonant_key(left), consonant_key(right)
    if key_left and key_left == key_right:
        return True
    return JaroWinkler.normalized_similarity(left, right) >= 0.86


def _loose_matches(left: set[str] | frozenset[str], right: set[str] | frozenset[str]) -> int:
    """Stems that match only loosely: a shared 4-letter prefix ("roof"/"rooftop") or a close
    spelling (mangled names, "Tarnova"/"Tarnowa")."""
    count = 0
    pool = [r for r in right if len(r) >= 4]
    for stem in left:
        if len(stem) < 4:
            continue
        for other in pool:
            if stem[:4] == other[:4] or JaroWinkler.normalized_similarity(stem, other) >= 0.88:
                count += 1
                pool.remove(other)
                break
    return count


def score_pair(left: SentenceFeatures, right: SentenceFeatures, floor: float = 0.0) -> PairScore:
    """Compare two sentences; see the module docstring for what each part catches.

    With ``floor`` > 0 the slow part (loose stem and name matching) is skipped when even a
    perfect result could not lift the score to ``floor``; the score returned is then a lower
    estimate, which is all a caller that rejects pairs below ``floor`` needs.
    """
    char = fuzz.ratio(left.folded, right.folded) / 100.0
    small = min(len(left.stems), len(right.stems))
    shared = len(left.stems & right.stems)
    skeleton = Indel.normalized_similarity(left.skeleton, right.skeleton)
    length_ratio = min(left.size, right.size) / max(left.size, right.size, 1)
    if left.numbers and right.numbers:
        numbers = len(left.numbers & right.numbers) / len(left.numbers | right.numbers)
    elif left.numbers or right.numbers:
        numbers = 0.3
    else:
        numbers = 0.6
    shape_ok = skeleton >= 0.8 and length_ratio >= 0.8 and min(left.size, right.size) >= 8
    if floor > 0.0 and small:
        content_max = min(1.0, (shared + len(left.stems - right.stems)) / small)
        best = _structural(content_max, skeleton, numbers, small, length_ratio)
        if shape_ok and ((left.names and right.names) or left.numbers & right.numbers):
            best = max(best, 0.5 + 0.3 * skeleton)
        if max(char, best) < floor:
            content = shared / small
            return PairScore(max(char, _structural(content, skeleton, numbers, small, length_ratio)),
                             char, Indel.normalized_similarity(left.tokens, right.tokens),
                             content, skeleton, 0, 0)
    names_total = names_respelled = 0
    if left.names and right.names:
        unmatched_right = [n for n in right.names if n not in left.names]
        for name in left.names:
            if name in right.names:
                names_total += 1
                continue
            for other in unmatched_right:
                if _names_match(name, other):
                    names_total += 1
                    names_respelled += 1
                    unmatched_right.remove(other)
                    break
    loose = _loose_matches(left.stems - right.stems, right.stems - left.stems)
    content = min(1.0, (shared + max(names_respelled, loose)) / small) if small else 0.0
    structural = _structural(content, skeleton, numbers, small, length_ratio)
    anchored = bool(left.numbers & right.numbers) or names_total > 0
    if anchored and shape_ok:
        # A spinner's copy: same shape, same length, same numbers or names, other words.
        structural = max(structural, 0.5 + 0.3 * skeleton)
    return PairScore(
        score=max(char, structural),
        char=char,
        tokens=Indel.normalized_similarity(left.tokens, right.tokens),
        content=content,
        skeleton=skeleton,
        names_total=names_total,
        names_respelled=names_respelled,
    )


def _structural(content: float, skeleton: float, numbers: float, small: int,
                length_ratio: float) -> float:
    # A spinner keeps the shape but not the words; shape alone is weak evidence (many sentences
    # share "_ _ the _ of _"), so it only counts in proportion to the content that also matches.
    structural = 0.45 * content + 0.4 * skeleton * min(1.0, 0.4 + content) + 0.15 * numbers
    if small < 3 or length_ratio < 0.5:
        structural *= 0.8
    return structural


def sentence_similarity(left: SentenceFeatures, right: SentenceFeatures) -> float:
    """The finer matcher's score in [0, 1] (aligned from ``sentence_threshold`` up)."""
    return score_pair(left, right).score
