"""The as-of date of a figure: when the claim holds, not when the article was printed.

A time expression dates a figure only when it belongs to the figure's clause: "more than 4,500 on
Sunday" dates the 4,500, but not the "About 1,900 people" at the start of the same sentence, and
"the dozen it reported on Sunday" does not date "nine people were still missing". The rule reads
the parse: the expression's nearest head that is a verb or a figure must be the figure itself,
its counted noun, the verb that governs the figure, or the verb one step above that one
("..., officials said on Saturday"), but not a clause below it ("killed when the dam failed on
Friday" dates the failure, not the count). Expressions after the publication date (a school "will
reopen on Monday") never date a claim. With no such expression the publication date is used.

The time stage's mentions are used when it ran; without it, weekday names ("on Sunday") are
resolved here against the publication date, the only relative dates that matter for most claims.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from storylens.records import Article, TimeMention

__all__ = ["as_of_date"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_CLAUSE_POS = frozenset({"VERB", "AUX"})


def _attachment(token: Token, stop: set[int]) -> Token:
    """The first ancestor of ``token`` that is a verb or one of the ``stop`` tokens."""
    node = token
    for _ in range(8):
        if node.head is node:
            return node
        node = node.head
        if node.i in stop or node.pos_ in _CLAUSE_POS:
            return node
    return node


def _governing_verb(anchor: Token) -> Token | None:
    node = anchor
    for _ in range(8):
        if node.pos_ in _CLAUSE_POS:
            return node
        if node.head is node:
            return None
        node = node.head
    return None


def _belongs(doc: Doc, start: int, end: int, anchor: Token) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    figure_tokens = {anchor.i, anchor.head.i} | {t.i for t in anchor.subtree if t.like_num}
    attached = _attachment(span.root, figure_tokens)
    if attached.i in figure_tokens:
        return True
    verb = _governing_verb(anchor)
    if verb is None or attached.pos_ not in _CLAUSE_POS:
        return False
    # The figure's own verb, or the reporting verb right above it ("..., officials said on
    # Saturday"); not a clause below it ("killed when the dam failed on Friday" dates the failure).
    return attached.i == verb.i or verb.head.i == attached.i


def _closer_figure(position: int, anchor: Token, others: Sequence[int]) -> bool:
    own = abs(position - anchor.idx)
    sentence = anchor.sent
    return any(
        sentence.start_char <= o < sentence.end_char and abs(position - o) < own for o in others
    )


def as_of_date(
    article: Article,
    doc: Doc,
    anchor: Token,
    mentions: list[TimeMention] | None,
    others: Sequence[int] = (),
) -> str | None:
    """When the figure whose parse head is ``anchor`` holds (ISO date, or ``YYYY-MM``).

    Args:
        article: the figure's article (its publication date is the fallback).
        doc: spaCy's parse of ``article.text``.
        anchor: the figure's head token.
        mentions: the time stage's mentions in this article, or ``None`` if it did not run.
        others: where the article's other figures start; a time expression closer to another
            figure of the sentence belongs to that one ("about 1,900 ..., down from a peak of
            more than 4,500 on Sunday").
    """
    sentence = anchor.sent
    published = article.published
    limit = published.isoformat() if published else "9999"
    best: tuple[int, str] | None = None
    if mentions is not None:
        for m in mentions:
            if m.type != "DATE" or not (
                sentence.start_char <= m.start and m.end <= sentence.end_char
            ):
                continue
            value = m.value
            if (
                not value[:4].isdigit()
                or m.granularity not in {"day", "week", "month"}
                or value[:10] > limit
            ):
                continue
            if not _belongs(doc, m.start, m.end, anchor) or _closer_figure(m.start, anchor, others):
                continue
            distance = abs(m.start - anchor.idx)
            if best is None or distance < best[0]:
                best = (distance, value[:10])
    elif published is not None:
        for match in _WEEKDAY.finditer(sentence.text):
            start = sentence.start_char + match.start()
            if not _belongs(doc, start, start + len(match.group()), anchor) or _closer_figure(
                start, anchor, others
            ):
                continue
            back = (published.weekday() - _WEEKDAYS.index(match.group(1).lower())) % 7
            day = (published - dt.timedelta(days=back)).isoformat()
            distance = abs(start - anchor.idx)
            if best is None or distance < best[0]:
                best = (distance, day)
    if best is not None:
        return best[1]
    return published.isoformat() if published else None
