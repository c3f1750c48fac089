"""Shared fixtures: the demo corpus's stories (ingested once per session)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storylens.config import IngestSettings
from storylens.records import Article, Sentence, Story, StoryAnalysis

DEMO = Path(__file__).resolve().parents[2] / "src" / "storylens" / "demo"


@pytest.fixture(scope="session")
def demo_stories() -> list[tuple[StoryAnalysis, dict[str, str]]]:
    """Each answer-key story as a fresh ``StoryAnalysis``, with article id -> record name."""
    from storylens.ingest.runner import ArticleBuilder, parse_source

    if not (DEMO / "answers.json").is_file():
        pytest.skip("demo corpus answer key not present")
    answers = json.loads((DEMO / "answers.json").read_text(encoding="utf-8"))
    builder = ArticleBuilder(IngestSettings())
    articles: dict[str, Article] = {}
    sentences: list[Sentence] = []
    for path in sorted((DEMO / "corpus").iterdir()):
        try:
            parsed = parse_source(path, builder)
        except Exception:  # the demo corpus's bad inputs are refused by design
            continue
        for article in parsed.articles:
            articles[article.origin.rsplit("/", 1)[-1]] = article
        sentences.extend(parsed.sentences)
    out = []
    for story in answers["stories"]:
        members = list({articles[k].id: articles[k] for k in story["articles"] if k in articles}.values())
        ids = {a.id for a in members}
        names = {articles[k].id: k for k in story["articles"] if k in articles}
        analysis = StoryAnalysis(
            Story(story["name"], tuple(ids), story["name"]), tuple(members),
            tuple(s for s in sentences if s.article_id in ids))
        out.append((analysis, names))
    return out
