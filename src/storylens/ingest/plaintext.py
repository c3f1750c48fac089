"""Plain-text articles with optional header lines.

The header is the block of lines at the top of the file, up to the first blank line. Recognised
lines (keys are case-insensitive):

================================  ==========================================================
``Title: ...``                    the title
``Date: ...`` / ``date ...``      the publication date (``Published:`` and ``Pubdate:`` too)
``Source: ...`` / ``Outlet: ...`` the outlet (``Publisher:`` too)
``URL: ...`` / ``Link: ...``      the article URL
``By ...`` / ``Author: ...``      the byline; ``By Jane Roe, Reuters`` also names the outlet
``Language: ...`` / ``Lang:``     an ISO 639-1 language code
================================  ==========================================================

A first line that is none of these is the title when it is followed by header lines or a blank
line and does not read like a sentence of body text. Without a date header, a ``YYYY-MM-DD`` date in
the file's path is taken (evidence ``path``).

Text in Penn-Treebank tokenisation (``Jackson 's``, ``-LRB-``, spaced commas: research exports
such as Timeline17) is detokenised first. In the body, paragraphs are separated by blank lines. Hard-wrapped lines are joined into their
paragraph; a line that ends a sentence and is followed by a capitalised line starts a new paragraph
(exports that put one paragraph, or one sentence, per line).
"""

from __future__ import annotations

import re

from storylens.errors import InputError
from storylens.ingest.base import ExtractedDocument
from storylens.ingest.dates import date_from_path, parse_published
from storylens.records import ProvenanceHint

__all__ = ["detokenise", "read_plain_text", "split_byline", "split_paragraphs"]

_HEADER = re.compile(
    r"^(?P<key>title|date|published|pubdate|source|outlet|publisher|url|link|author|language|lang)"
    r"\s*:\s*(?P<value>\S.*)$",
    re.IGNORECASE,
)
_DATE_LINE = re.compile(r"^(?P<key>date)\s+(?P<value>\d.*)$", re.IGNORECASE)
_BYLINE = re.compile(r"^by\s+(?P<value>[A-Z\u00c0-\u024f\u0400-\u04ff].{1,150})$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;\"\u201d\u2019')\]]$")


_OUTLET_WORDS = re.compile(
    r"\b(?:wire|news|times|post|press|agency|journal|daily|herald|courier|gazette|tribune|"
    r"telegraph|guardian|independent|service|media|tv|radio|network|magazine|review|observer|"
    r"chronicle|reuters|ap|afp|bbc|cnn|dpa|efe|ansa|xinhua|tass|ria|interfax|ukrinform|bloomberg)\b",
    re.IGNORECASE,
)


def split_byline(value: str) -> tuple[tuple[str, ...], str | None]:
    """``"Jane Roe and John Poe, Reuters"`` -> ``(("Jane Roe", "John Poe"), "Reuters")``.

    The part after the last comma is the outlet when it reads like one (a wire name or a word
    such as Times, News, Wire) or is not shaped like a person's name; else it is another author.
    """
    value = value.strip().rstrip(".")
    outlet = None
    if "," in value:
        names_part, _, tail = value.rpartition(",")
        tail = tail.strip()
        person_shaped = re.fullmatch(r"(?:and\s+)?[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+[A-Z][a-z'-]+", tail)
        if tail and (_OUTLET_WORDS.search(tail) or not person_shaped):
            outlet = tail
            value = names_part
    names = tuple(
        n.strip() for n in re.split(r",|\band\b|&", value) if n.strip() and len(n.strip()) > 1
    )
    return names, outlet


_PTB_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_PTB_MARKS = ("-LRB-", "-RRB-", "``", " '' ", " 's ", " 'd ", " n't ")
_PTB_CONTRACTION = re.compile(r"\s+(n't|'s|'re|'ve|'ll|'d|'m|')(?=\s|$)")
_PTB_OPENING_QUOTE = re.compile(r"``\s*")
_PTB_AFTER_OPENER = re.compile(r"([(\[{$])\s+")
_PTB_BEFORE_CLOSER = re.compile(r"\s+([)\]},.;:!?%])")


