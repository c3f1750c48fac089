"""The scope of a figure: the period or place it covers ("so far this year", "in Kharkiv alone").

Two figures with different scopes are different claims, never a conflict: "12 killed in the past
24 hours" and "52 killed since the start of the offensive" can both be true. Scopes are read from
the sentence around the figure with a handful of patterns and normalised to a comparable key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["Scope", "find_scope", "place_scope"]

_RATE_REACH = 15
#: How far (characters) a calendar or place scope may stand from its figure.
_REACH = {"calendar": 30, "place": 40, "period": 60, "since": 60}
_NUM = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)"
_UNIT = r"(?:hours?|days?|weeks?|months?|years?|decades?)"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "period",
        re.compile(
            rf"\b(?:in|over|during|within)\s+the\s+(?:past|last|previous|preceding)\s+(?P<n>{_NUM}\s+)?(?P<u>{_UNIT})(?:\s+alone)?",
            re.I,
        ),
    ),
    (
        "since",
        re.compile(
            r"\bsince\s+(?:the\s+)?(?:start|beginning|outbreak|onset|launch)\s+of\s+(?:the\s+|this\s+)?(?P<what>[a-z][\w-]*(?:\s+[a-z][\w-]*)?)",
            re.I,
        ),
    ),
    (
        "since",
        re.compile(
            r"\bsince\s+(?P<what>(?:January|February|March|April|May|June|July|August|September|October|November|December|\d{4}|last\s+\w+|(?:the\s+)?\w+\s+began|the\s+war|the\s+invasion|the\s+attack))",
            re.I,
        ),
    ),
    (
        "calendar",
        re.compile(r"\b(?:so\s+far\s+)?(?P<which>this|last)\s+(?P<u>year|month|week)\b", re.I),
    ),
    ("calendar", re.compile(r"\bin\s+(?P<year>(?:19|20)\d\d)\b(?!\s*[-\u2013,]\s*\d)", re.I)),
    (
        "rate",
        re.compile(
            r"\b(?:a|per|each|every)\s+(?P<u>day|week|month|year)\b|\b(?P<adv>daily|annually|weekly)\b",
            re.I,
        ),
    ),
    (
        "place",
        re.compile(
            r"\bin\s+(?:the\s+)?(?P<place>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)(?:\s+(?:region|province|oblast|district|state|county))?\s+alone\b"
        ),
    ),
    (
        "place",
        re.compile(
            r"\b(?:nationwide|across\s+the\s+country|worldwide|globally|around\s+the\s+world|country-wide)\b",
            re.I,
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class Scope:
    """A figure's scope: ``text`` as written, ``key`` normalised ("past 24 hours")."""

    text: str
    key: str


def _key(kind: str, match: re.Match[str]) -> str:
    groups = {k: (v or "").strip().lower() for k, v in match.groupdict().items()}
    if kind == "period":
        number = groups.get("n") or "1"
        unit = groups["u"].rstrip("s")
        return f"past {number} {unit}{'' if number in {'1', 'one'} else 's'}"
    if kind == "since":
        return f"since {groups['what']}"
    if kind == "calendar":
        if groups.get("year"):
            return f"in {groups['year']}"
        return f"{groups['which']} {groups['u']}"
    if kind == "rate":
        return f"per {groups.get('u') or {'daily': 'day', 'annually': 'year', 'weekly': 'week'}[groups['adv']]}"
    if groups.get("place"):
        return f"in {groups['place']} alone"
    return (
        "nationwide"
        if "world" not in match.group().lower() and "global" not in match.group().lower()
        else "worldwide"
    )


def find_scope(
    sentence: str, offset: int = 0, figure_start: int | None = None, figure_end: int | None = None
) -> Scope | None:
    """The scope stated in ``sentence`` nearest to the figure, if any.

    Args:
        sentence: the sentence holding the figure.
        offset: where the sentence starts in the article (so ``figure_start`` can be absolute).
        figure_start: the figure's start in the article; the closest scope phrase wins.
        figure_end: the figure's end; a rate ("a day") must follow the figure closely.

    Example:
        >>> find_scope("Twelve people were killed in the past 24 hours alone.").key
        'past 24 hours'
    """
    found: list[tuple[int, Scope]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            position = offset + match.start()
            if (
                kind == "rate"
                and figure_end is not None
                and not 0 <= position - figure_end <= _RATE_REACH
            ):
                continue  # "a day" describes the quantity right before it, not the whole sentence
            reach = _REACH.get(kind)
            if reach is not None and figure_start is not None and figure_end is not None:
                end = offset + match.end()
                if not (0 <= position - figure_end <= reach or 0 <= figure_start - end <= reach):
                    continue  # "this year", "in 1964" elsewhere in the sentence are about something else
            distance = abs(position - figure_start) if figure_start is not None else 0
            found.append((distance, Scope(match.group().strip(), _key(kind, match))))
    if not found:
        return None
    found.sort(key=lambda item: item[0])
    return found[0][1]


_PLACE_KINDS = frozenset({"casualties", "people", "settlements", "equipment", "count"})


def place_scope(anchor: Token, kind: str) -> Scope | None:
    """A place the count is restricted to, read from the parse: "20 deaths in Mexico", "103
    cases were confirmed in the United States" (an "in" phrase naming a place, attached to the
    counted noun or to its verb). Different places are different scopes, so never a conflict."""
    if kind not in _PLACE_KINDS:
        return None
    holders = [anchor, anchor.head]
    node = anchor
    for _ in range(4):  # up to the governing verb
        if node.pos_ in {"VERB", "AUX"} or node.head is node:
            break
        node = node.head
    holders.append(node)
    for holder in holders:
        for child in holder.children:
            if child.dep_ != "prep" or child.lower_ != "in":
                continue
            for place in child.children:
                if place.dep_ == "pobj" and place.ent_type_ in {"GPE", "LOC"}:
                    words = [t for t in place.subtree if t.ent_type_ in {"GPE", "LOC"}]
                    name = " ".join(t.text for t in words) or place.text
                    return Scope(f"in {name}", f"in {name.lower()}")
    return None
