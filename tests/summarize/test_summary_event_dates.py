"""Each sentence's event date is the first day-precise date mentioned inside it (by offset)."""

from __future__ import annotations

from storylens.records import Article, Story, StoryAnalysis, TimeMention
from storylens.summarize.stage import SummaryAnalyser
from storylens.text.segment import RuleSegmenter

TEXT = ("The dam burst on 4 May after rain on 2 May. Nothing happened next. "
        "Repairs began in June and ended on 9 July.")


def test_first_day_precise_date_inside_each_sentence() -> None:
    sentences = RuleSegmenter().split("a", TEXT)
    at = TEXT.index
    mentions = (  # out of order, with a month and a year that are not day-precise
        TimeMention("a", at("9 July"), at("9 July") + 6, "9 July", "2024-07-09"),
        TimeMention("a", at("2 May"), at("2 May") + 5, "2 May", "2024-05-02"),
        TimeMention("a", at("June"), at("June") + 4, "June", "2024-06", granularity="month"),
        TimeMention("a", at("4 May"), at("4 May") + 5, "4 May", "2024-05-04"),
        TimeMention("b", 0, 5, "4 May", "2024-05-04"),  # another article's
    )
    analysis = StoryAnalysis(Story("s", ("a",), "dam"), (Article("a", "a.txt", None, TEXT),), sentences,
                             time_mentions=mentions)
    found = SummaryAnalyser._event_dates(analysis, {"a": sentences})
    assert found == {("a", 0): "2024-05-04", ("a", 2): "2024-07-09"}
