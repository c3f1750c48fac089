"""What the aligner knows about a sentence: spelling-robust tokens, stems, names, numbers, shape.

Copies that went through a spinner or a round trip through another language keep surprisingly
little vocabulary but a lot of structure: the numbers, the order and number of words, the function
words around the swapped ones, and names that are spelled differently but sound alike. These
features capture exactly that, with no model and no lookup table of synonyms:

- ``stems``: Snowball stems of the content words (``reported`` and ``reports`` meet; PyStemmer).
- ``skeleton``: the sentence with every content word replaced by ``_`` and numbers by ``#``; a
  spinner swaps words but keeps this shape.
- ``names``: capitalised words with a consonant key (``Kyiv``/``Kiev`` -> ``kv``,
  ``Mykolaiv``/``Mikolajiv`` -> ``mklv``) so that transliterations and mangled names meet.
- ``keys``: the blocking keys that propose candidate partners cheaply.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import Stemmer
from anyascii import anyascii
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storylens.memo import pack_words

__all__ = [
    "SentenceFeatures",
    "consonant_key",
    "fold",
    "pack_features",
    "quoted_shares",
    "sentence_features",
    "unpack_features",
]

_WORD = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_STEMMER = Stemmer.Stemmer("english")  # PyStemmer: the Snowball English stemmer, in C
#: Function words: the shape a spinner leaves alone. Reporting verbs count as content words.
FUNCTION_WORDS = frozenset(ENGLISH_STOP_WORDS) | {"s", "t", "said", "says"}


@lru_cache(maxsize=200_000)
def fold(token: str) -> str:
    """Lower-case ASCII form (``Kijów`` -> ``kijow``) so that diacritics never block a match."""
    return anyascii(token).lower()


@lru_cache(maxsize=200_000)
def _stem(token: str) -> str:
    return str(_STEMMER.stemWord(token))


_DIGRAPHS = (("ph", "f"), ("zh", "j"), ("kh", "h"), ("ch", "c"), ("sh", "s"), ("ts", "c"), ("ck", "k"))
_CONSONANT_CLASS = str.maketrans({"c": "k", "q": "k", "z": "s", "w": "v", "x": "ks"})


@lru_cache(maxsize=200_000)
def consonant_key(folded: str) -> str:
    """A spelling-insensitive key: consonants only, in sound classes, repeats collapsed.

    Vowels, ``y``, ``j`` and ``h`` are what transliteration changes most (Mykolaiv, Mikolajiv,
    Nikolaev -> ``mklv`` for the first two), so they are dropped.
    """
    for digraph, repl in _DIGRAPHS:
        folded = folded.replace(digraph, repl)
    folded = folded.translate(_CONSONANT_CLASS)
    out: list[str] = []
    for ch in folded:
        if ch in "aeiouyjh" or not ch.isalpha():
            continue
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class SentenceFeatures:
    """One sentence as the aligner sees it."""

    article_id: str
    index: int
    text: str
    folded: str
    tokens: tuple[str, ...]
    stems: frozenset[str]
    skeleton: tuple[str, ...]
    numbers: frozenset[str]
    names: tuple[str, ...]
    keys: tuple[str, ...]
    quoted: float = 0.0

    @property
    def size(self) -> int:
        """Number of word tokens."""
        return len(self.tokens)


_OPENING = "\u201c\u00ab\u201e"
_CLOSING = "\u201d\u00bb"


def quoted_shares(sentences: Sequence[tuple[str, int]]) -> list[float]:
    """Share of each sentence's characters inside quotation marks.

    ``sentences`` are (text, paragraph index) in article order. A quote may run over several
    sentences of a paragraph ("... questions," he said. "Why did you ...? Why ...?"), so the
    open/closed state carries over within a paragraph; straight double quotes toggle it.
    Independent reports quote the same speech word for word, so quoted text is weak evidence of
    copying: the aligner discounts it.
    """
    shares: list[float] = []
    inside = False
    paragraph = None
    for text, para in sentences:
        if para != paragraph:
            inside, paragraph = False, para
        quoted = 0
        for ch in text:
            if ch in _OPENING:
                inside = True
            elif ch in _CLOSING:
                inside = False
                quoted += 1
            elif ch == '"':
                inside = not inside
                quoted += 1
            if inside:
                quoted += 1
        shares.append(min(1.0, quoted / max(1, len(text))))
    return shares


def sentence_features(
    article_id: str, index: int, text: str, quoted: float = 0.0
) -> SentenceFeatures:
    """Compute the features of one sentence.

    Example:
        >>> f = sentence_features("a", 0, "Officials in Kyiv said 12 people died.")
        >>> sorted(f.numbers), f.names
        (['12'], ('kyiv',))
    """
    raw = _WORD.findall(text)
    tokens: list[str] = []
    skeleton: list[str] = []
    stems: set[str] = set()
    numbers: set[str] = set()
    names: list[str] = []
    keys: set[str] = set()
    for position, token in enumerate(raw):
        folded = fold(token)
        tokens.append(folded)
        if token[0].isdigit():
            number = token.replace(",", "").rstrip(".")
            numbers.add(number)
            skeleton.append("#")
            keys.add("n:" + number)
            continue
        if folded in FUNCTION_WORDS:
            skeleton.append(folded)
            continue
        skeleton.append("_")
        stem = _stem(folded)
        stems.add(stem)
        if len(stem) > 2:
            keys.add("w:" + stem)
        if token[0].isupper() and (position > 0 or token.isupper()):
            names.append(folded)
            key = consonant_key(folded)
            if len(key) >= 2:
                keys.add("k:" + key)
    return SentenceFeatures(
        article_id=article_id,
        index=index,
        text=text,
        folded=" ".join(tokens),
        tokens=tuple(tokens),
        stems=frozenset(stems),
        skeleton=tuple(skeleton),
        numbers=frozenset(numbers),
        names=tuple(dict.fromkeys(names)),
        keys=tuple(keys),
        quoted=quoted,
    )


def pack_features(features: Sequence[SentenceFeatures]) -> list[list[Any]]:
    """An article's sentence features as plain JSON rows (kept in the store, ``memo.py``).

    Positional rows, not the generic dataclass encoding: a grown story reads back thousands of
    sentences, and building them from rows costs a fraction of decoding keyed objects. Each
    list of words is one space-joined string (see :func:`_flat`): re-briefing a 568-article
    story decoded 1.5 million small JSON strings, where splitting 170,000 strings in C costs a
    fraction. ``folded`` is the tokens joined and ``article_id`` the memo's own key, so
    neither is stored.
    """
    return [
        [f.index, f.text, pack_words(f.tokens), pack_words(sorted(f.stems)), pack_words(f.skeleton),
         pack_words(sorted(f.numbers)), pack_words(f.names), pack_words(f.keys), f.quoted]
        for f in features
    ]


def unpack_features(article_id: str, rows: Sequence[Sequence[Any]]) -> tuple[SentenceFeatures, ...]:
    """The inverse of :func:`pack_features` (a word field is a list, or a string to split:
    tested inline, as a call per field cost more than the splitting)."""
    return tuple(
        SentenceFeatures(
            article_id, index, text,
            tokens if tokens.__class__ is str else " ".join(tokens),
            tuple(tokens.split(" ") if tokens.__class__ is str else tokens),
            frozenset(stems.split(" ") if stems.__class__ is str else stems),
            tuple(skeleton.split(" ") if skeleton.__class__ is str else skeleton),
            frozenset(numbers.split(" ") if numbers.__class__ is str else numbers),
            tuple(names.split(" ") if names.__class__ is str else names),
            tuple(keys.split(" ") if keys.__class__ is str else keys),
            quoted)
        for index, text, tokens, stems, skeleton, numbers, names, keys, quoted in rows
    )
