"""Fixtures: the project's own invented articles about a dam failure in an invented town."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from storylens.records import Article, Sentence
from storylens.text.segment import RuleSegmenter

FIXTURES = Path(__file__).parent / "fixtures"

#: name -> (outlet, publication day in May 2024)
STORY = {
    "original": ("Valley Wire", 1),
    "independent": ("Town Crier", 2),
    "spun": ("NewsFast Daily", 2),
    "rewrite": ("Regional Digest", 3),
    "translation": ("Echo Europy", 4),
}


def make_article(name: str, text: str, outlet: str | None = None, day: int | None = None,
                 **extra: object) -> tuple[Article, tuple[Sentence, ...]]:
    """An article (id = ``name``) and its sentences, as ingestion would build them."""
    article = Article(
        id=name, origin=f"{name}.txt", title=None, text=text, outlet=outlet,
        published=dt.date(2024, 5, day) if day else None, **extra,  # type: ignore[arg-type]
    )
    return article, RuleSegmenter().split(name, text)


@pytest.fixture
def story_articles() -> list[tuple[Article, tuple[Sentence, ...]]]:
    """The invented story's five articles with their sentences."""
    return [
        make_article(name, (FIXTURES / f"{name}.txt").read_text(encoding="utf-8").strip(),
                     outlet, day)
        for name, (outlet, day) in STORY.items()
    ]
