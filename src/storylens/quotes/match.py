"""Grouping one quote's variants across the articles of a story.

Copies carry a quote verbatim; rewrites trim it; translations and machine-spun copies change
its words ("We will rebuild every house" / "Every home will be built again" / "We are going to
reconstruct each home"). Two signals decide, no model needed:

* wording: the best of character n-gram TF-IDF cosine over lemmas (catches "Zelenyi"/
  "Zeleniy" and inflection the lemmatiser missed), rapidfuzz's token-set ratio over content
  lemmas (catches a trimmed quote inside a longer one) and, when WordNet is installed, a soft
  overlap that counts synonyms and direct hypernyms as the same word ("rebuild"/"reconstruct",
  "house"/"home");
* speaker: variants from the same resolved speaker need far less shared wording than variants
  from different or unknown speakers.

Variants are linked best pair first, two groups only when at least half of the pairs across
them match directly (not a single link: a chain of look-alikes stays apart), never two variants
of one article unless they are near-verbatim, so a speaker's two different remarks stay apart.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz
from scipy.sparse import csr_matrix
from sklearn.feature_extraction.text import TfidfVectorizer
from spacy.tokens import Doc

from storylens.quotes.extract import LocalQuote
from storylens.quotes.pair_cache import OverlapCache
from storylens.quotes.resolve import ResolvedSpeaker
from storylens.quotes.settings import QuoteSettings
from storylens.quotes.wordnet import WordNet, soft_overlap
from storylens.records import Article, Quote, QuoteVariant, publication_order

__all__ = ["Candidate", "group_quotes", "lemma_text", "similarity"]

_VERBATIM = 0.9
#: Content words two quotes must share for one to count as trimmed from the other: "a new
#: virus" (two) sits inside any remark about a new virus, "a public health emergency of
#: international concern" (four) is a trim of the sentence it came from, "underlying health
#: conditions" (three) a stock phrase of many remarks. Two suffice when the two quotes have
#: the same speaker ("in less than ten minutes" from Oleg's longer account).
_TRIM_WORDS = 4
_TRIM_WORDS_SAME_SPEAKER = 2


@dataclass(frozen=True, slots=True)
class Candidate:
    """A local quote with its resolved speaker and the lemmas its matching uses."""

    quote: LocalQuote
    speaker: ResolvedSpeaker | None
    lemmas: str
    part_lemmas: tuple[str, ...] = ()


def lemma_text(doc: Doc, start: int, end: int) -> str:
    """Lower-cased lemmas of the content words and numbers in ``[start, end)`` of ``doc``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return ""
    words = [t.lemma_.lower() for t in span if (t.is_alpha and not t.is_stop) or t.like_num]
    return " ".join(words)


def _speaker_key(speaker: ResolvedSpeaker | None) -> str | None:
    if speaker is None:
        return None
    if speaker.entity_id:
        return speaker.entity_id
    words = speaker.name.lower().split()
    if not words or words[0] in ("he", "she", "they", "i", "we", "a", "an", "who"):
        return None
    return words[-1].strip(".,")


def similarity(
    a: str,
    b: str,
    tfidf_cosine: float,
    wordnet: WordNet | None = None,
    trim_words: int = _TRIM_WORDS,
) -> float:
    """Wording similarity of two lemma strings, 0-1: the best of character n-gram cosine,
    token-set ratio (when ``trim_words`` content words are shared, and 80% of the shorter
    quote's: a trimmed quote inside a longer one) and WordNet soft overlap (synonyms and direct hypernyms)."""
    if not a or not b:
        return 0.0
    words_a, words_b = a.split(), b.split()
    best = tfidf_cosine
    shared = set(words_a) & set(words_b)
    smaller = min(len(set(words_a)), len(set(words_b)))
    if len(shared) >= trim_words and len(shared) >= 0.8 * smaller:
        best = max(best, fuzz.token_set_ratio(a, b) / 100.0)  # one quote trimmed from the other
    if wordnet is not None:
        best = max(best, soft_overlap(words_a, words_b, wordnet))
    return best


_NONE = (0.0, 0.0)

#: Rows of the pair filters computed at once: bounds memory on stories with thousands of quotes.
_BLOCK_ROWS = 512


def _csr(rows: Sequence[Sequence[str]], vocabulary: dict[str, int]) -> csr_matrix:
    """Count matrix of ``rows`` (lists of keys, repeats counted) over a shared vocabulary."""
    indptr: list[int] = [0]
    indices: list[int] = []
    for keys in rows:
        indices.extend(vocabulary.setdefault(key, len(vocabulary)) for key in keys)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    matrix = csr_matrix((data, indices, indptr), shape=(len(rows), max(len(vocabulary), 1)))
    matrix.sum_duplicates()
    return matrix


