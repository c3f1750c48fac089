"""The default cleaner: boilerplate out, provenance notices kept as hints, story text untouched.

Works on the paragraphs any reader produced (HTML after trafilatura, plain text, JSON, feeds), in
two passes:

1. **Paragraph rules.** Each paragraph is tested alone: a repeat of the title, the subtitle or an
   earlier paragraph; a provenance notice ("This article originally appeared on X", bylines with
   an outlet); page furniture recognised by its cue phrases (``storylens.text.cues``: "Read also:",
   "Related Posts", comment forms, share bars, subscribe and newsletter prompts, paywalls, cookie
   notices, copyright footers, adverts, photo credits, timestamps). Cue rules only apply to short
   paragraphs (``max_furniture_chars``): a long paragraph is story text even if it contains
   "newsletter". A wire credit in a dateline ("KYIV (Reuters) -") is cut out of its paragraph.
2. **Context rules.** Headline-like paragraphs (short, no terminal punctuation) are dropped only
   where their position says what they are: right after a related-links label (teasers of other
   articles), or alone between two prose paragraphs, where they are a subhead when they share
   content words with the article and an unprefixed teaser headline of another article when they
   share none. A short sentence right before a photo credit is its caption; a sentence that
   describes the newsletter right after a newsletter prompt goes with it; a one to three word
   label above the first paragraph is a kicker.

Every dropped paragraph or span is returned with its rule name (``Article.dropped``) so a decision
can be audited, and a story sentence is never dropped by a cue that it merely contains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storylens.ingest.base import ExtractedDocument
from storylens.records import DroppedSpan, ProvenanceHint
from storylens.text import cues
from storylens.text.clean import CleanResult, normalise_paragraph
from storylens.text.provenance import WIRE_AGENCIES, find_dateline_credit, find_notice, parse_byline

__all__ = ["BoilerplateCleaner", "BoilerplateSettings"]


@dataclass(frozen=True)
class BoilerplateSettings:
    """Knobs of the boilerplate cleaner (defaults tuned on the extraction benchmark).

    ``max_furniture_chars``: cue rules never drop a longer paragraph. ``max_headline_words``: the
    longest paragraph treated as a headline (teaser or subhead). ``min_prose_chars``: the shortest
    paragraph that counts as prose around a headline. ``subhead_overlap``: the share of a
    headline's content words found elsewhere in the article above which it is a subhead.
    ``drop_subheads``: subheads are not sentences and are dropped by default (NEWS-MESS.md); web
    extraction benchmarks count section headings as main text, so set it to False to keep them
    (docs/extraction.md gives both numbers). A headline-like paragraph with at least
    ``min_teaser_words`` words, no digits and no content word in common with the rest of the article
    is a teaser of another article and is dropped either way.
    """

    max_furniture_chars: int = 300
    max_headline_words: int = 16
    min_prose_chars: int = 80
    subhead_overlap: float = 0.25
    drop_subheads: bool = True
    min_teaser_words: int = 4


_TERMINAL = (
    ".",
    "!",
    "?",
    ":",
    ";",
    ",",
    "\u2026",
    '"',
    "\u201d",
    "\u2019",
    "'",
    ")",
    "\u00bb",
    "\u201c",
)
_LIST_MARK = re.compile(r"^(?:[-\u2013\u2014•*·▪►>]|\d+[.)]\s|[a-z][.)]\s)")
_WORD = re.compile(r"[^\W\d_]{4,}")
_DIGIT = re.compile(r"\d")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_OUTLET_SUFFIX = re.compile(r"\((?P<name>[A-Z][\w&.'’ -]{1,40})\)\s*$")


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold().strip(" .:")


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _WORD.findall(text.casefold())}


class BoilerplateCleaner:
    """``Cleaner`` that removes page furniture and provenance notices (see the module docstring).

    Example:
        >>> from storylens.ingest.base import ExtractedDocument
        >>> doc = ExtractedDocument("x", "Title", ("Story text here.", "Read also: Other story"), "text")
        >>> result = BoilerplateCleaner().clean(doc)
        >>> result.paragraphs, [d.rule for d in result.dropped]
        (('Story text here.',), ['read-also'])
    """

    name = "boilerplate"

    def __init__(self, settings: BoilerplateSettings | None = None) -> None:
        self.settings = settings or BoilerplateSettings()

    def clean(self, document: ExtractedDocument) -> CleanResult:
        """Story paragraphs, dropped spans (with rules) and provenance hints of one document."""
        paragraphs = [p for p in (normalise_paragraph(p) for p in document.paragraphs) if p]
        outlets = frozenset(o.casefold() for o in (document.outlet,) if o)
        rules: list[str | None] = [None] * len(paragraphs)
        hints: list[ProvenanceHint] = []
        cut: list[DroppedSpan] = []
        self._paragraph_rules(document, paragraphs, rules, hints, outlets)
        self._context_rules(document, paragraphs, rules, outlets)
        for index, paragraph in enumerate(paragraphs[:3]):
            if rules[index] is None:
                credit = find_dateline_credit(paragraph, outlets)
                if credit is not None:
                    hints.append(credit.hint)
                    cut.append(
                        DroppedSpan(paragraph[credit.start : credit.end].strip(), "wire-credit")
                    )
                    paragraphs[index] = (
                        paragraph[: credit.start] + paragraph[credit.end :]
                    ).strip()
                    break
        kept = tuple(p for p, rule in zip(paragraphs, rules, strict=True) if rule is None)
        dropped = tuple(
            DroppedSpan(p, rule) for p, rule in zip(paragraphs, rules, strict=True) if rule
        )
        return CleanResult(kept, (*cut, *dropped), tuple(hints))

    # -- pass 1 -------------------------------------------------------------------------------

    def _paragraph_rules(
        self,
        document: ExtractedDocument,
        paragraphs: list[str],
        rules: list[str | None],
        hints: list[ProvenanceHint],
        outlets: frozenset[str],
    ) -> None:
        title = _fold(document.title) if document.title else None
        subtitle = _fold(document.subtitle) if document.subtitle else None
        seen: set[str] = set()
        for index, paragraph in enumerate(paragraphs):
            key = _fold(paragraph)
            if key == title:
                rules[index] = "repeated-title"
            elif subtitle and key == subtitle:
                rules[index] = "subtitle-repeat"
            elif key in seen:
                rules[index] = "repeated-paragraph"
            else:
                seen.add(key)
                rules[index] = self._standalone_rule(paragraph, hints, outlets)

    def _standalone_rule(
        self, paragraph: str, hints: list[ProvenanceHint], outlets: frozenset[str]
    ) -> str | None:
        notice = find_notice(paragraph)
        if notice is not None:
            hints.append(notice)
            return f"provenance-{notice.kind}"
        byline = parse_byline(paragraph, outlets)
        if byline is not None:
            authors, outlet = byline
            if outlet:
                hints.append(ProvenanceHint("byline", outlet, paragraph, ", ".join(authors)))
            return "byline"
        if len(paragraph) > self.settings.max_furniture_chars:
            if len(paragraph) <= cues.DISCLOSURE_MAX_CHARS and cues.DISCLOSURE.search(paragraph):
                return "disclosure"
            return None
        return _furniture_rule(paragraph)

    # -- pass 2 -------------------------------------------------------------------------------

    def _context_rules(
        self,
        document: ExtractedDocument,
        paragraphs: list[str],
        rules: list[str | None],
        outlets: frozenset[str],
    ) -> None:
        count = len(paragraphs)
        for index in range(count):
            rule = rules[index]
            if (
                rule == "related-label"
            ):  # "Read also: X" carries its own teaser; a bare label heads a list
                self._drop_teasers_after(index, paragraphs, rules)
            elif rule == "photo-credit" and index > 0 and rules[index - 1] is None:
                if _caption_like(paragraphs[index - 1]):
                    rules[index - 1] = "photo-caption"
            elif rule == "comment-header":  # the comment follows, maybe after its timestamp
                body = next((i for i in range(index + 1, count) if rules[i] is None), None)
                if body is not None and len(paragraphs[body]) <= 600:
                    rules[body] = "comment"
            elif rule == "author-label" and index + 1 < count and rules[index + 1] is None:
                if len(paragraphs[index + 1]) <= 600:
                    rules[index + 1] = "author-bio"
            elif rule == "subscribe" and index + 1 < count and rules[index + 1] is None:
                following = paragraphs[index + 1]
                if len(following) <= 200 and cues.SUBSCRIBE_CONTINUATION.search(following):
                    rules[index + 1] = "subscribe"
        for index, paragraph in enumerate(paragraphs):
            if rules[index] is None and _caption_with_credit(paragraph, outlets):
                rules[index] = "photo-caption"
        kept = [i for i in range(count) if rules[i] is None]
        first = paragraphs[kept[0]] if kept else ""
        if (
            len(kept) > 2
            and self.settings.drop_subheads
            and self._headline_like(first)
            and len(first.split()) <= 3
        ):
            rules[kept[0]] = "kicker"
            kept = kept[1:]
        stems: dict[int, set[str]] | None = None
        for position in range(1, len(kept) - 1):
            index = kept[position]
            paragraph = paragraphs[index]
            if not self._headline_like(paragraph):
                continue
            before, after = paragraphs[kept[position - 1]], paragraphs[kept[position + 1]]
            if not (self._prose(before) and self._prose(after)):
                continue
            if stems is None:  # computed once per article, only when a headline is in question
                stems = {i: _stems(paragraphs[i]) for i in kept}
            rest = set().union(*(words for i, words in stems.items() if i != index))
            if self._teaser(paragraph, rest):
                rules[index] = "teaser-headline"
            elif self.settings.drop_subheads:
                rules[index] = "subhead"
        kept = [i for i in range(count) if rules[i] is None]
        for index in kept[-2:] if len(kept) > 2 else ():  # an author box closes the article
            text = paragraphs[index]
            if len(text) <= 600 and cues.AUTHOR_BIO.match(text) and not _REPORTING.search(text):
                rules[index] = "author-bio"

    def _drop_teasers_after(
        self, index: int, paragraphs: list[str], rules: list[str | None]
    ) -> None:
        for following in range(index + 1, len(paragraphs)):
            if rules[following] is not None:
                if rules[following] in ("related-label", "read-also"):
                    return  # that label handles its own block
                continue
            text = paragraphs[following]
            if not self._headline_like(text, allow_question=True):
                return
            rules[following] = "related-teaser"

    def _headline_like(self, text: str, allow_question: bool = False) -> bool:
        words = text.split()
        if not 1 <= len(words) <= self.settings.max_headline_words:
            return False
        if _LIST_MARK.match(text) or not (text[0].isupper() or text[0].isdigit()):
            return False
        if text.endswith(("?", "!")) and allow_question:
            return True
        return not text.endswith(_TERMINAL)

    def _prose(self, text: str) -> bool:
        return len(text) >= self.settings.min_prose_chars and text.endswith(_TERMINAL)

    def _teaser(self, headline: str, rest: set[str]) -> bool:
        """A headline sharing (almost) no content word with the article: another article's teaser."""
        if len(headline.split()) < self.settings.min_teaser_words or _DIGIT.search(headline):
            return False
        words = _stems(headline)
        return bool(words) and len(words & rest) / len(words) < self.settings.subhead_overlap


