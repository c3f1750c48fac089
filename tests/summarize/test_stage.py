"""The summary stage on the demo corpus (answer key) and the quality gate on a pinned Multi-News sample."""

from __future__ import annotations

import json
import re
import statistics
from pathlib import Path

import pytest

from storylens.config import Settings
from storylens.provenance.settings import ProvenanceSettings
from storylens.provenance.stage import ProvenanceAnalyser
from storylens.records import StoryAnalysis
from storylens.summarize.headline import clean_title
from storylens.summarize.stage import SummaryAnalyser, make_analyser

DEMO = Path(__file__).resolve().parents[2] / "src" / "storylens" / "demo"


@pytest.fixture(scope="module")
def summarised(demo_stories: list[tuple[StoryAnalysis, dict[str, str]]]) -> list[tuple[StoryAnalysis, dict[str, str]]]:
    provenance = ProvenanceAnalyser(ProvenanceSettings(), None)
    summary = make_analyser(Settings(), resources=None)  # type: ignore[arg-type]
    return [(summary.analyse(provenance.analyse(a)), names) for a, names in demo_stories]


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def test_every_sentence_is_auditable_and_cites_story_articles(summarised: list) -> None:  # type: ignore[type-arg]
    for analysis, _ in summarised:
        assert analysis.summary, analysis.story.id
        ids = {a.id for a in analysis.articles}
        for sentence in analysis.summary:
            assert sentence.origin is not None
            assert sentence.sources[0] == sentence.origin.article_id
            assert set(sentence.sources) <= ids
            assert len(set(sentence.sources)) == len(sentence.sources)
            article = analysis.article(sentence.origin.article_id)
            assert article.text[sentence.origin.start:sentence.origin.end] == sentence.origin.text


def test_budget_and_no_boilerplate(summarised: list) -> None:  # type: ignore[type-arg]
    key = json.loads((DEMO / "answers.json").read_text(encoding="utf-8"))
    furniture = [_fold(b["text"]) for b in key["boilerplate"] if len(b["text"]) > 12]
    for analysis, _ in summarised:
        words = sum(len(s.text.split()) for s in analysis.summary)
        assert words <= 120 * 1.15
        for sentence in analysis.summary:
            assert not any(f in _fold(sentence.text) for f in furniture), sentence.text
            assert not re.match(r"(?i)(he|she|they|it|this)\b", sentence.text)
            assert sentence.text.count('"') % 2 == 0


def test_copies_are_cited_and_numbers_must_agree(summarised: list) -> None:  # type: ignore[type-arg]
    """Every cited article carries every number of the sentence (a toll of 40 is not support for 52)."""
    for analysis, _ in summarised:
        for sentence in analysis.summary:
            numbers = set(re.findall(r"\d[\d,.]*\d|\d", sentence.text))
            for source in sentence.sources[1:]:
                text = analysis.article(source).text.replace(",", "")
                for number in numbers:
                    assert number.replace(",", "").rstrip(".") in text, (sentence.text, source)
        assert any(len(s.sources) >= 2 for s in analysis.summary)


def test_headline_names_the_story(summarised: list) -> None:  # type: ignore[type-arg]
    for analysis, names in summarised:
        key_name = analysis.story.id.casefold()  # the fixture names stories by the key's name
        headline = analysis.story.headline
        assert 4 <= len(headline.split()) <= 18 and not headline.endswith("?")
        shared = {w for w in re.findall(r"[a-z]{4,}", headline.casefold()) if w in key_name}
        assert shared, (headline, key_name)
        assert names  # every story maps to its record names


def test_clean_title() -> None:
    assert clean_title("UPDATE 2-Death toll from dam collapse rises to 52") == "Death toll from dam collapse rises to 52"
    assert clean_title("Strike ends | Harbour Post", "Harbour Post") == "Strike ends"
    assert clean_title("Bilyanka dam disaster: what we know so far") == "Bilyanka dam disaster: what we know so far"


def test_stage_without_provenance_falls_back(demo_stories: list) -> None:  # type: ignore[type-arg]
    analysis, _ = demo_stories[0]
    result = SummaryAnalyser(make_analyser(Settings(), None).settings).analyse(analysis)  # type: ignore[arg-type]
    assert result.summary and result.story.headline


def test_quality_gate_on_pinned_multinews_sample(shared_data: Path) -> None:
    """First 30 validation clusters: above the lead baseline, at pinned minimums (tuned on 0-99)."""
    from rouge_score import rouge_scorer

    from storylens.bench.summarize import lead_summary, load_clusters
    from storylens.summarize.core import Summarizer

    path = shared_data / "multinews" / "sample_validation.csv"
    if not path.is_file():
        pytest.skip("Multi-News sample not present")
    clusters = load_clusters(path, limit=30)
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    summarizer = Summarizer()
    ours = [scorer.score(c.reference, summarizer.summarize(c.documents, budget_words=c.budget).text)
            for c in clusters]
    lead = [scorer.score(c.reference, lead_summary(c, 0.15)) for c in clusters]
    r1 = statistics.fmean(s["rouge1"].fmeasure for s in ours)
    r2 = statistics.fmean(s["rouge2"].fmeasure for s in ours)
    assert r1 > statistics.fmean(s["rouge1"].fmeasure for s in lead)
    assert r1 >= 0.44 and r2 >= 0.15, (r1, r2)