def _widen(matrix: csr_matrix, columns: int) -> csr_matrix:
    return csr_matrix(
        (matrix.data, matrix.indices, matrix.indptr), shape=(matrix.shape[0], columns)
    )


class _PairFilter:
    """Which pairs of lemma strings could reach a similarity floor, found with sparse products
    instead of scoring every pair (a 500-article story holds thousands of quotes, millions of
    pairs). Each test is an upper bound of one signal of ``similarity``, so no pair that could
    match is skipped:

    * character n-gram cosine at or above the floor (computed exactly);
    * enough shared distinct words for the token-set ratio to apply (two, and 80% of the
      smaller quote);
    * a WordNet bound: the soft overlap matches each word at most once, and only words related
      (same lemma, shared sense, sense under a hypernym) to some word of the other quote; the
      words of each quote with a relative in the other, counted with sparse products, bound
      its matched words.
    """

    def __init__(self, texts: Sequence[str], tfidf: csr_matrix, wordnet: WordNet | None) -> None:
        self.texts = texts
        self.tfidf = tfidf
        words = [t.split() for t in texts]
        self.lengths = np.array([len(w) for w in words], dtype=np.float64)
        vocabulary: dict[str, int] = {}
        distinct = _csr([sorted(set(w)) for w in words], vocabulary)
        distinct.data[:] = 1.0
        self.distinct = distinct
        self.distinct_counts = np.asarray(distinct.sum(axis=1)).ravel()
        self.related: csr_matrix | None = None
        self.counts: csr_matrix | None = None
        if wordnet is not None:
            self.counts = _csr(words, vocabulary)  # the same words: the vocabulary is complete
            self.related = _related_words(sorted(vocabulary, key=vocabulary.__getitem__), wordnet)
            # which words each text holds a relative of (texts x words, 0/1; the relation is
            # symmetric)
            self.related_in = _binary(distinct @ self.related)

    def pairs(self, floor: float) -> dict[tuple[int, int], tuple[float, float]]:
        """Text index pairs ``(i, j)``, ``i < j``, that may reach ``floor``, with their cosine
        (0 where it is below the floor: it then decides nothing) and an upper bound of their
        similarity, so that a pair held to a higher bar than the floor can be skipped too."""
        found: dict[tuple[int, int], tuple[float, float]] = {}
        n = len(self.texts)
        for first in range(0, n, _BLOCK_ROWS):
            # rows x the texts from the first row on: only pairs i < j are wanted
            rows, cols = slice(first, min(n, first + _BLOCK_ROWS)), slice(first, n)
            cosine = (self.tfidf[rows] @ self.tfidf[cols].T).toarray()
            shared = (self.distinct[rows] @ self.distinct[cols].T).toarray()
            smaller = np.minimum.outer(self.distinct_counts[rows], self.distinct_counts[cols])
            # the token-set ratio may apply (at the smallest number of shared words any pair
            # is held to: a bound)
            trimmed = (shared >= _TRIM_WORDS_SAME_SPEAKER) & (shared >= 0.8 * smaller)
            bound = np.where(trimmed, 1.0, cosine)
            if self.related is not None and self.counts is not None:
                bound = np.maximum(bound, self._soft_bound(rows, cols))
            for i, j in zip(*np.nonzero(bound >= floor), strict=True):
                a, b = first + int(i), first + int(j)
                if a < b:
                    value = float(cosine[i, j])
                    found[(a, b)] = (value if value >= floor else 0.0, float(bound[i, j]))
        return found

    def _soft_bound(self, rows: slice, cols: slice) -> np.ndarray:
        """An upper bound of ``soft_overlap`` of rows x columns: only the words of one text
        related to some word of the other (the same word, a shared sense, a direct hypernym)
        can be matched, each once, at weight at most 1."""
        assert self.related is not None and self.counts is not None
        matchable_a = (self.counts[rows] @ self.related_in[cols].T).toarray()
        matchable_b = (self.related_in[rows] @ self.counts[cols].T).toarray()
        la = self.lengths[rows][:, None]
        lb = self.lengths[cols][None, :]
        soft = 2 * np.minimum(matchable_a, matchable_b) / np.maximum(la + lb, 1)
        soft[(la < 2) | (lb < 2)] = 0.0
        return soft


def _binary(matrix: csr_matrix) -> csr_matrix:
    """``matrix`` with every stored value set to 1 (a relation, not a count)."""
    out = matrix.tocsr()
    out.data[:] = 1.0
    return out


