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

Variants are linked best pair first (single link), never two variants of one article unless
they are near-verbatim, so a speaker's two different remarks stay apart.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from sklearn.feature_extraction.text import TfidfVectorizer
from spacy.tokens import Doc

from storylens.quotes.extract import LocalQuote
from storylens.quotes.resolve import ResolvedSpeaker
from storylens.quotes.settings import QuoteSettings
from storylens.quotes.wordnet import WordNet, soft_overlap
from storylens.records import Article, Quote, QuoteVariant, publication_order

__all__ = ["Candidate", "group_quotes", "lemma_text", "similarity"]

_VERBATIM = 0.9


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


def similarity(a: str, b: str, tfidf_cosine: float, wordnet: WordNet | None = None) -> float:
    """Wording similarity of two lemma strings, 0-1: the best of character n-gram cosine,
    token-set ratio (when at least two content words are shared: a trimmed quote inside a
    longer one) and WordNet soft overlap (synonyms and direct hypernyms)."""
    if not a or not b:
        return 0.0
    words_a, words_b = a.split(), b.split()
    best = tfidf_cosine
    shared = set(words_a) & set(words_b)
    if len(shared) >= 2 and len(shared) >= 0.8 * min(len(set(words_a)), len(set(words_b))):
        best = max(best, fuzz.token_set_ratio(a, b) / 100.0)  # one quote trimmed from the other
    if wordnet is not None:
        best = max(best, soft_overlap(words_a, words_b, wordnet))
    return best


def _cosines(texts: Sequence[str]) -> list[list[float]]:
    """Pairwise cosine of character 3-5-gram TF-IDF vectors of ``texts``."""
    if not any(texts):
        return [[0.0] * len(texts) for _ in texts]
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
    matrix = vectorizer.fit_transform([t or "_" for t in texts])
    product = (matrix @ matrix.T).toarray()
    return [[float(v) for v in row] for row in product]


class _Scorer:
    """Pairwise similarity over one story's quotes: one TF-IDF model for every whole quote and
    part, WordNet loaded only when some pair needs more than wording."""

    def __init__(self, candidates: Sequence[Candidate], settings: QuoteSettings) -> None:
        texts = sorted(
            {c.lemmas for c in candidates} | {p for c in candidates for p in c.part_lemmas}
        )
        self.row = {text: i for i, text in enumerate(texts)}
        self.cosine = _cosines(texts)
        self.settings = settings
        self._wordnet: WordNet | None = None
        self._wordnet_tried = False

    def wordnet(self) -> WordNet | None:
        if not self._wordnet_tried:
            self._wordnet_tried = True
            self._wordnet = WordNet.load() if self.settings.use_wordnet else None
        return self._wordnet

    def pair(self, x: str, y: str, needed: float) -> float:
        """Similarity of two lemma strings; WordNet is consulted only below ``needed``."""
        score = similarity(x, y, self.cosine[self.row[x]][self.row[y]])
        if score < needed and len(x.split()) >= 2 and len(y.split()) >= 2:
            wordnet = self.wordnet()
            if wordnet is not None:
                score = max(score, soft_overlap(x.split(), y.split(), wordnet, needed))
        return score

    def score(self, a: Candidate, b: Candidate, needed: float) -> float:
        """Whole-quote similarity, or the best part-to-part one for quotes of several parts
        (a statement repeated with a different second half)."""
        best = self.pair(a.lemmas, b.lemmas, needed)
        if best >= needed or (len(a.part_lemmas) < 2 and len(b.part_lemmas) < 2):
            return best
        for x in a.part_lemmas or (a.lemmas,):
            for y in b.part_lemmas or (b.lemmas,):
                if len(x.split()) >= 2 and len(y.split()) >= 2:
                    best = max(best, self.pair(x, y, needed))
        return best


def group_quotes(
    candidates: Sequence[Candidate],
    articles: Sequence[Article],
    settings: QuoteSettings,
) -> tuple[Quote, ...]:
    """One ``Quote`` per group of variants, in order of first publication."""
    n = len(candidates)
    scorer = _Scorer(candidates, settings)
    keys = [_speaker_key(c.speaker) for c in candidates]
    pairs: list[tuple[float, int, int]] = []
    for i in range(n):
        for j in range(i + 1, n):
            same_article = candidates[i].quote.article_id == candidates[j].quote.article_id
            if same_article:
                needed = _VERBATIM
            elif keys[i] is not None and keys[i] == keys[j]:
                needed = settings.same_speaker_threshold
            elif keys[i] is not None and keys[j] is not None:
                needed = settings.other_speaker_threshold
            else:
                needed = settings.match_threshold
            score = scorer.score(candidates[i], candidates[j], needed)
            if score >= needed:
                pairs.append((score, i, j))
    pairs.sort(reverse=True)
    parent = list(range(n))
    members: dict[int, set[str]] = {i: {candidates[i].quote.article_id} for i in range(n)}

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
        parent[b] = a
        members[a] |= members.pop(b)
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
