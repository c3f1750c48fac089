"""Quantity extraction: numbers in digits and words with approximators, ranges, units and currencies.

Hand-written because no library covers news numbers well: quantulum3 (the baseline in
``storylens bench figures``) reads dates, clock times, ages and identifiers as quantities, has no
approximators, and splits "120 kilometres (75 miles)" into two figures. The rules here are a small
grammar over ``numbers.tokenize`` tokens::

    [approximator] [between] [currency] NUMBER [scale] [range] [approx suffix] [unit [rate]]
        [ "(" the same quantity in another unit ")" ]

and a list of exclusions (dates, clock times, ages, ordinals, phone numbers, identifiers such as
"No. 10" or "Flight 447", sports scores). An optional spaCy ``Doc`` of the same text refines the
exclusions (spaCy's DATE/TIME entities, "one" used as a pronoun).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storylens.figures.lexicon import (
    APPROX_SUFFIXES,
    APPROXIMATORS,
    CURRENCY_PREFIXES,
    CURRENCY_WORDS,
    IDENTIFIER_WORDS,
    MONTHS,
    RATE_WORDS,
    UNITS,
)
from storylens.figures.numbers import (
    NumberMatch,
    Token,
    adjacent,
    number_starts,
    parse_number,
    tokenize,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Quantity", "extract_quantities"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity found in a text.

    ``start``/``end`` cover the whole expression (approximator to unit, and a parenthesised second
    unit); ``num_start``/``num_end`` cover the number itself. ``alternative`` holds the text of
    the same quantity in another unit ("75 miles"), which is part of this figure, not another one.
    """

    value: float
    unit: str | None
    approx: str | None
    start: int
    end: int
    num_start: int
    num_end: int
    text: str
    value_max: float | None = None
    kind: str = "digits"
    alternative: str | None = None


_MAX_PHRASE = 4
_LOOKBEHIND = 6  # tokens an approximator + "between" + a currency can take before a number
_CLOCK_AFTER = re.compile(
    r"\s*(?:[ap]\.m\.?|[ap]m\b|o'clock|(?:gmt|bst|est|edt|cst|pst|pdt|utc|cet|hrs|et)\b|local time)",
    re.I,
)
_SCORE_WORDS = {"win", "won", "beat", "beating", "lost", "lose", "defeat", "defeated", "victory", "draw",
                "drew", "score", "scored", "final", "lead", "led", "match", "game"}  # fmt: skip
_AFTER_SCORE = {"win", "victory", "defeat", "lead", "loss", "draw", "in", "at", "on", "against", "over",
                "to", "and", "with", "after", "home", "away"}  # fmt: skip
_COMPARATIVES = {"higher", "more", "larger", "bigger", "greater", "lower", "smaller", "less", "fewer",
                 "faster", "slower", "as", "the", "that", "its", "their", "over", "longer", "heavier"}  # fmt: skip
_FRAME_BEFORE = {"in", "on", "within", "after", "during", "over", "by", "since", "until", "from", "to",
                 "past", "last", "next", "previous", "first", "coming", "following", "recent", "final",
                 "every", "each", "than", "about", "around", "almost", "nearly", "some"}  # fmt: skip
_FRAME_AFTER = {
    "ago",
    "later",
    "earlier",
    "after",
    "before",
    "old",
    "since",
    "from",
    "running",
    "straight",
}
_TIME_UNITS = {"s", "min", "h", "day", "week", "month", "year", "decade"}
_TIME_NOUNS = {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "night",
               "morning", "afternoon", "evening", "am", "pm", "gmt"}  # fmt: skip
_ONE_IDIOMS = {"case", "instance", "occasion", "person", "day", "time", "point", "way", "thing", "hand", "another", "side", "stage", "night",
               "morning", "evening", "year", "week", "month", "moment", "step"}  # fmt: skip
