"""Timeline entries show the story's reporting: no wire header glued to it, no reader's "I"."""

from __future__ import annotations

import datetime as dt

from storylens.records import TimeMention
from storylens.text.provenance import lead_start
from storylens.time.settings import TimeSettings
from storylens.time.timeline import DatedSentence, build_timeline

GLUED = (
    "Ferry line pledges new boats OSTRAVA | Fri Oct 1, 2010 4:52 pm EDT OSTRAVA (Reuters) - "
    "The ferry line said on Friday it would buy two new boats."
)


def test_the_wire_header_is_cut_from_the_entry() -> None:
    at = GLUED.index("on Friday")
    mention = TimeMention(
        article_id="a1", start=at, end=at + 9, text="on Friday", value="2010-10-01", type="DATE"
    )
    dated = DatedSentence("a1", dt.date(2010, 10, 1), 0, len(GLUED), GLUED, 0, mention, "weekday")
    (event,) = build_timeline([dated], TimeSettings())
    assert event.text == "The ferry line said on Friday it would buy two new boats."


def test_no_credit_no_cut() -> None:
    assert lead_start("The ferry line (the lake's only one) - said so.") == 0
    assert lead_start("The ferry line said it would buy boats (Reuters) - ") == 0


def test_a_sentence_in_the_first_person_is_no_entry() -> None:
    text = "I got my degree at the lake college on May 10, 1996, and never left."
    at = text.index("May 10, 1996")
    mention = TimeMention(
        article_id="a1", start=at, end=at + 12, text="May 10, 1996", value="1996-05-10", type="DATE"
    )
    dated = DatedSentence("a1", dt.date(2010, 10, 1), 0, len(text), text, 0, mention, "date")
    assert build_timeline([dated], TimeSettings()) == ()


def test_a_date_in_a_glued_blog_stamp_dates_nothing() -> None:
    text = "Anna Kovalchuk | 17:45 UK time, Monday, 4 September 2023 The dam held all night."
    at = text.index("Monday")
    mention = TimeMention(
        article_id="a1", start=at, end=at + 25, text=text[at : at + 25], value="2023-09-04",
        type="DATE",
    )  # fmt: skip
    dated = DatedSentence("a1", dt.date(2023, 9, 4), 0, len(text), text, 0, mention, "date")
    assert build_timeline([dated], TimeSettings()) == ()


def test_a_site_note_in_the_first_person_plural_is_no_entry() -> None:
    text = "On 1 March we moved to a new blogging system."
    mention = TimeMention(
        article_id="a1", start=0, end=10, text="On 1 March", value="2023-03-01", type="DATE"
    )
    dated = DatedSentence("a1", dt.date(2023, 9, 4), 0, len(text), text, 0, mention, "date")
    assert build_timeline([dated], TimeSettings()) == ()


def _dated(text: str, expression: str, value: str) -> DatedSentence:
    at = text.index(expression)
    mention = TimeMention(
        article_id="a1", start=at, end=at + len(expression), text=expression, value=value,
        type="DATE",
    )  # fmt: skip
    return DatedSentence("a1", dt.date(2023, 9, 9), 0, len(text), text, 0, mention, "date")


def test_page_furniture_is_no_entry() -> None:
    tweet = _dated("RT @harbourwatch: ferry fares rose in December.", "December", "2022-12")
    notice = _dated(
        "A version appeared on p18 of the Main section of the Courier on Friday 8 September 2023.",
        "Friday 8 September 2023",
        "2023-09-08",
    )
    assert build_timeline([tweet, notice], TimeSettings()) == ()


def test_a_headline_and_a_zoned_stamp_before_the_body_are_cut() -> None:
    text = (
        "Dam holds Engineers relieved as water falls Friday 8 September 2023 09.28 BST "
        "The water fell by a metre on Thursday, engineers said."
    )
    (event,) = build_timeline([_dated(text, "on Thursday", "2023-09-07")], TimeSettings())
    assert event.text == "The water fell by a metre on Thursday, engineers said."


def test_a_plain_dateline_is_cut_when_a_sentence_is_left() -> None:
    text = "PRYLUZHNE, Ukraine - At least 40 people died when the dam gave way on Friday."
    assert text[lead_start(text) :] == "At least 40 people died when the dam gave way on Friday."
    short = "KYIV - It held."
    assert lead_start(short) == 0


def test_a_chronology_bullet_is_no_part_of_the_entry() -> None:
    text = "-------------------------------- 2023-09-08 The dam on the Bilyanka burst at night."
    (event,) = build_timeline([_dated(text, "2023-09-08", "2023-09-08")], TimeSettings())
    assert event.text == "2023-09-08 The dam on the Bilyanka burst at night."
    bullet = "\\* September 8 - The dam on the Bilyanka burst at night."
    (event,) = build_timeline([_dated(bullet, "September 8", "2023-09-08")], TimeSettings())
    assert event.text == "September 8 - The dam on the Bilyanka burst at night."
