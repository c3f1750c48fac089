"""What a quantity counts: the noun phrase from spaCy's dependency parse, and a normalised key.

The key is the lemma of the counted noun with synonyms folded (dead / killed / deaths / fatalities
/ death toll -> ``deaths``), so that "52 killed" and "a death toll of 52" can be compared. Generic
person nouns take their key from what happened to them: "40 people were killed" counts ``deaths``.
The *predicate* is the verb that says what happened to the counted things ("1,400 homes were
flooded" vs "600 homes were checked"): grouping uses it to keep apart two different quantities of
the same noun in one article.

Level nouns ("the number rose to 52", "put the toll at 40", "a peak of 4,500") name no thing of
their own; a bare number with no noun ("fewer than 900 have walked out") neither. For those
``counted_thing`` returns ``Counted(..., elliptical=True)`` and the stage takes the thing from the
figure just before it in the same passage.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from storylens.figures.lexicon import (
    CASUALTY_KEYS,
    COUNT_KINDS,
    NUMBER_WORDS,
    PERSON_NOUNS,
    SCALES,
    SYNONYMS,
    UNIT_DIMENSIONS,
    VAGUE_PLURALS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from storylens.figures.extract import Quantity

__all__ = ["Counted", "counted_thing", "figure_kind", "normalise_key"]

_LEVEL_VERBS = frozenset(
    [
        "rise",
        "climb",
        "reach",
        "stand",
        "increase",
        "jump",
        "grow",
        "hit",
        "total",
        "put",
        "fall",
        "drop",
        "raise",
        "revise",
        "swell",
        "soar",
        "top",
        "surpass",
        "exceed",
        "pass",
        "near",
        "approach",
        "mount",
        "double",
        "triple",
        "decline",
        "decrease",
        "estimate",
    ]
)
#: Verbs whose object, not subject, holds the counted thing: "put the death toll at 40".
_OBJECT_FIRST = frozenset({"put", "estimate", "raise", "revise", "place", "set", "peg"})
#: Nouns that name a level, not a thing: their "of" object (or the context) says what is counted.
_LEVEL_NOUNS = frozenset(
    [
        "number",
        "total",
        "figure",
        "count",
        "tally",
        "peak",
        "level",
        "high",
        "low",
        "record",
        "estimate",
    ]
)
_NUMBER_NOUNS = frozenset(
    {*NUMBER_WORDS, *SCALES, *VAGUE_PLURALS, "hundreds", "thousands", "millions"}
)
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_MODIFIER_DEPS = frozenset({"nummod", "quantmod", "amod", "compound", "nmod", "npadvmod", "det"})
_SKIP_AFTER_NOUN = frozenset(
    {"be", "have", "still", "now", "reportedly", "remain", "stay", "feared", "already", "all"}
)
_VAGUE_PREDICATES = frozenset(
    {"be", "have", "say", "tell", "report", "include", "become", "remain"}
)
_SUFFIX_KEYS = ("worker",)  # "dockworkers", "steelworkers" count workers

UNIT_WORD_LEMMAS = frozenset(
    [
        "percent",
        "cent",
        "kilometre",
        "kilometer",
        "mile",
        "metre",
        "meter",
        "foot",
        "yard",
        "inch",
        "hectare",
        "acre",
        "barrel",
        "gallon",
        "litre",
        "liter",
        "tonne",
        "ton",
        "kilogram",
        "pound",
        "dollar",
        "euro",
        "yen",
        "yuan",
        "hour",
        "day",
        "week",
        "month",
        "year",
        "minute",
        "second",
        "decade",
        "million",
        "billion",
        "thousand",
        "hundred",
        "trillion",
        "%",
        "hryvnia",
        "rouble",
        "ruble",
    ]
)


@dataclass(frozen=True, slots=True)
class Counted:
    """The counted thing: ``phrase`` as written, ``key`` normalised for comparison, the verb that
    says what happened to it (``predicate``), and whether the sentence left it implicit."""

    phrase: str
    key: str
    predicate: str | None = None
    elliptical: bool = False
    level: bool = False  # elliptical through a level noun ("put the number at 2,800")


def normalise_key(word: str) -> str:
    """Fold a lemma to its comparison key ("fatality" -> "deaths", "village" -> "settlements")."""
    word = word.lower().strip()
    if word in CASUALTY_KEYS:
        return CASUALTY_KEYS[word]
    for suffix in _SUFFIX_KEYS:
        if word.endswith(suffix) and word != suffix:
            return suffix
    return SYNONYMS.get(word, word)


def figure_kind(unit: str | None, key: str | None) -> str:
    """The issue's figure categories: money, percentage, distance, area, ..., people, casualties."""
    if unit:
        base = unit.split("/", 1)[0]
        if base in UNIT_DIMENSIONS:
            return UNIT_DIMENSIONS[base][0]
        if base.isupper() and len(base) == 3:
            return "money"
    if key:
        return COUNT_KINDS.get(key, "count")
    return "count"


