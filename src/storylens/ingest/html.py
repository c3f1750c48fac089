"""HTML article pages, through trafilatura, plus the lead paragraph trafilatura leaves out.

trafilatura finds the main text and the metadata (title, date, site name, URL, description). We
call it with:

- ``include_comments=False``: reader comments are not story text;
- ``include_tables=True``: tables in news hold figures (results, tallies) that are story text;
- the date search limited to metadata, structured data and the URL (``EXTENSIVE_DATE_SEARCH``
  off): the extensive search reads free text, where a footer's "(c) 2022" becomes a false
  publication date; it also halves the metadata cost.

One addition of our own: news pages often set the lead paragraph (standfirst) apart from the
body, and trafilatura's main-content heuristics then drop it; a lost lead is a lost set of facts.
When the page's meta description is missing from the extraction but is shown in the page body as
text (outside links, navigation, asides and footers), it is restored as the first paragraph. On
the extraction benchmark this recovers 47 must-keep snippets for one must-drop snippet
(docs/extraction.md). A description the page shows twice is a standfirst repeated under the
title: it is passed on as ``subtitle`` and the cleaner drops it. When the description does not
give the lead, the page's markup may: a single element whose class names a lead ("lead",
"intro", "standfirst", "chapo", "teaser-text", ...), see ``find_lead_element``.
"""

from __future__ import annotations

import contextlib
import re
from configparser import ConfigParser

import trafilatura
from lxml import etree
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.settings import Document, use_config
from trafilatura.utils import load_html

from storylens.errors import InputError
from storylens.ingest.base import ExtractedDocument
from storylens.ingest.dates import date_from_path, parse_published

__all__ = ["HtmlReader", "find_lead_element", "find_standfirst", "html_fragment_paragraphs"]

#: Visible body text: not scripts or styles, not link texts (teasers), not page furniture.
_VISIBLE_TEXT = XPath(
    "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript"
    " or ancestor::a or ancestor::nav or ancestor::footer or ancestor::aside)]"
)
#: The end of complete prose: a full stop, "!" or "?", maybe inside a closing quote.
_COMPLETE = re.compile(r"[.!?][\"'\u201d\u2019\u00bb]?$")
_TRUNCATED = re.compile(r"(?:\.\.\.|\u2026|\[\u2026\]|\[\.\.\.\])\s*$")

