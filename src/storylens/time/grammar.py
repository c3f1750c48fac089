"""Where the time expressions are: a small regular grammar of English news time expressions.

Each rule is a named regular expression; ``find_expressions`` runs them all and keeps the longest
non-overlapping matches. Extents follow TimeML/TempEval-3 (modifiers such as "nearly" belong to
the expression; prepositions such as "on" and "since" do not). The rule name tells the resolver
(``resolve.py``) how to turn the match into a TIMEX3 value.

Why not dateparser's ``search_dates`` or spaCy's DATE entities for the extents: ``search_dates``
misreads abbreviations ("Sept. 10") and finds dates in ordinary words, and spaCy's entities
disagree with TimeML extents (they swallow "the next few years of growth"); both are measured
against this grammar in ``storylens bench time``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["RULES", "Candidate", "find_expressions"]

_MONTH_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_MONTH_ABBR = (
    r"(?:Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.|Oct\.?|Nov\.?|Dec\.?)"
)
MONTH = rf"(?:{_MONTH_FULL}|{_MONTH_ABBR})(?![a-z])"
WEEKDAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\.|Tues?\.|Wed\.|Thur?s?\.|"
    r"Fri\.|Sat\.|Sun\.)(?:s(?![a-z]))?"
)
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\d%])"
_UNITS_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
#: Years spoken out in broadcast transcripts: "nineteen ninety-six", "two thousand and one".
SPOKEN_YEAR = (
    rf"(?:nineteen[- ](?:ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ]{_UNITS_WORD})?"
    rf"|two thousand(?:(?: and)? (?:{_UNITS_WORD}|ten|eleven|twelve))?)(?![a-z-])"
)
ANY_YEAR = rf"(?:{YEAR}|{SPOKEN_YEAR})"
_NUMWORD = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundred)"
)
NUMBER = (
    rf"(?:\d+(?:\.\d+)?|{_NUMWORD}(?:[- ]{_NUMWORD})?|a couple of|couple of|a dozen|a few|several|"
    r"few|many|some|an?|half an?|numerous)"
)
UNIT = (
    r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur(?:y|ies))s?"
)
CAL_UNIT = r"(?:day|week|weekend|month|quarter|year|decade|century|spring|summer|fall|autumn|winter|season)"
APPROX = (
    r"(?:about|nearly|almost|some|more than|less than|fewer than|at least|up to|"
    r"roughly|approximately|around|no more than|under|barely|a little over|well over)"
)
PART = r"(?:morning|afternoon|evening|night)"
TIME = (
    r"(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.?|p\.m\.?|am|pm|A\.M\.|P\.M\.)(?![a-z])|\d{1,2}:\d\d|\bnoon\b|\bmidnight\b)"
    r"(?:\s+(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|BST|UTC|local time))?"
)


def _i(pattern: str) -> str:
    return f"(?i:{pattern})"


#: Rule name -> pattern. Names are the resolver's dispatch keys.
RULES: dict[str, str] = {
    "iso": r"\b(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?:[T ](?P<hh>\d\d):(?P<mi>\d\d)(?::\d\d)?)?\b",
    "numeric": r"(?<![\d/])(?P<m>0?[1-9]|1[0-2])[/-](?P<d>0?[1-9]|[12]\d|3[01])[/-](?P<y>\d{4}|\d\d)(?![\d/])"
    rf"(?:\s+(?P<time>{TIME}|\d{{4}}\s*[A-Z]{{3}}|\d\d:\d\d:\d\d))?",
    "month_day": rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:(?P<mod>{_i('early|late|mid')})[- ])?(?P<mon>{MONTH})\s+(?P<d>{DAY})"
    rf"(?:\s*(?:-|to|and)\s*(?P<d2>{DAY}))?(?:\s?,?\s+(?P<y>{YEAR}))?"
    rf"(?:,?\s+(?P<time>{TIME}))?",
    "day_month": rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:{_i('the')}\s+)?(?P<d>{DAY})\s+(?:{_i('of')}\s+)?(?P<mon>{MONTH})"
    rf"(?:\s?,?\s+(?P<y>{YEAR}))?",
    "month_year": rf"(?:(?P<mod>{_i('early|late|mid|the end of|the beginning of|the start of|the middle of')})[- ]?\s*)?"
    rf"(?P<mon>{MONTH}),?\s+(?:{_i('of')}\s+)?(?:(?P<y>{ANY_YEAR})|(?P<yrel>{_i('last year|this year|next year')}))",
    "month": rf"(?:(?P<mod>{_i('early|late|mid|the end of|the beginning of|the start of|the middle of|last|next|this|this past|this coming|since|in|until|by|before|after|from|during|through|of|to|each|every')})[- ]?\s*)?"
    rf"(?P<mon>{_MONTH_FULL})(?![a-z])",
    "weekday": rf"(?:(?P<rel>{_i('last|next|this|this past|this coming|coming|early|late|earlier|later|the following|the previous')})\s+|(?P<edge>{_i('early|late')})\s+{_i('on')}\s+)?"
    rf"(?P<wd>{WEEKDAY})(?:,?\s+(?P<part>{_i(PART)}s?))?",
    "weekday_pair": rf"(?P<wd>{WEEKDAY})\s+{_i('and')}\s+(?P<wd2>{WEEKDAY})(?![a-z])(?!\s+{_i(PART)})",
    "part_weekday": rf"(?P<part>{_i('early|late')})\s+(?P<wd>{WEEKDAY})",
    "time": rf"(?:{_i('around|about|approximately')}\s+)?(?P<time>{TIME})(?:,?\s+(?:{_i('on')}\s+)?(?:(?P<deictic>{_i('today|yesterday|tomorrow|tonight')})|(?P<wd>{WEEKDAY})"
    rf"|(?P<mon>{MONTH})\s+(?P<d>{DAY})))?",
    "time_after": rf"(?:(?P<deictic>{_i('today|yesterday|tomorrow')})|(?P<wd>{WEEKDAY}))(?:\s+{_i('at')})?\s+(?P<time>{TIME})",
    "deictic": _i(
        r"\b(?:(?P<edge>early|late|earlier|later)\s+)?(?P<word>the day before yesterday|the day after tomorrow|today|tonight|yesterday|tomorrow|"
        r"now|currently|current|nowadays|presently|recently|lately|formerly|the present|"
        r"the future|the near future|the near term|the short term|these days|the past|overnight|"
        r"(?:this|that|yesterday|tomorrow|last|the same|that same)\s+(?:morning|afternoon|evening|night))\b"
    ),
    "relative": _i(
        rf"\b(?:(?P<edge>earlier|later|early|late|the end of|the beginning of|the start of|the middle of|the rest of|the remainder of|"
        rf"the first half of|the second half of|the end of the|the beginning of the|the start of the|the middle of the)\s+)?"
        rf"(?P<rel>last|this|next|past|coming|previous|current|the current|the past|the last|the next|"
        rf"the coming|the previous|this past|the same|that|the following|the preceding|the prior|"
        rf"the latest|the year-earlier|the year-ago|the)\s+"
        rf"(?P<unit>{CAL_UNIT}|fiscal year|period)(?![a-z-])"
    ),
    "quarter": _i(
        rf"\b(?:the\s+)?(?:(?:year-earlier|year-ago|fiscal|latest|current|last|this year's|last year's|same|comparable|"
        rf"calendar|previous|(?P<y0>{YEAR}))\s+)*(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[- ](?P<unit>quarter|half)"
        rf"(?:\s+(?:of\s+)?(?:(?P<y>{YEAR})|(?P<yrel>this year|last year|next year|the year)))?"
    ),
    "fiscal_year": _i(rf"\b(?:fiscal|calendar|fiscal year|the year)\s+(?P<y>{ANY_YEAR})"),
    "spoken_year": _i(
        rf"\b(?P<y>nineteen[- ](?:ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ]{_UNITS_WORD})?)\b"
    ),
    "year_ago": _i(r"\byear-(?:earlier|ago)(?=\s+[a-z])"),
    "year": rf"(?:(?P<mod>{_i('early|late|mid|the end of|the beginning of|the start of|the middle of')})[- ]?\s*)?(?<![\d$£€.,#/])(?<!\d-)(?P<y>{YEAR})(?!\s*(?:%|percent|per cent))(?![,.]\d)",
    "century": _i(r"\b(?:the\s+)?(?P<n>1\d|20|21|[2-9])(?:st|nd|rd|th)[- ]century\b"),
    "decade_word": _i(
        r"\b(?:the\s+)?(?:(?P<mod>early|mid|late)[- ])?(?P<dec>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"
    ),
    "decade": _i(
        r"\b(?:the\s+)?(?:(?P<mod>early|mid|late)[- ])?(?:(?P<dec>1[6-9]\d0|20[0-2]0)|'(?P<short>\d0))s\b"
    ),
    "season": _i(
        rf"\b(?:(?P<rel>this|last|next|early|late|the|this past|this coming|the coming|the past|past|coming)\s+)?(?P<season>spring|summer|fall|autumn|winter)"
        rf"(?:\s+(?:of\s+)?(?P<y>{ANY_YEAR}))?\b"
    ),
    "ago": _i(
        rf"\b(?:(?P<approx>{APPROX})\s+)?(?P<num>{NUMBER})[- ](?P<unit>{UNIT})\s+(?P<dir>ago|earlier|later|before|after|from now|hence|previously|beforehand|afterwards?)\b"
    ),
    "duration": _i(
        rf"\b(?:(?P<approx>{APPROX})\s+)?(?:(?P<rel>the\s+(?:past|last|next|first|previous|coming|following|final|remaining)|the|recent|coming|past|next|last|each\s+of\s+the\s+past)\s+)?"
        rf"(?P<num>{NUMBER})[- ](?P<unit>{UNIT})(?:[- ]long)?\b(?![- ]old)"
    ),
    "vague_duration": _i(
        r"\b(?:(?P<rel>the\s+(?:past|last|next|coming|following)|recent|coming|the|for|in|past)\s+)(?:few\s+|several\s+)?(?P<unit>(?:second|minute|hour|day|week|month|quarter|year|decade)s)"
        r"(?:\s+(?P<ahead>ahead|to come))?\b"
    ),
    "set": _i(
        rf"\b(?:(?P<adv>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly)|(?:every|each|per)\s+(?:other\s+)?"
        rf"(?:(?P<num>{NUMBER})\s+)?(?P<unit>{UNIT}|weekend)|(?:every|each)\s+(?P<wd>{WEEKDAY})|(?:every|each)\s+(?P<mon>{_MONTH_FULL}))\b"
    ),
}

# Words that, in front of the bare-preposition alternatives of "month", mean the word is a month.
_PREP_MODS = frozenset(
    {"since", "in", "until", "by", "before", "after", "from", "during", "through", "of", "to"}
)
# The duration rule's "the/past/last" only make an expression with a plural or a number.
_BARE_DURATION_ARTICLES = frozenset({"a", "an", "the", "some", "many"})

_COMPILED = {name: re.compile(pattern) for name, pattern in RULES.items()}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One matched expression: rule name, character span, and the regex match itself."""

    rule: str
    start: int
    end: int
    match: re.Match[str]

    @property
    def text(self) -> str:
        """The matched text."""
        return self.match.group(0)


