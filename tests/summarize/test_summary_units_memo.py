"""The summariser's kept per-article work (issue 12): sentence units computed once per article
give the same candidates and summaries; changed settings or sentences are computed again."""

from __future__ import annotations

import dataclasses

from storylens.nlp import NlpResources
from storylens.provenance.settings import ProvenanceSettings
from storylens.provenance.stage import ProvenanceAnalyser
from storylens.records import Sentence, StoryAnalysis
from storylens.store import MemoryStore
from storylens.summarize.settings import SummarizerSettings
from storylens.summarize.stage import SummaryAnalyser
from storylens.summarize.units import (
    candidates_of,
    pack_units,
    sentence_units,
    unpack_units,
)
from storylens.text.segment import RuleSegmenter

TEXT = (
    "KYIV (Reuters) - Rockets hit the port of Odesa on Sunday night, officials said. "
    "He said the grain terminal was badly damaged. "
    '"We will rebuild every berth," he said. '
    "Share this article on social media. "
    "However, the harbour master said 14 ships were still waiting to load grain."
)


class _Resources(NlpResources):
    """Shared resources that never load the spaCy model for a memo key."""

    @property
    def artifact_kind(self) -> str:
        return "test-parse"


def _sentences() -> tuple[Sentence, ...]:
    return RuleSegmenter().split("a", TEXT)


def test_units_give_the_same_candidates_and_round_trip() -> None:
    settings = SummarizerSettings()
    sentences = _sentences()
    units = sentence_units(sentences, settings)
    assert unpack_units(pack_units(units)) == units

    def name(article_id: str, start: int, end: int) -> str | None:
        return "Oleg Kiper"

    for resolver in (None, name):
        assert candidates_of(sentences, settings, resolver, units) == candidates_of(
            sentences, settings, resolver)
    named = candidates_of(sentences, settings, name, units)
    assert any("Oleg Kiper said" in c.text for c in named)


def _summarised(demo_stories: list[tuple[StoryAnalysis, dict[str, str]]],
                analyser: SummaryAnalyser) -> list[StoryAnalysis]:
    provenance = ProvenanceAnalyser(ProvenanceSettings(), None)
    return [analyser.analyse(provenance.analyse(a)) for a, _ in demo_stories]


def test_stage_reads_units_back_and_summarises_the_same(
    demo_stories: list[tuple[StoryAnalysis, dict[str, str]]],
) -> None:
    settings = SummarizerSettings()
    expected = _summarised(demo_stories, SummaryAnalyser(settings))
    store = MemoryStore()
    articles = len({a.id for analysis, _ in demo_stories for a in analysis.articles})
    for run in range(2):  # computed, then read back by fresh resources
        analyser = SummaryAnalyser(settings, _Resources(store=store))
        got = _summarised(demo_stories, analyser)
        assert [(a.summary, a.story.headline) for a in got] == [
            (a.summary, a.story.headline) for a in expected]
        memo = analyser.resources.memo(  # type: ignore[union-attr]
            "summary/units", str, "storylens.summarize", settings)
        assert (memo.computed, memo.reused) == ((articles, 0) if run == 0 else (0, articles))

    other = dataclasses.replace(settings, min_words=7)
    analyser = SummaryAnalyser(other, _Resources(store=store))
    _summarised(demo_stories, analyser)
    memo = analyser.resources.memo("summary/units", str, "storylens.summarize", other)  # type: ignore[union-attr]
    assert memo.computed == articles and memo.reused == 0