def _related_words(words: Sequence[str], wordnet: WordNet) -> csr_matrix:
    """Words x words, 1 where ``soft_overlap`` may pair them: the same word, a shared sense,
    or a sense of one directly under a sense of the other."""
    keys: dict[str, int] = {}
    senses = _csr([["=" + w, *wordnet.concepts(w)[0]] for w in words], keys)
    broader = _csr([list(wordnet.concepts(w)[1]) for w in words], keys)
    senses, broader = _widen(senses, len(keys)), _widen(broader, len(keys))
    return _binary(senses @ senses.T + senses @ broader.T + broader @ senses.T)


class _Scorer:
    """Pairwise similarity over one story's quotes: one TF-IDF model for every whole quote and
    part, WordNet loaded only when some pair needs more than wording."""

    def __init__(
        self,
        candidates: Sequence[Candidate],
        settings: QuoteSettings,
        overlaps: OverlapCache | None = None,
    ) -> None:
        self.overlaps = overlaps
        self.texts = sorted(
            {c.lemmas for c in candidates} | {p for c in candidates for p in c.part_lemmas}
        )
        self.row = {text: i for i, text in enumerate(self.texts)}
        self.settings = settings
        self._wordnet: WordNet | None = None
        self._wordnet_tried = False
        self.floor = min(
            settings.match_threshold,
            settings.same_speaker_threshold,
            settings.other_speaker_threshold,
            _VERBATIM,
        )
        self.bounds: dict[tuple[int, int], tuple[float, float]] = {}
        if any(self.texts):
            vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
            tfidf = vectorizer.fit_transform([t or "_" for t in self.texts]).tocsr()
            wordnet = self.wordnet()
            if wordnet is not None and overlaps is not None and overlaps.wordnet is wordnet:
                overlaps.prime(sorted({w for t in self.texts for w in t.split()}))
            self.bounds = _PairFilter(self.texts, tfidf, wordnet).pairs(self.floor)

    def wordnet(self) -> WordNet | None:
        if not self._wordnet_tried:
            self._wordnet_tried = True
            self._wordnet = WordNet.load() if self.settings.use_wordnet else None
        return self._wordnet

    def candidate_pairs(self, candidates: Sequence[Candidate]) -> set[tuple[int, int]]:
        """Index pairs of candidates that own (as whole quote or part) two texts that may
        match, or one text they share."""
        owners: dict[int, list[int]] = {}
        for index, candidate in enumerate(candidates):
            for text in {candidate.lemmas, *candidate.part_lemmas}:
                owners.setdefault(self.row[text], []).append(index)
        out: set[tuple[int, int]] = set()
        for group in owners.values():
            out.update((a, b) for a in group for b in group if a < b)
        for x, y in self.bounds:
            for a in owners.get(x, ()):
                for b in owners.get(y, ()):
                    if a != b:
                        out.add((a, b) if a < b else (b, a))
        return out

    def pair(self, x: str, y: str, needed: float, trim_words: int = _TRIM_WORDS) -> float:
        """Similarity of two lemma strings; WordNet is consulted only below ``needed``."""
        i, j = self.row[x], self.row[y]
        cosine, bound = (
            (1.0, 1.0) if i == j else self.bounds.get((i, j) if i < j else (j, i), _NONE)
        )
        if bound < needed:
            return 0.0  # cannot reach ``needed`` by any signal: not worth scoring
        score = similarity(x, y, cosine, trim_words=trim_words)
        if score < needed and len(x.split()) >= 2 and len(y.split()) >= 2:
            wordnet = self.wordnet()
            if wordnet is not None:
                if self.overlaps is not None and self.overlaps.wordnet is wordnet:
                    score = max(score, self.overlaps.overlap(x, y, needed))
                else:
                    score = max(score, soft_overlap(x.split(), y.split(), wordnet, needed))
        return score

    def score(
        self, a: Candidate, b: Candidate, needed: float, trim_words: int = _TRIM_WORDS
    ) -> float:
        """Whole-quote similarity, or the best part-to-part one for quotes of several parts
        (a statement repeated with a different second half)."""
        best = self.pair(a.lemmas, b.lemmas, needed, trim_words)
        if best >= needed or (len(a.part_lemmas) < 2 and len(b.part_lemmas) < 2):
            return best
        for x in a.part_lemmas or (a.lemmas,):
            for y in b.part_lemmas or (b.lemmas,):
                if len(x.split()) >= 2 and len(y.split()) >= 2:
                    best = max(best, self.pair(x, y, needed, trim_words))
        return best


def _fragment(candidate: Candidate) -> bool:
    """Whether a quote has fewer than two distinct content words ("pandemic", "re-assortment")."""
    return len(set(candidate.lemmas.split())) < 2


