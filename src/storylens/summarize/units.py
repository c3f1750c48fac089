"""Summary candidates: the sentences of a story that can stand alone, cleaned without changing meaning.

A summary sentence is read out of its article, so it must make sense alone. The rules here keep
the sentence's words and only cut what never carries meaning, or reject the sentence:

- cut: a dateline ("KYIV (Reuters) -", "WASHINGTON --"), a leading connective ("But", "However,");
- mark as dangling (kept only right after the sentence it leans on): a sentence that opens with a
  pronoun or demonstrative, and a bare quote with no attribution;
- reject: captions and headlines (no terminal punctuation), page furniture (share/subscribe
  prompts, photo credits, "contributed to this report"), questions, sentences with a broken quote
  (an odd number of quotation marks: the quote runs on into the next sentence), a reporting
  clause whose speaker is only a pronoun ('"...," he said.') unless a resolver names the speaker,
  first-person narration outside quotes, and fragments shorter than ``min_words`` or longer than
  ``max_words``.

Each candidate keeps the character span of the kept text in the article, so the summary stays
auditable down to the source sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from nltk.stem.snowball import SnowballStemmer
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storylens.memo import pack_words
from storylens.records import Sentence
from storylens.summarize.settings import SummarizerSettings
from storylens.text.furniture import is_caption, is_furniture
from storylens.text.provenance import lead_start
from storylens.text.voice import in_first_person, unquoted

__all__ = [
    "Candidate",
    "Cleaned",
    "SentenceUnit",
    "SpeakerResolver",
    "candidates_of",
    "clean_sentence",
    "content_stems",
    "numbers_of",
    "pack_units",
    "sentence_units",
    "unpack_units",
    "word_count",
]

_WORD = re.compile(r"\d[\d,.]*\d|\d|[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_STEMMER = SnowballStemmer("english")
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"s", "t", "said", "says", "say", "told", "according"}

_CONNECTIVE = re.compile(
    r"^(?:But|And|However|Meanwhile|Still|Also|So|Yet|Moreover|Further(?:more)?|In addition|Instead)"
    r"(?:,\s*|\s+)(?=[A-Za-z\"\u201c])"
)
_DANGLING_START = re.compile(
    r"^(?:he|she|it|they|him|her|his|its|their|them|this|that|these|those|such|"
    r"we|our|us|then|both|another|the latter|the former|the two|the same|he's|she's|they're)\b",
    re.IGNORECASE,
)
#: "It is unclear whether ...", "It was not immediately clear ...": an expletive "it" needs no antecedent.
_EXPLETIVE_IT = re.compile(
    r"^It(?: is|'s| was| remains| remained)(?: not)?(?: yet| still| immediately)? "
    r"(?:unclear|clear|likely|unlikely|possible|expected|believed|thought|estimated|not known|unknown)\b"
)
#: '"...," he said.' / 'she told reporters.' — a reporting clause whose speaker is only a pronoun.
_PRONOUN_SPEAKER = re.compile(
    r"[,.!?][\"'\u201d\u2019]\s+(?P<pronoun>he|she|they|it)\s+(?:said|says|added|told|explained|"
    r"wrote|continued|noted|asked|recalled|insisted|stated|argued|warned)\b",
    re.IGNORECASE,
)
#: Addressing the reader ("You can add location information to your Tweets") is page text, not news.
_SECOND_PERSON = re.compile(r"\b(?:you|your|you're|you'll)\b", re.IGNORECASE)
#: Captions and media labels: "Image from the campaign.", "Pictured: ...", "Video: ...".
_CAPTION_START = re.compile(r"^(?:Image|Photo|Picture|Pictured|Video|Watch|Above|Top|Left|Right|Caption)\b")
_TERMINAL = re.compile(r"[.!][\"'\u201d\u2019)]*$")


@lru_cache(maxsize=300_000)
def _stem(token: str) -> str:
    return str(_STEMMER.stem(token))


def content_stems(text: str) -> tuple[str, ...]:
    """Stems of the content words (stop words dropped, numbers kept as written without commas)."""
    out: list[str] = []
    for token in _WORD.findall(text):
        low = token.lower().replace("\u2019", "'")
        if low in _STOP:
            continue
        out.append(low.replace(",", "") if low[0].isdigit() else _stem(low))
    return tuple(out)


def numbers_of(text: str) -> frozenset[str]:
    """The numbers a sentence states (commas dropped), to keep "40 dead" apart from "52 dead"."""
    return frozenset(n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text))


def word_count(text: str) -> int:
    """Words as ROUGE and a reader count them."""
    return len(text.split())


#: Names the speaker of a pronoun-attributed quote: (article id, start, end) of the sentence ->
#: the speaker's name, or None when unknown.
SpeakerResolver = Callable[[str, int, int], "str | None"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A sentence that may enter the summary: its cleaned text and the span it came from."""

    article_id: str
    index: int
    position: int
    start: int
    end: int
    text: str
    stems: tuple[str, ...]
    numbers: frozenset[str]
    words: int
    requires: int | None = None


