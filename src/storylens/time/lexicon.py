"""Words of time: month, weekday, number and unit vocabularies shared by the grammar and resolver.

Kept apart from the patterns so that a reader can check the vocabulary in one place, and so that
the resolver maps the very strings the grammar matched.
"""

from __future__ import annotations

__all__ = [
    "MONTHS",
    "NUMBER_WORDS",
    "ORDINALS",
    "PARTS_OF_DAY",
    "SEASONS",
    "UNIT_CODES",
    "VAGUE_NUMBERS",
    "WEEKDAYS",
    "month_number",
    "number_value",
    "unit_code",
    "weekday_number",
]

#: Month spellings (lower case, without the abbreviation dot) -> month number.
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip

#: Weekday spellings -> ISO weekday index (Monday = 0, as ``date.weekday()``).
WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a hundred": 100, "one hundred": 100, "a couple of": 2,
    "couple of": 2, "a dozen": 12, "dozen": 12, "half a": 0, "a half": 0,
}  # fmt: skip

#: Quantities with no exact value: their TIMEX3 value uses ``X`` ("several years" = ``PXY``).
VAGUE_NUMBERS = frozenset({"several", "few", "a few", "many", "some", "the", "numerous", "recent"})

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}  # fmt: skip

#: Unit word (singular, lower case) -> TIMEX3 duration code and whether it is a time unit (PT..).
UNIT_CODES: dict[str, tuple[str, bool]] = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "fortnight": ("W", False),
    "weekend": ("WE", False), "month": ("M", False), "quarter": ("Q", False),
    "year": ("Y", False), "decade": ("DE", False), "century": ("CE", False),
}  # fmt: skip

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI",
}  # fmt: skip

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}  # fmt: skip


def month_number(word: str) -> int:
    """``"Sept."`` -> 9 (KeyError for a non-month)."""
    return MONTHS[word.lower().rstrip(".")]


def weekday_number(word: str) -> int:
    """``"Thurs."`` -> 3 (KeyError for a non-weekday)."""
    return WEEKDAYS[word.lower().rstrip(".")]


def number_value(text: str) -> int | None:
    """A count written in digits or words (``"twenty-four"`` -> 24); None when vague or unknown."""
    words = " ".join(text.lower().replace("-", " ").split())
    if words.replace(".", "", 1).isdigit():
        return int(float(words))
    if words in NUMBER_WORDS:
        return NUMBER_WORDS[words]
    total = 0
    for part in words.split():
        if part not in NUMBER_WORDS:
            return None
        total += NUMBER_WORDS[part]
    return total or None


def unit_code(word: str) -> tuple[str, bool]:
    """``"Years"`` -> ``("Y", False)``; ``"hours"`` -> ``("H", True)``."""
    singular = word.lower().rstrip("s")
    if singular == "centurie":
        singular = "century"
    return UNIT_CODES[singular]
