"""Titles, ranks and roles around a name, and the context cues that say what a name is.

spaCy's small English model often folds a title into a PERSON span ("Striker Bohdan Lytvyn") or
leaves it outside ("Lt. Gen." before "Oleh Sirenko"), and it tags invented or transliterated
place names as PERSON or ORG. The words around a name are better evidence than the name itself:
"the village of X" makes X a place, "X, 58," and "a local man, X" make X a person, "local outlet
X" and "X reported" make X an outlet. This module reads those cues from the text around a span;
the lists are short, hand-written and English-only, because no library ships them.
"""

from __future__ import annotations

import re


def wordset(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (keeps the word lists below readable)."""
    return frozenset(text.split())


__all__ = [
    "ORG_HEADS",
    "OUTLET_HEADS",
    "PERSON_ROLE_NOUNS",
    "TITLE_WORDS",
    "context_cues",
    "leading_title",
    "role_after",
    "role_before",
    "title_before",
    "wordset",
]

#: Words that are titles or ranks when written before a name (lower-cased, no final period).
TITLE_WORDS: frozenset[str] = wordset(
    """mayor gen general lt lieut col colonel maj major capt captain sgt sergeant cpl corporal pte
    pvt private brig adm admiral cmdr commander gov governor sen senator rep president
    vice prime minister deputy secretary chancellor premier dr prof professor mr mrs ms miss
    sir dame judge justice chief head director chairman chairwoman chair ceo cfo coach striker
    goalkeeper defender midfielder forward captain spokesman spokeswoman spokesperson ambassador
    envoy speaker lord lady pope bishop archbishop father rev reverend imam rabbi sheikh king
    queen prince princess officer inspector detective superintendent constable marshal lt.gen
    councillor councilman councilwoman mp mep deputy-mayor acting interim former ex first
    emergencies interior defence defense foreign finance health justice energy economy
    agriculture education culture infrastructure representative congressman congresswoman
    sheriff commissioner"""
)
#: Head words that end a title ("Emergencies Minister", "Deputy Mayor", "Police Chief").
_TITLE_HEADS: frozenset[str] = wordset(
    """mayor gen general lt col colonel maj major capt captain sgt sergeant brig adm admiral cmdr
    commander gov governor sen senator rep president minister secretary chancellor premier dr
    prof professor mr mrs ms judge chief head director chairman chairwoman ceo coach striker
    goalkeeper defender midfielder spokesman spokeswoman spokesperson ambassador envoy speaker
    officer inspector detective marshal councillor mp representative congressman congresswoman
    sheriff commissioner"""
)
#: Nouns that describe a person in an apposition ("a local man, Oleg"; "X, a spokeswoman").
PERSON_ROLE_NOUNS: frozenset[str] = wordset(
    """man woman boy girl resident residents villager farmer pensioner teacher doctor nurse
    driver worker engineer spokesman spokeswoman spokesperson mayor minister general officer
    official commander head chief director manager owner survivor witness mother father son
    daughter wife husband neighbour neighbor student reporter journalist correspondent editor
    analyst expert researcher scientist professor lawyer activist volunteer rescuer soldier
    president governor deputy adviser advisor secretary chairman chairwoman ceo founder coach
    player striker captain librarian priest economist lecturer mechanic"""
)
#: Last words that make a name an organisation ("State Emergency Service", "Dockers' Union").
ORG_HEADS: frozenset[str] = wordset(
    """service ministry union authority company corp corporation inc ltd llc plc agency bank
    council committee party academy university college school hospital police army navy
    force forces guard group holding holdings fund foundation institute association federation
    league club team juniors seniors office department bureau administration commission court
    parliament assembly station operator hydro energy airlines airways railways"""
)
#: Last words of news outlets' names ("The Northern Times", "Harbour Post", "Meridian Press").
OUTLET_HEADS: frozenset[str] = wordset(
    """times post press news herald gazette courier tribune journal daily telegraph guardian
    independent observer chronicle express mirror ledger bulletin dispatch gazeta pravda vesti
    vistnyk visnyk wire newswire radio tv television broadcasting weekly monthly magazine"""
)
_PLACE_NOUNS = (
    r"port|village|town|city|hamlet|settlement|region|oblast|district|province|capital|suburb"
)
_PLACE_BEFORE = re.compile(
    rf"(?:\b(?:{_PLACE_NOUNS}) of|\b(?:in|near|outside|above|below|around|across|towards?)"
    r"(?: the (?:town|village|city))?)\s*$",
    re.IGNORECASE,
)
_PLACE_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:river|reservoir|valley|region|oblast|district|residents?|city centre)\b"
    r"|^,\s+(?:Ukraine|Russia|Poland|Belarus|Moldova|Romania)\b",
    re.IGNORECASE,
)
_PERSON_AFTER = re.compile(r"^,\s+\d{1,3}\s*[,.]|^\s+\(\d{1,3}\)|^,\s+who\b")
_PERSON_BEFORE = re.compile(
    r"\b(?:gave (?:his|her|their) (?:first )?name (?:only )?as|identified (?:only )?as|"
    r"(?:Mr|Mrs|Ms|Dr)\.?|\b[\w-]+-year-old)\s*$"
)
_OUTLET_BEFORE = re.compile(
    r"\b(?:outlet|newspaper|paper|daily|weekly|tabloid|broadcaster|channel|news agency|"
    r"agency|website|news site|magazine|radio|television|TV)\s*$",
    re.IGNORECASE,
)
_OUTLET_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(?:reported|reports|reporting|wrote|published|quoted|cited|"
    r"correspondent|reporter|editor|newsroom)\b",
    re.IGNORECASE,
)
_ORG_AFTER = re.compile(
    r"^,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:company|firm|operator|agency|union|authority|"
    r"ministry|service|group|charity|organisation|organization|utility|club|team|academy)\b",
    re.IGNORECASE,
)
_ARTICLE_ROLE_AFTER = re.compile(
    r"^,\s+(?:a|an|the)\s+([a-z][\w'’-]*(?:\s+[\w'’-]+){0,7}?)\s*(?=,|\.|;|\)|\s+(?:who|said|says|"
    r"told|added|and)\b)"
)
_ROLE_BEFORE = re.compile(
    r"(?:^|[.;:!?\"“”]\s*|\b)(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er)\s+((?:[\w'’-]+\s+){0,6}?[\w'’-]+)"
    r",\s*$"
)
_TITLE_TOKEN = re.compile(r"([A-Z][\w'’-]*\.?|[a-z]+\.?)\s+$")


def _words(text: str) -> list[str]:
    return [w.strip(".").lower() for w in text.split()]


def leading_title(words: list[str]) -> int:
    """How many leading words of a name are a title ("Lt. Gen. Oleh Sirenko" -> 2).

    A title is a run of title words ending in a title head; at least one word is always left.
    """
    end = 0
    for index, word in enumerate(words[:-1]):
        lowered = word.strip(".").lower()
        if lowered not in TITLE_WORDS:
            break
        if lowered in _TITLE_HEADS:
            end = index + 1
    return end


def title_before(text: str, start: int) -> tuple[str, int] | None:
    """A title written just before ``start`` ("Emergencies Minister " before a name).

    Returns the title as written and its start offset, or ``None``.
    """
    position = start
    words: list[tuple[str, int]] = []
    window = text[max(0, start - 60) : start]
    offset = start - len(window)
    while len(words) < 4:
        match = _TITLE_TOKEN.search(window[: position - offset])
        if match is None or "\n\n" in window[match.start() : position - offset]:
            break
        word = match.group(1)
        lowered = word.strip(".").lower()
        if lowered not in TITLE_WORDS and not (word.islower() and lowered in PERSON_ROLE_NOUNS):
            break
        words.append((word, offset + match.start(1)))
        position = offset + match.start(1)
    while words and words[-1][0].strip(".").lower() not in _TITLE_HEADS | PERSON_ROLE_NOUNS | {
        "deputy",
        "vice",
        "prime",
        "acting",
        "emergencies",
        "interior",
        "defence",
        "defense",
        "foreign",
        "finance",
        "health",
        "justice",
        "energy",
        "economy",
        "agriculture",
        "education",
        "culture",
        "infrastructure",
    }:
        words.pop()
    head = words[0][0].strip(".").lower() if words else ""
    if not words or (head not in _TITLE_HEADS and head not in PERSON_ROLE_NOUNS):
        return None
    begin = words[-1][1]
    return " ".join(text[begin:start].split()), begin


def role_after(text: str, end: int) -> str | None:
    """An apposition after a name: "X, a spokeswoman for the State Emergency Service," -> role."""
    match = _ARTICLE_ROLE_AFTER.match(text[end : end + 90])
    if match is None:
        return None
    role = match.group(1).strip()
    return role if any(w in PERSON_ROLE_NOUNS for w in _words(role)) else None


def role_before(text: str, start: int) -> str | None:
    """An apposition before a name: "The mayor of Pryluzhne, X" or "a local man, X" -> role."""
    match = _ROLE_BEFORE.search(text[max(0, start - 70) : start])
    if match is None:
        return None
    role = match.group(1).strip()
    words = _words(role)
    if not any(w in PERSON_ROLE_NOUNS for w in words[:4]) or words[0] in {"said", "says"}:
        return None
    return role


def context_cues(text: str, start: int, end: int) -> frozenset[str]:
    """Type cues for the span ``text[start:end]``: a subset of PERSON, PLACE, ORG, OUTLET."""
    before = text[max(0, start - 40) : start]
    after = text[end : end + 60]
    cues: set[str] = set()
    if _PLACE_BEFORE.search(before) or _PLACE_AFTER.search(after):
        cues.add("PLACE")
    if (
        _PERSON_AFTER.search(after)
        or _PERSON_BEFORE.search(before)
        or role_after(text, end)
        or role_before(text, start)
    ):
        cues.add("PERSON")
    if title_before(text, start) is not None:
        cues.add("PERSON")
    if _OUTLET_BEFORE.search(before) or _OUTLET_AFTER.search(after):
        cues.add("OUTLET")
    if _ORG_AFTER.search(after):
        cues.add("ORG")
    return frozenset(cues)
