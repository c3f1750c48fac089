"""What every reader produces: an ``ExtractedDocument``, before cleaning and segmentation."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from storylens.records import ProvenanceHint

__all__ = ["ExtractedDocument"]


@dataclass(frozen=True, slots=True)
class ExtractedDocument:
    """A reader's output: the story text as paragraphs plus whatever metadata the source had.

    ``origin`` names the file (and, for JSONL or feeds, the record: ``path#L3``, ``path#entry2``).
    """

    origin: str
    title: str | None
    paragraphs: tuple[str, ...]
    source_format: str
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_evidence: str | None = None
    language: str | None = None
    authors: tuple[str, ...] = ()
    hints: tuple[ProvenanceHint, ...] = field(default_factory=tuple)
    #: The standfirst shown under the title when the page shows it as a display element (HTML
    #: readers set it when the page repeats it); cleaners drop its copies from the body.
    subtitle: str | None = None