def _phrase(noun: Token) -> str:
    """The noun with its prenominal modifiers (not numbers or determiners): "Russian soldiers"."""
    words = [
        t for t in noun.lefts
        if t.dep_ in {"amod", "compound"} and not t.like_num and t.pos_ != "NUM"
        and t.ent_type_ not in {"CARDINAL", "MONEY", "QUANTITY", "PERCENT"}
    ]  # fmt: skip
    return " ".join([*(t.text for t in words), noun.text])


def _lemma(token: Token) -> str:
    """The lemma, singular even for proper-noun plurals the model leaves alone ("Britons")."""
    lemma = token.lemma_.lower() if token.pos_ in _NOUN_POS else token.lower_
    if token.tag_ in {"NNS", "NNPS"} and lemma == token.lower_ and len(lemma) > 3:
        if lemma.endswith("children"):
            return lemma[: -len("children")] + "child"
        if lemma.endswith("ies"):
            return lemma[:-3] + "y"
        if lemma.endswith("s") and not lemma.endswith("ss"):
            return lemma[:-1]
    return lemma


def _qualified_key(noun: Token) -> str:
    """The key, with a nationality qualifier kept ("russian soldiers" is not "ukrainian soldiers")."""
    for child in noun.lefts:
        if child.dep_ == "compound" and child.lemma_.lower() in {"death", "casualty"}:
            return "deaths" if child.lemma_.lower() == "death" else "casualties"
    key = normalise_key(_lemma(noun))
    qualifiers = [t.text.lower() for t in noun.lefts if t.dep_ == "amod" and t.ent_type_ == "NORP"]
    return " ".join([*qualifiers, key])


def _casualty_of(noun: Token) -> tuple[str, str] | None:
    """ "people killed", "civilians were wounded", "killing 40 people": what happened to them."""
    head = noun.head
    if noun.dep_ in {"nsubj", "nsubjpass", "dobj"} and head.lemma_.lower() in CASUALTY_KEYS:
        return CASUALTY_KEYS[head.lemma_.lower()], head.text
    for child in noun.rights:
        if child.dep_ in {"acl", "amod", "relcl"} and child.lemma_.lower() in CASUALTY_KEYS:
            return CASUALTY_KEYS[child.lemma_.lower()], child.text
    if noun.dep_ in {"nsubj", "dobj", "nsubjpass"}:
        for child in head.children:
            if (
                child.dep_ in {"acomp", "attr", "oprd", "xcomp"}
                and child.lemma_.lower() in CASUALTY_KEYS
            ):
                return CASUALTY_KEYS[child.lemma_.lower()], child.text
    # The small model misattaches datelines ("PRYLUZHNE - At least 40 people were killed"):
    # read the words right after the noun as well.
    for token in noun.doc[noun.i + 1 : min(len(noun.doc), noun.i + 6)]:
        word = token.lemma_.lower()
        if word in CASUALTY_KEYS or token.lower_ in CASUALTY_KEYS:
            return CASUALTY_KEYS.get(word) or CASUALTY_KEYS[token.lower_], token.text
        if not (token.pos_ in {"AUX", "ADV", "PART"} or word in _SKIP_AFTER_NOUN):
            break
    return None


def _predicate(token: Token) -> str | None:
    """The verb that says what happened to the counted thing (None for copulas and reporting)."""
    for child in token.rights:
        if child.dep_ in {"relcl", "acl"} and child.pos_ == "VERB":
            return child.lemma_.lower()  # "houses that could not be repaired", "people evacuated"
    node = token
    for _ in range(4):
        if node.pos_ == "VERB" and node.lemma_.lower() not in _VAGUE_PREDICATES:
            return node.lemma_.lower()
        if node.dep_ in {"ROOT", "ccomp", "advcl", "conj"} or node.head is node:
            return None
        node = node.head
    return None


