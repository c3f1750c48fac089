"""Helpers for the demo-corpus tests: ingest the corpus once and group it by the answer key."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from storylens.api import demo_corpus_path, ingest
from storylens.config import load_settings
from storylens.records import Article, Story, StoryAnalysis
from storylens.store.memory import MemoryStore

__all__ = ["answers", "coarsen", "demo_articles", "demo_story", "find_expression"]

ANSWERS = Path(demo_corpus_path()).parent / "answers.json"


@lru_cache(maxsize=1)
def answers() -> dict:  # type: ignore[type-arg]
    """The demo answer key."""
    return json.loads(ANSWERS.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _file_of(article: Article) -> str:
    origin = article.origin
    name = origin.rsplit("/", 1)[-1]
    return name


@lru_cache(maxsize=1)
def demo_articles() -> dict[str, Article]:
    """Answer-key file name -> ingested article."""
    store = MemoryStore()
    ingest([demo_corpus_path()], load_settings(), store=store)
    return {_file_of(a): a for a in store.articles(store.article_ids())}


def demo_story(index: int) -> StoryAnalysis:
    """The answer key's story number ``index`` as a fresh analysis (articles from ingest)."""
    files = answers()["stories"][index]["articles"]
    by_file = demo_articles()
    articles = tuple(by_file[f] for f in files if f in by_file)
    story = Story(id=f"demo-{index}", article_ids=tuple(a.id for a in articles), headline="demo")
    return StoryAnalysis(story=story, articles=articles)


def find_expression(text: str, expression: str) -> list[tuple[int, int]]:
    """Spans of ``expression`` in ``text``, any whitespace between words (hard-wrapped files)."""
    import re

    pattern = r"\s+".join(re.escape(word) for word in expression.split())
    return [m.span() for m in re.finditer(pattern, text)]


def coarsen(value: str, like: str) -> str:
    """``value`` cut to the granularity of the answer key's ``like`` (day, week, month, year)."""
    if "W" in like:
        return value[:8]
    return value[: len(like)]
