"""Publication dates for articles that came without one, inferred from evidence and never invented.

Order of evidence: a full date in the URL or file name, a dateline (a full date with year in the
first lines), then the story: event-relative expressions ("three days after the dam burst") dated
through the story's other articles, and weekday-dated mentions ("on Monday, May 4") whose weekday
pins the year among the story's years. The latest such date is taken as the publication date (an
article is published on or soon after the last day it reports), and it must agree with the
article's own bare weekday mentions ("On Monday morning"). Each inference keeps its evidence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from storylens.ingest.dates import date_from_path
from storylens.records import Article
from storylens.time.events import EventIndex, relation_phrase
from storylens.time.lexicon import weekday_number
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


_WEEKDAY_NAME = re.compile(
    r"\b(?:Mon|Tues?|Wed|Thur?s?|Fri|Sat|Sun)(?:day|nesday|urday|sday)?\b\.?"
)


def _dated_by_weekday_dates(timexes: list[Timex], years: set[int]) -> tuple[dt.date, str] | None:
    """ "on Monday, May 4": the weekday pins the year among the story's years."""
    found: list[tuple[dt.date, str]] = []
    candidates_years = {y + k for y in years for k in (-1, 0, 1)}
    for timex in timexes:
        name = _WEEKDAY_NAME.match(timex.text)
        if timex.rule != "month_day" or not timex.value.startswith("XXXX-") or name is None:
            continue
        month, day = int(timex.value[5:7]), int(timex.value[8:10])
        weekday = weekday_number(name.group(0))
        fits = []
        for year in sorted(candidates_years):
            try:
                when = dt.date(year, month, day)
            except ValueError:
                continue
            if when.weekday() == weekday:
                fits.append(when)
        if len(fits) == 1:
            found.append((fits[0], f"'{timex.text}' falls on a {name.group(0).rstrip('.')} only in "
                                   f"{fits[0].year} around the story's dates"))  # fmt: skip
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
        if where and (in_path := date_from_path(where)):
            return InferredDate(article.id, in_path, f"date in {where!r}")
    timexes = tagger.tag(article.text, None)
    for timex in timexes:
        if timex.start > _DATELINE_CHARS:
            break
        if timex.granularity == "day" and timex.value[:4].isdigit():
            return InferredDate(
                article.id, dt.date.fromisoformat(timex.value), f"dateline '{timex.text}'"
            )
    found = [d for d in (_dated_by_events(article, timexes, index),
                         _dated_by_weekday_dates(timexes, index.years())) if d]  # fmt: skip
    if not found:
        return None
    date, evidence = max(found)
    weekdays = [t for t in timexes if t.rule == "weekday" and t.value.startswith("XXXX-WXX-")]
    if weekdays:
        agree = [t for t in weekdays if int(t.value[-1]) - 1 == date.weekday()]
        if not agree:
            return None  # the article's own weekdays contradict the event arithmetic
        evidence += f"; '{agree[0].text}' agrees ({date:%A})"
    return InferredDate(article.id, date, evidence)
