"""The ``QuoteExtractor`` protocol and the registry of implementations.

An extractor turns one parsed article into direct quotes with their local speakers; the stage
does the rest (resolution, indirect claims, matching). Only the rule-based extractor exists
today; a trained one (e.g. a span tagger fine-tuned on PolNeAR) would register here and be
chosen with ``QuoteSettings.extractor``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from spacy.tokens import Doc

from storylens.errors import ConfigError
from storylens.quotes.extract import LocalQuote, extract_quotes
from storylens.quotes.settings import QuoteSettings
from storylens.records import Article

__all__ = ["EXTRACTORS", "QuoteExtractor", "RuleQuoteExtractor", "make_extractor"]


class QuoteExtractor(Protocol):
    """Finds the direct quotes of one article."""

    name: str

    def extract(self, article: Article, doc: Doc) -> list[LocalQuote]:
        """Direct quotes of ``article`` (``doc`` is its spaCy parse), in text order."""
        ...


class RuleQuoteExtractor:
    """Quotation marks + dependency rules (``marks`` and ``extract``)."""

    name = "rules"

    def __init__(self, settings: QuoteSettings) -> None:
        self.settings = settings

    def extract(self, article: Article, doc: Doc) -> list[LocalQuote]:
        return extract_quotes(article.id, article.text, doc, self.settings, article.title)


#: Extractor name -> factory taking the settings.
EXTRACTORS: dict[str, Callable[[QuoteSettings], QuoteExtractor]] = {
    "rules": RuleQuoteExtractor,
}


def make_extractor(settings: QuoteSettings) -> QuoteExtractor:
    """The extractor named by ``settings.extractor``."""
    try:
        return EXTRACTORS[settings.extractor](settings)
    except KeyError:
        raise ConfigError(
            f"unknown quote extractor {settings.extractor!r}; available: {', '.join(EXTRACTORS)}"
        ) from None
