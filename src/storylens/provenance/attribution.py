"""Explicit attribution: the sources an article names ("according to X", "X reported", "told X").

Cue patterns are hand-written regular expressions over each sentence: the cues of news
attribution are a small closed set, and a rule says exactly which words it matched. What the named
source *is* comes from evidence in this order:

1. an anaphor ("the agency", "the outlet", "the paper") refers to the latest outlet or agency
   named earlier in the article;
2. the :class:`~storylens.provenance.outlets.OutletDirectory` (wire services, large outlets, the
   story's own ``Article.outlet`` values, outlets already named in this article) resolves short
   forms: "the Times" after "The Northern Times", "AP", "NYT";
3. a descriptor says so: "local outlet Zerkalo", "Dnipro Line, a regional news site,";
4. the entities stage typed it (OUTLET / PERSON / ORG);
5. its shape: "... Gazette", "... Vistnyk";
6. spaCy's entity label (PERSON -> person; anything else -> organisation).

People and organisations (a ministry, the police) are sources too, but of first-hand reporting,
not of copying: only outlets and agencies become ``cites`` links. "Told the Courier" in the
Courier's own article is first-hand reporting, not a citation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from storylens.provenance.features import fold
from storylens.provenance.outlets import OutletDirectory, is_agency_name, looks_like_outlet
from storylens.records import Article, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "CueMatch",
    "ReporterMatch",
    "SentenceScan",
    "SourceKind",
    "SourceMention",
    "entity_label",
    "find_attributions",
    "is_translation",
    "pack_scans",
    "resolve_attributions",
    "scan_attributions",
    "unpack_scans",
]

SourceKind = Literal["outlet", "agency", "person", "organisation"]

_WORD = r"(?:[A-Z][\w'\u2019&.-]*[\w]|[A-Z])"
_NAME = rf"(?:[Tt]he\s+)?{_WORD}(?:\s+(?:(?:of|de|for|and|la|del)\s+)?{_WORD})*"
_OUTLET_NOUN = (
    r"(?:outlet|newspaper|news\s+site|news\s+website|website|site|broadcaster|channel|"
    r"news\s+agency|wire\s+service|agency|daily|weekly|magazine|paper|tabloid|TV|radio|"
    r"station|network|portal|blog)"
)
_DESC = (
    r"(?:(?:the|a|an|local|regional|state|state-run|national|independent|online|news|"
    rf"[A-Z][a-z]+|\w+-language|investigative|daily|weekly)\s+)*{_OUTLET_NOUN}"
)
_ANAPHOR = (
    r"[Tt]he\s+(?:(?:news|wire|local|regional|state|online)\s+)?(?:agency|outlet|newspaper|"
    r"paper|site|website|broadcaster|channel|network|magazine|daily|wire\s+service|service|"
    r"ministry|company)"
)
_TARGET = rf"(?:(?P<desc>{_DESC})\s+)?(?P<name>{_ANAPHOR}|{_NAME})"
_FLAGS = re.UNICODE

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("according to", re.compile(rf"\b[Aa]ccording\s+to\s+{_TARGET}", _FLAGS)),
    ("per", re.compile(rf"(?:^|(?<=[\s,(]))[Pp]er\s+(?P<name>(?:the\s+)?{_WORD}(?:\s+{_WORD})*)", _FLAGS)),
    ("told", re.compile(rf"\btold\s+{_TARGET}", _FLAGS)),
    ("interview", re.compile(rf"\b[Ii]n\s+an?\s+(?:\w+\s+)?interview\s+(?:with|on|to)\s+{_TARGET}", _FLAGS)),
    ("reported by", re.compile(
        rf"\b(?:first\s+|originally\s+|previously\s+)?(?:reported|published|revealed|broken)\s+by\s+{_TARGET}",
        _FLAGS)),
    ("citing", re.compile(rf"\bciting\s+{_TARGET}", _FLAGS)),
    ("quoted by", re.compile(rf"\bquoted\s+by\s+{_TARGET}", _FLAGS)),
    ("reported", re.compile(
        rf"(?:(?P<desc>{_DESC})\s+)?(?P<name>{_ANAPHOR}|{_NAME})(?:,\s+(?P<appos>[^,]{{3,70}}),)?\s+"
        r"(?:(?:first|previously|also|earlier|later|has|had|have|was\s+first\s+to)\s+)*"
        r"(?P<cue>reported|reports|report|wrote|writes|published|revealed|said\s+in\s+a\s+statement|"
        r"said\s+in\s+a\s+report|quoted)\b",
        _FLAGS)),
    ("republished", re.compile(
        rf"\b(?:originally|first)\s+(?:appeared|published|ran)\s+(?:on|in|at|by)\s+(?P<name>{_NAME})",
        _FLAGS)),
    ("republished", re.compile(
        rf"\b[Rr]ead\s+the\s+original\s+(?:article|story|report)\s+(?:on|at|in)\s+(?P<name>{_NAME})",
        _FLAGS)),
    ("republished", re.compile(
        rf"\brepublished\s+(?:here\s+)?(?:with\s+permission\s+)?from\s+(?P<name>{_NAME})", _FLAGS)),
)
#: Words one of which every cue pattern needs: sentences without any skip the patterns.
_CUE_WORDS = re.compile(
    r"accord|\b[Pp]er\b|\btold\b|interview|\bby\b|\bciting\b|quoted|report|\bwr[io]te|"
    r"publish|reveal|statement|original|appeared|\bran\b|reporter|correspondent|journalist|"
    r"photographer"
)
_OWN_REPORTER = re.compile(
    rf"\b(?:[Oo]ur|[Aa]n?\s+(?P<name>{_NAME}))\s+(?:reporter|correspondent|journalist|photographer)s?\b",
    _FLAGS,
)
_TRANSLATION_NOTICE = re.compile(
    r"\b(?:[Tt]ranslated\s+(?:from|by)\b|[Tt]his\s+is\s+a\s+translation\b|"
    r"[Tt]ranslation\s+(?:from|by)\s+[A-Z])"
)
_NOT_SOURCES = frozenset(
    ["he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "this", "that", "these", "those", "there", "officials", "police", "authorities", "residents", "witnesses", "sources"]
)


@dataclass(frozen=True, slots=True)
class SourceMention:
    """A source an article names explicitly.

    ``resolved`` is the canonical outlet name for outlets and agencies, the name as written for
    people and organisations. ``first_hand`` marks the article's own reporting ("told the
    Courier" in the Courier). ``start``/``end`` span the cue and name in ``Article.text`` (both -1
    for provenance hints taken out of the text at extraction).
    """

    article_id: str
    name: str
    resolved: str
    kind: SourceKind
    cue: str
    start: int
    end: int
    evidence: str
    first_hand: bool = False

    @property
    def is_outlet(self) -> bool:
        """Outlets and news agencies (not people, not government agencies)."""
        return self.kind in ("outlet", "agency")


_LEADING_NOISE = frozenset(
    ["on", "in", "at", "but", "and", "yesterday", "today", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "meanwhile", "earlier", "later", "also"]
)


def _clean_name(name: str) -> tuple[str, int]:
    """The name without leading words a capitalised run swallows ("On Saturday Reuters");
    returns it with the number of characters cut from its start."""
    stripped = re.sub(r"[\s,.;:]+$", "", name.strip())
    cut = 0
    while True:
        first, _, rest = stripped.partition(" ")
        if rest and fold(first) in _LEADING_NOISE:
            cut += len(first) + 1
            stripped = rest.lstrip()
        else:
            return stripped, cut


def is_translation(article: Article) -> bool:
    """Whether the article says it is a translation ("Translated from Russian.")."""
    return bool(_TRANSLATION_NOTICE.search(article.text[:600])) or any(
        h.kind == "translated" or _TRANSLATION_NOTICE.search(h.text) for h in article.hints)


DocSource = Callable[[], "Doc | None"]


def entity_label(doc_source: DocSource | None, start: int, end: int) -> str | None:
    """spaCy's entity label of the text span ``start:end`` (None without a parse or entity)."""
    doc = doc_source() if doc_source is not None else None
    if doc is None:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    for ent in span.ents or [e for e in doc.ents if e.start_char < end and e.end_char > start]:
        return str(ent.label_)
    return None


