"""RSS and Atom feed files whose entries carry the article content (feedparser)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import feedparser

from storylens.errors import InputError
from storylens.ingest.base import ExtractedDocument
from storylens.ingest.html import html_fragment_paragraphs

__all__ = ["read_feed"]


def _entry_date(entry: feedparser.FeedParserDict) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def read_feed(data: bytes, origin: str) -> Iterator[ExtractedDocument | InputError]:
    """One document per feed entry that embeds its content; entries without content are errors."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        problem = str(parsed.get("bozo_exception") or "the feed has no entries")
        raise InputError(origin, "no-article", problem)
    outlet = (parsed.feed.get("title") or "").strip() or None
    language = (parsed.feed.get("language") or "")[:2].lower() or None
    for index, entry in enumerate(parsed.entries):
        entry_origin = f"{origin}#entry{index + 1}"
        html = ""
        if entry.get("content"):
            html = max((c.get("value", "") for c in entry.content), key=len)
        if not html:
            html = entry.get("summary", "")
        paragraphs = html_fragment_paragraphs(html) if html else ()
        if not paragraphs:
            yield InputError(entry_origin, "no-article", "the entry embeds no content")
            continue
        published = _entry_date(entry)
        author = (entry.get("author") or "").strip()
        yield ExtractedDocument(
            origin=entry_origin,
            title=(entry.get("title") or "").strip() or None,
            paragraphs=paragraphs,
            source_format="feed",
            outlet=outlet,
            url=entry.get("link"),
            published=published,
            published_evidence="feed" if published else None,
            language=language,
            authors=(author,) if author else (),
        )
