"""What looks like a quantity but is not a figure: dates, clock times, ages, identifiers, scores.

Kept apart from the grammar in ``extract.py`` because these rules answer a different question
(is this number a claim at all?) and grow with every new kind of news text. Each rule says why in
its comment; the labelled set in ``storylens bench figures`` exercises all of them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storylens.figures.lexicon import IDENTIFIER_WORDS, MONTHS, TIME_UNITS
from storylens.figures.numbers import NumberMatch, Token, adjacent
from storylens.figures.quantity import Quantity

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Exclusions"]

_CLOCK_AFTER = re.compile(
    r"\s*(?:[ap]\.m\.?|[ap]m\b|o'clock|(?:gmt|bst|est|edt|cst|pst|pdt|utc|cet|hrs|et)\b|local time)",
    re.I,
)
_SCORE_WORDS = {"win", "won", "beat", "beating", "lost", "lose", "defeat", "defeated", "victory", "draw",
                "drew", "score", "scored", "final", "lead", "led", "match", "game"}  # fmt: skip
_AFTER_SCORE = {"win", "victory", "defeat", "lead", "loss", "draw", "in", "at", "on", "against", "over",
                "to", "and", "with", "after", "home", "away"}  # fmt: skip
_FRAME_BEFORE = {"in", "on", "within", "after", "during", "over", "by", "since", "until", "from", "to",
                 "past", "last", "next", "previous", "first", "coming", "following", "recent", "final",
                 "every", "each", "than", "about", "around", "almost", "nearly", "some"}  # fmt: skip
_FRAME_AFTER = {"ago", "later", "earlier", "after", "before", "old", "since", "from", "running",
                "straight"}  # fmt: skip
_TIME_NOUNS = {"year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "night",
               "morning", "afternoon", "evening", "am", "pm", "gmt"}  # fmt: skip
_ONE_IDIOMS = {"case", "instance", "occasion", "person", "day", "time", "point", "way", "thing",
               "hand", "another", "side", "stage", "night", "morning", "evening", "year", "week",
               "month", "moment", "step"}  # fmt: skip
_NOT_BEFORE_ONE = {"no", "the", "any", "every", "each", "this", "that", "which", "someone",
                   "anyone", "last"}  # fmt: skip
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
_LOWERCASE_IDENTIFIERS = {"article", "section", "chapter", "no", "no.", "number", "page", "pages",
                          "paragraph", "clause", "resolution", "flight", "route", "room", "gate",
                          "platform", "terminal", "exit", "version", "episode", "season"}  # fmt: skip


class Exclusions:
    """The exclusion rules for one text (its tokens and, optionally, spaCy's parse of it)."""

    def __init__(self, text: str, tokens: list[Token], doc: Doc | None) -> None:
        self.text = text
        self.tokens = tokens
        self.doc = doc
        self.blocked = [(m.start(), m.end()) for m in _EXCLUDED_SPANS.finditer(text)]

    def excluded(self, q: Quantity, number: NumberMatch, i: int, k: int) -> bool:
        """Whether ``q`` (its number at tokens ``number``, the expression at ``i``..``k``) is not a figure."""
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
        if q.unit in TIME_UNITS and self._time_frame(i, k, number):
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