class _ArticleState:
    """What the finder remembers while reading one article: outlets and agencies named so far."""

    def __init__(self, own_outlet: str | None) -> None:
        self.own = own_outlet
        self.outlets: list[str] = []
        self.agencies: list[tuple[str, SourceKind]] = []

    def saw(self, name: str, kind: SourceKind) -> None:
        if kind in ("outlet", "agency"):
            self.outlets.insert(0, name)
        if kind == "agency" or (kind == "organisation" and is_agency_name(name)):
            self.agencies.insert(0, (name, kind))


def _classify(
    name: str,
    desc: str | None,
    appos: str | None,
    label: Callable[[], str | None],
    directory: OutletDirectory,
    entity_types: Mapping[str, str],
    state: _ArticleState,
) -> tuple[str, SourceKind] | None:
    lowered = fold(name)
    if re.fullmatch(_ANAPHOR, name):
        noun = lowered.split()[-1]
        if noun in ("agency", "service", "ministry", "company"):
            if state.agencies:
                return state.agencies[0]
            if noun == "agency" and state.outlets:
                return state.outlets[0], "outlet"
            return None
        return (state.outlets[0], "outlet") if state.outlets else None
    if lowered.split()[0] in _NOT_SOURCES:
        return None
    resolved = directory.resolve(name, state.outlets)
    if resolved is not None:
        return resolved, "agency" if directory.is_wire(resolved) else "outlet"
    described = " ".join(x for x in (desc, appos) if x)
    if described and re.search(_OUTLET_NOUN, described):
        wire = bool(re.search(r"agency|wire", described))
        canonical = directory.add(name, wire=wire)
        return canonical, "agency" if wire else "outlet"
    typed = entity_types.get(lowered)
    if typed == "OUTLET" or looks_like_outlet(name):
        return directory.add(name), "outlet"
    if typed == "PERSON" or (typed is None and label() == "PERSON"):
        return name, "person"
    return re.sub(r"^[Tt]he\s+", "the ", name), "organisation"


