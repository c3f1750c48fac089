"""Attribution work kept per article (issue 12): the cue matches and spaCy span labels are read
back on a re-brief, while what the names resolve to still follows the story as it is now."""

from __future__ import annotations

import dataclasses

import pytest

from storylens.memo import pack_json, unpack_json
from storylens.nlp import NlpResources
from storylens.provenance import stage as stage_module
from storylens.provenance.attribution import (
    find_attributions,
    pack_scans,
    resolve_attributions,
    scan_attributions,
    unpack_scans,
)
from storylens.provenance.outlets import OutletDirectory
from storylens.provenance.settings import ProvenanceSettings
from storylens.provenance.stage import ProvenanceAnalyser
from storylens.records import Article, Entity, Sentence, Story, StoryAnalysis
from storylens.store import MemoryStore
from storylens.text.segment import RuleSegmenter

_TEXTS = {
    "a1": "The dam broke at dawn, according to Petrenko. Zerkalo reported that 40 homes "
          "flooded. Our correspondent saw the water rise. Read the original article on "
          "Meridian Press.",
    "a2": "Officials reported no deaths. The toll rose, according to Reuters. The agency said "
          "the sirens were late, and residents told the Courier that they ran.",
}


class _Resources(NlpResources):
    """Shared resources that never load the spaCy model for a memo key."""

    @property
    def artifact_kind(self) -> str:
        return "test-parse"


def _story() -> list[tuple[Article, tuple[Sentence, ...]]]:
    out = []
    for article_id, text in _TEXTS.items():
        article = Article(article_id, f"{article_id}.txt", None, text, outlet="Kyiv Courier")
        out.append((article, RuleSegmenter().split(article_id, text)))
    return out


def _analysis(entities: tuple[Entity, ...] = ()) -> StoryAnalysis:
    story = _story()
    articles = tuple(a for a, _ in story)
    return StoryAnalysis(Story("s1", tuple(a.id for a in articles), "dam"), articles,
                         tuple(s for _, ss in story for s in ss), entities=entities)


@pytest.fixture
def labels(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Spans whose spaCy label was asked for (every name is labelled PERSON)."""
    asked: list[tuple[int, int]] = []

    def label(doc_source: object, start: int, end: int) -> str:
        asked.append((start, end))
        return "PERSON"

    monkeypatch.setattr(stage_module, "entity_label", label)
    return asked


def test_scan_then_resolve_is_find_attributions() -> None:
    for article, sentences in _story():
        directory = OutletDirectory.build(["Kyiv Courier"])
        expected = find_attributions(article, sentences, OutletDirectory.build(["Kyiv Courier"]))
        scan = scan_attributions(sentences)
        stored = unpack_scans(unpack_json(pack_json(pack_scans(scan))))  # as the stage keeps it
        assert stored == scan and all(isinstance(row, list) for row in pack_scans(scan))
        got = resolve_attributions(article, sentences, stored, directory, lambda s, e: None)
        assert got == expected and got


def test_rebrief_reads_scans_and_labels_back(labels: list[tuple[int, int]]) -> None:
    store = MemoryStore()
    outs, asked = [], []
    for _ in range(2):  # computed, then read back from the store by fresh resources
        analyser = ProvenanceAnalyser(ProvenanceSettings(), _Resources(store=store))
        outs.append(analyser.analyse(_analysis()))
        asked.append(len(labels))
    memo = analyser.resources.memo(  # type: ignore[union-attr]
        "provenance/attribution", str, "storylens.provenance",
        analyser.settings)
    assert memo.reused == len(_TEXTS) and memo.computed == 0
    assert asked[0] == asked[1] > 0  # "Petrenko", "Zerkalo": asked once, then read back
    assert outs[0] == outs[1]
    plain = ProvenanceAnalyser(ProvenanceSettings(), resources=None).analyse(_analysis())
    assert outs[1].provenance == plain.provenance
    assert outs[1].article_provenance == plain.article_provenance


def test_kept_scans_still_resolve_against_the_story(labels: list[tuple[int, int]]) -> None:
    store = MemoryStore()
    analyser = ProvenanceAnalyser(ProvenanceSettings(), _Resources(store=store))
    before = analyser.analyse(_analysis())
    outlet = Entity("e1", "Petrenko", "OUTLET", (), ())
    after = ProvenanceAnalyser(ProvenanceSettings(), _Resources(store=store)).analyse(
        _analysis((outlet,)))
    cited = {link.target for link in after.provenance if link.kind == "cites"}
    assert "Petrenko" in cited  # the entities stage now types it an outlet
    assert "Petrenko" not in {link.target for link in before.provenance}


def test_edited_sentences_are_scanned_again(labels: list[tuple[int, int]]) -> None:
    store = MemoryStore()
    ProvenanceAnalyser(ProvenanceSettings(), _Resources(store=store)).analyse(_analysis())
    analysis = _analysis()
    moved = tuple(dataclasses.replace(s, start=s.start + 1, end=s.end + 1)
                  if s.article_id == "a1" else s for s in analysis.sentences)
    analyser = ProvenanceAnalyser(ProvenanceSettings(), _Resources(store=store))
    analyser.analyse(dataclasses.replace(analysis, sentences=moved))
    memo = analyser.resources.memo(  # type: ignore[union-attr]
        "provenance/attribution", str, "storylens.provenance",
        analyser.settings)
    assert (memo.computed, memo.reused) == (1, 1)  # a1's offsets changed: its scan is redone