def detokenise(text: str) -> str:
    """Undo Penn-Treebank tokenisation ("Jackson 's doctor , -LRB- 50 -RRB- ``yes''"), which
    research exports such as Timeline17 use; left alone, it puts "Jackson '" into entity names.
    Applied only to text that shows several PTB marks, so ordinary prose is never touched.
    (Plain ``str`` counting and splitting where a regex would scan every space: this runs on
    every plain-text file, and the ingest speed goal is per file.)"""
    if sum(text.count(mark) for mark in _PTB_MARKS) < 3:
        return text
    for token, bracket in _PTB_BRACKETS.items():
        text = text.replace(token, bracket)
    text = _PTB_CONTRACTION.sub(r"\1", text)
    text = _PTB_OPENING_QUOTE.sub("\u201c", text)
    # ``\s*''`` -> a closing quote, as a split: the regex would try a match at every space.
    pieces = text.split("''")
    text = "\u201d".join([piece.rstrip() for piece in pieces[:-1]] + pieces[-1:])
    text = _PTB_AFTER_OPENER.sub(r"\1", text)
    return _PTB_BEFORE_CLOSER.sub(r"\1", text)


def split_paragraphs(body: str) -> tuple[str, ...]:
    """Paragraphs of a plain-text body, with hard-wrapped lines joined."""
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", body):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        current = ""
        for line in lines:
            if not current:
                current = line
            elif _SENTENCE_END.search(current) and (line[0].isupper() or not line[0].isalpha()):
                paragraphs.append(current)
                current = line
            else:
                current = f"{current} {line}"
        if current:
            paragraphs.append(current)
    return tuple(paragraphs)


def _is_title_candidate(line: str) -> bool:
    return len(line) <= 200 and not line.endswith((".", ",", ";"))


def read_plain_text(text: str, origin: str) -> ExtractedDocument:
    """Parse a plain-text article: header lines, then paragraphs."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    header_end = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
    fields: dict[str, str] = {}
    authors: tuple[str, ...] = ()
    hints: list[ProvenanceHint] = []
    title: str | None = None
    consumed = 0
    for i, raw in enumerate(lines[:header_end]):
        line = raw.strip()
        header = _HEADER.match(line) or _DATE_LINE.match(line)
        byline = _BYLINE.match(line)
        if header:
            fields.setdefault(header["key"].lower(), header["value"].strip())
        elif byline and i > 0:
            authors, outlet = split_byline(byline["value"])
            if outlet:
                hints.append(ProvenanceHint("byline", outlet, line, ", ".join(authors) or None))
        elif i == 0 and _is_title_candidate(line):
            title = line
        else:
            break
        consumed = i + 1
    if consumed == 1 and title is not None and header_end > 1:
        # A lone first line followed directly by body text is body text, not a title.
        title, consumed = None, 0
    body_lines = lines[consumed:]
    paragraphs = split_paragraphs(detokenise("\n".join(body_lines)))
    if not paragraphs:
        raise InputError(origin, "no-article", "the file has header lines but no body text")
    title = fields.get("title", title)
    published = None
    evidence = None
    date_text = fields.get("date") or fields.get("published") or fields.get("pubdate")
    if date_text:
        published = parse_published(date_text)
        evidence = "header" if published else None
    if published is None:
        published = date_from_path(origin)
        evidence = "path" if published else None
    if "author" in fields and not authors:
        authors, outlet = split_byline(fields["author"])
        if outlet:
            hints.append(ProvenanceHint("byline", outlet, fields["author"], ", ".join(authors)))
    outlet = fields.get("source") or fields.get("outlet") or fields.get("publisher")
    return ExtractedDocument(
        origin=origin,
        title=title,
        paragraphs=paragraphs,
        source_format="text",
        outlet=outlet,
        url=fields.get("url") or fields.get("link"),
        published=published,
        published_evidence=evidence,
        language=(fields.get("language") or fields.get("lang") or "").lower()[:2] or None,
        authors=authors,
        hints=tuple(hints),
    )
