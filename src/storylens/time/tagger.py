"""The time tagger: find time expressions in a text and normalise them against its date.

``TimeTagger.tag`` runs the grammar, reads the tense of each expression's governing verb (from
a spaCy parse when one is given), keeps a narrative reference time for "two days later", and
returns ``Timex`` records with character offsets into the text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storylens.time.grammar import find_expressions
from storylens.time.resolve import Context, granularity_of, resolve
from storylens.time.tense import tense_from_doc, tense_from_text

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["TimeTagger", "Timex"]

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[A-Z\"'(\[])|\n\s*\n")
# Rules whose day-level results move the narrative reference time.
_REFERENCE_RULES = frozenset(
    {"iso", "numeric", "month_day", "day_month", "weekday", "deictic", "time", "time_after"}
)


@dataclass(frozen=True, slots=True)
class Timex:
    """One normalised time expression (TIMEX3 type, value and mod), with its span."""

    start: int
    end: int
    text: str
    type: str
    value: str
    rule: str
    mod: str | None = None
    tense: str | None = None
    relation: tuple[str, str] | None = None

    @property
    def granularity(self) -> str:
        """day, week, month, year, time or other (durations, sets, quarters, PAST_REF...)."""
        if self.type in {"DURATION", "SET"}:
            return "other"
        return granularity_of(self.value)


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return bounds


class TimeTagger:
    """Finds and normalises time expressions.

    Example:
        >>> tagger = TimeTagger()
        >>> [(t.text, t.value) for t in tagger.tag("The dam burst on Saturday.", dt.date(2026, 5, 4))]
        [('Saturday', '2026-05-02')]
    """

    def tag(self, text: str, dct: dt.date | None, doc: Doc | None = None) -> list[Timex]:
        """Every time expression of ``text``, resolved against the creation date ``dct``.

        ``doc`` is a spaCy parse of exactly ``text``; it gives the tense of each expression's
        verb. Without it, tense is guessed from cue words in the sentence.
        """
        candidates = find_expressions(text)
        if not candidates:
            return []
        bounds = _sentence_bounds(text) if doc is None else []
        out: list[Timex] = []
        reference: dt.date | None = None
        for cand in candidates:
            if doc is not None:
                tense = tense_from_doc(doc, cand.start, cand.end, text)
                span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
                if span is not None:  # a slice of the text: as span.sent.text, but cheaper
                    whole = span.sent
                    sentence = text[whole.start_char : whole.end_char]
                else:
                    sentence = ""
            else:
                s, e = next(((s, e) for s, e in bounds if s <= cand.start < e), (0, len(text)))
                sentence = text[s:e]
                tense = tense_from_text(sentence)
            # The window before the expression tells financial "a year ago" (= the year-ago quarter).
            window = text[max(0, cand.start - 300) : cand.start] + sentence
            ctx = Context(dct=dct, tense=tense, reference=reference, sentence=window)
            res = resolve(cand, ctx)
            if res is None:
                continue
            end = cand.end
            if res.relation is not None:
                end = cand.match.end("unit")
            rule = cand.rule
            if rule == "time" and not any(cand.match.group(g) for g in ("deictic", "wd", "mon")):
                rule = "clock"  # a bare clock time: its day is only the reference time's
            timex = Timex(
                cand.start,
                end,
                text[cand.start : end],
                res.type,
                res.value,
                rule,
                res.mod,
                tense,
                res.relation,
            )
            out.append(timex)
            if cand.rule in _REFERENCE_RULES and timex.granularity in {"day", "time"}:
                reference = dt.date.fromisoformat(timex.value[:10])
        return out
