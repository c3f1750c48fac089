"""HTML article pages, through trafilatura.

trafilatura finds the main text and the metadata (title, date, site name, URL, language). Its date
search is limited to metadata, structured data and the URL (``EXTENSIVE_DATE_SEARCH`` off): the
extensive search reads free text, where a footer's "(c) 2022" becomes a false publication date.
"""

from __future__ import annotations

import re
from configparser import ConfigParser

import trafilatura
from trafilatura.settings import use_config

from storylens.errors import InputError
from storylens.ingest.base import ExtractedDocument
from storylens.ingest.dates import date_from_path, parse_published

__all__ = ["HtmlReader", "html_fragment_paragraphs"]


def _config() -> ConfigParser:
    config = use_config()
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "100")
    return config


class HtmlReader:
    """Reads an HTML page into an ``ExtractedDocument`` (one reader object per worker)."""

    def __init__(self, min_text_chars: int = 80) -> None:
        self.min_text_chars = min_text_chars
        self._config = _config()

    def read(self, data: bytes, origin: str) -> ExtractedDocument:
        """Extract the article; ``InputError('no-article')`` when the page has none."""
        try:
            result = trafilatura.bare_extraction(
                data,
                with_metadata=True,
                include_comments=False,
                include_tables=False,
                config=self._config,
                as_dict=True,
            )
        except (ValueError, TypeError, AttributeError) as exc:
            raise InputError(origin, "broken-html", str(exc)) from exc
        if not isinstance(result, dict) or not (result.get("text") or "").strip():
            raise InputError(origin, "no-article", "no article text was found in the page")
        text = result["text"]
        if len(text) < self.min_text_chars:
            raise InputError(
                origin, "no-article", f"only {len(text)} characters of text, too few for an article"
            )
        paragraphs = tuple(p.strip() for p in text.split("\n") if p.strip())
        published = parse_published(result["date"]) if result.get("date") else None
        evidence = "metadata" if published else None
        url = result.get("url")
        if published is None and url:
            published = date_from_path(url)
            evidence = "url" if published else None
        authors = tuple(
            a.strip() for a in re.split(r";|\band\b", result.get("author") or "") if a.strip()
        )
        return ExtractedDocument(
            origin=origin,
            title=(result.get("title") or "").strip() or None,
            paragraphs=paragraphs,
            source_format="html",
            outlet=(result.get("sitename") or "").strip() or None,
            url=url,
            published=published,
            published_evidence=evidence,
            language=result.get("language"),
            authors=authors,
        )


_BLOCK = re.compile(r"(?is)</?(?:p|div|br|li|h[1-6]|blockquote|tr|section|article)\b[^>]*>")


def html_fragment_paragraphs(fragment: str) -> tuple[str, ...]:
    """Paragraph texts of a small HTML fragment (a feed entry's content), tags removed."""
    import html as html_lib

    from lxml import html as lxml_html

    marked = _BLOCK.sub("\n\n", fragment)
    try:
        text = lxml_html.fromstring(f"<div>{marked}</div>").text_content()
    except (ValueError, TypeError):
        text = re.sub(r"<[^>]+>", " ", marked)
    text = html_lib.unescape(text)
    return tuple(" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip())