def _furniture_rule(paragraph: str) -> str | None:
    """The cue rule a short paragraph matches, or None.

    Cells of a layout table ("| | Related Posts | |") are read without their bars. Anchored cues
    (``match``) are cheap; each unanchored search runs only when the lower-cased paragraph holds
    one of its literal keys (plain-text ingest runs this on every short paragraph).
    """
    table_row = paragraph.startswith("|")
    paragraph = paragraph.strip("| ") or paragraph
    lowered = paragraph.lower()
    rule = _anchored_rule(paragraph)
    if rule is not None:
        return rule
    if cues.may_contain(cues.COPYRIGHT_KEYS, lowered, True) and cues.COPYRIGHT.search(paragraph):
        return "copyright"
    if cues.NAVIGATION.match(paragraph):
        return "navigation"
    if (
        cues.POSTED_META.search(paragraph)
        if "|" in paragraph
        else cues.POSTED_META.match(paragraph)
    ):
        return "post-meta"  # its unanchored alternatives all need a "|"
    if cues.CREDIT_LINE.match(paragraph):
        return "credit-line"
    if cues.CAPTION_PREFIX.match(paragraph):
        return "photo-credit" if _pure_credit(paragraph) else "photo-caption"
    has_digit = _DIGIT.search(paragraph) is not None
    if has_digit and cues.TIMESTAMP_ONLY.match(paragraph):
        return "timestamp"
    if cues.may_contain(cues.CALL_TO_ACTION_KEYS, lowered, True) and cues.CALL_TO_ACTION.search(
        paragraph
    ):
        return "call-to-action"
    if cues.may_contain(cues.DISCLOSURE_KEYS, lowered, True) and cues.DISCLOSURE.search(paragraph):
        return "disclosure"
    if cues.may_contain(
        cues.SUBSCRIBE_ANYWHERE_KEYS, lowered, True
    ) and cues.SUBSCRIBE_ANYWHERE.search(paragraph):
        return "subscribe"
    if cues.CONTACT.match(paragraph):
        return "contact"
    if (
        cues.may_contain(cues.SUPPORT_ANYWHERE_KEYS, lowered, True)
        and cues.SUPPORT_ANYWHERE.search(paragraph)
        and not _REPORTING.search(paragraph)  # "'We need your help,' police said" is a story
    ):
        return "paywall"
    if cues.MEDIA_LABEL.match(paragraph):
        return "media-label"
    if has_digit and (
        (
            cues.may_contain(cues.MODIFIED_STAMP_KEYS, lowered, True)
            and cues.MODIFIED_STAMP.search(paragraph)
        )
        or (not table_row and _timestamp_meta(paragraph))
    ):
        return "timestamp"
    tail = lowered[-40:]
    if (
        len(paragraph) <= 120
        and cues.may_contain(cues.LINK_PROMPT_KEYS, tail, True)
        and cues.LINK_PROMPT.search(paragraph)
    ):
        return "call-to-action"
    if cues.may_contain(cues.READ_MORE_SUFFIX_KEYS, tail, True) and cues.READ_MORE_SUFFIX.search(
        paragraph
    ):
        return "teaser-excerpt"
    if cues.LEGAL_NOTE.match(paragraph):
        return "legal-note"
    if cues.AUTHOR_LABEL.match(paragraph):
        return "author-label"
    if len(paragraph) <= 80 and cues.COMMENT_HEADER.match(paragraph):
        return "comment-header"
    if len(paragraph) <= 120 and cues.AUTHOR_ROLE_LINE.match(paragraph):
        return "author-bio"
    if cues.may_contain(cues.COMMENT_ANYWHERE_KEYS, lowered, True) and cues.COMMENT_ANYWHERE.search(
        paragraph
    ):
        return "comment-prompt"
    if "(" in paragraph and _position_caption(paragraph):
        return "photo-caption"
    if cues.CAPTION_CHART.match(paragraph) and len(paragraph.split()) <= 14 and "(" not in paragraph:
        return "photo-caption"
    if _CYRILLIC.search(paragraph) and len(cues.MIXED_SCRIPT_WORD.findall(paragraph)) >= 3:
        return "obfuscated"
    return None