def _balanced_quotes(text: str) -> bool:
    straight = text.count('"')
    return straight % 2 == 0 and text.count("\u201c") == text.count("\u201d")


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The kept part of a sentence: its offset in the sentence, its text, and whether it opens
    with a pronoun or demonstrative whose antecedent is in the sentence before (``dangling``)."""

    offset: int
    text: str
    dangling: bool = False


def clean_sentence(
    sentence: Sentence,
    settings: SummarizerSettings,
    resolve_speaker: SpeakerResolver | None = None,
) -> Cleaned | None:
    """The kept part of ``sentence``, or None when it cannot stand in a summary at all.

    Example:
        >>> s = Sentence("a", 0, 0, 60, "KYIV (Reuters) - Rockets hit the port of Odesa on Sunday night.")
        >>> clean_sentence(s, SummarizerSettings())
        Cleaned(offset=17, text='Rockets hit the port of Odesa on Sunday night.', dangling=False)
    """
    found = _clean(sentence, settings)
    return _name_speaker(sentence, *found, resolve_speaker) if found else None


def _clean(sentence: Sentence, settings: SummarizerSettings) -> tuple[Cleaned, tuple[int, int] | None] | None:
    """The sentence's own part of ``clean_sentence``: the cleaned text and the span of a
    pronoun speaker still to be named (the story's quotes name it), or None when rejected."""
    text = " ".join(sentence.text.split())
    removed_words = 0
    lead = lead_start(text)
    if lead and lead < len(text) - 20:
        # A dateline, with a headline, time stamp and byline glued before a wire credit.
        removed_words += len(text[:lead].split())
        text = text[lead:]
    connective = _CONNECTIVE.match(text)
    if connective:
        removed_words += len(text[: connective.end()].split())
        text = text[connective.end():]
        text = text[:1].upper() + text[1:]
    offset = 0
    if removed_words:
        # The kept text starts at the first word after the removed ones, in the raw sentence.
        words_in_raw = list(re.finditer(r"\S+", sentence.text))
        offset = words_in_raw[removed_words].start() if removed_words < len(words_in_raw) else 0
    if not _TERMINAL.search(text):
        return None  # headline, caption, question, cut-off text
    words = word_count(text)
    if words < settings.min_words or words > settings.max_words:
        return None
    if not text[0].isupper() and text[0] not in "\"\u201c'\u2018":
        return None
    if not _balanced_quotes(text) or is_furniture(text):
        return None
    dangling = bool(_DANGLING_START.match(text)) and not _EXPLETIVE_IT.match(text)
    own_words = unquoted(text)
    if text[0] in "\"\u201c" and len(_WORD.findall(own_words)) < 2:
        dangling = True  # a bare quote: its speaker is named in the sentence before
    if (
        in_first_person(text)
        or _SECOND_PERSON.search(own_words)
        or _CAPTION_START.match(text)
        or is_caption(text)
    ):
        return None
    pronoun = _PRONOUN_SPEAKER.search(text)
    span = (pronoun.start("pronoun"), pronoun.end("pronoun")) if pronoun else None
    return Cleaned(offset, text, dangling), span


def _name_speaker(
    sentence: Sentence,
    cleaned: Cleaned,
    pronoun: tuple[int, int] | None,
    resolve_speaker: SpeakerResolver | None,
) -> Cleaned | None:
    """``cleaned`` with its pronoun speaker replaced by the name, or None when nobody names it."""
    if pronoun is None:
        return cleaned
    name = resolve_speaker(sentence.article_id, sentence.start, sentence.end) if resolve_speaker else None
    if not name:
        return None
    text = cleaned.text
    return Cleaned(cleaned.offset, text[: pronoun[0]] + name + text[pronoun[1]:], cleaned.dangling)


@dataclass(frozen=True, slots=True)
class SentenceUnit:
    """What one sentence gives the summariser whatever story it is in: its content stems and
    numbers (its row of the similarity model) and its cleaning, up to naming a pronoun speaker.

    Computed once per article and kept (``NlpResources.memo``, issue 12): re-briefing a grown
    story then only names speakers and builds the story's candidates.
    """

    stems: tuple[str, ...]
    numbers: frozenset[str]
    cleaned: Cleaned | None = None
    pronoun: tuple[int, int] | None = None
    #: ``content_stems`` and ``numbers_of`` of ``cleaned.text`` (when no speaker is to be named)
    kept_stems: tuple[str, ...] = ()
    kept_numbers: frozenset[str] = frozenset()


def sentence_units(sentences: Sequence[Sentence], settings: SummarizerSettings) -> tuple[SentenceUnit, ...]:
    """The :class:`SentenceUnit` of each sentence, in order."""
    out: list[SentenceUnit] = []
    for sentence in sentences:
        found = _clean(sentence, settings)
        stems, numbers = content_stems(sentence.text), numbers_of(sentence.text)
        if found is None:
            out.append(SentenceUnit(stems, numbers))
            continue
        cleaned, pronoun = found
        if pronoun is None:
            out.append(SentenceUnit(stems, numbers, cleaned, None, content_stems(cleaned.text),
                                    numbers_of(cleaned.text)))
        else:
            out.append(SentenceUnit(stems, numbers, cleaned, pronoun))
    return tuple(out)


def pack_units(units: Sequence[SentenceUnit]) -> list[list[Any]]:
    """Units as plain JSON rows, positional: a grown story reads back thousands of them. Each
    list of stems or numbers is one space-joined string (see :func:`_flat`): decoding one
    string and splitting it in C costs a fraction of decoding a JSON string per stem."""
    return [
        [pack_words(u.stems), pack_words(sorted(u.numbers))]
        if u.cleaned is None
        else [pack_words(u.stems), pack_words(sorted(u.numbers)), u.cleaned.offset, u.cleaned.text,
              u.cleaned.dangling, list(u.pronoun) if u.pronoun else None, pack_words(u.kept_stems),
              pack_words(sorted(u.kept_numbers))]
        for u in units
    ]


def unpack_units(rows: Sequence[Sequence[Any]]) -> tuple[SentenceUnit, ...]:
    """The inverse of :func:`pack_units` (a field of stems or numbers is a list, or a string to
    split: tested inline, as a call per field cost more than the splitting)."""
    out: list[SentenceUnit] = []
    for row in rows:
        stems, numbers = row[0], row[1]
        stems = tuple(stems.split(" ") if stems.__class__ is str else stems)
        numbers = frozenset(numbers.split(" ") if numbers.__class__ is str else numbers)
        if len(row) == 2:
            out.append(SentenceUnit(stems, numbers))
            continue
        offset, text, dangling, pronoun, kept_stems, kept_numbers = row[2:]
        out.append(SentenceUnit(
            stems, numbers, Cleaned(offset, text, dangling),
            (pronoun[0], pronoun[1]) if pronoun else None,
            tuple(kept_stems.split(" ") if kept_stems.__class__ is str else kept_stems),
            frozenset(kept_numbers.split(" ") if kept_numbers.__class__ is str else kept_numbers),
        ))
    return tuple(out)


def candidates_of(
    sentences: Sequence[Sentence],
    settings: SummarizerSettings,
    resolve_speaker: SpeakerResolver | None = None,
    units: Sequence[SentenceUnit] | None = None,
) -> list[Candidate]:
    """The candidates of one article's sentences, in order, with their position among candidates.

    A dangling sentence ("He said the dam had failed.") is a candidate only right after its own
    predecessor, which it then ``requires``: the summary takes both, in order, or neither.
    ``units`` are the sentences' kept :class:`SentenceUnit` (computed when not given).
    """
    if units is None:
        units = sentence_units(sentences, settings)
    out: list[Candidate] = []
    previous: Candidate | None = None
    for sentence, unit in zip(sentences, units, strict=True):
        cleaned = (
            _name_speaker(sentence, unit.cleaned, unit.pronoun, resolve_speaker)
            if unit.cleaned is not None else None
        )
        follows = previous is not None and previous.index == sentence.index - 1 and previous.requires is None
        previous = None
        if cleaned is None or (cleaned.dangling and not follows):
            continue
        text = cleaned.text
        if unit.pronoun is None:
            stems, numbers = unit.kept_stems, unit.kept_numbers
        else:
            stems, numbers = content_stems(text), numbers_of(text)
        if len(stems) < 3:
            continue
        previous = Candidate(
            article_id=sentence.article_id,
            index=sentence.index,
            position=len(out),
            start=sentence.start + cleaned.offset,
            end=sentence.end,
            text=text,
            stems=stems,
            numbers=numbers,
            words=word_count(text),
            requires=sentence.index - 1 if cleaned.dangling else None,
        )
        out.append(previous)
    return out