@dataclass(frozen=True, slots=True)
class CueMatch:
    """One cue pattern's match in a sentence, before anything says what the name is.

    Offsets ``name_start``/``name_end`` are into the sentence, ``start``/``end`` into the
    article; ``name`` is the name as cleaned (``cut`` characters dropped from its start).
    """

    cue: str
    name_start: int
    name_end: int
    name: str
    cut: int
    desc: str | None
    appos: str | None
    verb: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ReporterMatch:
    """An "our correspondent" / "a Gazette reporter" match (``outlet`` None for "our")."""

    outlet: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SentenceScan:
    """The cue and reporter matches of one sentence (``position`` in the article's sentences)."""

    position: int
    cues: tuple[CueMatch, ...]
    reporters: tuple[ReporterMatch, ...]


def pack_scans(scans: Sequence[SentenceScan]) -> list[list[Any]]:
    """An article's scans as positional JSON rows (kept per article in the store): the memo's
    type-driven decoding of keyed objects took 0.15 s on a 568-article story."""
    return [
        [scan.position,
         [[c.cue, c.name_start, c.name_end, c.name, c.cut, c.desc, c.appos, c.verb, c.start, c.end]
          for c in scan.cues],
         [[r.outlet, r.start, r.end] for r in scan.reporters]]
        for scan in scans
    ]


def unpack_scans(rows: Sequence[Sequence[Any]]) -> tuple[SentenceScan, ...]:
    """The inverse of :func:`pack_scans`."""
    return tuple(
        SentenceScan(position, tuple(CueMatch(*cue) for cue in cues),
                     tuple(ReporterMatch(*reporter) for reporter in reporters))
        for position, cues, reporters in rows
    )


def scan_attributions(sentences: Sequence[Sentence]) -> tuple[SentenceScan, ...]:
    """Every cue and reporter match of an article's sentences, in the order they are read.

    This is the costly part of :func:`find_attributions` (a dozen patterns over every
    sentence) and depends on the sentences alone, so the stage keeps it per article
    (issue 12); what the names are is decided by :func:`resolve_attributions` against the
    story's outlets.

    Example:
        >>> text = "The toll rose, according to the Riverbank Gazette."
        >>> [c.name for s in scan_attributions([Sentence("a1", 0, 0, len(text), text)]) for c in s.cues]
        ['the Riverbank Gazette']
    """
    out: list[SentenceScan] = []
    for position, sentence in enumerate(sentences):
        if not _CUE_WORDS.search(sentence.text):
            continue
        matches = []
        for cue, pattern in _PATTERNS:
            for match in pattern.finditer(sentence.text):
                matches.append((match.start("name"), cue, match))
        cues: list[CueMatch] = []
        for _, cue, match in sorted(matches, key=lambda m: m[0]):
            name, cut = _clean_name(match.group("name"))
            if not name:
                continue  # never classified, never takes its span
            groups = match.groupdict()
            cues.append(CueMatch(
                cue, match.start("name"), match.end("name"), name, cut, groups.get("desc"),
                groups.get("appos"), groups.get("cue"), sentence.start + match.start(),
                sentence.start + match.end()))
        reporters = tuple(
            ReporterMatch(match.group("name"), sentence.start + match.start(),
                          sentence.start + match.end())
            for match in _OWN_REPORTER.finditer(sentence.text))
        if cues or reporters:
            out.append(SentenceScan(position, tuple(cues), reporters))
    return tuple(out)