#: Class words that name a lead (standfirst) block in page templates.
_LEAD_WORDS = (
    "lead",
    "lede",
    "intro",
    "standfirst",
    "chapo",
    "chapeau",
    "teaser",
    "summary",
    "excerpt",
    "description",
    "subtitle",
    "deck",
    "dek",
    "abstract",
    "perex",
    "bajada",
)
#: Class values in the body: scanning attribute strings and testing them with ``_LEAD_ATTR``
#: costs about 1 ms a page, a fifth of an XPath with a contains() per word. (Scanning itemprop
#: values too found no further lead on the benchmark and cost 0.1 ms a page.)
_CLASS_VALUES = XPath("//body//@class")
_LEAD_ATTR = re.compile(
    r"(?:^|[\s_-])(?:" + "|".join(_LEAD_WORDS) + r")(?:$|[\s_-])", re.IGNORECASE
)
#: Template words that make a lead-named block something else: a teaser in a list of other
#: articles, an author box, a form help text, a media caption.
_NOT_LEAD_ATTR = re.compile(
    r"(?:^|[\s_-])(?:list|item|related|card|grid|widget|sidebar|nav|menu|footer|more|other|recommend"
    r"|image|caption|media|photo|video|author|social|form|field|cookie|cta|slider|accord|view"
    r"|collection|package|comment|gallery|banner|promo|newsletter|bio|profile|vcard)",
    re.IGNORECASE,
)
#: The same for the containers around it (narrower: article containers list categories and tags).
_NOT_LEAD_CONTAINER = re.compile(
    r"(?:^|[\s_-])(?:widget|sidebar|author|comments?|related|footer|cookie|newsletter|vcard|form"
    r"|slider|gallery|accordion|card|teaser-(?:list|item)|grid-item)(?:$|[\s_-])",
    re.IGNORECASE,
)
#: Layout modifiers that deny a feature: "no-sidebar", "is--no-comments".
_NO_MODIFIER = re.compile(r"(?:^|[\s_-])no-[\w-]+")
_NOT_LEAD_TAGS = frozenset(
    ("a", "nav", "footer", "aside", "li", "figure", "figcaption", "form", "head")
)
_BLOCK_INSIDE = frozenset(("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "form"))
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")


def _config() -> ConfigParser:
    config = use_config()
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "100")
    return config


def _fold(text: str) -> str:
    return " ".join(text.split())


def find_standfirst(
    tree: HtmlElement, description: str | None, paragraphs: tuple[str, ...], min_chars: int = 40
) -> tuple[str | None, str | None]:
    """``(lead to restore, subtitle)`` for a page, from its meta description.

    The description counts only when it is at least ``min_chars`` long and shown as body text of
    the page: a description that is only metadata (an SEO summary) is never added. Shown once and
    missing from the extraction and ending as a sentence ends, it is the lost lead paragraph. A
    description cut short (an ellipsis, or the lead's first words only) whose first 60 characters
    are shown once gives the page block that shows them: that block's full text is the lead
    (``_block_starting_with``). A
    single short sentence shown twice is a display element (a standfirst repeated under the
    title) and is returned as the subtitle, so that the cleaner drops its copies.
    """
    if not description:
        return None, None
    lead = _fold(description)
    if len(lead) < min_chars:
        return None, None
    extracted = _fold(" ".join(paragraphs))
    if lead[:60] in extracted and lead not in {_fold(p) for p in paragraphs}:
        return None, None  # extracted inside a longer paragraph: nothing to restore or drop
    if not _in_body_text(tree, lead):
        return None, None  # not shown in the page at all: only metadata (most SEO summaries)
    nodes = _VISIBLE_TEXT(tree)
    visible = _fold(" ".join(nodes))
    shown = 0 if _TRUNCATED.search(lead) else visible.count(lead)
    if shown >= 2 and len(lead) <= 200 and not re.search(r"[.!?]\s+\S", lead.rstrip(".!?")):
        return None, lead  # one short sentence shown twice: a display standfirst
    if lead[:60] in extracted:
        return None, None
    if shown == 1 and _COMPLETE.search(lead):
        return lead, None
    block = None
    if len(lead) >= 60 and visible.count(lead[:60]) == 1:
        block = _block_starting_with(nodes, lead[:30])
    return (block or (lead if shown == 1 else None)), None


def _in_body_text(tree: HtmlElement, text: str) -> bool:
    """Whether the start of ``text`` occurs in the page body's text, spaces ignored.

    A cheap test (the body serialised as text in C) before the visible-text walk, which costs
    about 2 ms a page: what is not in the body's text at all cannot be shown as body text.
    """
    body = tree.find("body")
    full = etree.tostring(body if body is not None else tree, method="text", encoding=str)
    return "".join(text.split())[:40] in "".join(full.split())


#: Elements that hold a paragraph of their own (the block around a shown description).
_PARAGRAPH_BLOCKS = frozenset(
    ("p", "div", "section", "header", "td", "blockquote", "article", "main", "li", "dd")
)


def _block_starting_with(nodes: list[str], start: str) -> str | None:
    """The complete text of the page block that begins with ``start`` (a cut description).

    The block must begin with the description's words, read as complete prose (ending in ".", "!"
    or "?", no ellipsis) and be at most 1,500 characters: a lead, not a whole page section.
    """
    node = next((t for t in nodes if start in _fold(str(t))), None)
    if node is None:
        return None
    element = node.getparent()  # type: ignore[attr-defined]
    if element is not None and node.is_tail:  # type: ignore[attr-defined]
        element = element.getparent()
    while element is not None and element.tag not in _PARAGRAPH_BLOCKS:
        element = element.getparent()
    if element is None:
        return None
    text = _fold(element.text_content())
    if not text.startswith(start) or len(text) > 1500 or _TRUNCATED.search(text):
        return None
    return text if _COMPLETE.search(text) else None


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _CONTENT_WORD.findall(text.casefold())}


def _lead_block(element: HtmlElement) -> bool:
    """Whether an element is a lead block by its template: named so, alone, not furniture."""
    attrs = " ".join(
        filter(None, (element.get("class"), element.get("id"), element.get("itemprop")))
    )
    if not _LEAD_ATTR.search(attrs) or _NOT_LEAD_ATTR.search(attrs):
        return False
    if element.tag in _NOT_LEAD_TAGS or any(
        d.tag in _BLOCK_INSIDE for d in element.iterdescendants()
    ):
        return False
    for ancestor in element.iterancestors():
        if ancestor.tag in _NOT_LEAD_TAGS:
            return False
        if ancestor.tag in ("body", "html"):
            break  # page-wide classes ("single-post", "has-sidebar") say nothing about the block
        container = " ".join(filter(None, (ancestor.get("class"), ancestor.get("id"))))
        if container and _NOT_LEAD_CONTAINER.search(_NO_MODIFIER.sub("", container)):
            return False
    return True


