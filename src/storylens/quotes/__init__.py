"""Quotes: who said what, matched across sources and translations.

The stage (``stage.QuotesAnalyser``) fills ``StoryAnalysis.quotes`` (direct quotes grouped across
sources, with speakers resolved to entities) and ``StoryAnalysis.attributions`` (indirect,
reported claims). The steps are usable on their own: ``find_quoted_regions`` (quotation marks),
``extract_quotes`` (non-quotes dropped, speaker and cue as written), ``extract_claims``
(indirect attributions), ``SpeakerResolver`` (speaker -> entity) and ``group_quotes``
(cross-source matching). See docs/quotes.md.
"""

from storylens.quotes.base import EXTRACTORS, QuoteExtractor, make_extractor
from storylens.quotes.extract import LocalQuote, SpeakerMention, extract_quotes, join_segments
from storylens.quotes.indirect import LocalClaim, extract_claims
from storylens.quotes.marks import QuotedRegion, find_quoted_regions
from storylens.quotes.match import Candidate, group_quotes
from storylens.quotes.resolve import ResolvedSpeaker, SpeakerResolver
from storylens.quotes.settings import QuoteSettings
from storylens.quotes.stage import QuotesAnalyser, make_analyser

__all__ = [
    "EXTRACTORS",
    "Candidate",
    "LocalClaim",
    "LocalQuote",
    "QuoteExtractor",
    "QuoteSettings",
    "QuotedRegion",
    "QuotesAnalyser",
    "ResolvedSpeaker",
    "SpeakerMention",
    "SpeakerResolver",
    "extract_claims",
    "extract_quotes",
    "find_quoted_regions",
    "group_quotes",
    "join_segments",
    "make_analyser",
    "make_extractor",
]
