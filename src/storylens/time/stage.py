"""The time analysis stage: every date resolved against its article, and the story's timeline.

Steps, per story:

1. tag the dated articles (``TimeTagger`` with the shared spaCy parse for tense);
2. index their day-dated sentences, so that "two days after the dam burst" can find the day the
   dam burst in any of the story's articles;
3. infer publication dates for undated articles from evidence (``published.py``), then tag them;
4. resolve event-relative expressions through the index;
5. build the timeline from the dated sentences (``timeline.py``).

Publication dates inferred here are reported on each mention's ``anchor`` (with the evidence),
never written back onto the article: ingest owns ``Article.published``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, cast

from storylens.config import Settings
from storylens.nlp import NlpResources
from storylens.records import Article, Sentence, StoryAnalysis, TimelineEvent, TimeMention
from storylens.time.events import EventIndex, relation_phrase
from storylens.time.published import InferredDate, infer_publication_date, relation_offset
from storylens.time.settings import TimeSettings
from storylens.time.tagger import TimeTagger, Timex
from storylens.time.timeline import DatedSentence, build_timeline

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["TimeAnalyser", "make_analyser"]

_ABSOLUTE_RULES = frozenset(
    {"iso", "numeric", "month_year", "fiscal_year", "year", "decade", "spoken_year"}
)
# Expressions whose day comes from the narrative, not from the text: they do not date an event.
_UNDATING_RULES = frozenset({"clock"})
_TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
_Granularity = Literal["day", "week", "month", "year", "time", "other"]


def _sentence_spans(
    article: Article, sentences: tuple[Sentence, ...], doc: Doc | None
) -> list[tuple[int, int, int]]:
    if sentences:
        return [(s.start, s.end, s.index) for s in sentences]
    if doc is not None:
        return [(s.start_char, s.end_char, i) for i, s in enumerate(doc.sents)]
    return [(0, len(article.text), 0)]


class TimeAnalyser:
    """Fills ``time_mentions`` and ``timeline`` of a story analysis."""

    name = "time"

    def __init__(self, settings: TimeSettings, resources: NlpResources) -> None:
        self.settings = settings
        self.resources = resources
        self.tagger = TimeTagger()

    #: Sections of earlier stages that ``prepare`` reads: none (see ``storylens.ahead``).
    prepare_needs: tuple[str, ...] = ()

    def analyse(self, analysis: StoryAnalysis) -> StoryAnalysis:
        """Return ``analysis`` with its time mentions and timeline."""
        return self.finish(analysis, self.prepare(analysis))

    def finish(
        self, analysis: StoryAnalysis, prepared: tuple[tuple[TimeMention, ...], tuple[TimelineEvent, ...]]
    ) -> StoryAnalysis:
        """``analysis`` with the mentions and timeline ``prepare`` found."""
        mentions, timeline = prepared
        return dataclasses.replace(analysis, time_mentions=mentions, timeline=timeline)

    def prepare(
        self, analysis: StoryAnalysis
    ) -> tuple[tuple[TimeMention, ...], tuple[TimelineEvent, ...]]:
        """The story's time mentions and timeline: all the stage's work, which reads only the
        articles and their sentences (so it can run beside the stages before it)."""
        articles = analysis.articles
        by_article: dict[str, list[Sentence]] = {}
        for sentence in analysis.sentences:  # one pass: sentences_of per article is quadratic
            by_article.setdefault(sentence.article_id, []).append(sentence)
        spans = {a.id: self._spans(a, tuple(by_article.get(a.id, ()))) for a in articles}
        timexes: dict[str, list[Timex]] = {}
        index = EventIndex(self.settings.event_min_overlap)
        anchored = [a for a in articles if a.published is not None]
        tagged = self._tagged(anchored, {a.id: a.published for a in anchored})
        for article in anchored:
            timexes[article.id] = list(tagged[article.id])
            for timex in timexes[article.id]:
                if timex.relation is None and timex.granularity in {"day", "time"}:
                    start, end, _ = self._sentence(spans[article.id], timex.start)
                    index.add(article.text[start:end], dt.date.fromisoformat(timex.value[:10]))
        inferred: dict[str, InferredDate] = {}
        for article in articles:
            if article.published is not None:
                continue
            guess = infer_publication_date(article, self.tagger, index)
            if guess is not None:
                inferred[article.id] = guess
            dct = guess.date if guess else None
            timexes[article.id] = list(self._tagged([article], {article.id: dct})[article.id])
        mentions: list[TimeMention] = []
        dated: list[DatedSentence] = []
        for article in articles:
            published = article.published or (
                inferred[article.id].date if article.id in inferred else None
            )
            for timex in timexes[article.id]:
                mention = self._mention(article, timex, index, inferred.get(article.id))
                mentions.append(mention)
                start, end, number = self._sentence(spans[article.id], mention.start)
                dated.append(DatedSentence(article.id, published, start, end,
                                           article.text[start:end].strip(), number, mention,
                                           timex.rule))  # fmt: skip
        timeline = build_timeline(
            self._one_per_sentence(dated), self.settings, analysis.story.duplicate_of
        )
        return tuple(mentions), tuple(timeline)

    def _doc(self, article: Article) -> Doc:
        return self.resources.docs([article])[article.id]

    def _spans(
        self, article: Article, sentences: tuple[Sentence, ...]
    ) -> list[tuple[int, int, int]]:
        """Sentence spans from the stored sentences; the parse is read only when there are none."""
        return _sentence_spans(article, sentences, None if sentences else self._doc(article))

    def _tagged(
        self, articles: Sequence[Article], anchors: dict[str, dt.date | None]
    ) -> dict[str, tuple[Timex, ...]]:
        """Each article's normalised time expressions against its anchor date: tagged once per
        article and anchor, then read back (``NlpResources.memo``)."""
        memo = self.resources.memo(
            "time/timexes", tuple[Timex, ...], "storylens.time", self.settings
        )
        return memo.get(
            articles,
            lambda a: tuple(self.tagger.tag(a.text, anchors[a.id], self._doc(a))),
            lambda a: str(anchors[a.id]),
        )

    @staticmethod
    def _sentence(spans: list[tuple[int, int, int]], offset: int) -> tuple[int, int, int]:
        for start, end, number in spans:
            if start <= offset < end:
                return start, end, number
        return spans[-1] if spans else (0, 0, 0)

    @staticmethod
    def _one_per_sentence(dated: list[DatedSentence]) -> list[DatedSentence]:
        """A sentence dates one event: by its most precise expression, the first of equals."""
        rank = {"day": 0, "time": 0, "week": 1, "month": 2}
        best: dict[tuple[str, int], DatedSentence] = {}
        for item in dated:
            if item.mention.granularity not in rank or not item.mention.value[:4].isdigit():
                continue
            if item.rule in _UNDATING_RULES:
                continue
            key = (item.article_id, item.start)
            current = best.get(key)
            if (
                current is None
                or rank[item.mention.granularity] < rank[current.mention.granularity]
            ):
                best[key] = item
        return list(best.values())

    def _mention(
        self, article: Article, timex: Timex, index: EventIndex, inferred: InferredDate | None
    ) -> TimeMention:
        anchor: str | None = None
        if article.published is not None:
            anchor = f"published {article.published}"
        elif inferred is not None:
            anchor = f"publication date inferred as {inferred.date}: {inferred.evidence}"
        if timex.rule in _ABSOLUTE_RULES:
            anchor = None
        value, kind, end = timex.value, timex.type, timex.end
        offset = relation_offset(timex)
        located = relation_phrase(article.text, timex.end) if offset is not None else None
        if offset is not None and located is not None:
            event = index.date_of(located[0])
            if event is not None:
                value, kind, end = (event.date + offset).isoformat(), "DATE", located[1]
                anchor = (
                    f"event '{located[0]}' dated {event.date} by {event.support} story sentence(s)"
                )
        granularity = "other" if kind in {"DURATION", "SET"} else _granularity(value)
        return TimeMention(
            article_id=article.id,
            start=timex.start,
            end=end,
            text=article.text[timex.start : end],
            value=value,
            type=cast(_TimexType, kind),
            granularity=cast(_Granularity, granularity),
            anchor=anchor,
        )


def _granularity(value: str) -> str:
    from storylens.time.resolve import granularity_of

    return granularity_of(value)


def make_analyser(settings: Settings, resources: NlpResources) -> TimeAnalyser:
    """The time stage with its tuned defaults (``TimeSettings``)."""
    return TimeAnalyser(TimeSettings(), resources)
