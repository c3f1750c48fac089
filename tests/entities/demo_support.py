"""Helpers for the entities demo tests: ingest the demo corpus once, group it by the answer key."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from storylens.api import demo_corpus_path, ingest
from storylens.config import load_settings
from storylens.records import Article, Story, StoryAnalysis
from storylens.store.memory import MemoryStore

__all__ = ["answers", "demo_story"]

ANSWERS = Path(demo_corpus_path()).parent / "answers.json"


@lru_cache(maxsize=1)
def answers() -> dict:  # type: ignore[type-arg]
    """The demo answer key."""
    return json.loads(ANSWERS.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@lru_cache(maxsize=1)
def _articles() -> dict[str, Article]:
    store = MemoryStore()
    ingest([demo_corpus_path()], load_settings(), store=store)
    return {a.origin.rsplit("/", 1)[-1]: a for a in store.articles(store.article_ids())}


def demo_story(index: int) -> StoryAnalysis:
    """The answer key's story ``index`` as a fresh analysis."""
    files = answers()["stories"][index]["articles"]
    by_file = _articles()
    articles = tuple(by_file[f] for f in files if f in by_file)
    story = Story(id=f"demo-{index}", article_ids=tuple(a.id for a in articles), headline="demo")
    return StoryAnalysis(story=story, articles=articles)