LabelSource = Callable[[int, int], "str | None"]


def find_attributions(
    article: Article,
    sentences: Sequence[Sentence],
    directory: OutletDirectory,
    doc: DocSource | None = None,
    entity_types: Mapping[str, str] | None = None,
) -> list[SourceMention]:
    """Every explicit source named in one article, in text order, plus its provenance hints.

    Args:
        article: the article (its ``hints`` hold bylines and republication notices found at
            extraction).
        sentences: its sentences (offsets into ``article.text``).
        directory: the story's outlets (extended with outlets this article introduces).
        doc: returns the spaCy parse of ``article.text`` (for PERSON labels); called only for
            names that nothing cheaper classifies, so an unparsed article is parsed only if needed.
        entity_types: folded name -> entity type from the entities stage, if it ran.

    Example:
        >>> from storylens.records import Article, Sentence
        >>> text = "The toll rose, according to the Riverbank Gazette."
        >>> a = Article("a1", "x", None, text)
        >>> [m.resolved for m in find_attributions(a, [Sentence("a1", 0, 0, len(text), text)],
        ...                                        OutletDirectory.build([]))]
        ['the Riverbank Gazette']
    """
    def label(start: int, end: int) -> str | None:
        return entity_label(doc, start, end)

    return resolve_attributions(
        article, sentences, scan_attributions(sentences), directory, label, entity_types)


def resolve_attributions(
    article: Article,
    sentences: Sequence[Sentence],
    scan: Sequence[SentenceScan],
    directory: OutletDirectory,
    label: LabelSource,
    entity_types: Mapping[str, str] | None = None,
) -> list[SourceMention]:
    """:func:`find_attributions` from the article's ``scan`` (:func:`scan_attributions`).

    ``label(start, end)`` is spaCy's entity label of the text span (called only for names
    nothing cheaper classifies).
    """
    types = entity_types or {}
    own = directory.resolve(article.outlet) if article.outlet else None
    state = _ArticleState(own)
    found: list[SourceMention] = []
    for hint in article.hints:
        if hint.outlet:
            resolved = directory.resolve(hint.outlet) or directory.add(hint.outlet)
            kind: SourceKind = "agency" if directory.is_wire(resolved) else "outlet"
            found.append(SourceMention(article.id, hint.outlet, resolved, kind,
                                       hint.kind, -1, -1, hint.text, resolved == own))
    for scanned in scan:
        sentence = sentences[scanned.position]
        taken: list[tuple[int, int]] = []
        for match in scanned.cues:
            name_start, name_end, name = match.name_start, match.name_end, match.name
            if any(s < name_end and name_start < e for s, e in taken):
                continue
            start = sentence.start + name_start + match.cut

            def span_label(start: int = start, end: int = start + len(name)) -> str | None:
                return label(start, end)

            classified = _classify(name, match.desc, match.appos, span_label,
                                   directory, types, state)
            if classified is None:
                continue
            resolved, kind = classified
            cue = match.cue
            if cue == "reported":
                cue = " ".join((match.verb or "").split())
            if cue == "republished" and kind not in ("outlet", "agency"):
                kind = "outlet"
                resolved = directory.add(name)
            taken.append((name_start, name_end))
            first_hand = kind in ("outlet", "agency") and resolved == own and cue in (
                "told", "interview", "quoted by")
            found.append(SourceMention(
                article.id, name, resolved, kind, cue, match.start, match.end, sentence.text,
                first_hand))
            state.saw(resolved, kind)
        for reporter in scanned.reporters:
            reporter_of = reporter.outlet
            outlet = directory.resolve(reporter_of) if reporter_of else own
            if outlet is not None and outlet == own:
                found.append(SourceMention(
                    article.id, reporter_of or "our", outlet, "outlet", "own reporter",
                    reporter.start, reporter.end, sentence.text, True))
    return found