def group_quotes(
    candidates: Sequence[Candidate],
    articles: Sequence[Article],
    settings: QuoteSettings,
    overlaps: OverlapCache | None = None,
) -> tuple[Quote, ...]:
    """One ``Quote`` per group of variants, in order of first publication.

    ``overlaps`` (if given) answers the WordNet overlaps an earlier run of the story computed.
    """
    n = len(candidates)
    scorer = _Scorer(candidates, settings, overlaps)
    keys = [_speaker_key(c.speaker) for c in candidates]
    pairs: list[tuple[float, int, int]] = []
    for i, j in sorted(scorer.candidate_pairs(candidates)):
        same_article = candidates[i].quote.article_id == candidates[j].quote.article_id
        same_speaker = keys[i] is not None and keys[i] == keys[j]
        if same_article:
            needed = _VERBATIM
        elif same_speaker:
            needed = settings.same_speaker_threshold
        elif keys[i] is not None and keys[j] is not None:
            needed = settings.other_speaker_threshold
        else:
            needed = settings.match_threshold
        trim_words = _TRIM_WORDS_SAME_SPEAKER if same_speaker else _TRIM_WORDS
        fragment = _fragment(candidates[i]) or _fragment(candidates[j])
        if fragment and (candidates[i].lemmas != candidates[j].lemmas or not candidates[i].lemmas):
            # A one-word quote ("pandemic", "quarantine rooms") is a scare quote: it is the
            # same quote only where it is the same words.
            continue
        score = scorer.score(candidates[i], candidates[j], needed, trim_words)
        if score >= needed:
            pairs.append((score, i, j))
    pairs.sort(reverse=True)
    passed = {(i, j) for _, i, j in pairs}
    parent = list(range(n))
    members: dict[int, set[str]] = {i: {candidates[i].quote.article_id} for i in range(n)}
    quotes_of: dict[int, list[int]] = {i: [i] for i in range(n)}

    def linked(a: int, b: int) -> bool:
        """At least half of the pairs across two groups (of different articles) match
        directly: a chain of look-alikes, "new virus" in one remark and "a new virus" in
        another, never gathers a speaker's every remark into one quote."""
        across = [
            (min(x, y), max(x, y))
            for x in quotes_of[a]
            for y in quotes_of[b]
            if candidates[x].quote.article_id != candidates[y].quote.article_id
        ]
        return 2 * sum(1 for pair in across if pair in passed) >= len(across)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for score, i, j in pairs:
        a, b = find(i), find(j)
        if a == b:
            continue
        if members[a] & members[b] and score < _VERBATIM:
            continue  # one article's two different remarks stay two quotes
        if not linked(a, b):
            continue
        parent[b] = a
        members[a] |= members.pop(b)
        quotes_of[a] += quotes_of.pop(b)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    order = {a.id: publication_order(a) for a in articles}
    by_id = {a.id: a for a in articles}
    quotes = [_quote([candidates[i] for i in group], order, by_id) for group in groups.values()]
    quotes.sort(key=lambda q: (order[q.variants[0].article_id], q.variants[0].start))
    return tuple(quotes)


def _quote(
    group: list[Candidate], order: dict[str, tuple[bool, dt.date, str]], by_id: dict[str, Article]
) -> Quote:
    group.sort(key=lambda c: (order[c.quote.article_id], c.quote.start))
    first = group[0]
    # the speaker most sources name (a source may misattribute), else a described one
    named = Counter(c.speaker for c in group if c.speaker is not None and c.speaker.entity_id)
    described = [c.speaker for c in group if c.speaker is not None]
    speaker: ResolvedSpeaker | None = None
    if named:
        speaker = named.most_common(1)[0][0]
    elif described:
        speaker = described[0]
    cue = next(
        (c.quote.speaker.cue for c in group if c.quote.speaker and c.quote.speaker.cue), None
    )
    variants = tuple(
        QuoteVariant(
            text=c.quote.text,
            article_id=c.quote.article_id,
            start=c.quote.start,
            end=c.quote.end,
            speaker=c.quote.speaker.text if c.quote.speaker else None,
            speaker_start=c.quote.speaker.start if c.quote.speaker else None,
            speaker_end=c.quote.speaker.end if c.quote.speaker else None,
            cue=c.quote.speaker.cue if c.quote.speaker else None,
        )
        for c in group
    )
    earliest = by_id[first.quote.article_id]
    digest = hashlib.sha256(
        f"{first.quote.article_id}:{first.quote.start}:{first.quote.end}".encode()
    ).hexdigest()[:12]
    return Quote(
        id=f"q-{digest}",
        text=first.quote.text,
        speaker=speaker.name if speaker else None,
        speaker_id=speaker.entity_id if speaker else None,
        cue=cue,
        variants=variants,
        earliest_source=earliest.id if earliest.published is not None else None,
    )
