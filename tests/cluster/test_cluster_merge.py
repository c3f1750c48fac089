"""The batch merge pass and the template rule of the stream (``cluster.stream``)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from story_fixtures import make_article

from storylens.cluster.stream import StoryStream, StreamSettings
from storylens.records import Article

# A join threshold nothing reaches: every article starts its own story, so only the merge pass
# can group them.
_SPLIT = StreamSettings(threshold=5.0, merge_similarity=0.15, window_days=30)


def _story_sets(assignments: list) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for a in assignments:
        groups.setdefault(a.story_id, set()).add(a.article_id)
    return {frozenset(g) for g in groups.values()}


def test_merge_pass_joins_a_batch_story_to_its_own_topic_only() -> None:
    ferry = [make_article(k) for k in ("ferry-1", "ferry-2", "ferry-3")]
    vote = [make_article(k) for k in ("vote-1", "vote-2")]
    assignments = StoryStream(_SPLIT).add_batch([ferry[0], vote[0], ferry[1], vote[1], ferry[2]])
    assert _story_sets(assignments) == {
        frozenset(a.id for a in ferry),
        frozenset(a.id for a in vote),
    }
    # Each story keeps the id of its first article; exactly one assignment per story is "new".
    assert {a.story_id for a in assignments} == {f"st-{ferry[0].id[:12]}", f"st-{vote[0].id[:12]}"}
    assert sum(a.new_story for a in assignments) == 2


def test_merge_pass_off_leaves_the_single_pass_result() -> None:
    ferry = [make_article(k) for k in ("ferry-1", "ferry-2", "ferry-3")]
    off = dataclasses.replace(_SPLIT, merge_similarity=0.0)
    assert len({a.story_id for a in StoryStream(off).add_batch(ferry)}) == 3


def test_merge_pass_keeps_dated_stories_apart_when_far_apart_in_time() -> None:
    first = make_article("ferry-1", day=dt.date(2024, 3, 4))
    later = make_article("ferry-2", day=dt.date(2024, 6, 20))  # 108 days later
    settings = dataclasses.replace(_SPLIT, window_days=365, merge_gap_days=14)
    assert len({a.story_id for a in StoryStream(settings).add_batch([first, later])}) == 2


def test_merge_pass_never_absorbs_a_story_of_an_earlier_batch() -> None:
    stream = StoryStream(_SPLIT)
    (old,) = stream.add_batch([make_article("ferry-1")])
    new = stream.add_batch([make_article("ferry-2"), make_article("ferry-3")])
    assert {a.story_id for a in new} == {old.story_id}  # the persisted id survives
    assert not any(a.new_story for a in new)


def _notice(index: int) -> Article:
    text = (
        "These pages are part of an archive crawl. Pages are captured as they are published so "
        "that later readers see the version that was live at the time."
    )
    return Article(id=f"{index:02d}notice{index:08d}", origin=f"page-{index}", title=None, text=text)


def test_a_short_text_repeated_many_times_is_a_template_not_a_story() -> None:
    stream = StoryStream(StreamSettings(template_words=150, template_copies=3))
    assignments = stream.add_batch([_notice(i) for i in range(6)])
    stories = _story_sets(assignments)
    # The original and its first three copies stay together (a short brief copied by a few
    # outlets is one story); later copies are lone, inert stories that nothing joins.
    assert frozenset(f"{i:02d}notice{i:08d}" for i in range(4)) in stories
    assert len(stories) == 3
    assert all(a.duplicate is None for a in assignments[4:])


def test_long_copies_always_join_their_original() -> None:
    ferry = make_article("ferry-1")
    long_text = " ".join([ferry.text] * 4)  # well over the template length
    copies = [dataclasses.replace(ferry, id=f"{i:02d}copy{i:010d}", text=long_text) for i in range(6)]
    stream = StoryStream(StreamSettings(template_words=30, template_copies=1))
    assert len({a.story_id for a in stream.add_batch(copies)}) == 1


def test_boost_counts_publication_days_and_survives_a_reload() -> None:
    settings = StreamSettings(threshold=0.05, window_days=30)
    stream = StoryStream(settings)
    days = [dt.date(2024, 3, 4), dt.date(2024, 3, 4), dt.date(2024, 3, 6)]
    keys = ("ferry-1", "ferry-2", "ferry-3")
    assignments = stream.add_batch([make_article(k, day=d) for k, d in zip(keys, days, strict=True)])
    story = stream.stories[assignments[0].story_id]
    assert (story.size, story.days) == (3, 2)  # two articles on the 4th, one on the 6th
    again = StoryStream.from_bytes(settings, stream.to_bytes())
    assert again.stories[story.id].days == 2
