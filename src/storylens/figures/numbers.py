"""A light tokenizer with character offsets and the number grammar (digits and words).

The extractor works on these tokens rather than on spaCy's: spaCy splits "5.3bn" and "120-kilometre"
in ways that change between model versions, while a regex tokenizer with offsets is exact, fast and
keeps adjacency ("US$5" vs "US $5") visible, which is what the number grammar needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from storylens.figures.lexicon import (
    FRACTIONS,
    NUMBER_WORDS,
    SCALE_ABBREVIATIONS,
    SCALES,
    VAGUE_PLURALS,
)

__all__ = ["START_WORDS", "NumberMatch", "Token", "number_starts", "parse_number", "tokenize"]

_TOKEN = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|[^\W\d_]+|[^\s\w]|_", re.UNICODE)


class Token(NamedTuple):
    """A word, a digit run or a symbol, with its offsets in the source text (a named tuple:
    an article has thousands, and a frozen dataclass took three times as long to build)."""

    text: str
    start: int
    end: int
    lower: str = ""  # the text in lower case (filled by ``tokenize``; read on every rule)
    is_digit: bool = False  # a digit run ("1,200.5")


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens with offsets ("5.3bn" -> "5.3", "bn")."""
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        out.append(Token(word, m.start(), m.end(), word.lower(), word[0].isdigit()))
    return out


#: Words that can start a number ("a"/"an" only before a number word: see ``number_starts``).
START_WORDS = frozenset(
    {*NUMBER_WORDS, *SCALES, *VAGUE_PLURALS, *FRACTIONS, "several", "few", "one"}
)
_AFTER_ARTICLE = frozenset({"dozen", "few", *SCALES, *FRACTIONS})


