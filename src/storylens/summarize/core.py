"""Extractive multi-document summarisation with independent-source salience and full citations.

The steps, for one story:

1. **Candidates** (:mod:`~storylens.summarize.units`): sentences that stand alone, cleaned.
2. **Vectors**: every sentence of every article (candidates or not: a sentence that cannot be
   shown can still confirm a fact) as a TF-IDF vector of content-word stems, fitted on the story.
3. **Independent sources**: the provenance stage's groups (articles that copy, rewrite, translate
   or republish one another are one source); without them, articles whose TF-IDF vectors are
   nearly the same (cosine >= ``duplicate_similarity``) are merged, so a wire story carried by
   five sites still counts once.
4. **Salience**: cosine to the story centroid, where each independent source weighs the same
   (mean of group means, not of articles); plus *support*, the share of the other independent
   sources that carry a similar sentence (a fact reported by three outlets outweighs one copied
   three times); plus a lead bias (news puts the key facts first).
5. **Selection**: MMR (maximal marginal relevance) under a word budget; near-repeats are skipped.
6. **Order**: chronological by the date of the event a sentence reports (time stage) or its
   article's date when the articles span several days; else by position in the articles.
7. **Citations** (:func:`supporters`): each chosen sentence cites its article and every other
   article with a sentence that states the same fact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain

import numpy as np
from scipy import sparse
from sklearn.preprocessing import normalize

from storylens.records import Sentence
from storylens.summarize.settings import SummarizerSettings
from storylens.summarize.units import (
    Candidate,
    SentenceUnit,
    SpeakerResolver,
    candidates_of,
    sentence_units,
)

__all__ = ["Pick", "SourceDocument", "StemTfidf", "Summarizer", "Summary", "take_within_budget"]

#: Candidates whose similarities to every sentence are computed at once (bounds memory).
_SIMILARITY_BLOCK = 256


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """One article as the summariser sees it: id, sentences (with offsets), optional title/date."""

    id: str
    sentences: tuple[Sentence, ...]
    title: str | None = None
    published: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Pick:
    """A chosen sentence, its salience and every article that supports it (its own first)."""

    candidate: Candidate
    score: float
    sources: tuple[str, ...]
    support_evidence: tuple[tuple[str, int, float], ...] = ()


@dataclass
class Summary:
    """The summariser's result for one story."""

    picks: list[Pick]
    groups: dict[str, str]
    centroid: np.ndarray | None = None
    vectorizer: StemTfidf | None = None
    candidates: list[Candidate] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The summary as one paragraph."""
        return " ".join(p.candidate.text for p in self.picks)


def take_within_budget(lengths: Sequence[int], budget: int, overshoot: float) -> list[int]:
    """Indices (into ``lengths``, taken in order) that fill ``budget`` words.

    A sentence is taken if the total stays within ``budget * (1 + overshoot)``; taking stops once
    the budget is reached. The same rule serves the summariser and every baseline of the benchmark,
    so that no method wins by writing longer summaries.
    """
    chosen: list[int] = []
    total = 0
    ceiling = budget * (1.0 + overshoot)
    for index, length in enumerate(lengths):
        if total >= budget:
            break
        if chosen and total + length > ceiling:
            continue
        chosen.append(index)
        total += length
    return chosen


class StemTfidf:
    """TF-IDF vectors of stem tuples, with exactly the numbers of scikit-learn's
    ``TfidfVectorizer(analyzer=identity, sublinear_tf=True)``: sorted vocabulary, tf
    ``1 + log(count)``, smooth idf ``1 + log((n + 1) / (df + 1))``, rows l2-normalised.

    Built with array operations instead of the vectorizer's loop over every stem of every
    document (0.25 s for the 24,000 sentences of a 568-article story). Each row lists its terms
    in the order scikit-learn leaves them (by first appearance in the fitted documents; then
    numbered by sorted vocabulary), so that every later sum adds in the same order, to the
    same bits.

    Example:
        >>> model, matrix = StemTfidf.fit_transform([("dam", "burst"), ("dam", "flood", "flood")])
        >>> sorted(model.vocabulary), matrix.shape
        (['burst', 'dam', 'flood'], (2, 3))
    """

    def __init__(self, vocabulary: dict[str, int], idf: np.ndarray) -> None:
        self.vocabulary = vocabulary
        self.idf = idf

    @classmethod
    def fit_transform(cls, documents: Sequence[Sequence[str]]) -> tuple[StemTfidf, sparse.csr_matrix]:
        """The model fitted on ``documents`` and their vectors (one row each)."""
        flat = list(chain.from_iterable(documents))
        if not flat:
            raise ValueError("empty vocabulary")
        first_seen = {term: k for k, term in enumerate(dict.fromkeys(flat))}
        terms = sorted(first_seen)
        rank = np.empty(len(terms), dtype=np.int64)
        rank[[first_seen[t] for t in terms]] = np.arange(len(terms))
        codes = np.fromiter(map(first_seen.__getitem__, flat), dtype=np.int64, count=len(flat))
        lengths = np.fromiter(map(len, documents), dtype=np.int64, count=len(documents))
        rows = np.repeat(np.arange(len(documents), dtype=np.int64), lengths)
        # Counts per (document, term), terms in order of first appearance within the row.
        keys, counts = np.unique(rows * len(terms) + codes, return_counts=True)
        indices = rank[keys % len(terms)]
        indptr = np.zeros(len(documents) + 1, dtype=np.int64)
        np.cumsum(np.bincount(keys // len(terms), minlength=len(documents)), out=indptr[1:])
        df = np.bincount(indices, minlength=len(terms)).astype(np.float64)
        df += 1.0
        idf = np.full_like(df, fill_value=len(documents) + 1, dtype=np.float64)
        idf /= df
        np.log(idf, out=idf)
        idf += 1.0
        model = cls(dict(zip(terms, range(len(terms)), strict=True)), idf)
        return model, model._weigh(counts, indices, indptr)

    def transform(self, documents: Sequence[Sequence[str]]) -> sparse.csr_matrix:
        """Vectors of ``documents`` in the fitted vocabulary (unknown stems ignored)."""
        data: list[int] = []
        indices: list[int] = []
        indptr = [0]
        for document in documents:
            counter: dict[int, int] = {}
            for term in document:
                index = self.vocabulary.get(term)
                if index is not None:
                    counter[index] = counter.get(index, 0) + 1
            for index in sorted(counter):
                indices.append(index)
                data.append(counter[index])
            indptr.append(len(indices))
        return self._weigh(np.asarray(data, dtype=np.int64), np.asarray(indices, dtype=np.int64),
                           np.asarray(indptr, dtype=np.int64))

    def _weigh(self, counts: np.ndarray, indices: np.ndarray, indptr: np.ndarray) -> sparse.csr_matrix:
        """Counts -> sublinear tf times idf, rows l2-normalised (scikit-learn's operations)."""
        data = counts.astype(np.float64)
        np.log(data, out=data)
        data += 1.0
        data *= self.idf[indices]
        matrix = sparse.csr_matrix(
            (data, indices.astype(np.int32), indptr.astype(np.int32)),
            shape=(len(indptr) - 1, len(self.idf)))
        result: sparse.csr_matrix = normalize(matrix, norm="l2", copy=False)
        return result


class _UnionFind:
    def __init__(self, items: Sequence[str]) -> None:
        self.parent = {item: item for item in items}

    def find(self, item: str) -> str:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


class Summarizer:
    """Summarises a set of documents about one story.

    Example:
        >>> from storylens.text.segment import RuleSegmenter
        >>> seg = RuleSegmenter()
        >>> a = "The dam on the Bilyanka river burst on Friday night, flooding two villages."
        >>> b = "A dam on the Bilyanka river burst late on Friday, flooding two villages nearby."
        >>> docs = [SourceDocument(i, seg.split(i, t)) for i, t in (("a", a), ("b", b))]
        >>> summary = Summarizer(SummarizerSettings(words=20)).summarize(docs)
        >>> [p.sources for p in summary.picks]
        [('a', 'b')]
    """

    def __init__(self, settings: SummarizerSettings | None = None) -> None:
        self.settings = settings or SummarizerSettings()

    def summarize(
        self,
        documents: Sequence[SourceDocument],
        groups: Mapping[str, str] | None = None,
        budget_words: int | None = None,
        resolve_speaker: SpeakerResolver | None = None,
        event_dates: Mapping[tuple[str, int], str] | None = None,
        aligned: Mapping[tuple[str, int], set[tuple[str, int]]] | None = None,
        units: Mapping[str, Sequence[SentenceUnit]] | None = None,
    ) -> Summary:
        """Summarise ``documents`` (earliest first where dates are known).

        Args:
            documents: the story's articles with their sentences.
            groups: article id -> independent-source group (provenance stage); None to detect
                near-duplicate articles instead.
            budget_words: length budget (default ``settings.words``).
            resolve_speaker: names the speaker of a pronoun-attributed quote (quotes stage).
            event_dates: (article id, sentence index) -> ISO date of the event it reports.
            aligned: (article id, sentence index) -> sentences the provenance stage aligned with it.
            units: article id -> its sentences' kept ``SentenceUnit`` (computed when missing).
        """
        settings = self.settings
        budget = budget_words or settings.words
        rows: list[tuple[str, int, tuple[str, ...], frozenset[str]]] = []
        candidates: list[Candidate] = []
        for doc in documents:
            found = units.get(doc.id) if units is not None else None
            doc_units = found if found is not None else sentence_units(doc.sentences, settings)
            for sentence, unit in zip(doc.sentences, doc_units, strict=True):
                if unit.stems:
                    rows.append((doc.id, sentence.index, unit.stems, unit.numbers))
            candidates.extend(candidates_of(doc.sentences, settings, resolve_speaker, doc_units))
        if len(candidates) > settings.max_candidates:
            # Very large stories: the earliest sentences of each article compete (news puts the
            # key facts first), which bounds the candidates x sentences similarity matrix.
            cutoff = sorted(c.position for c in candidates)[settings.max_candidates - 1]
            candidates = [c for c in candidates if c.position < cutoff] or candidates[: settings.max_candidates]
        if not rows or not candidates:
            return Summary([], {d.id: d.id for d in documents})
        vectorizer, matrix = StemTfidf.fit_transform([r[2] for r in rows] + [c.stems for c in candidates])
        sentence_matrix = matrix[: len(rows)]
        cand_matrix = matrix[len(rows):]
        doc_ids = [d.id for d in documents]
        doc_index = {d: k for k, d in enumerate(doc_ids)}
        row_doc = np.array([doc_index[r[0]] for r in rows], dtype=np.intp)
        # Each article's sentence rows summed by one sparse product with a rows -> article
        # indicator (rows added in the same order as a per-article sum; a mask per article
        # scanned every row of the story once per article).
        membership = sparse.csr_matrix(
            (np.ones(len(rows)), (row_doc, np.arange(len(rows)))), shape=(len(doc_ids), len(rows))
        )
        doc_vectors = _normalise(np.asarray((membership @ sentence_matrix).todense()))
        group_of = dict(groups) if groups else self._near_duplicate_groups(doc_ids, doc_vectors)
        for doc_id in doc_ids:
            group_of.setdefault(doc_id, doc_id)
        group_names = sorted(set(group_of[d] for d in doc_ids))
        members: dict[str, list[int]] = {}
        for k, d in enumerate(doc_ids):
            members.setdefault(group_of[d], []).append(k)
        group_means = np.vstack([doc_vectors[members[g]].mean(axis=0) for g in group_names])
        centroid = _normalise(group_means.mean(axis=0, keepdims=True))[0]
        centrality = np.asarray(cand_matrix @ centroid).ravel()
        support = self._support(candidates, rows, cand_matrix, sentence_matrix, group_of, group_names)
        position = np.array([1.0 / (1.0 + c.position) ** settings.position_decay for c in candidates])
        scores = (
            settings.centrality_weight * centrality
            + settings.support_weight * support
            + settings.position_weight * position
        )
        cand_sim = (cand_matrix @ cand_matrix.T).toarray()
        chosen = self._select(candidates, scores, cand_sim, budget)
        ordered = self._order(chosen, candidates, documents, event_dates)
        row_at = {(row[0], row[1]): r for r, row in enumerate(rows)} if aligned else None
        picks = [
            Pick(
                candidates[i],
                float(scores[i]),
                *self._supporters(
                    candidates[i], rows, (cand_matrix[i] @ sentence_matrix.T).toarray().ravel(), aligned,
                    row_at,
                ),
            )
            for i in ordered
        ]
        return Summary(picks, group_of, centroid, vectorizer, candidates, [float(s) for s in scores])

    def _near_duplicate_groups(self, doc_ids: Sequence[str], doc_vectors: np.ndarray) -> dict[str, str]:
        """Fallback independence: articles whose vectors nearly coincide are one source."""
        sims = doc_vectors @ doc_vectors.T
        union = _UnionFind(doc_ids)
        for i in range(len(doc_ids)):
            for j in range(i + 1, len(doc_ids)):
                if sims[i, j] >= self.settings.duplicate_similarity:
                    union.union(doc_ids[i], doc_ids[j])
        return {d: union.find(d) for d in doc_ids}

    def _support(
        self,
        candidates: Sequence[Candidate],
        rows: Sequence[tuple[str, int, tuple[str, ...], frozenset[str]]],
        cand_matrix: sparse.csr_matrix,
        sentence_matrix: sparse.csr_matrix,
        group_of: Mapping[str, str],
        group_names: Sequence[str],
    ) -> np.ndarray:
        """Share of the other independent sources carrying a sentence similar to each candidate.

        Only similarities at or above ``support_similarity`` count, so each block of the
        candidates x sentences product stays sparse: its entries under the threshold are dropped
        before the per-group maximum (the maximum of a group is over the threshold exactly when
        one of its entries is). Dense blocks took a 256 x 20,000 copy, column shuffle and
        reduction each on a 568-article story.
        """
        if len(group_names) < 2:
            return np.zeros(len(candidates))
        group_index = {g: k for k, g in enumerate(group_names)}
        row_group = np.array([group_index[group_of[r[0]]] for r in rows], dtype=np.intp)
        # In the rows' format once: a product converted the transposed matrix for every block.
        sentences_t = sentence_matrix.T.tocsr()
        threshold = self.settings.support_similarity
        best = np.zeros((len(candidates), len(group_names)))
        for first in range(0, len(candidates), _SIMILARITY_BLOCK):
            block = (cand_matrix[first : first + _SIMILARITY_BLOCK] @ sentences_t).tocoo()
            keep = block.data >= threshold
            np.maximum.at(
                best, (block.row[keep] + first, row_group[block.col[keep]]), block.data[keep]
            )
        own = np.array([group_index[group_of[c.article_id]] for c in candidates])
        best[np.arange(len(candidates)), own] = 0.0
        result: np.ndarray = best.sum(axis=1) / (len(group_names) - 1)
        return result

    def _select(
        self,
        candidates: Sequence[Candidate],
        scores: np.ndarray,
        sims: np.ndarray,
        budget: int,
    ) -> list[int]:
        """Greedy MMR under the word budget: each step takes the candidate with the best
        ``lambda * salience - (1 - lambda) * redundancy``; a dependent sentence brings the
        sentence it requires along (both must fit the budget and be non-redundant).
        """
        settings = self.settings
        lookup = {(c.article_id, c.index): k for k, c in enumerate(candidates)}
        remaining = set(range(len(candidates)))
        chosen: list[int] = []
        total = 0
        ceiling = budget * (1.0 + settings.overshoot)
        redundancy = np.zeros(len(candidates))
        while remaining and total < budget:
            order = sorted(
                remaining,
                key=lambda i: -(settings.mmr_lambda * scores[i] - (1 - settings.mmr_lambda) * redundancy[i]),
            )
            best = order[0]
            remaining.discard(best)
            unit = [best]
            required = candidates[best].requires
            if required is not None:
                head = lookup.get((candidates[best].article_id, required))
                if head is None:
                    continue
                if head not in chosen:
                    unit.insert(0, head)
            if any(redundancy[i] > settings.max_redundancy for i in unit):
                continue
            words = sum(candidates[i].words for i in unit)
            if chosen and total + words > ceiling:
                continue
            for i in unit:
                chosen.append(i)
                remaining.discard(i)
                total += candidates[i].words
                redundancy = np.maximum(redundancy, sims[i])
        return chosen

    def _order(
        self,
        chosen: Sequence[int],
        candidates: Sequence[Candidate],
        documents: Sequence[SourceDocument],
        event_dates: Mapping[tuple[str, int], str] | None,
    ) -> list[int]:
        """Chronological when the articles were published on several days (the story is a sequence
        of events), by the event date of each sentence, else its article's date; otherwise (one
        article, or one news day) by position in the articles, which keeps each article's
        narrative order."""
        doc_rank = {d.id: k for k, d in enumerate(documents)}
        lookup = {(c.article_id, c.index): k for k, c in enumerate(candidates)}

        def head(i: int) -> int:
            """A dependent sentence sorts with the sentence it requires, right after it."""
            required = candidates[i].requires
            if required is None:
                return i
            return lookup.get((candidates[i].article_id, required), i)

        published = {d.id: d.published.isoformat() if d.published else "" for d in documents}
        dates = {
            i: (event_dates or {}).get((candidates[head(i)].article_id, candidates[head(i)].index))
            or published[candidates[i].article_id]
            for i in chosen
        }
        days = {d.published for d in documents if d.published}
        if self.settings.chronological and len(days) > 1:
            return sorted(chosen, key=lambda i: (dates[i] or "9999", doc_rank[candidates[i].article_id],
                                                 candidates[i].position))
        return sorted(chosen, key=lambda i: (candidates[head(i)].position, doc_rank[candidates[i].article_id],
                                             candidates[i].position))

    def _supporters(
        self,
        cand: Candidate,
        rows: Sequence[tuple[str, int, tuple[str, ...], frozenset[str]]],
        sims: np.ndarray,
        aligned: Mapping[tuple[str, int], set[tuple[str, int]]] | None,
        row_at: Mapping[tuple[str, int], int] | None = None,
    ) -> tuple[tuple[str, ...], tuple[tuple[str, int, float], ...]]:
        """The articles that state the candidate's fact: its own, then every other that aligns.

        ``row_at`` is (article id, sentence index) -> position in ``rows`` (built when needed).
        """
        own_stems = set(cand.stems)
        linked = (aligned or {}).get((cand.article_id, cand.index), set())
        best: dict[str, tuple[int, float]] = {}
        # Only rows at the cosine floor or aligned with the candidate can support it: the
        # others are passed over in C, not one by one (the story's 24,000 rows per pick).
        near = np.flatnonzero(~(sims < self.settings.support_min_cosine)).tolist()
        if linked:
            if row_at is None:
                row_at = {(row[0], row[1]): r for r, row in enumerate(rows)}
            near = sorted(set(near).union(row_at[x] for x in linked if x in row_at))
        for r in near:
            article_id, index, stems, numbers = rows[r]
            if article_id == cand.article_id:
                continue
            sim = float(sims[r])
            if (article_id, index) not in linked:
                if sim < self.settings.support_min_cosine:
                    continue
                if cand.numbers and not cand.numbers <= numbers:
                    continue  # a different number is a different (or a conflicting) fact
                # Containment means little for a short sentence ("Facebook is not a game company"
                # is 75% contained in "why would Facebook buy a game company?").
                containment = len(own_stems & set(stems)) / max(1, len(own_stems))
                contained = (len(own_stems) >= self.settings.support_min_stems
                             and containment >= self.settings.support_containment)
                if sim < self.settings.support_cosine and not contained:
                    continue
            if article_id not in best or sim > best[article_id][1]:
                best[article_id] = (index, sim)
        sources = (cand.article_id, *best)
        evidence = tuple((a, idx, round(sim, 3)) for a, (idx, sim) in best.items())
        return sources, evidence


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    result: np.ndarray = matrix / norms
    return result