def _rejected(rule: str, match: re.Match[str]) -> bool:
    """True for matches that look like time expressions but are not (measured on TimeBank)."""
    group = match.groupdict()
    low = {k: (v or "").lower() for k, v in group.items()}
    if rule == "month" and match.group("mon") in {"May", "March"} and not low["mod"]:
        return True  # the modal verb and the verb/noun, unless a word around says month
    if rule == "month" and low["mod"] in {"each", "every"}:
        return True  # left to the "set" rule
    if rule == "duration":
        bare = low["num"] in _BARE_DURATION_ARTICLES and not low["rel"] and not low["approx"]
        if bare and (low["num"] in {"the", "some", "many"} or low["unit"].endswith("s")):
            return True
        if low["unit"].startswith("quarter") and (
            "-" in match.group(0) or low["num"] in {"a", "an"}
        ):
            return True  # "three-quarters of", "a quarter of the staff": fractions
    if rule == "season" and not low["rel"] and not low["y"] and low["season"] == "fall":
        return True  # "prices fall"
    if rule == "relative" and low["unit"] == "day" and low["rel"] == "the":
        return True
    if rule == "relative" and low["unit"] == "period":
        return low["rel"] not in {"the year-earlier", "the year-ago", "the latest"}
    if rule == "weekday" and not low["part"] and not low["rel"]:
        before = match.string[max(0, match.start() - 4) : match.start()].lower()
        if before.endswith("the "):
            return True  # "the Saturday classes": a recurring thing named by its day
    if rule == "year":
        before = match.string[max(0, match.start() - 12) : match.start()].lower()
        return bool(
            re.search(
                r"(?:no\.|number|flight|route|room|model|page|article|©|\(c\)|copyright)\s*$",
                before,
            )
        )
    return False


