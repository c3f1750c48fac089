"""JSON and JSONL articles.

A ``.json`` file holds one article object, a list of them, or an object with an ``articles`` (or
``items``/``data``) list. A ``.jsonl`` file holds one article object per line. Field mapping (the
first field present wins):

=============  ===============================================================================
title          ``title``, ``headline``
text           ``text``, ``body``, ``content``, ``maintext``, ``article``; else ``html`` (extracted
               with trafilatura). Required: a record without any is reported (``missing-field``).
published      ``published``, ``date``, ``published_at``, ``publish_date``, ``pubDate``,
               ``datePublished``, ``date_publish``
url            ``url``, ``link``
outlet         ``source``, ``outlet``, ``site_name``, ``sitename``, ``publisher``, ``domain``
               (an object's ``name`` or ``title`` is used)
authors        ``authors`` (list or string), ``author``, ``byline``
language       ``language``, ``lang``
=============  ===============================================================================

Each record's origin is ``path#L<line>`` (JSONL) or ``path#<index>`` (JSON lists).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from storylens.errors import InputError
from storylens.ingest.base import ExtractedDocument
from storylens.ingest.dates import date_from_path, parse_published
from storylens.ingest.html import HtmlReader
from storylens.ingest.plaintext import split_paragraphs

__all__ = ["FIELD_NAMES", "iter_json_records", "read_json_record"]

FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "maintext", "article"),
    "published": (
        "published", "date", "published_at", "publish_date", "pubDate", "datePublished",
        "date_publish",
    ),
    "url": ("url", "link"),
    "outlet": ("source", "outlet", "site_name", "sitename", "publisher", "domain"),
    "authors": ("authors", "author", "byline"),
    "language": ("language", "lang"),
}


def _first(record: dict[str, Any], name: str) -> Any:
    for key in FIELD_NAMES[name]:
        value = record.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _as_text(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name") or value.get("title")
    return str(value).strip() if value not in (None, "") else None


def iter_json_records(text: str, origin: str, lines: bool) -> Iterator[tuple[str, Any]]:
    """``(record_origin, decoded_value)`` pairs; undecodable lines come back as ``InputError``."""
    if lines:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                yield f"{origin}#L{number}", json.loads(line)
            except json.JSONDecodeError as exc:
                yield f"{origin}#L{number}", InputError(f"{origin}#L{number}", "invalid-json", exc.msg)
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(origin, "invalid-json", f"{exc.msg} at line {exc.lineno}") from exc
    if isinstance(data, dict):
        for key in ("articles", "items", "data"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if isinstance(data, list):
        for index, item in enumerate(data):
            yield f"{origin}#{index}", item
    else:
        yield origin, data


def read_json_record(record: Any, origin: str, html_reader: HtmlReader) -> ExtractedDocument:
    """One JSON object as an article, or ``InputError`` naming the missing field."""
    if not isinstance(record, dict):
        raise InputError(origin, "not-an-object", f"expected a JSON object, got {type(record).__name__}")
    text = _first(record, "text")
    if isinstance(text, list):
        text = "\n\n".join(str(t) for t in text)
    if text is None and isinstance(record.get("html"), str):
        extracted = html_reader.read(record["html"].encode("utf-8"), origin)
        paragraphs = extracted.paragraphs
    elif isinstance(text, str) and text.strip():
        paragraphs = split_paragraphs(text)
    else:
        raise InputError(
            origin, "missing-field", f"no text field (one of: {', '.join(FIELD_NAMES['text'])}, html)"
        )
    published = None
    evidence = None
    date_value = _first(record, "published")
    if date_value is not None:
        published = parse_published(str(date_value))
        evidence = "json" if published else None
    url = _as_text(_first(record, "url"))
    if published is None and url:
        published = date_from_path(url)
        evidence = "url" if published else None
    authors_value = _first(record, "authors")
    if isinstance(authors_value, list):
        authors = tuple(a for a in (_as_text(v) for v in authors_value) if a)
    else:
        authors = tuple(a.strip() for a in str(authors_value or "").split(",") if a.strip())
    language = _as_text(_first(record, "language"))
    return ExtractedDocument(
        origin=origin,
        title=_as_text(_first(record, "title")),
        paragraphs=paragraphs,
        source_format="json",
        outlet=_as_text(_first(record, "outlet")),
        url=url,
        published=published,
        published_evidence=evidence,
        language=language.lower()[:2] if language else None,
        authors=authors,
    )
