"""An untitled story's headline is the start of its first article's own words."""

from __future__ import annotations

import datetime as dt

from storylens.cluster.base import make_story
from storylens.records import Article


def _article(text: str, title: str | None = None) -> Article:
    return Article("a1", "a1.txt", title, text, published=dt.date(2023, 9, 9))


def test_a_page_time_stamp_is_no_headline() -> None:
    text = "Saturday 9 September 2023 23.24 BST Flood waters reached the village of Zelenyi Hai."
    story = make_story([_article(text)])
    assert story.headline == "Flood waters reached the village of Zelenyi Hai."


def test_a_wire_header_is_no_headline_and_the_cut_falls_between_words() -> None:
    text = (
        "PRYLUZHNE | Sat Sep 9, 2023 4:52 pm EDT PRYLUZHNE (Reuters) - A dam on the Bilyanka "
        "reservoir burst on Friday, flooding the village of Zelenyi Hai and the town of Pryluzhne."
    )
    headline = make_story([_article(text)]).headline
    assert headline.startswith("A dam on the Bilyanka reservoir burst")
    assert len(headline) <= 80 and text.count(headline + " ") == 1


def test_a_title_wins() -> None:
    assert make_story([_article("Some text.", title="Dam bursts")]).headline == "Dam bursts"
