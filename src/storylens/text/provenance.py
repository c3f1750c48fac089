"""Provenance notices: found in the text, kept as ``ProvenanceHint`` records, taken out of the text.

Kinds (``ProvenanceHint.kind``):

- ``republished``: "This article originally appeared on X", "Republished with permission from X";
- ``original``: "Read the original article on X";
- ``translated``: "Translated from Russian. The original interview was published by X ...";
- ``byline``: "By Jane Roe, Reuters" (only when an outlet is named; a bare "By Jane Roe" is a
  dropped ``byline`` span, its author stays in the text's metadata);
- ``wire``: a wire credit in a dateline, "KYIV (Reuters) -", "(AP) —", "Bogotá (dpa) -".

A whole-paragraph notice is dropped from the text; a dateline credit is cut out of its paragraph
(the place name stays: "KYIV, Ukraine (AP) — Russian forces ..." becomes "KYIV, Ukraine — Russian
forces ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storylens.records import ProvenanceHint

__all__ = [
    "WIRE_AGENCIES",
    "DatelineCredit",
    "find_dateline_credit",
    "find_notice",
    "lead_start",
    "parse_byline",
]

#: Wire agencies whose bare credit "(AP)" names the source of the text.
WIRE_AGENCIES = frozenset(
    {
        "ap", "afp", "reuters", "dpa", "apa", "sda", "keystone-sda", "kna", "epd", "ansa", "efe", "pap",
        "upi", "xinhua", "tass", "ria novosti", "interfax", "ukrinform", "unian", "kyodo", "yonhap",
        "anadolu", "aa", "belga", "anp", "ntb", "tt", "ritzau", "ctk", "mti", "bta", "hina", "ians",
        "pti", "aap", "cna", "bernama", "antara", "wafa", "mena", "irna", "europa press", "lusa",
        "agência brasil", "notimex", "telam", "bloomberg", "dow jones", "associated press",
        "agence france-presse", "press association", "pa", "ddp", "kap", "idea", "sid",
    }
)

_OUTLET = r"(?P<outlet>(?-i:[A-Z0-9\u00c0-\u024f])[\w&.,'’ -]{1,60}?)"
_NOTICES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "republished",
        re.compile(
            r"^(?:this|the) (?:article|story|post|piece|report|interview|column) (?:was |is )?(?:originally|first) "
            r"(?:appeared|published|ran|posted) (?:on|in|at|by) " + _OUTLET + r"(?:\s+on\s+[\w ,.]{3,30})?"
            r"(?:,? and (?:is|was|has been) (?:re)?(?:published|posted|reproduced)[^.]*)?\.?$",
            re.IGNORECASE,
        ),
    ),
    (
        "republished",
        re.compile(
            r"^(?:originally|first) (?:published|appeared|posted) (?:on|in|at|by) " + _OUTLET
            + r"(?:\s+on\s+[\w ,.]{3,30})?\.?$",
            re.IGNORECASE,
        ),
    ),
    (
        "republished",
        re.compile(
            r"^(?:republished|reprinted|reproduced) (?:here )?with (?:kind )?permission (?:from|of) " + _OUTLET + r"\.?$",
            re.IGNORECASE,
        ),
    ),
    (
        "original",
        re.compile(r"^read the (?:original|full) (?:article|story|post|report)(?: (?:on|at|in)) " + _OUTLET + r"\.?$", re.IGNORECASE),
    ),
    (
        "translated",
        re.compile(
            r"^translated from (?P<language>[A-Z][a-z]+)(?: by [^.]{2,60})?\."
            r"(?:\s*the original (?:article|story|interview|report|text) (?:was )?(?:published|appeared) "
            r"(?:by|in|on) " + _OUTLET + r"(?:\s+on\s+[\w ,.]{3,30})?\.?)?$",
            re.IGNORECASE,
        ),
    ),
)

_BYLINE = re.compile(
    r"^(?:By|BY|by)\s+(?P<names>[A-Z\u00c0-\u024f][\w.'’-]*(?:\s+(?:[A-Z\u00c0-\u024f][\w.'’-]*|van|von|de|der|da|di|del|la|le|bin|al-?\w*))"
    r"{0,4}(?:\s*(?:,|and|&)\s*[A-Z\u00c0-\u024f][\w.'’-]*(?:\s+[A-Z\u00c0-\u024f][\w.'’-]*){0,3})*)"
    r"(?:\s*(?:,|\||·|•|-|\u2013|\u2014)\s*(?P<rest>.{1,80}))?$"
)
_ROLE = re.compile(
    r"\b(?:correspondent|reporter|editor|writer|staff|contributor|columnist|bureau|chief|special|senior|"
    r"political|business|science|health|sports?|foreign|news|desk)\b",
    re.IGNORECASE,
)
_DATELIKE = re.compile(r"\d|\b(?:updated|published|min(?:ute)?s? read)\b", re.IGNORECASE)


def find_notice(paragraph: str) -> ProvenanceHint | None:
    """The provenance notice a whole paragraph is, or None.

    Example:
        >>> find_notice("Read the original article on Example News.").outlet
        'Example News'
    """
    if len(paragraph) > 300:
        return None
    for kind, pattern in _NOTICES:
        match = pattern.match(paragraph)
        if match:
            outlet = match.groupdict().get("outlet")
            return ProvenanceHint(kind, outlet.strip(" .,") if outlet else None, paragraph)
    return None


_OUTLET_WORD = re.compile(
    r"\b(?:news|times|herald|press|post|daily|tribune|journal|gazette|courier|agency|tv|radio|media|ledger|wire"
    r"|telegraph|guardian|observer|chronicle|review|mail|express|star|bulletin|online|today|weekly|zeitung"
    r"|nachrichten|rundschau|anzeiger|kurier|presse|journal|diario|noticias|gazeta|wiadomości)\b",
    re.IGNORECASE,
)


def parse_byline(paragraph: str, outlets: frozenset[str] = frozenset()) -> tuple[tuple[str, ...], str | None] | None:
    """``(authors, outlet)`` when the paragraph is a byline ("By Jane Roe, Reuters"), else None.

    A trailing part after the last comma is the outlet when it is a wire agency, an outlet named in
    the article's metadata (``outlets``, lower-cased) or looks like an outlet's name ("Valley
    Herald"); otherwise it is another author. A role ("Europe correspondent") or a date is neither.

    Example:
        >>> parse_byline("By Jane Roe and John Poe, Reuters")
        (('Jane Roe', 'John Poe'), 'Reuters')
    """
    if len(paragraph) > 160:
        return None
    match = _BYLINE.match(paragraph.strip().rstrip("."))
    if not match:
        return None
    names_text = match["names"]
    rest = (match["rest"] or "").strip()
    parts = [p.strip() for p in re.split(r",|\band\b|&", names_text) if p.strip()]
    outlet: str | None = None
    if not rest and len(parts) > 1 and len(parts[-1].split()) >= 1 and "," in names_text:
        # "By Jane Roe, Reuters": the last comma part is the outlet when it is not a person's name.
        tail = names_text.rsplit(",", 1)[1].strip()
        if tail.lower() in WIRE_AGENCIES or tail.lower() in outlets or _OUTLET_WORD.search(tail) or len(tail.split()) != 2:
            outlet, parts = tail, parts[:-1]
    elif rest:
        first = re.split(r"\s*(?:\||·|•|\u2013|\u2014)\s*", rest)[0].strip(" ,")
        if first and not _ROLE.search(first) and not _DATELIKE.search(first):
            outlet = first
    authors = tuple(p for p in parts if len(p) > 1)
    # A person's name has two to five words ("By Monday, 40 people had died" is a sentence).
    if not authors or any(not 2 <= len(a.split()) <= 5 for a in authors) or len(rest.split()) > 8:
        return None
    return authors, outlet


@dataclass(frozen=True, slots=True)
class DatelineCredit:
    """A wire credit in a paragraph's dateline: its span in the paragraph and the hint."""

    start: int
    end: int
    hint: ProvenanceHint


_DATELINE = re.compile(
    r"^(?P<place>(?:[A-Z\u00c0-\u024f][\w\u00c0-\u024f.'’/-]*)(?:[ ,]+[A-Z\u00c0-\u024f][\w\u00c0-\u024f.'’/-]*){0,3})?"
    r"\s*(?P<credit>\((?P<outlet>[\w\u00c0-\u024f][\w&.'’ /-]{0,40}?)\))\s*(?P<dash>[-\u2013\u2014]+)\s+"
)


def find_dateline_credit(paragraph: str, outlets: frozenset[str] = frozenset()) -> DatelineCredit | None:
    """The wire credit in a dateline at the start of ``paragraph`` ("KYIV (Reuters) - ..."), or None.

    The credit counts when it names a known wire agency, an outlet named elsewhere in the article
    (``outlets``, lower-cased), or follows an upper-case place name ("PRYLUZHNE, Ukraine (Meridian
    Press) -"). The returned span covers the parenthesised credit and the space before it.
    """
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    outlet = match["outlet"].strip()
    place = (match["place"] or "").strip()
    known = outlet.lower() in WIRE_AGENCIES or outlet.lower() in outlets
    caps_place = bool(place) and place.split(",")[0].replace(" ", "").replace("-", "").isupper()
    if not (known or caps_place) or len(outlet.split()) > 5:
        return None
    start = match.start("credit")
    if place:
        while start > 0 and paragraph[start - 1] == " ":
            start -= 1
    end = match.end("credit")
    if not place:  # "(AP) — Text": the dash goes too
        end = match.end()
    hint = ProvenanceHint("wire", outlet, paragraph[match.start() : match.end()].strip())
    return DatelineCredit(start, end, hint)


#: A wire credit closing a dateline, "(Reuters) - ", "(AP) — ": the story's first sentence
#: starts after it.
_WIRE_CREDIT = re.compile(
    r"\(\s*(?:"
    + "|".join(sorted((re.escape(a) for a in WIRE_AGENCIES), key=len, reverse=True))
    + r")\s*\)\s*(?:--|[-\u2013\u2014])\s+",
    re.IGNORECASE,
)
#: How far into a sentence a dateline may end: a headline, a "CITY | Wed Sep 29, 2010 8:26 pm
#: EDT" stamp and a byline can stand before it when a page's furniture was glued to the lead.
_LEAD_WINDOW = 320


#: A blog post's byline stamp glued to its first sentence: "Fergus Walsh | 12:16 PM, Thursday,
#: 28 May 2009 " (a name, a bar, then a clock time and a date with its year).
_STAMP = re.compile(
    r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}\s*\|\s*"
    r"(?=[^|]{0,60}\b\d{1,2}[:.]\d{2}\b)(?=[^|]{0,60}\b(?:19|20)\d{2}\b)[^|]{0,60}?\b(?:19|20)\d{2}\s+"
)