_NOT_BEFORE_ONE = {
    "no",
    "the",
    "any",
    "every",
    "each",
    "this",
    "that",
    "which",
    "someone",
    "anyone",
    "last",
}
_EXCLUDED_SPANS = re.compile(
    r"\(?\b\d{3}\)?[-. ]\d{3}[-. ]\d{4}\b"  # phone numbers
    r"|\b\d{1,2}:\d{2}(?::\d{2})?\b"  # clock times
    r"|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b"  # numeric dates
    r"|\b\d{1,3}(?:-year|-month|-week|-day)s?-old\b|\b\d{1,3} (?:years?|months?) old\b"  # ages
    r"|\b(?:aged?|ages) \d{1,3}(?:\s*(?:-|to|and)\s*\d{1,3})?\b"
    r"|(?<=[A-Za-z]-)\d[\d.]*"  # slugs and model names: "article-1.1456300", "AK-47"
    r"|(?<=/ )\d+(?= /)|(?<=/)\d+(?=/)"  # URL paths
    r"|\bhttps?:/+[^\n]*|\bwww\.\S+"  # URLs (to the end of the line: ECB+ spaces them out)
    r"|\b\d{1,2} / \d{1,2} / \d{2,4}\b"  # "2 / 3 / 2009"
    r"|\b\d+(?:\.\d+){2,}\b"  # versions: "5.0.1"
    r"|\b\d+/\d+\b"  # fractions and ratios written with a slash: "1/2", "24/7"
    r"|(?m:^[ \t]*\d{1,2}\.(?=\s))"  # list numbering
    r"|\b\d+-something\b"
)
_DIMENSION_ADJECTIVES = {
    "wide",
    "long",
    "high",
    "deep",
    "tall",
    "thick",
    "across",
    "in",
    "diameter",
}
#: Identifier words that mark a name even in lower case ("article 15", "number one seed").
_LOWERCASE_IDENTIFIERS = {"article", "section", "chapter", "no", "no.", "number", "page", "pages",
                          "paragraph", "clause", "resolution", "flight", "route", "room", "gate",
                          "platform", "terminal", "exit", "version", "episode", "season"}  # fmt: skip


def _phrase_at(tokens: list[Token], i: int, table: dict[str, str]) -> tuple[str, int] | None:
    """The longest phrase of ``table`` starting at token ``i`` (joined by single spaces)."""
    for size in range(_MAX_PHRASE, 0, -1):
        if i + size > len(tokens):
            continue
        parts = [tokens[k].lower for k in range(i, i + size)]
        # A dot glued to the previous word belongs to it ("approx.", "rs.").
        if size > 1 and parts[-1] == "." and adjacent(tokens, i + size - 1):
            key = " ".join(parts[:-1]) + "."
        else:
            key = " ".join(parts)
        if key in table:
            return table[key], i + size
    return None


def _unit_at(tokens: list[Token], i: int) -> tuple[str, int] | None:
    """A unit or currency word at ``i`` (allowing the "120-kilometre" hyphen form)."""
    if i >= len(tokens):
        return None
    j = i
    if (
        tokens[j].text in {"-", "\u2011"}
        and adjacent(tokens, j)
        and j + 1 < len(tokens)
        and adjacent(tokens, j + 1)
    ):
        j += 1
    if tokens[j].text == "%":
        return "percent", j + 1
    if tokens[j].lower == "times":
        after = tokens[j + 1].lower if j + 1 < len(tokens) else ""
        # "20 times higher" is a ratio; "stabbed 17 times" counts occasions.
        return ("times", j + 1) if after in _COMPARATIVES else None
    if tokens[j].lower == "pounds" and j + 1 < len(tokens) and tokens[j + 1].lower == "of":
        return "lb", j + 1
    found = _phrase_at(tokens, j, CURRENCY_WORDS)
    if found is not None:
        return found
    found = _phrase_at(tokens, j, UNITS)
    if found is None:
        return None
    unit, end = found
    if (
        tokens[j].lower == "m"
        and not adjacent(tokens, j)
        and end < len(tokens)
        and tokens[end].text.isalpha()
    ):
        return None  # a lone "m" before a word ("5 m people") is unclear
    if tokens[j].lower == "in" and not adjacent(tokens, j):
        return None  # "6in" is inches; "6 in the morning" is not
    # "-year-old" and "years old" are ages; the caller drops them.
    return unit, end


def _currency_at(tokens: list[Token], i: int) -> tuple[str, int] | None:
    if i >= len(tokens):
        return None
    if i + 1 < len(tokens) and tokens[i + 1].text == "$" and adjacent(tokens, i + 1):
        key = tokens[i].lower + "$"
        if key in CURRENCY_PREFIXES:
            return CURRENCY_PREFIXES[key], i + 2
    word = tokens[i].lower
    if word in {"$", "£", "€", "¥"} or (word in {"usd", "eur", "gbp"} and tokens[i].text.isupper()):
        return CURRENCY_PREFIXES[word], i + 1
    return None


