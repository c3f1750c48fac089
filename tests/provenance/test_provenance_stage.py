from __future__ import annotations

import dataclasses

from storylens.brief import build_brief
from storylens.provenance.report import ProvenanceReport
from storylens.provenance.settings import ProvenanceSettings
from storylens.provenance.stage import ProvenanceAnalyser
from storylens.records import (
    Article,
    Figure,
    ProvenanceHint,
    Quote,
    QuoteVariant,
    Sentence,
    Story,
    StoryAnalysis,
)
from storylens.render.json import brief_to_dict


def _analysis(story: list[tuple[Article, tuple[Sentence, ...]]]) -> StoryAnalysis:
    articles = tuple(a for a, _ in story)
    sentences = tuple(s for _, ss in story for s in ss)
    return StoryAnalysis(Story("s1", tuple(a.id for a in articles), "Tarnova dam"), articles, sentences)


def test_stage_links_groups_and_original_shares(story_articles) -> None:  # type: ignore[no-untyped-def]
    out = ProvenanceAnalyser(ProvenanceSettings(), resources=None).analyse(_analysis(story_articles))
    kinds = {(p.source, p.target): p.kind for p in out.provenance}
    assert kinds[("spun", "original")] == "copies"
    assert kinds[("rewrite", "original")] == "rewrites"
    assert kinds[("translation", "original")] == "translates"
    # rewrite.txt says "according to the regional emergency service": a source, not an outlet.
    assert not any(p.kind == "cites" for p in out.provenance)
    per_article = {a.article_id: a for a in out.article_provenance}
    assert per_article["original"].original_share == 1.0
    assert per_article["independent"].original_share == 1.0
    assert per_article["spun"].original_share <= 0.3
    assert 0.0 < per_article["rewrite"].original_share < 0.8
    assert per_article["spun"].group == per_article["original"].group == "original"
    assert per_article["independent"].group == "independent"
    report = ProvenanceReport.from_analysis(out)
    assert report.original_share("spun") == per_article["spun"].original_share
    groups = report.independent_sources(["spun", "independent", "original", "rewrite"])
    assert groups == [("original", "spun", "rewrite"), ("independent",)]


def test_facts_get_sources_and_original_reporter(story_articles) -> None:  # type: ignore[no-untyped-def]
    analysis = _analysis(story_articles)
    texts = {a.id: a.text for a, _ in story_articles}

    def variant(article: str, words: str) -> QuoteVariant:
        start = texts[article].index(words)
        return QuoteVariant(words, article, start, start + len(words))

    quote = Quote("q1", "Floodwater from the broken Tarnova dam", None, None, None,
                  (variant("spun", "Floodwater from the damaged Tarnowa barrage"),
                   variant("original", "Floodwater from the broken Tarnova dam"),
                   variant("independent", "water from the Tarnova reservoir")))
    start = texts["independent"].index("64")
    figure = Figure("f1", 64.0, None, None, "age", "age", None, None, "independent", start,
                    start + 2, "64")
    analysis = dataclasses.replace(analysis, quotes=(quote,), figures=(figure,))
    out = ProvenanceAnalyser(ProvenanceSettings(), resources=None).analyse(analysis)
    facts = {f.fact_id: f for f in out.fact_provenance}
    assert facts["q1"].original == "original"
    assert facts["q1"].groups == (("spun", "original"), ("independent",))
    assert facts["f1"].groups == (("independent",),) and facts["f1"].original == "independent"


def test_republication_notice_and_brief_json(story_articles) -> None:  # type: ignore[no-untyped-def]
    original, sentences = story_articles[0]
    hint = ProvenanceHint("republished", "Valley Wire", "This article originally appeared on Valley Wire.")
    copy = dataclasses.replace(original, id="copy", outlet="Hill Gazette", hints=(hint,))
    copy_sentences = tuple(dataclasses.replace(s, article_id="copy") for s in sentences)
    analysis = _analysis([(original, sentences), (copy, copy_sentences)])
    out = ProvenanceAnalyser(ProvenanceSettings(), resources=None).analyse(analysis)
    kinds = {(p.source, p.target, p.kind) for p in out.provenance}
    assert ("copy", "original", "republishes") in kinds
    assert ("copy", "original", "copies") in kinds
    document = brief_to_dict(build_brief(dataclasses.replace(out, analyses=("provenance",))))
    rows = {row["article"]: row for row in document["provenance_articles"]}
    assert rows["copy"]["original_share"] == 0.0 and rows["copy"]["group"] == "original"
    copies = [p for p in document["provenance"] if p["kind"] == "copies"]
    assert copies and copies[0]["pairs"] and copies[0]["direction"]


def test_tiny_stories_do_not_break_the_stage() -> None:
    lone = Article("lone", "lone.txt", None, "Short note.", outlet="Valley Wire")
    empty = Article("empty", "empty.txt", None, "", outlet=None)
    analysis = StoryAnalysis(Story("s", ("lone", "empty"), "x"), (lone, empty))
    out = ProvenanceAnalyser(ProvenanceSettings(), resources=None).analyse(analysis)
    assert out.provenance == ()
    assert {a.article_id: a.original_share for a in out.article_provenance} == {"lone": 1.0, "empty": 1.0}


def test_translation_hint_makes_a_translates_link() -> None:
    hint = ProvenanceHint("translated", "Zerkalo", "Translated from Russian. The original "
                          "interview was published by Zerkalo on Sept. 11.")
    text = "The mayor has not slept for three nights. Every home will be built again, he said."
    article = Article("t", "t.txt", None, text, outlet="Newsroom", hints=(hint,))
    out = ProvenanceAnalyser(ProvenanceSettings(), resources=None).analyse(
        StoryAnalysis(Story("s", ("t",), "x"), (article,)))
    assert [(p.source, p.target, p.kind) for p in out.provenance] == [("t", "Zerkalo", "translates")]