_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
#: A page's posting time stamp at the start of its text: "Saturday 25 April 2009 23.24 BST",
#: "Friday, April 30, 2010; 2:30 PM".
_TIME_STAMP = re.compile(
    rf"^(?:{_WEEKDAY},?\s+)?(?:\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{1,2}},?)\s+(?:19|20)\d{{2}}[;,]?"
    r"\s+\d{1,2}[.:]\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:[A-Z]{2,4}\b)?[\s;,]*"
)


#: The same stamp with a time zone, after a headline and a standfirst: "Gulf oil spill 'five
#: times' larger than estimated ... Thursday 29 April 2010 09.28 BST Rescuers ...".
_ZONED_STAMP = re.compile(
    rf"\b(?:{_WEEKDAY},?\s+)?\d{{1,2}}\s+{_MONTH}\s+(?:19|20)\d{{2}}\s+\d{{1,2}}[.:]\d{{2}}\s*"
    r"(?:BST|GMT|CET|CEST|EDT|EST|UTC)\b\s*"
)


#: A dateline before the first words: "KYIV (Reuters) - ", "WASHINGTON --", "LONDON, Sept 5
#: (Reuters) -", "(AP) — ", "NEW YORK (CNN) —", "PRYLUZHNE, Ukraine - ".
_PLAIN_DATELINE = re.compile(
    r"(?:[A-Z][A-Z.'\-]+(?:[ ,/]+[A-Z][A-Za-z.'\-]+){0,4}\.?,?\s*"
    r"(?:[A-Z][a-z]{2,8}\.? \d{1,2},?\s*)?)?(?:\([^()]{1,40}\)\s*)?(?:--|[-\u2013\u2014])\s+"
)
#: Words a dateline must leave for the rest to be a sentence.
_MIN_REST = 20