def _anchored_rule(paragraph: str) -> str | None:
    """The first rules, in order, whose cue must start the paragraph (or be all of it)."""
    if cues.COOKIE.match(paragraph):
        return "cookie-notice"
    if cues.COMMENT_PROMPT.match(paragraph):
        return "comment-prompt"
    if cues.SHARE.match(paragraph) or cues.SOCIAL_ONLY.match(paragraph):
        return "share"
    if cues.SECTION_LABEL.match(paragraph):
        return "related-label"
    if cues.RELATED_PREFIX.match(paragraph) or cues.RELATED_PREFIX_CAPS.match(paragraph):
        return "read-also"
    if cues.SECTION_BLOCK.match(paragraph) and not re.search(r"[.!]\s+\S", paragraph):
        return "related-block"
    if cues.EDITOR_NOTE.match(paragraph):
        return "editor-note"
    if cues.SUBSCRIBE.match(paragraph):
        return "subscribe"
    if cues.PAYWALL.match(paragraph):
        return "paywall"
    if cues.ADVERT.match(paragraph):
        return "advert"
    return None


def _position_caption(paragraph: str) -> bool:
    """A caption that places people: "Mayor Jane Roe (left) looks on ..." (and no reporting verb)."""
    for marker in cues.CAPTION_POSITION.finditer(paragraph):
        if cues.CAPTION_POSITION_NAME.search(paragraph, 0, marker.start()):
            return not _REPORTING.search(paragraph)
    return False


