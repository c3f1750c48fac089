"""Derived versions of an article, made the way copiers, spinners and round-trip translators do.

The provenance benchmark builds its derivation set at run time from real articles with these
transformations (a fixed seed makes it reproducible; no derived third-party text is ever stored).
Each transformation says which link kind it should produce:

============  ==========================================================  ===========
name          what it does                                                gold kind
============  ==========================================================  ===========
verbatim      the same sentences                                          copies
trim          the first 40-70% of the sentences                           copies
reorder       blocks of 2-3 sentences moved around                        copies
drop          30-40% of the sentences dropped                             copies
edit          12% of the words swapped, a sentence dropped, a new lead    copies
partial       4-6 consecutive sentences inside another article            copies
spin          60% of content words swapped, 40% of function words         copies
spin-heavy    75% / 50% swapped, sentences dropped, blocks reordered      copies
mangle        round trip: names respelled 3 ways, 50% / 50% swapped       copies
rewrite       clauses moved, 30% swapped, 20% dropped, own sentences      rewrites
translate     as rewrite, each name respelled one consistent way          translates
============  ==========================================================  ===========

Machine-spun and round-tripped articles are copies (nothing of their own, each sentence keeps its
shape); rewrites and translations restructure sentences.

Function words are swapped from a small table of the paraphrases spinners and round trips through
another language produce ("the" -> "this" or nothing, "said" -> "stated"). Swapped content words are drawn from the vocabulary of other articles with the same ending (``-ing``,
``-ed``, ``-ly``, ...), not from a synonym list: a spinner's "odd synonyms" are often barely
related, and a detector that only knows synonyms must not get credit it would not get on real
spun text. The detector never sees this vocabulary.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from storylens.provenance.features import FUNCTION_WORDS

__all__ = ["GOLD_KIND", "TRANSFORMS", "Derived", "SwapVocabulary", "derive", "mangle_name"]

GOLD_KIND: dict[str, str] = {
    "verbatim": "copies",
    "trim": "copies",
    "reorder": "copies",
    "drop": "copies",
    "edit": "copies",
    "partial": "copies",
    "spin": "copies",
    "spin-heavy": "copies",
    "mangle": "copies",
    "rewrite": "rewrites",
    "translate": "translates",
}
TRANSFORMS: tuple[str, ...] = tuple(GOLD_KIND)

_TOKEN = re.compile(r"[A-Za-z][a-z']+|\S+|\s+")
_ENDINGS = ("ing", "ed", "ly", "tion", "es", "s")


def _ending(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending):
            return ending
    return ""


class SwapVocabulary:
    """Lower-case content words grouped by ending, to draw "odd synonyms" from."""

    def __init__(self, texts: Sequence[str]) -> None:
        buckets: dict[str, set[str]] = {}
        for text in texts:
            for word in re.findall(r"\b[a-z]{4,}\b", text):
                if word not in FUNCTION_WORDS:
                    buckets.setdefault(_ending(word), set()).add(word)
        self.buckets = {k: sorted(v) for k, v in buckets.items()}

    def swap(self, word: str, rng: random.Random) -> str:
        """A different word with the same ending (the word itself if none)."""
        bucket = self.buckets.get(_ending(word.lower())) or self.buckets.get("") or [word]
        choice = rng.choice(bucket)
        return choice.capitalize() if word[0].isupper() else choice


_RESPELL = (
    ("y", "i"), ("i", "y"), ("k", "c"), ("c", "k"), ("v", "w"), ("w", "v"), ("ph", "f"),
    ("j", "y"), ("ss", "s"), ("sh", "sch"), ("ch", "tch"), ("e", "ie"), ("ou", "u"), ("o", "a"),
    ("ia", "iya"), ("ck", "k"), ("t", "th"), ("a", "o"), ("z", "s"), ("s", "z"),
)


def mangle_name(name: str, rng: random.Random) -> str:
    """A transliteration-like respelling: one or two letter rules applied (``Kyiv`` -> ``Kiiv``)."""
    lowered = name.lower()
    rules = [r for r in _RESPELL if r[0] in lowered[1:]]
    rng.shuffle(rules)
    out = lowered
    for old, new in rules[: rng.choice((1, 2))]:
        at = [m.start() for m in re.finditer(re.escape(old), out) if m.start() > 0]
        if at:
            position = rng.choice(at)
            out = out[:position] + new + out[position + len(old):]
    if out == lowered and len(out) > 3:
        out = out + "a" if not out.endswith("a") else out[:-1]
    return out[0].upper() + out[1:]


#: Function-word paraphrases a spinner or a translation back into English produces.
_FUNCTION_SWAPS: dict[str, tuple[str, ...]] = {
    "the": ("a", "this", "that", ""), "a": ("one", "the", "some"), "of": ("from", "for", "about"),
    "in": ("within", "at", "inside"), "to": ("towards", "for", "so as to"), "on": ("upon", "over"),
    "and": ("as well as", "plus", "along with"), "was": ("had been", "became", "is"),
    "were": ("had been", "are"), "is": ("remains", "was", "becomes"), "has": ("had", "holds"),
    "for": ("to", "towards", "regarding"), "with": ("alongside", "together with", "using"),
    "said": ("stated", "declared", "mentioned"), "by": ("through", "via"), "at": ("in", "near"),
    "but": ("however", "yet"), "that": ("which", "the fact that"), "from": ("out of", "of"),
    "after": ("following", "once"), "because": ("since", "as"), "about": ("regarding", "around"),
}


def _swap_words(
    sentence: str, share: float, vocab: SwapVocabulary, rng: random.Random,
    function_share: float = 0.0,
) -> str:
    parts = _TOKEN.findall(sentence)
    out: list[str] = []
    for position, part in enumerate(parts):
        lowered = part.lower()
        is_content = (
            part.isalpha() and len(part) >= 4 and lowered not in FUNCTION_WORDS
            and (not part[0].isupper() or position == 0)
        )
        if is_content and rng.random() < share:
            out.append(vocab.swap(part, rng))
        elif lowered in _FUNCTION_SWAPS and rng.random() < function_share:
            new = rng.choice(_FUNCTION_SWAPS[lowered])
            out.append(new.capitalize() if part[0].isupper() and new else new)
        else:
            out.append(part)
    return re.sub(r"  +", " ", "".join(out)).strip()


def _mangle_names(sentences: list[str], rng: random.Random) -> list[str]:
    names = {
        word for s in sentences for word in re.findall(r"(?<=[a-z,;] )[A-Z][a-z]{3,}", s)
    }
    variants = {n: [mangle_name(n, rng) for _ in range(3)] for n in sorted(names)}
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(names))) + r")\b") if names else None
    if pattern is None:
        return sentences
    return [pattern.sub(lambda m: rng.choice(variants[m.group(1)]), s) for s in sentences]


def _restructure(sentence: str, rng: random.Random) -> str:
    """Move a clause, as a writer or translator does: "A, officials said." -> "Officials said A."."""
    body = sentence.rstrip()
    end = body[-1] if body and body[-1] in ".!?" else ""
    body = body[:-1] if end else body
    clauses = [c for c in re.split(r",\s+", body) if c]
    if len(clauses) < 2:
        return sentence
    if len(clauses[-1].split()) <= 6:
        head = ", ".join(clauses[:-1])
        tail = clauses[-1]
        moved = f"{tail[0].upper()}{tail[1:]} that {head[0].lower()}{head[1:]}"
    else:
        cut = rng.randrange(1, len(clauses))
        moved = ", ".join(clauses[cut:] + clauses[:cut])
        moved = moved[0].upper() + moved[1:]
    return moved + (end or ".")


def _respell_consistently(sentences: list[str], rng: random.Random) -> list[str]:
    names = {word for s in sentences for word in re.findall(r"(?<=[a-z,;] )[A-Z][a-z]{3,}", s)}
    spelling = {n: mangle_name(n, rng) for n in sorted(names)}
    if not names:
        return sentences
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(names))) + r")\b")
    return [pattern.sub(lambda m: spelling[m.group(1)], s) for s in sentences]


def _rewrite(src: list[str], other: Sequence[str], vocab: SwapVocabulary,
             rng: random.Random) -> list[str]:
    keep = sorted(rng.sample(range(len(src)), max(3, int(len(src) * 0.8))))
    out = [_swap_words(_restructure(src[i], rng), 0.3, vocab, rng, 0.2) for i in keep]
    for sentence in list(other)[:2]:
        out.insert(rng.randrange(1, len(out) + 1), sentence)
    return out


def _reorder_blocks(sentences: list[str], rng: random.Random) -> list[str]:
    blocks: list[list[str]] = []
    i = 0
    while i < len(sentences):
        size = rng.choice((2, 3))
        blocks.append(sentences[i: i + size])
        i += size
    head, tail = blocks[:1], blocks[1:]
    # Move a couple of blocks, as an editor does; a full shuffle is not what copiers do.
    for _ in range(min(2, len(tail) // 2)):
        block = tail.pop(rng.randrange(len(tail)))
        tail.insert(rng.randrange(len(tail) + 1), block)
    return [s for b in head + tail for s in b]


@dataclass(frozen=True, slots=True)
class Derived:
    """A derived article: its sentences and the transformation that made it."""

    transform: str
    sentences: tuple[str, ...]

    @property
    def gold_kind(self) -> str:
        """The link kind the detector should report."""
        return GOLD_KIND[self.transform]


def derive(
    transform: str,
    sentences: Sequence[str],
    other: Sequence[str],
    vocab: SwapVocabulary,
    rng: random.Random,
) -> Derived:
    """Apply one transformation to ``sentences``; ``other`` is an unrelated article's sentences
    (for new leads and for the article a partial copy is embedded in)."""
    src = list(sentences)
    n = len(src)
    if transform == "verbatim":
        out = src
    elif transform == "trim":
        out = src[: max(3, int(n * rng.uniform(0.4, 0.7)))]
    elif transform == "reorder":
        out = _reorder_blocks(src, rng)
    elif transform == "drop":
        keep = sorted(rng.sample(range(n), max(3, int(n * rng.uniform(0.6, 0.7)))))
        out = [src[i] for i in keep]
    elif transform == "edit":
        out = [_swap_words(s, 0.12, vocab, rng) for s in src]
        out.pop(rng.randrange(1, len(out)))
        out = [rng.choice(list(other) or src), *out]
    elif transform == "partial":
        size = min(n, rng.randint(4, 6))
        start = rng.randrange(0, n - size + 1)
        host = list(other)
        at = rng.randrange(0, len(host) + 1)
        out = host[:at] + src[start: start + size] + host[at:]
    elif transform == "spin":
        out = [_swap_words(s, 0.6, vocab, rng, 0.4) for s in src]
    elif transform == "spin-heavy":
        keep = sorted(rng.sample(range(n), max(3, int(n * 0.8))))
        out = _reorder_blocks([_swap_words(src[i], 0.75, vocab, rng, 0.5) for i in keep], rng)
    elif transform == "mangle":
        out = _mangle_names([_swap_words(s, 0.5, vocab, rng, 0.5) for s in src], rng)
    elif transform == "rewrite":
        out = _rewrite(src, other, vocab, rng)
    elif transform == "translate":
        out = _respell_consistently(_rewrite(src, other, vocab, rng), rng)
    else:
        raise ValueError(f"unknown transformation {transform!r}; use one of {', '.join(TRANSFORMS)}")
    return Derived(transform, tuple(out))
