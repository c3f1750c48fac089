"""The demo corpus: every boilerplate line out, every story sentence in, every provenance hint kept."""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from storylens.config import IngestSettings
from storylens.ingest.runner import ArticleBuilder, parse_source
from storylens.records import Article

DEMO = Path(__file__).resolve().parents[2] / "src" / "storylens" / "demo"


def _fold(text: str) -> str:
    return " ".join(html.unescape(text).split())


@pytest.fixture(scope="module")
def demo() -> tuple[dict[str, object], dict[str, Article]]:
    if not (DEMO / "answers.json").is_file():
        pytest.skip("demo corpus not present")
    key = json.loads((DEMO / "answers.json").read_text(encoding="utf-8"))
    builder = ArticleBuilder(IngestSettings())
    articles: dict[str, Article] = {}
    for path in sorted((DEMO / "corpus").iterdir()):
        try:
            parsed = parse_source(path, builder)
        except Exception:
            continue
        for article in parsed.articles:
            articles[article.origin.rsplit("/", 1)[-1]] = article
    return key, articles


def test_no_boilerplate_survives(demo: tuple[dict[str, object], dict[str, Article]]) -> None:
    key, articles = demo
    left = [
        (item["file"], item["kind"], item["text"])
        for item in key["boilerplate"]  # type: ignore[attr-defined]
        if item["file"] in articles and _fold(item["text"]) in _fold(articles[item["file"]].text)
    ]
    assert left == []


def test_no_story_sentence_is_lost(demo: tuple[dict[str, object], dict[str, Article]]) -> None:
    key, articles = demo
    lost = []
    for item in key["story_text"]:  # type: ignore[attr-defined]
        article = articles.get(item["file"])
        if article is None:
            continue
        sentence = _fold(item["text"])
        for span in article.dropped:
            if span.rule == "wire-credit":  # "PRYLUZHNE, Ukraine (Meridian Press) - ..." loses only its credit
                sentence = _fold(sentence.replace(span.text, ""))
        if sentence not in _fold(article.text):
            lost.append((item["file"], item["text"]))
    assert lost == []


def test_provenance_hints(demo: tuple[dict[str, object], dict[str, Article]]) -> None:
    key, articles = demo
    missing = [
        item
        for item in key["provenance_hints"]  # type: ignore[attr-defined]
        if not any(h.kind == item["kind"] and h.outlet == item["outlet"] for h in articles[item["file"]].hints)
    ]
    assert missing == []


def test_every_drop_is_audited(demo: tuple[dict[str, object], dict[str, Article]]) -> None:
    _key, articles = demo
    for article in articles.values():
        assert all(span.rule and span.text for span in article.dropped)
