"""Cleaning extracted text: the ``Cleaner`` protocol and the default cleaner.

A cleaner gets the reader's paragraphs and returns the paragraphs that are story text, plus every
span it dropped (with the rule that dropped it) and every provenance hint it took out of the text.
Nothing is dropped silently: ``Article.dropped`` keeps it all for audits.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Protocol

from storylens.ingest.base import ExtractedDocument
from storylens.records import DroppedSpan, ProvenanceHint

__all__ = ["CleanResult", "Cleaner", "WhitespaceCleaner", "normalise_paragraph"]


@dataclass(frozen=True, slots=True)
class CleanResult:
    """A cleaner's output."""

    paragraphs: tuple[str, ...]
    dropped: tuple[DroppedSpan, ...] = ()
    hints: tuple[ProvenanceHint, ...] = ()


class Cleaner(Protocol):
    """Separates story text from boilerplate and provenance notices."""

    def clean(self, document: ExtractedDocument) -> CleanResult:
        """The document's story paragraphs, what was dropped and which hints were found."""
        ...


def normalise_paragraph(text: str) -> str:
    """NFC, no control characters, no soft hyphens, single spaces."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "").replace("\u200b", "")
    if not text.isprintable():  # the per-character pass only when needed: it is the slow part
        text = "".join(ch if ch.isprintable() or ch in "\t\n" else " " for ch in text)
    return " ".join(text.split())


class WhitespaceCleaner:
    """Normalises each paragraph and drops exact repeats of an earlier paragraph or the title."""

    name = "whitespace"

    def clean(self, document: ExtractedDocument) -> CleanResult:
        kept: list[str] = []
        dropped: list[DroppedSpan] = []
        seen = {normalise_paragraph(document.title).casefold()} if document.title else set()
        for paragraph in document.paragraphs:
            text = normalise_paragraph(paragraph)
            if not text:
                continue
            if text.casefold() in seen:
                dropped.append(DroppedSpan(text, "repeated-paragraph"))
                continue
            seen.add(text.casefold())
            kept.append(text)
        return CleanResult(tuple(kept), tuple(dropped))