def _trim(rule: str, match: re.Match[str]) -> tuple[int, int] | None:
    """The TimeML extent of a match (prepositions out), or None when the match is not a timex."""
    if _rejected(rule, match):
        return None
    start, end = match.span()
    if rule == "month" and (match.group("mod") or "").lower() in _PREP_MODS:
        start = match.start("mon")
    if rule == "ago" and match.group("dir").lower() in {"before", "after"}:
        end = match.end("unit")  # "two days after the dam burst": TimeML tags "two days"
    if rule == "quarter" and "-" in match.group(0) and match.group(0).lower().startswith("the "):
        start += 4  # "the third-quarter profit": the article belongs to the noun phrase
    if rule == "duration" and (match.group("rel") or "").lower() == "the" and "-" in match.group(0):
        start = match.start("num")  # "the two-week delay": the article belongs to the noun phrase
    if rule == "vague_duration" and match.group("rel").lower() in {"for", "in", "the"}:
        start = match.start("unit")
    return start, end


_MONTH_HINT = r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_WEEKDAY_HINT = r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
_UNIT_HINT = r"(?i:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur)"
_TIME_HINT = r"(?i:\d\s*[ap]\.?m\b|\d:\d\d|\bnoon\b|\bmidnight\b)"
#: Every match of a rule contains its hint, so a rule only runs in windows around its hints:
#: the same output as running it on the whole text, several times faster on news text.
_HINTS: dict[str, str] = {
    "iso": r"\d{4}-\d\d",
    "numeric": r"\d[/-]\d",
    "month_day": _MONTH_HINT,
    "day_month": _MONTH_HINT,
    "month_year": _MONTH_HINT,
    "month": _MONTH_HINT,
    "weekday": _WEEKDAY_HINT,
    "weekday_pair": _WEEKDAY_HINT,
    "part_weekday": _WEEKDAY_HINT,
    "time": _TIME_HINT,
    "time_after": _TIME_HINT,
    "deictic": r"(?i:\b(?:today|tonight|yesterday|tomorrow|now|current|presen|recent|lately|previous|"
    r"formerly|future|past|overnight|days|term|morning|afternoon|evening|night))",
    "relative": rf"(?:{_UNIT_HINT}|(?i:weekend|spring|summer|fall|autumn|winter|season|period))",
    "quarter": r"(?i:quarter|half)",
    "fiscal_year": r"(?i:fiscal|calendar|year)",
    "spoken_year": r"(?i:nineteen)",
    "year_ago": r"(?i:year-)",
    "year": r"(?:1[6-9]|20)\d\d",
    "century": r"(?i:century)",
    "decade_word": r"(?i:ties\b)",
    "decade": r"\d0s",
    "season": r"(?i:spring|summer|fall|autumn|winter)",
    "ago": _UNIT_HINT,
    "duration": _UNIT_HINT,
    "vague_duration": _UNIT_HINT,
    "set": r"(?i:daily|weekly|monthly|annual|yearly|hourly|nightly|biweekly|every|each|per\b)",
}
_COMPILED_HINTS = {rule: re.compile(hint) for rule, hint in _HINTS.items()}


