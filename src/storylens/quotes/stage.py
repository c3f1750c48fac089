"""The quotes stage: direct quotes with speakers matched across sources, and indirect claims.

Runs after the entities stage and reuses the shared spaCy parse (``NlpResources.docs``): no
second parse. Per article it finds quoted regions, drops non-quotes, attributes each quote
(``extract``), extracts reported claims (``indirect``) and resolves speakers to entities
(``resolve``); per story it groups the variants of each quote (``match``).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storylens.config import Settings
from storylens.entities.index import EntityIndex
from storylens.memo import code_digest
from storylens.nlp import NlpResources
from storylens.quotes.base import make_extractor
from storylens.quotes.extract import LocalQuote, join_segments
from storylens.quotes.indirect import LocalClaim, extract_claims
from storylens.quotes.marks import find_quoted_regions
from storylens.quotes.match import Candidate, group_quotes, lemma_text
from storylens.quotes.pair_cache import OverlapCache
from storylens.quotes.resolve import EntityLookups, ResolvedSpeaker, SpeakerResolver
from storylens.quotes.settings import QuoteSettings
from storylens.quotes.speakers import ArticleSpeakers, SpeakerMemo
from storylens.quotes.wordnet import WordNet
from storylens.records import Article, Attribution, StoryAnalysis

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["QuotesAnalyser", "make_analyser"]


@dataclass(frozen=True)
class ArticleQuotes:
    """One article's quotes (segments joined), the content lemmas of each quote's parts, its
    quoted regions and its reported claims: everything the stage finds without the story."""

    quotes: tuple[LocalQuote, ...]
    parts: tuple[tuple[str, ...], ...]
    regions: tuple[tuple[int, int], ...]
    claims: tuple[LocalClaim, ...]


class QuotesAnalyser:
    """Fills ``quotes`` and ``attributions`` of a ``StoryAnalysis``.

    Example:
        >>> analyser = QuotesAnalyser(QuoteSettings(), NlpResources())
        >>> analyser.name
        'quotes'
    """

    name = "quotes"

    def __init__(self, settings: QuoteSettings, resources: NlpResources) -> None:
        self.settings = settings
        self.resources = resources
        self.extractor = make_extractor(settings)
        self._speaker_memo: SpeakerMemo | None = None

    def _doc(self, article: Article) -> Doc:
        """One article's parse at a time: a 1,000-article story's parses never sit in memory
        together (``NlpResources`` keeps a bounded cache)."""
        return self.resources.docs([article])[article.id]

    def _extract(self, article: Article, doc: Doc) -> ArticleQuotes:
        """What one article alone decides: its quotes, their lemmas, its reported claims."""
        quotes = self.extractor.extract(article, doc)
        joined = tuple(join_segments(quotes))
        claims: tuple[LocalClaim, ...] = ()
        if self.settings.indirect:
            claims = tuple(
                extract_claims(
                    article.id,
                    doc,
                    [(q.start, q.end) for q in quotes],
                    self.settings.min_claim_words,
                )
            )
        return ArticleQuotes(
            quotes=joined,
            parts=tuple(
                tuple(lemma_text(doc, start, end) for start, end in q.spans) for q in joined
            ),
            regions=tuple((r.start, r.end) for r in find_quoted_regions(article.text)),
            claims=claims,
        )

    def _speakers(
        self, articles: Sequence[Article], extracted: dict[str, ArticleQuotes], index: EntityIndex
    ) -> dict[str, ArticleSpeakers]:
        """Each article's resolved speakers. Kept ones are reused while the story's entities
        answer their lookups the same (``speakers``): a grown story's old articles then need
        neither their parse nor resolving again."""
        if self._speaker_memo is None:
            version = code_digest(
                "storylens.quotes", f"{self.settings!r}|{self.resources.artifact_kind}"
            )
            self._speaker_memo = SpeakerMemo(self.resources.store, f"quotes/speakers/{version}")

        def resolve(
            article: Article, lookups: EntityLookups
        ) -> tuple[tuple[ResolvedSpeaker | None, ...], tuple[ResolvedSpeaker, ...]]:
            found = extracted[article.id]
            doc = self._doc(article)
            resolver = SpeakerResolver(article.id, doc, lookups, list(found.regions))
            return (
                tuple(resolver.resolve(q.speaker) if q.speaker else None for q in found.quotes),
                tuple(resolver.resolve(c.speaker) for c in found.claims),
            )

        # an article without quotes or claims has no speakers: nothing to resolve or keep
        speaking = [a for a in articles if extracted[a.id].quotes or extracted[a.id].claims]
        return self._speaker_memo.get(speaking, index, resolve)

    def _overlaps(self, story_id: str) -> OverlapCache | None:
        """The story's kept WordNet overlaps (issue 12), when WordNet is used and a store kept."""
        store = self.resources.store
        wordnet = WordNet.load() if self.settings.use_wordnet and store is not None else None
        return OverlapCache(store, story_id, self.settings, wordnet) if wordnet else None

    def analyse(self, analysis: StoryAnalysis) -> StoryAnalysis:
        """Return ``analysis`` with its quotes and attributions filled in."""
        extracted = self.resources.memo(
            "quotes/extracted", ArticleQuotes, "storylens.quotes", self.settings
        ).get(analysis.articles, lambda a: self._extract(a, self._doc(a)))
        speakers = self._speakers(analysis.articles, extracted, EntityIndex(analysis.entities))
        candidates: list[Candidate] = []
        attributions: list[Attribution] = []
        for article in analysis.articles:
            found = extracted[article.id]
            if article.id not in speakers:
                continue
            resolved = speakers[article.id]
            for quote, parts, speaker in zip(
                found.quotes, found.parts, resolved.quotes, strict=True
            ):
                candidates.append(Candidate(quote, speaker, " ".join(parts), parts))
            for claim, claim_speaker in zip(found.claims, resolved.claims, strict=True):
                attributions.append(_attribution(article.id, claim, claim_speaker))
        overlaps = self._overlaps(analysis.story.id)
        quotes_out = group_quotes(candidates, analysis.articles, self.settings, overlaps)
        if overlaps is not None:
            overlaps.save()
        return dataclasses.replace(analysis, quotes=quotes_out, attributions=tuple(attributions))


def _attribution(article_id: str, claim: LocalClaim, speaker: ResolvedSpeaker) -> Attribution:
    """One reported claim as a record (its id digests the article and span)."""
    digest = hashlib.sha256(f"{article_id}:{claim.start}:{claim.end}".encode()).hexdigest()[:12]
    return Attribution(
        id=f"a-{digest}",
        article_id=article_id,
        content=claim.text,
        start=claim.start,
        end=claim.end,
        speaker=speaker.name,
        speaker_id=speaker.entity_id,
        cue=claim.speaker.cue,
        speaker_start=claim.speaker.start,
        speaker_end=claim.speaker.end,
    )


def make_analyser(settings: Settings, resources: NlpResources) -> QuotesAnalyser:
    """The stage factory registered in ``pipeline.ANALYSERS``."""
    return QuotesAnalyser(QuoteSettings(), resources)
