"""Implicit derivation: which article copies, rewrites or translates which, from aligned sentences.

For every article pair with aligned sentences (see :mod:`storylens.provenance.align`) the pair is
linked when enough of the smaller article is aligned (``min_share``, or ``min_aligned_alone``
sentences, or a run of ``min_run`` consecutive sentences for a passage copied into a longer
article) and the aligned sentences keep their order
(``min_order`` of them on one monotone chain: copies are reordered in blocks, not shuffled, while
two independent reports that happen to share a few sentences share them in any order).

The kind follows from how the aligned sentences differ: near-identical characters make a copy
(verbatim, trimmed, reordered, sentences dropped, lightly edited); names spelled differently make
a translation (names change spelling with the language they pass through; a different
``Article.language`` says so outright); otherwise it is a rewrite (paraphrase, spinner).

Direction: the later-published article derives from the earlier; on a tie (same day, or a date
missing) an explicit citation decides, then coverage (a trimmed copy has more of its own sentences
aligned than its original has), then the article's own byline (copiers drop it), and the link
says which evidence it rests on.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storylens.provenance.align import AlignedPair, candidate_pairs, score_pair
from storylens.provenance.features import SentenceFeatures, quoted_shares, sentence_features
from storylens.provenance.settings import ProvenanceSettings
from storylens.records import ProvenanceKind

if TYPE_CHECKING:
    from storylens.provenance.pair_cache import PairScoreCache

__all__ = [
    "ArticleText",
    "Derivation",
    "PairAlignment",
    "align_articles",
    "article_text",
    "find_derivations",
]

#: Sentences shorter than this (datelines, "Advertisement", bare captions) never align.
MIN_TOKENS = 4


@dataclass(frozen=True, slots=True)
class ArticleText:
    """What derivation needs to know of an article."""

    id: str
    sentences: tuple[SentenceFeatures, ...]
    published: dt.date | None = None
    language: str | None = None


def article_text(
    article_id: str,
    sentences: Sequence[tuple[str, int]],
    published: dt.date | None = None,
    language: str | None = None,
) -> ArticleText:
    """Build an :class:`ArticleText` from (sentence text, paragraph index) pairs in order."""
    shares = quoted_shares(sentences)
    features = tuple(
        sentence_features(article_id, i, text, shares[i]) for i, (text, _) in enumerate(sentences)
    )
    return ArticleText(article_id, features, published, language)


@dataclass(frozen=True, slots=True)
class PairAlignment:
    """The one-to-one sentence alignment of two articles, with the statistics that link them."""

    left: str
    right: str
    pairs: tuple[AlignedPair, ...]
    left_share: float
    right_share: float
    order: float
    weight: float = 0.0
    run: int = 0

    @property
    def share(self) -> float:
        """Aligned share of the smaller article."""
        return max(self.left_share, self.right_share)


@dataclass(frozen=True, slots=True)
class Derivation:
    """``derived`` copies, rewrites or translates ``origin``; ``pairs`` are (derived, origin)."""

    derived: str
    origin: str
    kind: ProvenanceKind
    score: float
    pairs: tuple[AlignedPair, ...]
    derived_share: float
    origin_share: float
    order: float
    direction: str


def _longest_chain(points: Sequence[tuple[int, int]]) -> int:
    """Length of the longest chain increasing in both coordinates (patience sorting)."""
    tails: list[int] = []
    for _, second in sorted(points):
        position = bisect.bisect_left(tails, second)
        if position == len(tails):
            tails.append(second)
        else:
            tails[position] = second
    return len(tails)


def _runs(pairs: Sequence[AlignedPair]) -> list[list[int]]:
    """Positions in ``pairs`` grouped into runs of consecutive sentences in both articles."""
    position = {(p.left.index, p.right.index): k for k, p in enumerate(pairs)}
    runs: list[list[int]] = []
    for k, p in enumerate(pairs):
        if (p.left.index - 1, p.right.index - 1) in position:
            continue  # not the start of a run
        run = [k]
        i, j = p.left.index + 1, p.right.index + 1
        while (i, j) in position:
            run.append(position[(i, j)])
            i, j = i + 1, j + 1
        runs.append(run)
    return runs


def _longest_run(pairs: Sequence[AlignedPair], quoted: set[int]) -> int:
    """Unquoted pairs in the longest run (quoted pairs continue a run but do not lengthen it)."""
    return max((sum(k not in quoted for k in run) for run in _runs(pairs)), default=0)


def align_articles(
    articles: Sequence[ArticleText],
    settings: ProvenanceSettings,
    cited: Collection[frozenset[str]] = (),
    scores: PairScoreCache | None = None,
) -> list[PairAlignment]:
    """One-to-one sentence alignments of every article pair that has aligned sentences.

    Pairs in ``cited`` (one article credits the other) align from the lower
    ``cited_sentence_threshold``: the credit already says one took from the other, so a
    paraphrase is enough evidence of which sentences it took. ``scores`` (if given) answers
    the sentence pairs an earlier run of the story already scored.
    """
    flat = [s for a in articles for s in a.sentences if s.size >= MIN_TOKENS]
    sizes = {a.id: max(1, sum(1 for s in a.sentences if s.size >= MIN_TOKENS)) for a in articles}
    grouped: dict[tuple[str, str], list[AlignedPair]] = defaultdict(list)
    # Credited pairs in both orders: a tuple lookup per candidate, not a frozenset built for it.
    credited = {(a, b) for pair in cited for a in pair for b in pair if a != b}
    keys = scores.sentence_keys(flat) if scores is not None else []
    for i, j in candidate_pairs(flat, settings):
        left, right = flat[i], flat[j]
        if left.article_id > right.article_id:
            left, right, i, j = right, left, j, i
        threshold = settings.sentence_threshold
        if credited and (left.article_id, right.article_id) in credited:
            threshold = settings.cited_sentence_threshold
        if scores is not None:
            cached = scores.score_keyed(left, right, keys[i], keys[j], threshold)
            if cached is not None:
                grouped[(left.article_id, right.article_id)].append(AlignedPair(left, right, cached))
            continue
        similarity = score_pair(left, right, floor=threshold)
        if similarity.score >= threshold:
            grouped[(left.article_id, right.article_id)].append(AlignedPair(left, right, similarity))
    alignments: list[PairAlignment] = []
    for (left_id, right_id), candidates in grouped.items():
        candidates.sort(key=lambda p: -p.similarity.score)
        used_left: set[int] = set()
        used_right: set[int] = set()
        chosen: list[AlignedPair] = []
        for pair in candidates:
            if pair.left.index in used_left or pair.right.index in used_right:
                continue
            used_left.add(pair.left.index)
            used_right.add(pair.right.index)
            chosen.append(pair)
        chosen.sort(key=lambda p: p.right.index)
        chain = _longest_chain([(p.left.index, p.right.index) for p in chosen])
        # Two reports quoting the same speech or statement share its sentences word for word
        # without one copying the other (one may even drop the quotation marks): a pair where
        # either sentence is quoted counts for ``quote_weight`` of a pair.
        quoted = {k for k, p in enumerate(chosen) if max(p.left.quoted, p.right.quoted) >= 0.5}
        weight = sum(settings.quote_weight if k in quoted else 1.0 for k in range(len(chosen)))
        alignments.append(
            PairAlignment(
                left=left_id,
                right=right_id,
                pairs=tuple(chosen),
                left_share=weight / sizes[left_id],
                right_share=weight / sizes[right_id],
                order=chain / len(chosen),
                weight=weight,
                run=_longest_run(chosen, quoted),
            )
        )
    return alignments


def _kind(alignment: PairAlignment, languages: tuple[str | None, str | None],
          settings: ProvenanceSettings) -> ProvenanceKind:
    pairs = alignment.pairs
    if languages[0] and languages[1] and languages[0] != languages[1]:
        return "translates"
    # A copier keeps the characters; a spinner or a machine round trip keeps every word's
    # position but swaps the words, so the character alignment beats the bag-of-stems overlap.
    # A writer who rewrites or translates keeps the words but moves them: the overlap beats the
    # alignment.
    char = sum(p.similarity.char for p in pairs) / len(pairs)
    content = sum(p.similarity.content for p in pairs) / len(pairs)
    if char >= settings.copy_char or char - content >= settings.copy_position_gap:
        return "copies"
    names = sum(p.similarity.names_total for p in pairs)
    respelled = sum(p.similarity.names_respelled for p in pairs)
    if names >= 2 and respelled / names >= settings.translate_name_share:
        return "translates"
    return "rewrites"


def _direction(
    alignment: PairAlignment,
    info: Mapping[str, ArticleText],
    cites: Collection[tuple[str, str]],
    bylined: Collection[str] = (),
) -> tuple[str, str, str]:
    """(derived, origin, evidence) for a linked pair."""
    left, right = alignment.left, alignment.right
    left_date, right_date = info[left].published, info[right].published
    if left_date and right_date and left_date != right_date:
        return (right, left, "published later") if right_date > left_date else (
            left, right, "published later")
    if (left, right) in cites and (right, left) not in cites:
        return left, right, "cites the other"
    if (right, left) in cites and (left, right) not in cites:
        return right, left, "cites the other"
    if abs(alignment.left_share - alignment.right_share) >= 0.1:
        if alignment.left_share > alignment.right_share:
            return left, right, "more of it is aligned"
        return right, left, "more of it is aligned"
    if (left in bylined) != (right in bylined):
        # Copiers drop the byline and the dateline credit; the original keeps its own.
        return (right, left, "the other has its own byline") if left in bylined else (
            left, right, "the other has its own byline")
    if left_date and not right_date:
        return right, left, "the other is dated"
    if right_date and not left_date:
        return left, right, "the other is dated"
    return right, left, "undetermined"


def _linked(alignment: PairAlignment, settings: ProvenanceSettings) -> bool:
    """Whether an uncredited alignment is enough evidence of derivation."""
    if alignment.weight < settings.min_aligned or alignment.order < settings.min_order:
        return False
    return (
        alignment.share >= settings.min_share
        or alignment.weight >= settings.min_aligned_alone
        or alignment.run >= settings.min_run
    )


def find_derivations(
    articles: Sequence[ArticleText],
    settings: ProvenanceSettings,
    cites: Collection[tuple[str, str]] = (),
    bylined: Collection[str] = (),
    scores: PairScoreCache | None = None,
) -> list[Derivation]:
    """Derivation links among ``articles``.

    Args:
        articles: the story's articles with their sentence features.
        settings: thresholds (see :class:`ProvenanceSettings`).
        cites: (citing article, cited article) pairs from explicit attribution, used to orient
            pairs published on the same day.
        bylined: articles that carry their own outlet's byline or dateline credit, which
            orients a same-day pair that coverage does not.
        scores: sentence-pair verdicts kept from an earlier run of the story (optional).

    Returns:
        One :class:`Derivation` per linked pair, strongest first.
    """
    info = {a.id: a for a in articles}
    cited = {frozenset(pair) for pair in cites}
    out: list[Derivation] = []
    for alignment in align_articles(articles, settings, cited, scores):
        n = len(alignment.pairs)
        credited = frozenset((alignment.left, alignment.right)) in cited
        # A credit plus one aligned sentence in the writer's own words makes the link certain.
        if not (credited and alignment.weight >= 1.0) and not _linked(alignment, settings):
            continue
        derived, origin, evidence = _direction(alignment, info, cites, bylined)
        # stored as (derived sentence, origin sentence)
        if derived == alignment.left:
            pairs = alignment.pairs
        else:
            pairs = tuple(AlignedPair(p.right, p.left, p.similarity) for p in alignment.pairs)
        languages = (info[alignment.left].language, info[alignment.right].language)
        mean = sum(p.similarity.score for p in alignment.pairs) / n
        out.append(
            Derivation(
                derived=derived,
                origin=origin,
                kind=_kind(alignment, languages, settings),
                score=round(min(1.0, alignment.share) * mean, 4),
                pairs=pairs,
                derived_share=alignment.left_share if derived == alignment.left
                else alignment.right_share,
                origin_share=alignment.right_share if derived == alignment.left
                else alignment.left_share,
                order=alignment.order,
                direction=evidence,
            )
        )
    out.sort(key=lambda d: -d.score)
    return out