def number_starts(tokens: list[Token]) -> list[int]:
    """Indices of tokens where a number may begin; the extractor looks only around these."""
    out: list[int] = []
    for i, token in enumerate(tokens):
        if (
            token.is_digit
            or token.lower in START_WORDS
            or (
                token.lower in {"a", "an"}
                and i + 1 < len(tokens)
                and tokens[i + 1].lower in _AFTER_ARTICLE
            )
        ):
            out.append(i)
    return out


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A number read from tokens ``[first, last)``.

    ``kind`` is ``digits``, ``words``, ``vague`` ("dozens", "tens of thousands": ``value`` is the
    lower bound) or ``fraction`` ("half", "two-thirds").
    """

    value: float
    first: int
    last: int
    kind: str
    scaled: bool = False
    factor: float = 1.0


def adjacent(tokens: list[Token], i: int) -> bool:
    """Whether token ``i`` touches token ``i - 1`` (no space between)."""
    return 0 < i < len(tokens) and tokens[i - 1].end == tokens[i].start


def _scale_after(tokens: list[Token], i: int) -> tuple[float, int]:
    """A scale word or glued abbreviation at ``i``: (factor, next index); (1, i) if none."""
    if i >= len(tokens):
        return 1.0, i
    word = tokens[i].lower
    if word in SCALES and word != "hundred":
        return SCALES[word], i + 1
    if word == "hundred":
        factor, nxt = _scale_after(tokens, i + 1)
        return 100.0 * factor, nxt
    glued = adjacent(tokens, i)
    if glued and word in SCALE_ABBREVIATIONS:
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if following is None or following.start > tokens[i].end or not following.text.isalpha():
            return SCALE_ABBREVIATIONS[word], i + 1
    return 1.0, i


def _digits(tokens: list[Token], i: int) -> NumberMatch | None:
    value = float(tokens[i].text.replace(",", ""))
    factor, nxt = _scale_after(tokens, i + 1)
    # "one and a half million" is rare; "2.5 million" and "$5bn" are the common shapes.
    return NumberMatch(value * factor, i, nxt, "digits", scaled=factor != 1.0, factor=factor)


def _word_value(tokens: list[Token], i: int) -> tuple[float, int] | None:
    """Compound number words: "twenty-five", "three hundred and fifty", "a dozen", "two million"."""
    total = 0.0
    current = 0.0
    j = i
    seen = False
    last_word: float | None = None  # the previous plain number word, to stop at "two three"
    if tokens[j].lower in {"a", "an"}:
        if j + 1 < len(tokens) and tokens[j + 1].lower in {"dozen", *SCALES}:
            current = 1.0
            j += 1
        else:
            return None
    while j < len(tokens):
        word = tokens[j].lower
        if word in NUMBER_WORDS and word != "dozen":
            if last_word is not None and (last_word < 20 or NUMBER_WORDS[word] >= 10):
                break
            current += NUMBER_WORDS[word]
            last_word = NUMBER_WORDS[word]
            seen = True
            j += 1
            continue
        elif word == "dozen":
            current = (current or 1.0) * 12
        elif word == "hundred":
            current = (current or 1.0) * 100
        elif word in SCALES:
            total += (current or 1.0) * SCALES[word]
            current = 0.0
        elif word == "-" and seen and adjacent(tokens, j) and j + 1 < len(tokens):
            if not (adjacent(tokens, j + 1) and tokens[j + 1].lower in NUMBER_WORDS):
                break
        elif word == "and" and seen and j + 1 < len(tokens) and tokens[j + 1].lower in NUMBER_WORDS:
            if not current or current % 100:
                break
        else:
            break
        if word != "-":
            last_word = None
        seen = True
        j += 1
    if not seen:
        return None
    return total + current, j


def _vague(tokens: list[Token], i: int) -> NumberMatch | None:
    """ "dozens", "hundreds of thousands", "several hundred", "a few thousand"."""
    word = tokens[i].lower
    if word in {"several", "few"} or (
        word == "a" and i + 1 < len(tokens) and tokens[i + 1].lower == "few"
    ):
        j = i + (2 if word == "a" else 1)
        lead = 3.0 if word == "several" else 2.0
        if j < len(tokens) and tokens[j].lower in {"dozen", "hundred", *SCALES}:
            base = 12.0 if tokens[j].lower == "dozen" else SCALES[tokens[j].lower]
            return NumberMatch(lead * base, i, j + 1, "vague")
        return None
    if word not in VAGUE_PLURALS:
        return None
    value = VAGUE_PLURALS[word]
    j = i + 1
    if word == "tens" or (j + 1 < len(tokens) and tokens[j].lower == "of"):
        if (
            j + 1 < len(tokens)
            and tokens[j].lower == "of"
            and tokens[j + 1].lower
            in {
                "thousands",
                "millions",
                "billions",
            }
        ):
            value = VAGUE_PLURALS[word] * VAGUE_PLURALS[tokens[j + 1].lower] / 2
            if word == "tens":
                value = 10 * VAGUE_PLURALS[tokens[j + 1].lower]
            return NumberMatch(value, i, j + 2, "vague")
        if word == "tens":
            return None
    return NumberMatch(value, i, j, "vague")


def _fraction(tokens: list[Token], i: int) -> NumberMatch | None:
    """ "half", "a third", "two-thirds", "three quarters"; scaled by a following "a million"."""
    word = tokens[i].lower
    j = i
    numerator = 1.0
    if word in {"a", "one"} and i + 1 < len(tokens) and tokens[i + 1].lower in FRACTIONS:
        j = i + 1
    elif word in NUMBER_WORDS and i + 2 < len(tokens) and tokens[i + 1].text == "-":
        plural = tokens[i + 2].lower.endswith("s")
        if (
            tokens[i + 2].lower in FRACTIONS
            and (plural or word == "one")
            and tokens[i + 2].lower != "second"
        ):
            numerator = NUMBER_WORDS[word]
            j = i + 2
        else:
            return None
    elif (
        word in NUMBER_WORDS
        and i + 1 < len(tokens)
        and tokens[i + 1].lower in {"thirds", "quarters", "fifths"}
    ):
        numerator = NUMBER_WORDS[word]
        j = i + 1
    elif word != "half":
        return None
    frac = tokens[j].lower
    if frac not in FRACTIONS or (frac != "half" and j == i):
        return None
    value = numerator * FRACTIONS[frac]
    nxt = j + 1
    if (
        nxt + 1 < len(tokens)
        and tokens[nxt].lower in {"a", "an"}
        and tokens[nxt + 1].lower in SCALES
    ):
        return NumberMatch(value * SCALES[tokens[nxt + 1].lower], i, nxt + 2, "words", scaled=True)
    return NumberMatch(value, i, nxt, "fraction")


def parse_number(tokens: list[Token], i: int) -> NumberMatch | None:
    """The number starting at token ``i``, if any.

    Example:
        >>> toks = tokenize("tens of thousands fled")
        >>> parse_number(toks, 0).value
        20000.0
    """
    token = tokens[i]
    if token.is_digit:
        return _digits(tokens, i)
    word = token.lower
    found = _fraction(tokens, i) or _vague(tokens, i)
    if found is not None:
        return found
    if word in NUMBER_WORDS or word in {"a", "an"}:
        read = _word_value(tokens, i)
        if read is not None:
            value, j = read
            return NumberMatch(
                value, i, j, "words", scaled=any(tokens[k].lower in SCALES for k in range(i, j))
            )
    return None
