"""The time stage: event-relative dates, publication-date inference, the merged timeline."""

from __future__ import annotations

import datetime as dt

from storylens.nlp import NlpResources
from storylens.records import Article, Story, StoryAnalysis
from storylens.time.settings import TimeSettings
from storylens.time.stage import TimeAnalyser

_RESOURCES = NlpResources()


def analyse(*articles: Article) -> StoryAnalysis:
    story = Story(id="s", article_ids=tuple(a.id for a in articles), headline="Flood")
    analysis = StoryAnalysis(story=story, articles=articles)
    return TimeAnalyser(TimeSettings(), _RESOURCES).analyse(analysis)


WIRE = Article(
    id="wire",
    origin="wire.txt",
    title="Dam bursts",
    published=dt.date(2024, 3, 18),  # a Monday
    text=(
        "The Korvin dam on the Esla river burst late on Saturday, flooding the town of Marrow.\n\n"
        "Rescuers said on Sunday that 12 people had died."
    ),
)
REWRITE = Article(
    id="rewrite",
    origin="rewrite.txt",
    title="Flood kills 12",
    published=dt.date(2024, 3, 19),
    text=(
        "The Korvin dam on the Esla river burst late on Saturday and flooded the town of Marrow.\n\n"
        "Two days after the dam burst, engineers sealed the breach."
    ),
)
UNDATED = Article(
    id="blog",
    origin="blog/after-the-flood.txt",
    title="After the flood",
    text=(
        "Four days after the Korvin dam burst, the streets of Marrow are still brown.\n\n"
        "On Wednesday morning the baker reopened."
    ),
)


def test_every_mention_is_resolved_against_its_article() -> None:
    result = analyse(WIRE, REWRITE)
    by_text = {(m.article_id, m.text): m.value for m in result.time_mentions}
    assert by_text[("wire", "late on Saturday")] == "2024-03-16"
    assert by_text[("wire", "Sunday")] == "2024-03-17"
    assert by_text[("rewrite", "late on Saturday")] == "2024-03-16"


def test_event_relative_expression_is_anchored_on_the_event() -> None:
    result = analyse(WIRE, REWRITE)
    (mention,) = [m for m in result.time_mentions if m.text.startswith("Two days")]
    assert mention.text == "Two days after the dam burst"
    assert mention.value == "2024-03-18"
    assert mention.anchor and "2024-03-16" in mention.anchor


def test_undated_article_gets_an_inferred_date_with_evidence() -> None:
    result = analyse(WIRE, REWRITE, UNDATED)
    blog = [m for m in result.time_mentions if m.article_id == "blog"]
    assert {m.text: m.value for m in blog}["Wednesday morning"] == "2024-03-20TMO"
    (relative,) = [m for m in blog if m.text.startswith("Four days")]
    assert relative.value == "2024-03-20"
    others = [m for m in blog if m is not relative]
    assert others and all("inferred as 2024-03-20" in (m.anchor or "") for m in others)
    assert UNDATED.published is None  # the stage never writes the article's date


def test_undated_article_without_evidence_stays_undated() -> None:
    lonely = Article(id="x", origin="x.txt", title=None, text="On Friday the mill closed.")
    result = analyse(lonely)
    assert [m.value for m in result.time_mentions] == ["XXXX-WXX-5"]
    assert result.timeline == ()


def test_timeline_merges_sources_and_orders_dates() -> None:
    result = analyse(WIRE, REWRITE)
    dates = [e.date for e in result.timeline]
    assert dates == sorted(dates)
    (burst,) = [e for e in result.timeline if e.date == "2024-03-16"]
    assert burst.sources == ("wire", "rewrite")
    assert burst.granularity == "day"
    assert burst.expression == "late on Saturday"
    assert len(burst.evidence) == 2


def test_weekday_pins_the_year_of_an_undated_article() -> None:
    undated = Article(
        id="note",
        origin="note.txt",
        title=None,
        text="Marrow's council met on Monday, March 18, and voted to rebuild the Korvin dam.",
    )
    result = analyse(WIRE, undated)
    note = [m for m in result.time_mentions if m.article_id == "note"]
    assert [m.value for m in note] == ["2024-03-18"]
    assert "inferred as 2024-03-18" in (note[0].anchor or "")
