"""Fixtures for the quotes tests: one spaCy pipeline for the whole module set, and helpers that
run the stage on the project's own invented articles."""

from __future__ import annotations

import pytest

from storylens.nlp import NlpResources
from storylens.quotes.extract import LocalQuote, extract_quotes
from storylens.quotes.settings import QuoteSettings


@pytest.fixture(scope="session")
def resources() -> NlpResources:
    """The shared spaCy pipeline (loaded once for all quotes tests)."""
    return NlpResources()


@pytest.fixture
def quotes_of(resources: NlpResources):  # type: ignore[no-untyped-def]
    """``quotes_of(text)`` -> the direct quotes of one invented article."""

    def run(text: str, title: str | None = None) -> list[LocalQuote]:
        doc = resources.nlp(text)
        return extract_quotes("a1", text, doc, QuoteSettings(), title)

    return run