def lead_start(text: str) -> int:
    """Where the story's own words start in a sentence that opens with page furniture, else 0.

    A dateline goes ("PRYLUZHNE, Ukraine - ", "KYIV (Reuters) - "), with what a scrape
    glued before it. Wire copy carried by web pages glues the headline, a time stamp and the
    byline to the first sentence: "BP pledges Gulf oil fields to spill fund LONDON | Fri Oct 1,
    2010 4:52 pm EDT LONDON (Reuters) - BP, which faces ..."; everything up to the credit
    goes. A blog glues its byline stamp: "Fergus Walsh | 12:16 PM, Thursday, 28 May 2009 It's
    good to see ...". So is a page's time stamp before its text: "Saturday 25 April 2009
    23.24 BST Swine flu has ...". The date in such a header is when the page was posted, not
    an event.

    Example:
        >>> text = "KYIV | Mon Sep 4, 2023 9:02am EDT KYIV (Reuters) - Rockets hit Odesa."
        >>> text[lead_start(text):]
        'Rockets hit Odesa.'
        >>> text = "Anna Kovalchuk | 17:45 UK time, Monday, 4 September 2023 The dam held."
        >>> text[lead_start(text):]
        'The dam held.'
        >>> text = "Friday, September 8, 2023; 2:30 PM The dam held."
        >>> text[lead_start(text):]
        'The dam held.'
        >>> text = "Dam holds Engineers relieved Friday 8 September 2023 09.28 BST The dam held."
        >>> text[lead_start(text):]
        'The dam held.'
    """
    match = _WIRE_CREDIT.search(text, 0, _LEAD_WINDOW) or _STAMP.match(text)
    match = match or _TIME_STAMP.match(text) or _ZONED_STAMP.search(text, 0, _LEAD_WINDOW)
    start = match.end() if match and match.end() < len(text) else 0
    dateline = _PLAIN_DATELINE.match(text, start)
    if dateline and dateline.end() < len(text) - _MIN_REST:
        start = dateline.end()
    return start