def _timestamp_meta(paragraph: str) -> bool:
    """A template line with a date among its "|" parts: "24. März 2004, 19:49 | Jane".

    The caller leaves out table rows ("| Jane | 30 June 1997 | ... |"), which are data.
    """
    if "|" not in paragraph or len(paragraph) > 160:
        return False
    parts = [part.strip() for part in paragraph.split("|") if part.strip()]
    return len(parts) >= 2 and any(
        _DIGIT.search(part) and cues.TIMESTAMP_ONLY.match(part) for part in parts
    )


def _pure_credit(paragraph: str) -> bool:
    """ "Photo: Jane Roe / Agency" (a credit alone) rather than "Photo: Residents queue ..." (a caption)."""
    body = paragraph.split(":", 1)[-1].strip() if ":" in paragraph else paragraph
    return len(body.split()) <= 8 and not re.search(r"[.!?]\s+\S", body)


_REPORTING = re.compile(
    r"\b(?:said|says|told|according|reported|announced|added|asked)\b|[\"\u201c\u201d]",
    re.IGNORECASE,
)


def _caption_like(text: str) -> bool:
    """What a caption above a credit looks like: one short sentence, no attribution, no quote.

    Story sentences report ("..., officials said"); captions describe a picture.
    """
    if len(text) > 160 or _REPORTING.search(text):
        return False
    return not re.search(r"[.!?][\"'\u201d]?\s+[A-Z\"\u201c]", text.rstrip(".!?"))


def _caption_with_credit(paragraph: str, outlets: frozenset[str]) -> bool:
    """A caption that carries its own credit: "... after the collapse. Photo: Meridian Press"."""
    if len(paragraph) > 240:
        return False
    match = cues.may_contain(cues.CREDIT_SUFFIX_KEYS, paragraph) and cues.CREDIT_SUFFIX.search(
        paragraph
    )
    if match and match.start() > 0:
        return _caption_like(paragraph[: match.start()].strip())
    named = cues.CAPTION_NAME_CREDIT.search(paragraph)
    if named and named.start() > 0:
        return _caption_like(paragraph[: named.start() + 1].strip())
    outlet = _OUTLET_SUFFIX.search(paragraph)
    if outlet and outlet.start() > 0:
        name = outlet["name"].casefold()
        if name in outlets or name in WIRE_AGENCIES:
            return _caption_like(paragraph[: outlet.start()].strip())
    return False
