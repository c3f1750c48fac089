"""The demo corpus's provenance answers: every explicit attribution and republication is found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from demo_corpus_support import parsed_demo_corpus
from storylens.nlp import NlpResources
from storylens.provenance.features import fold
from storylens.provenance.settings import ProvenanceSettings
from storylens.provenance.stage import ProvenanceAnalyser
from storylens.records import Article, ProvenanceLink, Sentence, Story, StoryAnalysis

DEMO = Path(__file__).resolve().parents[2] / "src" / "storylens" / "demo"


def _corpus() -> tuple[dict[str, Article], list[Sentence], dict]:  # type: ignore[type-arg]
    if not (DEMO / "answers.json").is_file():
        pytest.skip("demo corpus answer key not present")
    answers = json.loads((DEMO / "answers.json").read_text(encoding="utf-8"))
    if "provenance" not in answers:
        pytest.skip("demo answer key has no provenance section")
    parsed_articles, parsed_sentences = parsed_demo_corpus()
    articles: dict[str, Article] = dict(parsed_articles)
    sentences: list[Sentence] = list(parsed_sentences)
    return articles, sentences, answers


@pytest.fixture(scope="module")
def demo_links() -> tuple[dict[str, Article], list[ProvenanceLink], dict]:  # type: ignore[type-arg]
    articles, sentences, answers = _corpus()
    analyser = ProvenanceAnalyser(ProvenanceSettings(), NlpResources())
    links: list[ProvenanceLink] = []
    for story in answers["stories"]:
        members = list({articles[k].id: articles[k] for k in story["articles"] if k in articles}.values())
        ids = {a.id for a in members}
        analysis = StoryAnalysis(
            Story(story["name"], tuple(ids), story["name"]), tuple(members),
            tuple(s for s in sentences if s.article_id in ids))
        links.extend(analyser.analyse(analysis).provenance)
    return articles, links, answers


def _matches(link: ProvenanceLink, target: str, articles: dict[str, Article]) -> bool:
    if target in articles:
        article = articles[target]
        return link.target == article.id or (
            article.outlet is not None and fold(link.target) == fold(article.outlet))
    by_id = {a.id: a for a in articles.values()}
    outlet = by_id[link.target].outlet if link.target in by_id else link.target
    return outlet is not None and fold(outlet).removeprefix("the ") == fold(target).removeprefix("the ")


def test_every_expected_link_is_found(demo_links) -> None:  # type: ignore[no-untyped-def]
    articles, links, answers = demo_links
    missing = []
    for expected in answers["provenance"]:
        source = articles.get(expected["from"])
        if source is None:
            continue
        target = articles.get(expected["to"])
        if target is not None and target.id == source.id:
            continue  # byte-identical files are one stored article (see Story.duplicates)
        found = [
            link for link in links
            if link.source == source.id and link.kind == expected["kind"]
            and _matches(link, expected["to"], articles)
        ]
        if not found:
            missing.append(expected)
    assert not missing, missing


def test_independent_reports_are_not_linked(demo_links) -> None:  # type: ignore[no-untyped-def]
    articles, links, _ = demo_links
    independent = {articles[k].id for k in ("valley-voices-after-the-flood.txt",
                                            "pryluzhne-vistnyk-2023-09-13.txt.gz") if k in articles}
    derived = [link for link in links if link.kind in ("copies", "rewrites", "translates")]
    assert not [link for link in derived if link.source in independent or link.target in independent]