def find_lead_element(
    tree: HtmlElement, title: str | None, paragraphs: tuple[str, ...], min_chars: int = 60
) -> str | None:
    """The lead paragraph that the page's markup names and the extraction lost, or None.

    Page templates mark the standfirst with a class ("lead", "intro", "standfirst", "chapo",
    "teaser-text"), and trafilatura often leaves it out because it sits in
    the article header, apart from the body. A block counts only when its class is used once on
    the page (a class repeated is a list of teasers for other articles), it is not in a link,
    list, navigation, aside, figure or form, holds no headings or lists, reads as complete prose
    (``min_chars`` to 1,200 characters ending in ".", "!" or "?", no ellipsis, no "©") and shares
    at least 30% of its content words with the title or the extracted text (it is about this
    article). The first such block is the lead; when the extraction already holds it, nothing is
    restored. On the extraction benchmark: +15 must-keep snippets, no must-drop snippet.
    """
    candidates: list[HtmlElement] = []
    for value in _CLASS_VALUES(tree):
        if _LEAD_ATTR.search(value):
            element = value.getparent()
            if element is not None and (not candidates or candidates[-1] is not element):
                candidates.append(element)
    uses: dict[str | None, int] = {}
    for element in candidates:
        uses[element.get("class")] = uses.get(element.get("class"), 0) + 1
    extracted = _fold(" ".join(paragraphs))
    context: set[str] | None = None
    for element in candidates:
        if uses[element.get("class")] > 1 or not _lead_block(element):
            continue
        text = _fold(element.text_content())
        if not min_chars <= len(text) <= 1200 or "\u00a9" in text:
            continue
        if not _COMPLETE.search(text) or _TRUNCATED.search(text):
            continue
        if text[:60] in extracted:
            return None  # the extraction has the lead already
        words = _stems(text)
        if context is None:
            context = _stems(title or "") | _stems(extracted[:3000])
        if words and len(words & context) >= 0.3 * len(words):
            return text
    return None


def page_metadata(tree: HtmlElement) -> Document:
    """Title, author, URL, date, site name and description of a page, through trafilatura.

    The same steps as ``trafilatura.metadata.extract_metadata`` without the ones storylens does not
    use (categories, tags, licence) and without the search for an author in the page body, which
    alone costs a fifth of the extraction time (it copies and prunes the whole tree); authors come
    from meta tags and JSON-LD, and a byline left in the text is read by the cleaner. The date
    search stays non-extensive (metadata, structured data, URL): the extensive search reads free
    text, where a footer's "(c) 2022" becomes a false publication date.
    """
    from htmldate import find_date
    from trafilatura.metadata import (
        META_URL,
        examine_meta,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
    )
    from trafilatura.settings import set_date_params

    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None  # a one-word "author" is a user name, not a byline
    # Broken JSON-LD is common: the meta tags found so far then stand (as in trafilatura).
    with contextlib.suppress(
        ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError
    ):
        metadata = extract_meta_json(tree, metadata)
    metadata.title = metadata.title or extract_title(tree)
    metadata.url = metadata.url or extract_url(tree)
    date_params = set_date_params(False)
    date_params["url"] = metadata.url
    metadata.date = find_date(tree, **date_params)
    metadata.sitename = metadata.sitename or extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
        if "." not in metadata.sitename and not metadata.sitename[:1].isupper():
            metadata.sitename = metadata.sitename.title()
    elif metadata.url and (match := META_URL.match(metadata.url)):
        metadata.sitename = match[1]
    metadata.clean_and_trim()
    return metadata


class HtmlReader:
    """Reads an HTML page into an ``ExtractedDocument`` (one reader object per worker)."""

    def __init__(self, min_text_chars: int = 80) -> None:
        self.min_text_chars = min_text_chars
        self._config = _config()

    def read(self, data: bytes, origin: str) -> ExtractedDocument:
        """Extract the article; ``InputError('no-article')`` when the page has none."""
        try:
            tree = load_html(data)
            if tree is None:
                raise InputError(origin, "broken-html", "the bytes do not parse as an HTML page")
            # bare_extraction works on its own copy of a tree it is given: ours stays whole.
            extraction = trafilatura.bare_extraction(
                tree, include_comments=False, include_tables=True, config=self._config
            )
            if not isinstance(extraction, Document) or not (extraction.text or "").strip():
                raise InputError(origin, "no-article", "no article text was found in the page")
            paragraphs = tuple(p.strip() for p in (extraction.text or "").split("\n") if p.strip())
            result = page_metadata(tree)
        except (ValueError, TypeError, AttributeError) as exc:
            raise InputError(origin, "broken-html", str(exc)) from exc
        lead, subtitle = find_standfirst(tree, result.description, paragraphs)
        if lead is None and subtitle is None:
            lead = find_lead_element(tree, result.title, paragraphs)
        if lead is not None:
            paragraphs = (lead, *paragraphs)
        length = sum(len(p) for p in paragraphs)
        if length < self.min_text_chars:
            raise InputError(
                origin, "no-article", f"only {length} characters of text, too few for an article"
            )
        published = parse_published(result.date) if result.date else None
        evidence = "metadata" if published else None
        url = result.url
        if published is None and url:
            published = date_from_path(url)
            evidence = "url" if published else None
        authors = tuple(a.strip() for a in re.split(r";|\band\b", result.author or "") if a.strip())
        return ExtractedDocument(
            origin=origin,
            title=(result.title or "").strip() or None,
            paragraphs=paragraphs,
            source_format="html",
            outlet=(result.sitename or "").strip() or None,
            url=url,
            published=published,
            published_evidence=evidence,
            language=result.language,
            authors=authors,
            subtitle=subtitle,
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
