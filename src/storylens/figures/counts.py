"""What a quantity counts: the noun phrase from spaCy's dependency parse, and a normalised key.

The key is the lemma of the counted noun with synonyms folded (dead / killed / deaths / fatalities
/ death toll -> ``deaths``), so that "52 killed" and "a death toll of 52" can be compared. Generic
person nouns take their key from what happened to them: "40 people were killed" counts ``deaths``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from storylens.figures.lexicon import (
    CASUALTY_KEYS,
    COUNT_KINDS,
    PERSON_NOUNS,
    SYNONYMS,
    UNIT_DIMENSIONS,
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
    ]
)
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_MODIFIER_DEPS = frozenset({"nummod", "quantmod", "amod", "compound", "nmod", "npadvmod", "det"})


@dataclass(frozen=True, slots=True)
class Counted:
    """The counted thing: ``phrase`` as written, ``key`` normalised for comparison."""

    phrase: str
    key: str


def normalise_key(word: str) -> str:
    """Fold a lemma to its comparison key ("fatality" -> "deaths", "village" -> "settlements")."""
    word = word.lower().strip()
    if word in CASUALTY_KEYS:
        return CASUALTY_KEYS[word]
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
        if t.dep_ in {"amod", "compound"} and not t.like_num and t.pos_ != "NUM" and t.ent_type_ not in {"CARDINAL", "MONEY", "QUANTITY", "PERCENT"}
    ]  # fmt: skip
    return " ".join([*(t.text for t in words), noun.text])


def _qualified_key(noun: Token) -> str:
    """The key, with a nationality qualifier kept ("russian soldiers" is not "ukrainian soldiers")."""
    for child in noun.lefts:
        if child.dep_ == "compound" and child.lemma_.lower() in {"death", "casualty"}:
            return "deaths" if child.lemma_.lower() == "death" else "casualties"
    key = normalise_key(noun.lemma_ if noun.pos_ in _NOUN_POS else noun.text)
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
    if noun.dep_ == "nsubj" and head.lemma_ == "be":
        for child in head.children:
            if child.dep_ in {"acomp", "attr"} and child.lemma_.lower() in CASUALTY_KEYS:
                return CASUALTY_KEYS[child.lemma_.lower()], child.text
    if noun.dep_ in {"dobj", "nsubjpass"} and head.lemma_ == "leave":
        for child in head.children:
            if child.dep_ in {"oprd", "acomp", "xcomp"} and child.lemma_.lower() in CASUALTY_KEYS:
                return CASUALTY_KEYS[child.lemma_.lower()], child.text
    return None


def _from_noun(noun: Token) -> Counted:
    key = _qualified_key(noun)
    phrase = _phrase(noun)
    if (
        noun.lemma_.lower() in PERSON_NOUNS
        or noun.text.lower() in PERSON_NOUNS
        or key in COUNT_KINDS
    ):
        casualty = _casualty_of(noun)
        if casualty is not None:
            return Counted(f"{phrase} {casualty[1]}", casualty[0])
    return Counted(phrase, key)


def _of_object(token: Token) -> Token | None:
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.pos_ in _NOUN_POS | {"ADJ", "PRON"}:
                    return grandchild
    return None


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"} and child.pos_ in _NOUN_POS:
            return child
    for child in verb.children:
        if child.dep_ == "dobj" and child.pos_ in _NOUN_POS:  # "put the toll at 52"
            return child
    return None


def _anchor(doc: Doc, q: Quantity) -> Token | None:
    end = q.end if q.alternative is None else q.text.find("(") + q.start
    span = doc.char_span(q.num_start, max(end, q.num_end), alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def counted_thing(doc: Doc, q: Quantity) -> Counted | None:
    """What ``q`` counts, read from the parse; ``None`` when the sentence does not say.

    Example:
        >>> # "52 people were killed" -> Counted("people killed", "deaths")
    """
    anchor = _anchor(doc, q)
    if anchor is None:
        return None
    obj = _of_object(anchor)
    if obj is not None and obj.pos_ in _NOUN_POS | {"ADJ"}:
        return _from_noun(obj)
    head = anchor.head
    if anchor.dep_ in _MODIFIER_DEPS and head is not anchor and head.pos_ in _NOUN_POS | {"ADJ"}:
        if head.pos_ == "ADJ" and head.lemma_.lower() in CASUALTY_KEYS:
            return Counted(head.text, CASUALTY_KEYS[head.lemma_.lower()])
        if head.pos_ in _NOUN_POS:
            obj = _of_object(head) if head.lemma_.lower() in {"total", "number", "toll"} else None
            return _from_noun(obj if obj is not None else head)
    if (
        anchor.pos_ in _NOUN_POS
        and anchor.lemma_.lower() not in UNIT_WORD_LEMMAS
        and not anchor.like_num
    ):
        return _from_noun(anchor)
    if anchor.dep_ == "pobj" and head.dep_ == "prep":
        governor = head.head
        if governor.pos_ in _NOUN_POS and head.lower_ in {"of", "at"}:
            return _from_noun(governor)  # "a death toll of 52"
        if governor.pos_ in {"VERB", "AUX"} and governor.lemma_.lower() in _LEVEL_VERBS:
            subject = _subject(governor)
            if subject is not None:
                return _from_noun(subject)  # "the toll rose to 61"
    if anchor.dep_ in {"dobj", "nsubj", "nsubjpass", "attr"} and head.pos_ in {"VERB", "AUX"}:
        lemma = head.lemma_.lower()
        if lemma in CASUALTY_KEYS:
            return Counted(head.text, CASUALTY_KEYS[lemma])  # "killing 12", "12 died"
        if anchor.dep_ == "attr" or lemma in _LEVEL_VERBS:
            subject = _subject(head)
            if subject is not None and subject is not anchor:
                return _from_noun(subject)  # "the toll is 52", "cases totalled 300"
        if q.unit is not None and q.unit.isupper():
            return Counted(head.text, head.lemma_.lower())  # "spent $5bn"
    if anchor.dep_ == "appos" and head.pos_ in _NOUN_POS:
        return _from_noun(head)
    if q.unit is not None and figure_kind(q.unit, None) not in {
        "money",
        "percentage",
        "fraction",
        "count",
    }:
        return Counted(anchor.text, normalise_key(anchor.lemma_))  # a bare measure: "5,000 barrels"
    return None


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
    ]
)
