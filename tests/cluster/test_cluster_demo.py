"""The demo corpus (written by the project): every story grouped right, unrelated articles
apart, duplicates flagged; the brief pipeline writes one brief per story, incrementally."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storylens import api
from storylens.config import load_settings
from storylens.records import Story
from storylens.store import MemoryStore, SQLiteStore, Store

ANSWERS = Path(str(api.demo_corpus_path())).parent / "answers.json"

pytestmark = pytest.mark.skipif(not ANSWERS.is_file(), reason="demo corpus not present yet")


def _ids_by_record(store: Store) -> dict[str, set[str]]:
    """Answer-key record name (file, ``file#L1``, ``file#entry1``) -> stored article ids."""
    names: dict[str, set[str]] = {}
    for source in store.sources():
        names.setdefault(Path(source.origin).name, set()).update(source.article_ids)
    for article in store.articles():
        names.setdefault(Path(article.origin).name, set()).add(article.id)
    return names


@pytest.fixture(scope="module")
def demo() -> tuple[Store, list[Story], dict[str, set[str]], dict[str, object]]:
    store = MemoryStore()
    api.ingest([api.demo_corpus_path()], store=store)
    stories = api.update_stories(store, load_settings(overrides={"cluster": {"method": "stream"}}))
    return store, stories, _ids_by_record(store), json.loads(ANSWERS.read_text(encoding="utf-8"))


def test_every_demo_story_is_one_story_and_nothing_else(demo: tuple) -> None:  # type: ignore[type-arg]
    _, stories, ids, answers = demo
    for expected in answers["stories"]:
        members = set().union(*(ids[name] for name in expected["articles"]))
        holding = [s for s in stories if members & set(s.article_ids)]
        assert len(holding) == 1, expected["name"]
        assert set(holding[0].article_ids) == members, expected["name"]


def test_unrelated_demo_articles_stand_alone(demo: tuple) -> None:  # type: ignore[type-arg]
    _, stories, ids, answers = demo
    for name in answers["unrelated"]:
        (article_id,) = ids[name]
        (story,) = [s for s in stories if article_id in s.article_ids]
        assert story.article_ids == (article_id,), name


def test_demo_duplicates_are_flagged(demo: tuple) -> None:  # type: ignore[type-arg]
    _, stories, ids, answers = demo
    flagged = {pair for s in stories for pair in s.duplicates}
    for expected in answers["duplicates"]:
        (duplicate,) = ids[expected["duplicate"]]
        (original,) = ids[expected["original"]]
        if expected["kind"] == "exact":
            # Byte-identical files are one article (content-hash id) from ingestion on.
            assert duplicate == original
        else:
            assert (duplicate, original) in flagged
    copies = {
        (next(iter(ids[p["from"]])), next(iter(ids[p["to"]])))
        for p in answers["provenance"]
        if p["kind"] in ("republishes", "copies") and p["to"] in ids
    }
    near = {
        (next(iter(ids[d["duplicate"]])), next(iter(ids[d["original"]]))) for d in answers["duplicates"]
    }
    assert flagged <= copies | near  # nothing flagged that is not a copy


def test_brief_on_a_mixed_folder_writes_one_brief_per_story_and_updates_later(
    tmp_path: Path,
) -> None:
    corpus = api.demo_corpus_path()
    later = ("vendholm", "2023-09-12", "newsroom-export", "dnipro-line", "library")
    first = [p for p in corpus.iterdir() if not any(part in p.name for part in later)]
    settings = load_settings(overrides={"db": str(tmp_path / "demo.sqlite")})
    store = SQLiteStore(settings.db)
    try:
        api.ingest(first, settings, store=store)
        before = {s.id: s for s in api.update_stories(store, settings)}
        api.ingest([corpus], settings, store=store)  # the rest arrives later
        after = api.update_stories(store, settings)
        briefs = api.brief_stories(store, settings, analyses=())
        run = api.write_briefs(briefs, tmp_path / "briefs", ["json"])
        fresh = MemoryStore()
        api.ingest([corpus], settings, store=fresh)
        at_once = api.update_stories(fresh, settings)
    finally:
        store.close()
    assert len(after) > len(before)
    assert {frozenset(s.article_ids) for s in after} == {frozenset(s.article_ids) for s in at_once}
    for story_id, story in before.items():
        grown = next(s for s in after if s.id == story_id)  # ids survive the update
        assert set(story.article_ids) <= set(grown.article_ids)
    assert len(briefs) == len(after)
    assert {p.stem for p in run.files if p.name != "briefs.json"} == {s.id for s in after}
