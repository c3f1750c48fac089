"""Different remarks that share a few words stay different quotes: no chain of look-alikes
("a new virus" in one remark, "a wholly new virus" in another) gathers them into one."""

from __future__ import annotations

import datetime as dt

import pytest

from storylens.nlp import NlpResources
from storylens.quotes.settings import QuoteSettings
from storylens.quotes.stage import QuotesAnalyser
from storylens.records import Article, Story, StoryAnalysis

TEXTS = {
    "a1": 'Dr Vera Lindqvist said: "This is a wholly new virus that we have not seen before, and '
    'a third of the people here have no immunity to it."',
    "a2": '"It is a very new virus," said Dr Piet Brandsma, who runs the regional laboratory.',
    "a3": '"We took ten days from the first case to warn the region that we were seeing a new '
    'virus," a health official said.',
    "a4": '"The ministry has not cried wolf," the health official added.',
}


@pytest.fixture(scope="module")
def quotes() -> tuple:  # type: ignore[type-arg]
    articles = tuple(
        Article(
            aid, f"{aid}.txt", None, text, outlet=f"Outlet {aid}", published=dt.date(2023, 9, 9)
        )
        for aid, text in TEXTS.items()
    )
    story = Story("s1", tuple(TEXTS), "Virus")
    analysis = StoryAnalysis(story=story, articles=articles)
    return QuotesAnalyser(QuoteSettings(), NlpResources()).analyse(analysis).quotes


def test_each_remark_is_its_own_quote(quotes: tuple) -> None:  # type: ignore[type-arg]
    assert len(quotes) >= 4
    for quote in quotes:
        assert len({v.article_id for v in quote.variants}) == 1, [v.text for v in quote.variants]
