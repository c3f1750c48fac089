"""Quantity extraction: numbers in digits and words with approximators, ranges, units and currencies.

Hand-written because no library covers news numbers well: quantulum3 (the baseline in
``storylens bench figures``) reads dates, clock times, ages and identifiers as quantities, has no
approximators, and splits "120 kilometres (75 miles)" into two figures. The rules here are a small
grammar over ``numbers.tokenize`` tokens::

    [approximator] [between] [currency] NUMBER [scale] [range] [approx suffix] [unit [rate]]
        [ "(" the same quantity in another unit ")" ]

and the exclusions of ``exclusions.py`` (dates, clock times, ages, ordinals, phone numbers,
identifiers such as "No. 10" or "Flight 447", sports scores). An optional spaCy ``Doc`` of the
same text refines the exclusions (spaCy's DATE/TIME entities, "one" used as a pronoun).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storylens.figures.exclusions import Exclusions
from storylens.figures.lexicon import (
    APPROX_SUFFIXES,
    APPROXIMATORS,
    COMPARATIVES,
    CURRENCY_PREFIXES,
    CURRENCY_WORDS,
    DIMENSION_ADJECTIVES,
    RATE_WORDS,
    TIME_UNITS,
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
from storylens.figures.quantity import Quantity

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Quantity", "extract_quantities"]

_MAX_PHRASE = 4
_LOOKBEHIND = 6  # tokens an approximator + "between" + a currency can take before a number


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
        return ("times", j + 1) if after in COMPARATIVES else None
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
        self.rules = Exclusions(text, self.tokens, doc)

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
                or following.lower in DIMENSION_ADJECTIVES
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
        if unit and unit not in {"percent", "fraction", *TIME_UNITS}:
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
            and tokens[probe + 1].lower in DIMENSION_ADJECTIVES
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
        if self.rules.excluded(quantity, number, i, k):
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
