"""Dates of events named in the text: "two days after the dam burst".

An event-relative expression is a duration, a direction and an event phrase. The event's date
comes from the story: sentences (in any of its articles) that share the phrase's content words
and carry an absolute day date vote for that date; the best-supported date wins. The result is
offset by the duration. Nothing is resolved when no sentence supports the event.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

__all__ = ["EventAnchor", "EventIndex", "content_words", "event_phrase", "relation_phrase"]

_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "this",
        "that",
        "these",
        "those",
        "of",
        "in",
        "on",
        "at",
        "to",
        "by",
        "for",
        "from",
        "with",
        "and",
        "or",
        "but",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "had",
        "has",
        "have",
        "did",
        "do",
        "it",
        "they",
        "he",
        "she",
        "we",
        "i",
        "you",
        "first",
        "when",
        "after",
        "before",
        "while",
        "as",
    ]
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_PHRASE_END = re.compile(r"[,.;:!?()\"“”]|\b(?:and|but|when|while|which|who)\b")


def content_words(text: str) -> frozenset[str]:
    """Lower-cased content words, crudely stemmed (``bursts`` -> ``burst``)."""
    words = set()
    for word in _WORD.findall(text.lower()):
        if word in _STOP or len(word) < 3:
            continue
        words.add(re.sub(r"(?:ing|ed|es|s)$", "", word) if len(word) > 4 else word)
    return frozenset(words)


def event_phrase(text: str, start: int, max_words: int = 8) -> tuple[str, int]:
    """The event phrase starting at ``start`` (up to the clause end) and its end offset."""
    rest = text[start : start + 200]
    cut = _PHRASE_END.search(rest)
    limit = cut.start() if cut else len(rest)
    words = list(re.finditer(r"\S+", rest[:limit]))[:max_words]
    if not words:
        return "", start
    return " ".join(w.group(0) for w in words), start + words[-1].end()


_RELATION = re.compile(r"\s*(?:after|before)\s+", re.IGNORECASE)


def relation_phrase(text: str, end: int) -> tuple[str, int] | None:
    """The event phrase of "two days after the dam burst" given the end of "two days", and the
    end offset of the whole expression."""
    match = _RELATION.match(text, end)
    if match is None:
        return None
    phrase, phrase_end = event_phrase(text, match.end())
    return (phrase, phrase_end) if phrase else None


@dataclass(frozen=True, slots=True)
class EventAnchor:
    """An event's date, the words that matched it and how many sentences supported it."""

    date: dt.date
    support: int
    words: tuple[str, ...]


class EventIndex:
    """Day-dated sentences of a story, searchable by content words."""

    def __init__(self, min_overlap: int = 2) -> None:
        self.min_overlap = min_overlap
        self._entries: list[tuple[frozenset[str], dt.date]] = []

    def add(self, sentence: str, date: dt.date) -> None:
        """Index one sentence that an absolute day expression dates."""
        self._entries.append((content_words(sentence), date))

    def years(self) -> set[int]:
        """The years of the indexed dates (the story's time frame)."""
        return {date.year for _, date in self._entries}

    def date_of(self, phrase: str) -> EventAnchor | None:
        """The best-supported date of the event ``phrase`` describes, or None."""
        wanted = content_words(phrase)
        if not wanted:
            return None
        need = min(self.min_overlap, len(wanted))
        votes: Counter[dt.date] = Counter()
        matched: dict[dt.date, set[str]] = {}
        for words, date in self._entries:
            shared = wanted & words
            if len(shared) >= need:
                votes[date] += len(shared)
                matched.setdefault(date, set()).update(shared)
        if not votes:
            return None
        date, support = max(votes.items(), key=lambda kv: (kv[1], -kv[0].toordinal()))
        return EventAnchor(date, support, tuple(sorted(matched[date])))
