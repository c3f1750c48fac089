"""The quotes stage: direct quotes with speakers matched across sources, and indirect claims.

Runs after the entities stage and reuses the shared spaCy parse (``NlpResources.docs``): no
second parse. Per article it finds quoted regions, drops non-quotes, attributes each quote
(``extract``), extracts reported claims (``indirect``) and resolves speakers to entities
(``resolve``); per story it groups the variants of each quote (``match``).
"""

from __future__ import annotations

import dataclasses
import hashlib

from storylens.config import Settings
from storylens.entities.index import EntityIndex
from storylens.nlp import NlpResources
from storylens.quotes.base import make_extractor
from storylens.quotes.extract import join_segments
from storylens.quotes.indirect import extract_claims
from storylens.quotes.marks import find_quoted_regions
from storylens.quotes.match import Candidate, group_quotes, lemma_text
from storylens.quotes.resolve import SpeakerResolver
from storylens.quotes.settings import QuoteSettings
from storylens.records import Attribution, StoryAnalysis

__all__ = ["QuotesAnalyser", "make_analyser"]


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

    def analyse(self, analysis: StoryAnalysis) -> StoryAnalysis:
        """Return ``analysis`` with its quotes and attributions filled in."""
        docs = self.resources.docs(analysis.articles)
        index = EntityIndex(analysis.entities)
        candidates: list[Candidate] = []
        attributions: list[Attribution] = []
        for article in analysis.articles:
            doc = docs[article.id]
            quotes = self.extractor.extract(article, doc)
            regions = [(r.start, r.end) for r in find_quoted_regions(article.text)]
            resolver = SpeakerResolver(article.id, doc, index, regions)
            for quote in join_segments(quotes):
                speaker = resolver.resolve(quote.speaker) if quote.speaker else None
                parts = tuple(lemma_text(doc, start, end) for start, end in quote.spans)
                candidates.append(Candidate(quote, speaker, " ".join(parts), parts))
            if not self.settings.indirect:
                continue
            claims = extract_claims(
                article.id, doc, [(q.start, q.end) for q in quotes], self.settings.min_claim_words
            )
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
        quotes_out = group_quotes(candidates, analysis.articles, self.settings)
        return dataclasses.replace(analysis, quotes=quotes_out, attributions=tuple(attributions))


def make_analyser(settings: Settings, resources: NlpResources) -> QuotesAnalyser:
    """The stage factory registered in ``pipeline.ANALYSERS``."""
    return QuotesAnalyser(QuoteSettings(), resources)
