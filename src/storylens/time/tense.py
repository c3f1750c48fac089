"""The tense of the verb that governs a time expression, from spaCy's fine-grained tags.

"on Saturday" in "the dam burst on Saturday" is the Saturday before publication; in "the
minister will visit on Saturday" it is the next one. The governing verb is the first verb or
auxiliary up the dependency tree from the expression; its tag and auxiliaries give the tense.
Without a parse, a cheap cue-word reading of the sentence is used instead.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["tense_from_doc", "tense_from_text"]

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "ll"})
_PAST_AUX = frozenset({"was", "were", "had", "did"})
_PERFECT = frozenset({"has", "have", "'ve", "'s"})
_FUTURE_HEADS = frozenset(
    {"plan", "expect", "schedule", "due", "set", "hope", "intend", "aim", "want", "go"}
)
_FUTURE_CUES = re.compile(
    r"\b(?:will|'ll|shall|is going to|are going to|plans? to|is expected to|are expected to|"
    r"(?:is|are) (?:due|scheduled|set) to|upcoming|next)\b",
    re.IGNORECASE,
)
#: Characters before an expression searched for a future-in-the-past cue.
FUTURE_WINDOW = 60
_FUTURE_NEAR = re.compile(
    r"\b(?:will|would|'ll|shall|due to|scheduled to|set to|expected to|planned to|plans to|"
    r"supposed to|going to)\b",
    re.IGNORECASE,
)
_PAST_CUES = re.compile(r"\b(?:was|were|had|did|said|\w{3,}ed)\b", re.IGNORECASE)


def _verb_of(token: Token) -> Token | None:
    for _ in range(8):
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _tense_of_verb(verb: Token) -> str | None:
    aux = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    words = {c.lower_ for c in aux}
    if words & _FUTURE_AUX or verb.lower_ in _FUTURE_AUX:
        return "future"
    if any(c.lower_ in {"going"} for c in aux) or (
        verb.tag_ == "VBG" and words & {"is", "are", "am", "'re", "'s"}
    ):
        return "future"
    if verb.tag_ == "VBD" or words & _PAST_AUX or verb.lower_ in _PAST_AUX:
        return "past"
    if verb.tag_ == "VBN" and words & _PERFECT:
        return "past"
    if verb.tag_ == "VB" and "to" in words:
        head = verb.head
        if head is not verb and head.lemma_.lower() in _FUTURE_HEADS:
            return "future"
        if head is not verb and head.tag_ == "VBD":
            return "past"
    if verb.tag_ == "VBN" and verb.dep_ in {"acl", "relcl"}:
        return "past"
    if verb.tag_ in {"VBZ", "VBP"}:
        return "present"
    return None


def tense_from_doc(doc: Doc, start: int, end: int, text: str | None = None) -> str | None:
    """``past``, ``present``, ``future`` or None for the verb governing ``doc.text[start:end]``.

    ``text`` (optional) is the text ``doc`` parsed: slicing it is much cheaper than a span's
    ``.text``, which builds a Python object for each of the sentence's tokens.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verb = _verb_of(span.root)
    if verb is None:
        verb = _verb_of(span.sent.root)
    tense = _tense_of_verb(verb) if verb is not None else None
    # Future-in-the-past ("said it would test ... on Friday", "had been due to last until
    # Thursday") points after publication; the parser often misses it, the words do not.
    sentence = span.sent
    # Sentence text, not doc.text: spaCy rebuilds doc.text from every token on each access.
    if text is not None:
        before = text[max(sentence.start_char, start - FUTURE_WINDOW) : start]
    else:
        before = sentence.text[
            max(0, start - FUTURE_WINDOW - sentence.start_char) : start - sentence.start_char
        ]
    before = re.split(r"[,;:\"“”]", before)[-1]  # the cue must be in the expression's own clause
    if re.search(r"\bsince\s*$", before, re.IGNORECASE):
        return "past"
    if tense != "future" and _FUTURE_NEAR.search(before):
        return "future"
    return tense


def tense_from_text(sentence: str) -> str | None:
    """A cue-word guess of a sentence's tense, for text without a parse."""
    if _FUTURE_CUES.search(sentence):
        return "future"
    if _PAST_CUES.search(sentence):
        return "past"
    return None
