"""Conversions between records and plain JSON-ready dicts (for the store, the CLI and renderers)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from storylens.records import Article, DroppedSpan, ProvenanceHint, Sentence, Story

__all__ = [
    "article_from_dict",
    "article_to_dict",
    "parse_date",
    "sentence_from_row",
    "story_from_dict",
    "story_to_dict",
]


def parse_date(value: str | None) -> dt.date | None:
    """An ISO ``YYYY-MM-DD`` string (or a longer ISO timestamp) as a date; None stays None."""
    if not value:
        return None
    return dt.date.fromisoformat(value[:10])


def article_to_dict(article: Article, *, full: bool = True) -> dict[str, Any]:
    """An article as a JSON-ready dict; ``full=False`` leaves out text and audit fields."""
    data: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "origin": article.origin,
        "url": article.url,
        "language": article.language,
    }
    if full:
        data.update(
            {
                "published_evidence": article.published_evidence,
                "authors": list(article.authors),
                "source_format": article.source_format,
                "text": article.text,
                "dropped": [{"text": d.text, "rule": d.rule} for d in article.dropped],
                "hints": [
                    {"kind": h.kind, "outlet": h.outlet, "text": h.text, "author": h.author}
                    for h in article.hints
                ],
            }
        )
    return data


def article_from_dict(data: dict[str, Any]) -> Article:
    """Inverse of ``article_to_dict(full=True)``."""
    return Article(
        id=data["id"],
        origin=data["origin"],
        title=data.get("title"),
        text=data["text"],
        outlet=data.get("outlet"),
        url=data.get("url"),
        published=parse_date(data.get("published")),
        published_evidence=data.get("published_evidence"),
        language=data.get("language"),
        authors=tuple(data.get("authors") or ()),
        source_format=data.get("source_format") or "text",
        dropped=tuple(DroppedSpan(d["text"], d["rule"]) for d in data.get("dropped") or ()),
        hints=tuple(
            ProvenanceHint(h["kind"], h.get("outlet"), h["text"], h.get("author"))
            for h in data.get("hints") or ()
        ),
    )


def sentence_from_row(row: tuple[str, int, int, int, str, int]) -> Sentence:
    """A sentence from a ``(article_id, index, start, end, text, paragraph)`` row."""
    return Sentence(row[0], row[1], row[2], row[3], row[4], row[5])


def story_to_dict(story: Story) -> dict[str, Any]:
    """A story as a JSON-ready dict."""
    return {
        "id": story.id,
        "headline": story.headline,
        "article_ids": list(story.article_ids),
        "first_date": story.first_date.isoformat() if story.first_date else None,
        "last_date": story.last_date.isoformat() if story.last_date else None,
        "duplicates": [list(pair) for pair in story.duplicates],
    }


def story_from_dict(data: dict[str, Any]) -> Story:
    """Inverse of ``story_to_dict``."""
    return Story(
        id=data["id"],
        article_ids=tuple(data["article_ids"]),
        headline=data["headline"],
        first_date=parse_date(data.get("first_date")),
        last_date=parse_date(data.get("last_date")),
        duplicates=tuple((a, b) for a, b in data.get("duplicates") or ()),
    )