def _number_start(tokens: list[Token], i: int) -> bool:
    return i < len(tokens) and (tokens[i].is_digit or parse_number(tokens, i) is not None)


class _Scanner:
    """Reads quantities left to right; one instance per text."""

    def __init__(self, text: str, doc: Doc | None) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.doc = doc
        self.blocked = [(m.start(), m.end()) for m in _EXCLUDED_SPANS.finditer(text)]

    def run(self) -> list[Quantity]:
        """Quantities left to right. Only the few tokens before each possible number start are
        tried (an approximator, "between" and a currency take at most five tokens), which keeps
        the scan linear in the number of numbers rather than of words."""
        found: list[Quantity] = []
        covered = 0  # the first token not yet consumed by a quantity or an exclusion
        for start in number_starts(self.tokens):
            if start < covered:
                continue
            for i in range(max(covered, start - _LOOKBEHIND), start + 1):
                result = self._quantity_at(i)
                if result is None:
                    continue
                quantity, nxt = result
                if nxt <= start:
                    continue  # something that ends before this number: not about it
                if quantity is not None:
                    found.append(quantity)
                covered = max(nxt, i + 1)
                break
        return found

    def _quantity_at(self, i: int) -> tuple[Quantity | None, int] | None:
        tokens = self.tokens
        j = i
        approx: str | None = None
        found = _phrase_at(tokens, j, APPROXIMATORS)
        if (found is not None and _number_start(tokens, found[1])) or (
            found is not None and _currency_at(tokens, found[1]) is not None
        ):
            assert found is not None
            approx, j = found
        between = j < len(tokens) and tokens[j].lower == "between"
        if between:
            j += 1
        currency = _currency_at(tokens, j)
        if currency is not None:
            j = currency[1]
        if j >= len(tokens):
            return None
        number = parse_number(tokens, j)
        if number is None:
            return None
        if number.kind == "vague":
            approx = approx or "vague"
        value, value_max, k = number.value, None, number.last
        num_last = number.last
        unit = currency[0] if currency else ("fraction" if number.kind == "fraction" else None)
        if number.factor == 1e6 and currency is None and tokens[number.last - 1].lower == "m":
            following = tokens[k] if k < len(tokens) else None
            if (
                following is None
                or not following.text.isalpha()
                or following.lower in _DIMENSION_ADJECTIVES
            ):
                value, unit = value / 1e6, "m"  # "1,600m (5,250ft)": metres, not millions
        if number.kind == "fraction" and k + 1 < len(tokens) and tokens[k].lower in {"a", "an"}:
            half_unit = _unit_at(tokens, k + 1)  # "half a mile", "half an hour"
            if half_unit is not None:
                unit, k = half_unit
        ratio = self._one_in(number, k)
        if ratio is not None:
            value, k = ratio
            num_last = k
            unit = "fraction"
        # Ranges: "between 30 and 40", "30-40", "30 to 40", "25% and 35%" (not "from 30 to 40":
        # that is a change, two figures).
        span = self._range(number, k, between, i, unit)
        if span is not None:
            value, value_max, k, num_last, range_unit = span
            unit = unit or range_unit
        suffix = _phrase_at(tokens, k, APPROX_SUFFIXES)
        if suffix is not None and not (
            suffix[0] == "more_than" and tokens[k].text == "+" and not adjacent(tokens, k)
        ):
            approx = approx or suffix[0]
            k = suffix[1]
        if unit is None:
            found_unit = _unit_at(tokens, k)
            if (
                found_unit is None
                and number.kind == "vague"
                and k < len(tokens)
                and tokens[k].lower == "of"
            ):
                found_unit = _unit_at(
                    tokens, k + 1
                )  # "thousands of barrels", "billions of dollars"
            if found_unit is not None:
                unit, k = found_unit
                if unit == "GBP" and self._weighing(i):
                    unit = "lb"
        if unit is None and j > 0 and tokens[j - 1].lower == "magnitude":
            unit = "magnitude"
        if unit and unit not in {"percent", "fraction", *_TIME_UNITS}:
            unit, k = self._rate(unit, k)
        if unit == "ft":
            inches = self._inches(k)
            if inches is not None:
                value, k = value + inches[0] / 12, inches[1]  # "6-foot 7-inch", "5-foot-7"
        end_token = k
        probe = k
        if (
            probe + 1 < len(tokens)
            and tokens[probe].text == "-"
            and tokens[probe + 1].lower in _DIMENSION_ADJECTIVES
        ):
            probe += 2  # "a 6in-wide (15cm) tube"
        alternative = self._alternative(probe) if unit else None
        if alternative is not None:
            end_token = alternative[1]
        start = tokens[i].start
        num_start = tokens[number.first].start
        num_end = tokens[num_last - 1].end
        end = tokens[end_token - 1].end
        quantity = Quantity(
            value=value,
            unit=unit,
            approx=approx,
            start=start,
            end=end,
            num_start=num_start,
            num_end=num_end,
            text=self.text[start:end],
            value_max=value_max,
            kind=number.kind,
            alternative=alternative[0] if alternative else None,
        )
        if self._excluded(quantity, number, i, k):
            return None, end_token
        return quantity, end_token

    def _range(
        self, number: NumberMatch, k: int, between: bool, i: int, unit: str | None
    ) -> tuple[float, float, int, int, str | None] | None:
        """A second number that closes a range; (low, high, next token, last number token, unit)."""
        tokens = self.tokens
        joiner_at = k
        peek = _unit_at(tokens, k) if unit is None else None
        if (
            peek is not None
            and peek[1] < len(tokens)
            and tokens[peek[1]].lower in {"and", "to", "-", "\u2013"}
        ):
            joiner_at = peek[1]  # "25% and 35%", "2,300 feet to 4,200 feet"
        joiner = tokens[joiner_at].lower if joiner_at < len(tokens) else ""
        from_before = i > 0 and tokens[i - 1].lower == "from"
        if (
            from_before
            and i > 1
            and tokens[i - 2].lower in {"ranging", "ranged", "range", "ranges", "varying"}
        ):
            from_before = False  # "depths ranging from 2,300 feet to 4,200 feet" is a range
        if not (
            (between and joiner == "and")
            or (joiner in {"-", "\u2013", "\u2014"} and number.kind == "digits")
            or (joiner == "to" and not from_before and number.kind != "vague")
        ):
            return None
        nk = joiner_at + 1
        cur2 = _currency_at(tokens, nk)
        if cur2 is not None:
            nk = cur2[1]
        second = parse_number(tokens, nk) if nk < len(tokens) else None
        if second is None or second.kind not in {"digits", "words"}:
            return None
        if (
            joiner == "-"
            and not between
            and not (adjacent(tokens, joiner_at) and adjacent(tokens, nk))
        ):
            return None
        if number.kind != second.kind and not between:
            return None
        low = number.value * (second.factor if not number.scaled else 1.0)
        if second.value <= low:
            return None
        end = second.last
        range_unit = None
        if peek is not None:
            again = _unit_at(tokens, end)
            if again is None or again[0] != peek[0]:
                return None
            range_unit, end = again
        return low, second.value, end, second.last, range_unit

    def _one_in(self, number: NumberMatch, k: int) -> tuple[float, int] | None:
        """ "one in five" -> 0.2 (a share, like "20 percent")."""
        tokens = self.tokens
        if (
            number.kind not in {"words", "digits"}
            or k + 1 >= len(tokens)
            or tokens[k].lower != "in"
        ):
            return None
        other = parse_number(tokens, k + 1)
        if other is None or other.kind not in {"words", "digits"} or other.value <= number.value:
            return None
        return number.value / other.value, other.last

    def _rate(self, unit: str, k: int) -> tuple[str, int]:
        """ "barrels a day", "barrels of oil per day" -> "barrel/day"."""
        tokens = self.tokens
        rate = _phrase_at(tokens, k, RATE_WORDS)
        if rate is None and k + 2 < len(tokens) and tokens[k].lower == "of":
            for skip in (2, 3):
                rate = _phrase_at(tokens, k + skip, RATE_WORDS)
                if rate is not None and all(t.text.isalpha() for t in tokens[k + 1 : k + skip]):
                    return f"{unit}/{rate[0]}", k
                rate = None
        if rate is None:
            return unit, k
        return f"{unit}/{rate[0]}", rate[1]

    def _weighing(self, i: int) -> bool:
        """ "weighing 156 pounds" is a weight, not money."""
        before = {t.lower for t in self.tokens[max(0, i - 3) : i]}
        return bool(before & {"weighing", "weighs", "weighed", "weigh", "weight"})

    def _inches(self, k: int) -> tuple[float, int] | None:
        """The inches after a foot figure: " 7-inch", "-7", " 7 inches"."""
        tokens = self.tokens
        j = k + 1 if k < len(tokens) and tokens[k].text == "-" and adjacent(tokens, k) else k
        if j >= len(tokens) or not tokens[j].is_digit or float(tokens[j].text) >= 12:
            return None
        inches = float(tokens[j].text)
        unit = _unit_at(tokens, j + 1)
        if unit is not None and unit[0] == "in":
            return inches, unit[1]
        if j > k:  # "5-foot-7"
            return inches, j + 1
        return None

    def _alternative(self, k: int) -> tuple[str, int] | None:
        """ "(75 miles)" or "(75-mile)" right after a quantity with a unit: the same figure."""
        tokens = self.tokens
        if k >= len(tokens) or tokens[k].text != "(":
            return None
        j = k + 1
        found = _phrase_at(tokens, j, APPROXIMATORS)
        if found is not None:
            j = found[1]
        currency = _currency_at(tokens, j)
        if currency is not None:
            j = currency[1]
        if j >= len(tokens) or parse_number(tokens, j) is None:
            return None
        number = parse_number(tokens, j)
        assert number is not None
        j = number.last
        unit = _unit_at(tokens, j)
        if unit is not None:
            j = unit[1]
        elif currency is None:
            return None
        if j < len(tokens) and tokens[j].text == ")":
            return self.text[tokens[k + 1].start : tokens[j - 1].end], j + 1
        return None

    def _excluded(self, q: Quantity, number: NumberMatch, i: int, k: int) -> bool:
        tokens = self.tokens
        first = tokens[number.first]
        if any(s < q.num_end and q.num_start < e for s, e in self.blocked):
            return True
        if (
            q.unit in {"year", "month", "week", "day"}
            and k < len(tokens)
            and tokens[k].lower in {"-", "old"}
        ):
            return True  # "52-year-old", "six months old"
        before = tokens[number.first - 1] if number.first > 0 else None
        if before is not None and before.lower in {"aged", "age"}:
            return True
        if q.unit in _TIME_UNITS and self._time_frame(i, k, number):
            return True  # "three years ago", "in the past 24 hours": time, not a figure
        if q.unit == "s" and number.kind == "words" and "-" in q.text:
            return True  # "her thirty-second birthday": an ordinal
        if number.kind == "fraction" and before is not None and before.lower == "and":
            return True  # "a year and a half" belongs to the duration before it
        if q.unit == "yd" and k < len(tokens) and tokens[k].lower == "line":
            return True  # "the 27-yard line" is a place on the field
        if q.value_max is not None and k < len(tokens) and tokens[k].lower in {"season", "record"}:
            return True  # "a 2-13 season"
        if (
            before is not None and before.lower == "the" and number.kind == "words"
            and number.last + 1 < len(tokens) and tokens[number.last].lower == "of"
            and tokens[number.last + 1].lower in {"them", "us", "you"}
        ):  # fmt: skip
            return True  # "the two of them"
        if self._tally(q, number) or self._age_apposition(q, number):
            return True
        if first.is_digit:
            if (
                adjacent(tokens, number.first)
                and before is not None
                and (
                    before.text.isalpha()
                    or (
                        before.text == "-"
                        and number.first > 1
                        and tokens[number.first - 2].text[:1].isupper()
                        and adjacent(tokens, number.first - 1)
                    )
                )
            ):
                return True  # "G20", "H1N1", "F-16", "COVID-19"
            after = tokens[number.last] if number.last < len(tokens) else None
            if (
                after is not None
                and adjacent(tokens, number.last)
                and after.lower in {"st", "nd", "rd", "th", "s"}
            ):
                return True  # ordinals, decades
            if (
                after is not None
                and adjacent(tokens, number.last)
                and after.text.isalpha()
                and q.unit is None
                and not number.scaled
            ):
                return True  # "3D", "4G"
            if _CLOCK_AFTER.match(self.text, q.num_end):
                return True  # clock times: "10 a.m.", "0900 GMT"
            if q.unit is None and q.approx is None and self._date_like(q, number):
                return True
        if (
            before is not None
            and q.unit is None
            and (
                (before.lower.rstrip(".") in IDENTIFIER_WORDS and before.text[:1].isupper())
                or before.lower in _LOWERCASE_IDENTIFIERS
                or before.text == "#"
            )
        ):
            return True  # "No. 10", "Article 5", "Flight 447"
        if self._product_name(q, number, before):
            return True  # "iOS 5", "Yak 40", "Windows 7"
        if (
            before is not None
            and before.text == "."
            and number.first > 1
            and tokens[number.first - 2].lower == "no"
        ):
            return True
        if q.value_max is not None and q.unit is None and q.value_max < 200:
            window = {t.lower for t in tokens[max(0, i - 4) : min(len(tokens), k + 3)]}
            following = tokens[k].lower if k < len(tokens) else "."
            if window & _SCORE_WORDS and (following in _AFTER_SCORE or not following.isalpha()):
                return True  # "won 3-1", "a 2-0 win" (but not "lost 30-40 tanks")
        if first.lower == "one" and number.last == number.first + 1 and q.unit is None:
            return not self._one_is_numeral(number, i)
        return self._spacy_excludes(q)

    def _time_frame(self, i: int, k: int, number: NumberMatch) -> bool:
        """Whether a duration locates an event in time ("for 10 days", "three years ago") rather
        than measuring something ("a 72-hour strike", "lasting 72 hours")."""
        tokens = self.tokens
        if (
            number.last < len(tokens)
            and tokens[number.last].text == "-"
            and adjacent(tokens, number.last)
            and k < len(tokens)
            and tokens[k].text.isalpha()
            and tokens[k].lower not in _FRAME_AFTER
            and tokens[k].text != "-"
        ):
            return False  # a hyphenated modifier of a noun: "a 72-hour strike"
        after = tokens[k].lower if k < len(tokens) else ""
        if after in _FRAME_AFTER or (
            after == "-" and k + 1 < len(tokens) and tokens[k + 1].lower == "old"
        ):
            return True
        before = tokens[i - 1].lower if i > 0 else ""
        before2 = tokens[i - 2].lower if i > 1 else ""
        if before == "last" and before2 in {"to", "will", "would", "could", "may", "might"}:
            return False  # "due to last 72 hours": the verb, not "the last 72 hours"
        # "for 72 hours" measures; "for the nine months ending in March" frames a period.
        return before in _FRAME_BEFORE or (before == "the" and before2 in _FRAME_BEFORE | {"for"})

    def _tally(self, q: Quantity, number: NumberMatch) -> bool:
        """One side of "51-47" or "13-13": a score or a tally, not a range."""
        if q.value_max is not None or q.unit is not None:
            return False
        tokens = self.tokens
        first, last = number.first, number.last
        after_pair = (
            last + 1 < len(tokens)
            and tokens[last].text in {"-", "\u2013"}
            and adjacent(tokens, last)
            and adjacent(tokens, last + 1)
            and tokens[last + 1].is_digit
        )
        before_pair = (
            first > 1
            and tokens[first - 1].text in {"-", "\u2013"}
            and adjacent(tokens, first)
            and adjacent(tokens, first - 1)
            and tokens[first - 2].is_digit
        )
        return after_pair or before_pair

    def _age_apposition(self, q: Quantity, number: NumberMatch) -> bool:
        """ "Dudley, 54, lost out": an age between commas after a name."""
        tokens = self.tokens
        first, last = number.first, number.last
        if (
            q.unit is not None
            or q.approx is not None
            or not tokens[first].is_digit
            or not 0 < q.value < 120
        ):
            return False
        if first < 2 or last >= len(tokens):
            return False
        name = tokens[first - 2]
        return (
            tokens[first - 1].text == ","
            and tokens[last].text in {",", ")"}
            and name.text[:1].isupper()
            and name.text.isalpha()
            and name.lower.rstrip(".") not in MONTHS
        )

    def _product_name(self, q: Quantity, number: NumberMatch, before: Token | None) -> bool:
        """A number right after a name, with no noun after it, is part of the name."""
        if self.doc is None or before is None or q.unit is not None or q.approx is not None:
            return False
        if not self.tokens[number.first].is_digit or not before.text.isalpha():
            return False
        if before.lower in MONTHS or not (
            before.text[:1].isupper() or any(c.isupper() for c in before.text[1:])
        ):
            return False
        span = self.doc.char_span(q.num_start, q.num_end, alignment_mode="expand")
        if span is None or span.start == 0:
            return False
        previous = self.doc[span.start - 1]
        camel = any(c.isupper() for c in before.text[1:])  # "iOS", "iPhone", "OS"
        if (previous.pos_ != "PROPN" and not camel) or previous.is_sent_start:
            return False
        following = self.doc[span.end] if span.end < len(self.doc) else None
        return following is None or following.pos_ not in {"NOUN", "PROPN", "ADJ"}

    def _date_like(self, q: Quantity, number: NumberMatch) -> bool:
        tokens = self.tokens
        first = tokens[number.first]
        before = tokens[number.first - 1] if number.first > 0 else None
        after = tokens[number.last] if number.last < len(tokens) else None
        if before is not None and before.lower.rstrip(".") in MONTHS and before.text[:1].isupper():
            return True  # "May 5", "Sept. 10"
        if (
            before is not None
            and before.text == "."
            and number.first > 1
            and tokens[number.first - 2].lower in MONTHS
        ):
            return True
        if after is not None and after.lower.rstrip(".") in MONTHS and after.text[:1].isupper():
            return True  # "5 May"
        if after is not None and after.lower == "of" and number.last + 1 < len(tokens):
            nxt = tokens[number.last + 1]
            if nxt.lower in MONTHS and nxt.text[:1].isupper():
                return True
        text = first.text
        plain_year = len(text) == 4 and "," not in text and "." not in text and not number.scaled
        if plain_year and q.value_max is None and 1000 <= q.value <= 2100:
            return not self._followed_by_noun(q)
        return q.value_max is not None and len(text) == 4 and 1000 <= q.value <= 2100  # "2009-2010"

    def _followed_by_noun(self, q: Quantity) -> bool:
        if self.doc is None:
            return False
        span = self.doc.char_span(q.num_start, q.num_end, alignment_mode="expand")
        if span is None or span.end >= len(self.doc):
            return False
        nxt = self.doc[span.end]
        return nxt.pos_ == "NOUN" and nxt.tag_ == "NNS" and span[-1].ent_type_ != "DATE"

    def _one_is_numeral(self, number: NumberMatch, i: int) -> bool:
        tokens = self.tokens
        before = tokens[number.first - 1].lower if number.first > 0 else ""
        after = tokens[number.last].lower if number.last < len(tokens) else ""
        if before in _NOT_BEFORE_ONE or after in _ONE_IDIOMS or after in {"of", "another", "or"}:
            return False
        if self.doc is None:
            return False
        span = self.doc.char_span(
            tokens[number.first].start, tokens[number.first].end, alignment_mode="expand"
        )
        return span is not None and span[0].dep_ == "nummod"

    def _spacy_excludes(self, q: Quantity) -> bool:
        if self.doc is None or q.unit is not None or q.approx is not None:
            return False
        span = self.doc.char_span(q.num_start, q.num_end, alignment_mode="expand")
        if span is None:
            return False
        labels = {t.ent_type_ for t in span}
        if not labels & {"DATE", "TIME"}:
            return False
        root = span.root
        if (
            root.dep_ in {"nummod", "quantmod"}
            and root.head.pos_ == "NOUN"
            and root.head.lemma_.lower() not in _TIME_NOUNS
        ):
            return False  # spaCy calls "between 30 and 40 soldiers" a DATE now and then
        return not self._followed_by_noun(q)


def extract_quantities(text: str, doc: Doc | None = None) -> list[Quantity]:
    """Every quantity in ``text``, in order.

    Args:
        text: the text to read.
        doc: spaCy's parse of the same text, if there is one; it sharpens the date and "one"
            exclusions but is optional.

    Example:
        >>> [(q.value, q.unit, q.approx) for q in extract_quantities("at least 40 people and $5bn")]
        [(40.0, None, 'at_least'), (5000000000.0, 'USD', None)]
    """
    return _Scanner(text, doc).run()