def _from_noun(noun: Token, anchor: Token, measured: bool = False) -> Counted:
    # A level noun names no thing of its own ("the number rose to 52"), except for a measure:
    # "the water level dropped by two metres" measures the level.
    if noun.lemma_.lower() in _LEVEL_NOUNS and noun.lemma_.lower() != "toll" and not measured:
        compound = [
            c
            for c in noun.lefts
            if c.dep_ == "compound" and c.lemma_.lower() in {"death", "casualty"}
        ]
        if not compound:
            obj = _of_object(noun)
            if obj is not None:
                return _from_noun(obj, anchor)
            return Counted(noun.text, noun.lemma_.lower(), None, elliptical=True, level=True)
    key = _qualified_key(noun)
    phrase = _phrase(noun)
    if (
        noun.lemma_.lower() in PERSON_NOUNS
        or noun.text.lower() in PERSON_NOUNS
        or key in COUNT_KINDS
    ):
        casualty = _casualty_of(noun)
        if casualty is not None:
            # The casualty is the predicate: "44 of the dead have been identified" is not a count
            # of deaths in the same sense as "52 were killed".
            return Counted(f"{phrase} {casualty[1]}", casualty[0], casualty[0])
    if key in _CASUALTY_VALUES:
        return Counted(
            phrase, key, key
        )  # "the death toll", "52 fatalities": the noun says what happened
    return Counted(phrase, key, _predicate(noun))


_CASUALTY_VALUES = frozenset(CASUALTY_KEYS.values())


def _prep_object(token: Token, preps: set[str]) -> Token | None:
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in preps:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.pos_ in _NOUN_POS:
                    return grandchild
    return None


def _of_object(token: Token) -> Token | None:
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.pos_ in _NOUN_POS | {"ADJ", "PRON"}:
                    return grandchild
    return None


def _subject(verb: Token) -> Token | None:
    subjects = [
        c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ in _NOUN_POS
    ]
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ in _NOUN_POS]
    if verb.lemma_.lower() in _OBJECT_FIRST and objects:
        return objects[0]  # "the agency put the death toll at 40"
    before = [s for s in subjects if s.i < verb.i]
    if before:
        return before[-1]  # the subject nearest the verb (not a dateline the parser attached)
    remaining = subjects or objects
    return remaining[0] if remaining else None


def _clause_subject(token: Token) -> Token | None:
    """The subject of the clause holding ``token`` (following coordinated verbs to their head)."""
    node = token
    for _ in range(8):
        if node.pos_ in {"VERB", "AUX"}:
            subjects = [
                c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ in _NOUN_POS
            ]
            if subjects:
                return subjects[0]
            if node.dep_ != "conj":
                return None
        if node.head is node:
            return None
        node = node.head
    return None


