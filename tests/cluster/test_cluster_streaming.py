"""The streaming clusterer: grouping, duplicates, windows, incremental updates, persistence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from story_fixtures import TEXTS, make_article, near_copy

from storylens.cluster.registry import CLUSTERERS, make_clusterer
from storylens.cluster.stream import StoryStream
from storylens.cluster.streaming import STATE_KEY, StreamingClusterer, stream_settings
from storylens.config import ClusterSettings
from storylens.records import Article, Story
from storylens.store import MemoryStore, SourceRecord, SQLiteStore, Store


def _add(store: Store, articles: Sequence[Article], name: str) -> None:
    store.add_source(SourceRecord(name, name, tuple(a.id for a in articles)), articles, [])


def _partition(stories: Sequence[Story]) -> set[frozenset[str]]:
    return {frozenset(s.article_ids) for s in stories}


def _gold_partition(gold: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article_id, story in gold.items():
        groups.setdefault(story, set()).add(article_id)
    return {frozenset(g) for g in groups.values()}


@pytest.fixture(params=["memory", "sqlite"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    made: Store = MemoryStore() if request.param == "memory" else SQLiteStore(tmp_path / "s.sqlite")
    yield made
    made.close()


def test_stream_is_the_default_method() -> None:
    assert ClusterSettings().method == "stream"
    assert isinstance(make_clusterer(ClusterSettings()), StreamingClusterer)


def test_batch_groups_every_story_and_keeps_unrelated_apart(
    articles: list[Article], gold: dict[str, str]
) -> None:
    stories = StreamingClusterer(ClusterSettings()).cluster(articles)
    assert _partition(stories) == _gold_partition(gold)
    ferry = next(s for s in stories if len(s.article_ids) == 3)
    assert ferry.first_date == dt.date(2024, 3, 4) and ferry.last_date == dt.date(2024, 3, 6)
    assert ferry.headline.startswith("Ferry runs aground")  # the first article's title


@pytest.mark.parametrize("method", sorted(CLUSTERERS))
def test_every_method_covers_every_article_once_and_keeps_ids(
    method: str, articles: list[Article]
) -> None:
    store = MemoryStore()
    _add(store, articles, "all")
    clusterer = make_clusterer(ClusterSettings(method=method))
    first = clusterer.update(store)
    assigned = [a for s in first for a in s.article_ids]
    assert sorted(assigned) == sorted(a.id for a in articles)
    again = make_clusterer(ClusterSettings(method=method)).update(store)
    assert {s.id for s in again} == {s.id for s in first}


def test_duplicates_join_their_original_and_are_flagged(articles: list[Article]) -> None:
    ferry = articles[0]
    copy = near_copy(ferry, "copy-ferry")
    exact = replace(ferry, id="exactcopy0000001", origin="fixtures/other-name.txt")
    stories = StreamingClusterer(ClusterSettings()).cluster([*articles, copy, exact])
    story = next(s for s in stories if ferry.id in s.article_ids)
    assert copy.id in story.article_ids and exact.id in story.article_ids
    assert story.duplicate_of == {copy.id: ferry.id, exact.id: ferry.id}
    others = [s for s in stories if s is not story]
    assert all(not s.duplicates for s in others)


def test_same_day_copy_that_arrives_first_is_not_taken_for_the_original() -> None:
    wire = replace(make_article("ferry-1"), authors=("Kari Holm",))
    copy = replace(near_copy(wire, "copy"), authors=(), hints=())
    # Make the copy sort first within the day (publication order breaks ties by id).
    copy = replace(copy, id="0" + copy.id[1:])
    stories = StreamingClusterer(ClusterSettings()).cluster([wire, copy])
    assert len(stories) == 1
    assert stories[0].duplicate_of == {copy.id: wire.id}


def test_a_story_goes_quiet_after_its_window() -> None:
    settings = ClusterSettings(window_days=14, window_growth=0.0)
    early = make_article("recall-1", dt.date(2024, 1, 1))
    late = make_article("recall-2", dt.date(2024, 3, 1))
    near = make_article("recall-2", dt.date(2024, 1, 5))
    assert len(StreamingClusterer(settings).cluster([early, late])) == 2
    assert len(StreamingClusterer(settings).cluster([early, near])) == 1


def test_active_stories_stay_bounded_on_a_long_stream() -> None:
    stream = StoryStream(stream_settings(ClusterSettings(window_growth=0.0)))
    keys = list(TEXTS)
    sizes = []
    for day in range(200):
        for key in keys:
            article = make_article(key, dt.date(2023, 1, 1) + dt.timedelta(days=day * 5))
            stream.add(replace(article, id=f"{day:04d}{article.id[4:]}", text=f"{article.text} Day {day}."))
        sizes.append(len(stream.stories))
    assert max(sizes[100:]) <= max(sizes[:20]) + 2
    assert len(stream.dedupe) <= 4 * len(keys)


def test_update_is_incremental_and_keeps_story_ids(store: Store, gold: dict[str, str]) -> None:
    first_keys = ["ferry-1", "vote-1", "recall-1", "garden"]
    _add(store, [make_article(k) for k in first_keys], "batch-1")
    clusterer = StreamingClusterer(ClusterSettings())
    before = {s.id: s for s in clusterer.update(store)}
    assert len(before) == 4
    assert store.get_state(STATE_KEY) is not None
    later = [k for k in TEXTS if k not in first_keys]
    _add(store, [make_article(k) for k in later], "batch-2")
    after = StreamingClusterer(ClusterSettings()).update(store)  # a new process: state from store
    assert _partition(after) == _gold_partition(gold)
    for story_id, story in before.items():
        grown = next(s for s in after if s.id == story_id)
        assert set(story.article_ids) <= set(grown.article_ids)


def test_incremental_update_equals_one_batch(articles: list[Article]) -> None:
    ordered = sorted(articles, key=lambda a: (a.published, a.id))
    whole = StreamingClusterer(ClusterSettings()).cluster(ordered)
    store = MemoryStore()
    for index, article in enumerate(ordered):
        _add(store, [article], f"one-{index}")
        stories = StreamingClusterer(ClusterSettings()).update(store)
    assert _partition(stories) == _partition(whole)


def test_saved_state_continues_like_the_live_stream(articles: list[Article]) -> None:
    settings = stream_settings(ClusterSettings())
    live = StoryStream(settings)
    head, tail = articles[:5], articles[5:]
    for article in head:
        live.add(article)
    restored = StoryStream.from_bytes(settings, live.to_bytes())
    assert [live.add(a).story_id for a in tail] == [restored.add(a).story_id for a in tail]


def test_undated_articles_leave_memory_once_the_stream_moves_on() -> None:
    stream = StoryStream(stream_settings(ClusterSettings(window_growth=0.0)))
    for key in TEXTS:
        stream.add(make_article(key, day=None))
    assert len(stream.stories) == 5 and len(stream.dedupe) == len(TEXTS)
    for day in range(0, 60, 3):
        late = make_article("chess", dt.date(2024, 6, 1) + dt.timedelta(days=day))
        stream.add(replace(late, id=f"late{day:04d}", text=f"{late.text} Round {day}."))
    assert len(stream.stories) == 1  # only the story still receiving articles
    assert all(article_id.startswith("late") for article_id in stream.story_of)
    assert len(stream.dedupe) <= 6
