"""A sentence the provenance stage aligned with a summary sentence supports it even when their
words barely overlap (a translation, a rewrite); the other sentences need the cosine floor."""

from __future__ import annotations

from storylens.summarize.core import SourceDocument, Summarizer
from storylens.summarize.settings import SummarizerSettings
from storylens.text.segment import RuleSegmenter

TEXTS = {
    "a": "The dam on the Bilyanka river burst on Friday night, flooding two villages.",
    "b": "Water from a broken barrier swamped a pair of hamlets late that evening.",
    "c": "A dam on the Bilyanka river burst late on Friday, flooding two villages nearby.",
}


def _summary(aligned: dict[tuple[str, int], set[tuple[str, int]]] | None) -> tuple[str, ...]:
    segmenter = RuleSegmenter()
    documents = [SourceDocument(k, segmenter.split(k, t)) for k, t in TEXTS.items()]
    summary = Summarizer(SummarizerSettings(words=20)).summarize(documents, aligned=aligned)
    assert summary.picks
    return summary.picks[0].sources


def test_aligned_sentence_supports_below_the_cosine_floor() -> None:
    assert _summary(None) == ("c", "a")  # b shares no stem with a or c: no support
    aligned = {("c", 0): {("b", 0)}, ("b", 0): {("c", 0)}}
    assert _summary(aligned) == ("c", "a", "b")  # supporters in the story's order