def _anchor(doc: Doc, q: Quantity) -> Token | None:
    end = q.end if q.alternative is None else q.text.find("(") + q.start
    span = doc.char_span(q.num_start, max(end, q.num_end), alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def _is_countable_anchor(anchor: Token) -> bool:
    lemma = anchor.lemma_.lower()
    return (
        anchor.pos_ in _NOUN_POS
        and lemma not in UNIT_WORD_LEMMAS
        and lemma not in _NUMBER_NOUNS
        and anchor.lower_ not in _NUMBER_NOUNS
        and not anchor.like_num
        and anchor.text.isalpha()
    )


def counted_thing(doc: Doc, q: Quantity) -> Counted | None:
    """What ``q`` counts, read from the parse; ``None`` when the sentence does not say.

    Example:
        >>> # "52 people were killed" -> Counted("people killed", "deaths")
    """
    anchor = _anchor(doc, q)
    if anchor is None:
        return None
    obj = _of_object(anchor)
    # "billions of dollars in dividends", "tens of millions of people": look past units and
    # number words to the thing itself.
    for _ in range(2):
        if obj is None or (
            obj.lemma_.lower() not in UNIT_WORD_LEMMAS and obj.lower_ not in _NUMBER_NOUNS
        ):
            break
        obj = _of_object(obj) or _prep_object(obj, {"in", "for", "on"})
    if (
        obj is not None
        and obj.pos_ in _NOUN_POS | {"ADJ"}
        and obj.lemma_.lower() not in UNIT_WORD_LEMMAS
    ):
        counted = _from_noun(obj, anchor)
        verb = _predicate(anchor)
        if (
            counted.predicate in _CASUALTY_VALUES
            and verb
            and verb not in _LEVEL_VERBS
            and verb not in CASUALTY_KEYS
        ):
            # "44 of the dead have been identified" counts identifications, not deaths
            return Counted(counted.phrase, counted.key, verb)
        return counted
    head = anchor.head
    if anchor.dep_ in _MODIFIER_DEPS and head is not anchor and head.pos_ in _NOUN_POS | {"ADJ"}:
        if head.pos_ == "ADJ" and head.lemma_.lower() in CASUALTY_KEYS:
            return Counted(head.text, CASUALTY_KEYS[head.lemma_.lower()])
        if head.pos_ in _NOUN_POS:
            obj = _of_object(head) if head.lemma_.lower() in {"total", "number", "toll"} else None
            return _from_noun(obj if obj is not None else head, anchor)
    if _is_countable_anchor(anchor):
        return _from_noun(anchor, anchor)
    money = figure_kind(q.unit, None) == "money"
    measured = q.unit is not None and figure_kind(q.unit, None) not in {
        "money",
        "percentage",
        "fraction",
        "count",
    }
    if anchor.dep_ == "pobj" and head.dep_ in {"prep", "agent"}:
        governor = head.head
        if governor.pos_ in _NOUN_POS and head.lower_ in {"of", "at"}:
            return _from_noun(governor, anchor)  # "a death toll of 52"
        if governor.pos_ in {"VERB", "AUX"} and governor.lemma_.lower() in _LEVEL_VERBS:
            subject = _subject(governor)
            if subject is not None:
                return _from_noun(subject, anchor, measured)  # "the toll rose to 61"
        if governor.pos_ == "VERB" and (money or q.unit in {"percent", "fraction"}):
            lemma = governor.lemma_.lower()
            return Counted(governor.text, lemma, lemma)  # "asked for 9%"
    if anchor.dep_ in {"dobj", "nsubj", "nsubjpass", "attr"} and head.pos_ in {"VERB", "AUX"}:
        lemma = head.lemma_.lower()
        if lemma in CASUALTY_KEYS:
            return Counted(head.text, CASUALTY_KEYS[lemma])  # "killing 12", "12 died"
        if anchor.dep_ == "attr" or lemma in _LEVEL_VERBS:
            subject = _subject(head)
            if subject is not None and subject is not anchor:
                return _from_noun(subject, anchor)  # "the toll is 52", "cases totalled 300"
        if money or q.unit in {"percent", "fraction"}:
            return Counted(head.text, head.lemma_.lower(), head.lemma_.lower())  # "spent $5bn"
        if q.unit is None and anchor.dep_ in {"nsubj", "nsubjpass", "dobj"}:
            return Counted(
                "", "", _predicate(anchor), elliptical=True
            )  # "fewer than 900 walked out"
    if anchor.dep_ == "appos" and head.pos_ in _NOUN_POS:
        return _from_noun(head, anchor)
    kind = figure_kind(q.unit, None)
    if kind == "duration":
        subject = _clause_subject(anchor)
        return (
            _from_noun(subject, anchor) if subject is not None else None
        )  # "the strike is due to last 72 hours"
    if (
        measured
        and anchor.dep_ in {"dobj", "npadvmod"}
        and head.pos_ == "VERB"
        and head.lemma_.lower() in _LEVEL_VERBS
    ):
        subject = _subject(head)
        if subject is not None:
            return _from_noun(
                subject, anchor, measured=True
            )  # "the water level dropped two metres"
    if q.unit is not None and kind not in {"money", "percentage", "fraction", "count"}:
        # A bare measure ("dropped almost two metres", "two miles northeast of the town"): the
        # dimension and the verb say what it is.
        return Counted(anchor.text, kind, _predicate(anchor))
    if q.unit is None and anchor.lower_ in _NUMBER_NOUNS:
        return Counted("", "", _predicate(anchor), elliptical=True)  # "the dozen it reported"
    return None
