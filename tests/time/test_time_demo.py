"""The demo corpus answer key: every relative date resolved, the undated article inferred."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from time_demo_support import ANSWERS, answers, coarsen, demo_articles, demo_story, find_expression

from storylens.nlp import NlpResources
from storylens.records import Story, StoryAnalysis, TimeMention
from storylens.time.settings import TimeSettings
from storylens.time.stage import TimeAnalyser

pytestmark = pytest.mark.skipif(not ANSWERS.exists(), reason="demo answer key not written yet")


@pytest.fixture(scope="module")
def mentions() -> dict[str, list[TimeMention]]:
    """Article id -> time mentions, every story of the key and each unrelated article alone."""
    analyser = TimeAnalyser(TimeSettings(), NlpResources())
    found: dict[str, list[TimeMention]] = {}
    analyses = [demo_story(i) for i in range(len(answers()["stories"]))]
    by_file = demo_articles()
    for name in answers()["unrelated"]:
        article = by_file[name]
        story = Story(id=name, article_ids=(article.id,), headline=name)
        analyses.append(StoryAnalysis(story=story, articles=(article,)))
    for analysis in analyses:
        for mention in analyser.analyse(analysis).time_mentions:
            found.setdefault(mention.article_id, []).append(mention)
    return found


def test_every_relative_date_is_resolved(mentions: dict[str, list[TimeMention]]) -> None:
    wrong = []
    checked = 0
    for item in answers()["relative_dates"]:
        article = demo_articles().get(item["file"])
        if article is None:
            continue  # an exact duplicate is not stored
        spans = find_expression(article.text, item["expression"])
        assert spans, f"{item['expression']!r} not in {item['file']}"
        got = {coarsen(m.value, item["value"]) for m in mentions.get(article.id, [])
               for s, e in spans if m.start < e and s < m.end}  # fmt: skip
        checked += 1
        if item["value"] not in got:
            wrong.append((item["file"], item["expression"], item["value"], sorted(got)))
    assert checked > 50
    assert wrong == []


def test_not_dates_are_not_tagged(mentions: dict[str, list[TimeMention]]) -> None:
    for item in answers()["not_dates"]:
        article = demo_articles()[item["file"]]
        for start, end in find_expression(article.text, item["text"]):
            assert not [m for m in mentions.get(article.id, []) if m.start < end and start < m.end]


def test_undated_article_is_inferred_with_evidence(mentions: dict[str, list[TimeMention]]) -> None:
    for item in answers()["undated_articles"]:
        article = demo_articles()[item["file"]]
        assert article.published is None
        anchors = {m.anchor for m in mentions[article.id] if m.anchor and "inferred" in m.anchor}
        assert anchors and all(f"inferred as {item['inferred_date']}" in a for a in anchors)


def test_main_story_timeline_is_merged_and_ordered() -> None:
    analysis = TimeAnalyser(TimeSettings(), NlpResources()).analyse(demo_story(0))
    timeline = analysis.timeline
    assert 8 <= len(timeline) <= 40
    starts = [e.date[:10] for e in timeline if e.granularity == "day"]
    assert starts == sorted(starts)
    assert any(len(e.sources) >= 3 for e in timeline)
    burst = [e for e in timeline if e.date == "2023-09-08"]
    assert burst and max(len(e.sources) for e in burst) >= 2
