"""The quotes stage: direct quotes with speakers matched across sources, and indirect claims.

Runs after the entities stage and reuses the shared spaCy parse (``NlpResources.docs``): no
second parse. Per article it finds quoted regions, drops non-quotes, attributes each quote
(``extract``), extracts reported claims (``indirect``) and resolves speakers to entities
(``resolve``); per story it groups the variants of each quote (``match``).
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storylens.config import Settings
from storylens.entities.index import EntityIndex
from storylens.nlp import NlpResources
from storylens.quotes.base import make_extractor
from storylens.quotes.extract import LocalQuote, join_segments
from storylens.quotes.indirect import LocalClaim, extract_claims
from storylens.quotes.marks import find_quoted_regions
from storylens.quotes.match import Candidate, group_quotes, lemma_text
from storylens.quotes.pair_cache import OverlapCache
from storylens.quotes.resolve import SpeakerResolver
from storylens.quotes.settings import QuoteSettings
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
        index = EntityIndex(analysis.entities)
        candidates: list[Candidate] = []
        attributions: list[Attribution] = []
        for article in analysis.articles:
            found = extracted[article.id]
            resolver = SpeakerResolver(article.id, self._doc(article), index, list(found.regions))
            for quote, parts in zip(found.quotes, found.parts, strict=True):
                speaker = resolver.resolve(quote.speaker) if quote.speaker else None
                candidates.append(Candidate(quote, speaker, " ".join(parts), parts))
            claims = found.claims
            for claim in claims:
                speaker = resolver.resolve(claim.speaker)
                digest = hashlib.sha256(
                    f"{article.id}:{claim.start}:{claim.end}".encode()
                ).hexdigest()[:12]
                attributions.append(
                    Attribution(
                        id=f"a-{digest}",
                        article_id=article.id,
                        content=claim.text,
                        start=claim.start,
                        end=claim.end,
                        speaker=speaker.name,
                        speaker_id=speaker.entity_id,
                        cue=claim.speaker.cue,
                        speaker_start=claim.speaker.start,
                        speaker_end=claim.speaker.end,
                    )
                )
        overlaps = self._overlaps(analysis.story.id)
        quotes_out = group_quotes(candidates, analysis.articles, self.settings, overlaps)
        if overlaps is not None:
            overlaps.save()
        return dataclasses.replace(analysis, quotes=quotes_out, attributions=tuple(attributions))


def make_analyser(settings: Settings, resources: NlpResources) -> QuotesAnalyser:
    """The stage factory registered in ``pipeline.ANALYSERS``."""
    return QuotesAnalyser(QuoteSettings(), resources)
