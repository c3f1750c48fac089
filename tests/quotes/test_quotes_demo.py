"""The demo corpus's quote answers: every shared quote matched across its variants, speakers
named, quoted headlines left out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from demo_corpus_support import parsed_demo_corpus
from storylens.config import Settings
from storylens.nlp import NlpResources
from storylens.pipeline import build_analysers
from storylens.quotes.wordnet import WordNet
from storylens.records import Article, Quote, Sentence, Story, StoryAnalysis

DEMO = Path(__file__).resolve().parents[2] / "src" / "storylens" / "demo"


def _normal(text: str) -> str:
    return " ".join(text.replace("\u201c", '"').replace("\u201d", '"').split()).strip(' ",.')


@pytest.fixture(scope="module")
def demo() -> tuple[dict[str, Article], list[Quote], dict[str, Any]]:
    if not (DEMO / "answers.json").is_file():
        pytest.skip("demo corpus answer key not present")
    answers = json.loads((DEMO / "answers.json").read_text(encoding="utf-8"))
    if "quotes" not in answers:
        pytest.skip("demo answer key has no quotes section")
    parsed_articles, parsed_sentences = parsed_demo_corpus()
    articles: dict[str, Article] = dict(parsed_articles)
    sentences: list[Sentence] = list(parsed_sentences)
    stages = build_analysers(["entities", "quotes"], Settings(), NlpResources())
    quotes: list[Quote] = []
    in_stories = {name for story in answers["stories"] for name in story["articles"]}
    articles = {name: article for name, article in articles.items() if name in in_stories}
    for story in answers["stories"]:
        members = list({articles[k].id: articles[k] for k in story["articles"]}.values())
        ids = {a.id for a in members}
        analysis = StoryAnalysis(
            Story(story["name"], tuple(ids), story["name"]),
            tuple(members),
            tuple(s for s in sentences if s.article_id in ids),
        )
        for stage in stages:
            analysis = stage.analyse(analysis)
        quotes.extend(analysis.quotes)
    return articles, quotes, answers


def _found(quotes: list[Quote], article_id: str, text: str) -> Quote | None:
    """The quote with a variant in that article containing the words of ``text`` (a part as the
    key writes it, sometimes with the attribution before its opening mark)."""
    marks = [i for i in (text.find('"'), text.find("\u201c")) if i >= 0]
    if marks and min(marks) > 0:
        text = text[min(marks) :]
    wanted = _normal(text)
    for quote in quotes:
        for variant in quote.variants:
            if variant.article_id == article_id and wanted[:40] in _normal(variant.text):
                return quote
    return None


def test_every_variant_is_extracted(demo) -> None:  # type: ignore[no-untyped-def]
    articles, quotes, answers = demo
    missing = [
        (v["file"], v["text"])
        for q in answers["quotes"]
        for v in q["variants"]
        if v["file"] in articles and _found(quotes, articles[v["file"]].id, v["parts"][0]) is None
    ]
    # the spun copy's partial quote has no cue word at all ("known as"): a known miss
    assert len(missing) <= 1, missing


def test_shared_quotes_matched_across_variants(demo) -> None:  # type: ignore[no-untyped-def]
    articles, quotes, answers = demo
    needs_wordnet = WordNet.load() is None
    for answer in answers["quotes"]:
        groups = {
            id(q): q
            for v in answer["variants"]
            if v["file"] in articles
            and (q := _found(quotes, articles[v["file"]].id, v["parts"][0])) is not None
        }
        words = [
            set(_normal(v["text"]).lower().replace(",", " ").split()) for v in answer["variants"]
        ]
        reworded = any(not (w <= max(words, key=len)) for w in words)
        if needs_wordnet and reworded:
            continue  # wording alone cannot join a translation or a spun synonym
        assert len(groups) <= 1, (answer["speaker"], [q.text for q in groups.values()])


def test_speakers_named(demo) -> None:  # type: ignore[no-untyped-def]
    articles, quotes, answers = demo
    right = total = 0
    for answer in answers["quotes"]:
        first = answer["variants"][0]
        if first["file"] not in articles:
            continue
        quote = _found(quotes, articles[first["file"]].id, first["parts"][0])
        if quote is None:
            continue
        total += 1
        speaker = (quote.speaker or "").lower()
        right += any(word in speaker for word in answer["speaker"].lower().split())
    assert total and right / total >= 0.85, (right, total)


def test_quoted_headline_is_not_a_quote(demo) -> None:  # type: ignore[no-untyped-def]
    articles, quotes, answers = demo
    for item in answers["not_quotes"]:
        if item["file"] in articles:
            assert _found(quotes, articles[item["file"]].id, item["text"]) is None, item


def test_distinct_quotes_not_merged(demo) -> None:  # type: ignore[no-untyped-def]
    articles, quotes, answers = demo
    owner: dict[int, int] = {}
    merged = []
    for index, answer in enumerate(answers["quotes"]):
        for v in answer["variants"]:
            if v["file"] not in articles:
                continue
            quote = _found(quotes, articles[v["file"]].id, v["parts"][0])
            if quote is None:
                continue
            if owner.setdefault(id(quote), index) != index:
                merged.append(
                    (
                        answers["quotes"][owner[id(quote)]]["variants"][0]["text"][:40],
                        v["text"][:40],
                    )
                )
    # "We are asking to keep up with the rent" (day one) and "We asked to keep up with the rent"
    # (day three) by the same union leader: wording cannot tell them apart
    assert len(merged) <= 1, merged
