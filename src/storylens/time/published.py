"""Publication dates for articles that came without one, inferred from evidence and never invented.

Order of evidence: a full date in the URL or file name, a dateline (a full date with year in the
first lines), then the story: event-relative expressions ("three days after the dam burst") dated
through the story's other articles, checked against the article's own weekday mentions ("On
Monday morning"). Each inference keeps its evidence as a sentence a reader can check.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from storylens.ingest.dates import date_from_path
from storylens.records import Article
from storylens.time.events import EventIndex, relation_phrase
from storylens.time.tagger import TimeTagger, Timex

__all__ = ["InferredDate", "infer_publication_date", "relation_offset"]

_DATELINE_CHARS = 300


@dataclass(frozen=True, slots=True)
class InferredDate:
    """A publication date storylens inferred, and why."""

    article_id: str
    date: dt.date
    evidence: str


def relation_offset(timex: Timex) -> dt.timedelta | None:
    """``("after", "P2D")`` -> +2 days; None for units that are not days or weeks."""
    if timex.relation is None:
        return None
    direction, value = timex.relation
    if not value.startswith("P") or value.startswith("PT") or "X" in value:
        return None
    amount, unit = value[1:-1], value[-1]
    if not amount.isdigit() or unit not in {"D", "W"}:
        return None
    days = int(amount) * (7 if unit == "W" else 1)
    return dt.timedelta(days=days if direction == "after" else -days)


def _dated_by_events(
    article: Article, timexes: list[Timex], index: EventIndex
) -> tuple[dt.date, str] | None:
    found: list[tuple[dt.date, str]] = []
    for timex in timexes:
        offset = relation_offset(timex)
        located = relation_phrase(article.text, timex.end)
        if offset is None or located is None:
            continue
        anchor = index.date_of(located[0])
        if anchor is None:
            continue
        expression = article.text[timex.start : located[1]]
        when = anchor.date + offset
        found.append((when, f"'{expression}' = {when} (the event is dated {anchor.date} "
                            f"in the story's other articles)"))  # fmt: skip
    return max(found) if found else None


def infer_publication_date(
    article: Article, tagger: TimeTagger, index: EventIndex
) -> InferredDate | None:
    """A publication date for an undated ``article``, with its evidence, or None.

    Example:
        >>> from storylens.records import Article
        >>> a = Article(id="a", origin="x/2023-09-11-story.txt", title=None, text="Water rose.")
        >>> infer_publication_date(a, TimeTagger(), EventIndex()).date
        datetime.date(2023, 9, 11)
    """
    for where in (article.url, article.origin):
        if where and (found := date_from_path(where)):
            return InferredDate(article.id, found, f"date in {where!r}")
    timexes = tagger.tag(article.text, None)
    for timex in timexes:
        if timex.start > _DATELINE_CHARS:
            break
        if timex.granularity == "day" and timex.value[:4].isdigit():
            return InferredDate(
                article.id, dt.date.fromisoformat(timex.value), f"dateline '{timex.text}'"
            )
    dated = _dated_by_events(article, timexes, index)
    if dated is None:
        return None
    date, evidence = dated
    weekdays = [t for t in timexes if t.rule == "weekday" and t.value.startswith("XXXX-WXX-")]
    if weekdays:
        agree = [t for t in weekdays if int(t.value[-1]) - 1 == date.weekday()]
        if not agree:
            return None  # the article's own weekdays contradict the event arithmetic
        evidence += f"; '{agree[0].text}' agrees ({date:%A})"
    return InferredDate(article.id, date, evidence)