def _lowercase_form(hint: str) -> re.Pattern[str] | None:
    """The hint as a case-sensitive pattern over lowercased text, when every letter it names is
    inside ``(?i:...)``: Python's ``re`` scans a case-insensitive alternation three to six times
    slower than the same alternation in lower case (a third of the time stage on news text)."""
    plain = hint.replace("(?i:", "(?:")
    if plain == hint or re.search(r"[A-Z]", re.sub(r"\\[a-zA-Z]", "", plain)):
        return None  # case-sensitive letters (month names); escapes (\b, \d) mean the same
    return re.compile(plain)


_LOWERCASE_HINTS = {
    compiled: _lowercase_form(hint)
    for hint, compiled in ((_HINTS[rule], _COMPILED_HINTS[rule]) for rule in _HINTS)
}
#: Characters searched on each side of a hint (more than the longest expression).
_WINDOW = 80


def _windows(text: str, hint: re.Pattern[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for match in hint.finditer(text):
        start, end = max(0, match.start() - _WINDOW), min(len(text), match.end() + _WINDOW)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    out = []
    for start, end in spans:
        while start > 0 and not text[start - 1].isspace():  # never cut a word in two
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        out.append((start, end))
    return out


def find_expressions(text: str) -> list[Candidate]:
    """Every time expression in ``text``: longest matches first, no overlaps, in text order.

    Example:
        >>> [c.text for c in find_expressions("The dam burst on Saturday, Sept. 10, at 5 p.m.")]
        ['Saturday, Sept. 10', '5 p.m.']
    """
    found: list[Candidate] = []
    windows: dict[re.Pattern[str], list[tuple[int, int]]] = {}  # several rules share a hint
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lowercase to two ("İ"): offsets would shift
        lowered = ""
    for rule, regex in _COMPILED.items():
        hint = _COMPILED_HINTS[rule]
        if hint not in windows:
            fast = _LOWERCASE_HINTS[hint]
            windows[hint] = _windows(lowered, fast) if fast and lowered else _windows(text, hint)
        for start, end in windows[hint]:
            for match in regex.finditer(text, start, end):
                span = _trim(rule, match)
                if span and span[1] > span[0]:
                    found.append(Candidate(rule, span[0], span[1], match))
    found.sort(key=lambda c: (-(c.end - c.start), c.start))
    taken: list[Candidate] = []
    occupied: list[tuple[int, int]] = []
    for cand in found:
        if any(cand.start < e and s < cand.end for s, e in occupied):
            continue
        taken.append(cand)
        occupied.append((cand.start, cand.end))
    return sorted(taken, key=lambda c: c.start)
