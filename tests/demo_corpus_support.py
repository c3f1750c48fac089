"""The demo corpus parsed once for every stage's tests: articles by file name, and sentences.

Importable from any test module (``tests/`` is on ``sys.path`` through its ``conftest.py``).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from storylens.config import IngestSettings
from storylens.errors import InputError
from storylens.ingest.runner import ArticleBuilder, parse_source
from storylens.records import Article, Sentence

DEMO = Path(__file__).resolve().parents[1] / "src" / "storylens" / "demo"


@cache
def demo_answers() -> dict[str, Any]:
    """The demo corpus's answer key."""
    answers: dict[str, Any] = json.loads((DEMO / "answers.json").read_text(encoding="utf-8"))
    return answers


@cache
def parsed_demo_corpus() -> tuple[dict[str, Article], tuple[Sentence, ...]]:
    """Every stored-to-be article of the demo corpus keyed by record name (``file``,
    ``file#L2``), and all their sentences; the corpus's deliberately bad files are skipped."""
    builder = ArticleBuilder(IngestSettings())
    articles: dict[str, Article] = {}
    sentences: list[Sentence] = []
    for path in sorted((DEMO / "corpus").iterdir()):
        try:
            parsed = parse_source(path, builder)
        except InputError:  # bad inputs of the demo corpus are refused by design
            continue
        for article in parsed.articles:
            articles[article.origin.rsplit("/", 1)[-1]] = article
        sentences.extend(parsed.sentences)
    return articles, tuple(sentences)
