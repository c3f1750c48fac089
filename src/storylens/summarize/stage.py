"""The summary stage: fills ``StoryAnalysis.summary`` and the story's headline.

It runs last and reads the earlier sections: the provenance stage's independent-source groups
(``article_provenance``) weigh salience and its sentence alignments count as support; the time
stage's resolved dates order the summary chronologically; the quotes stage names the speaker of
a quote attributed only to "he" or "she". Without those sections the summariser falls back to
near-duplicate detection, publication dates and dropping such sentences.
"""

from __future__ import annotations

import bisect
import dataclasses
import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence

from storylens.config import Settings
from storylens.memo import pack_json, unpack_json
from storylens.nlp import NlpResources
from storylens.records import (
    Article,
    Mention,
    Sentence,
    StoryAnalysis,
    SummarySentence,
    publication_order,
)
from storylens.summarize.core import SourceDocument, Summarizer
from storylens.summarize.headline import choose_headline
from storylens.summarize.settings import SummarizerSettings
from storylens.summarize.units import (
    SentenceUnit,
    SpeakerResolver,
    pack_units,
    sentence_units,
    unpack_units,
)
from storylens.text.segment import RuleSegmenter

__all__ = ["SummaryAnalyser", "make_analyser"]

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_PRONOUNS = frozenset({"he", "she", "they", "it", "him", "her", "them"})


class SummaryAnalyser:
    """Writes the story summary with citations and sets the story headline.

    Example:
        >>> SummaryAnalyser(SummarizerSettings()).name
        'summary'
    """

    name = "summary"

    def __init__(self, settings: SummarizerSettings, resources: NlpResources | None = None) -> None:
        self.settings = settings
        self.summarizer = Summarizer(settings)
        self.segmenter = RuleSegmenter()
        self.resources = resources

    def _units(
        self, articles: Sequence[Article], sentences: dict[str, tuple[Sentence, ...]]
    ) -> dict[str, tuple[SentenceUnit, ...]] | None:
        """Each article's sentence units, computed once and kept (issue 12), keyed by a
        fingerprint of the article's sentences; None without shared resources."""
        if self.resources is None:
            return None
        prints = {a.id: _fingerprint(sentences[a.id]) for a in articles}
        # Kept as compressed JSON text (the memo stores a string as it is): the memo's
        # type-driven encoding of thousands of nested rows cost more than computing them.
        packed = self.resources.memo(
            "summary/units", str, "storylens.summarize", self.settings
        ).get(
            articles,
            lambda a: pack_json(pack_units(sentence_units(sentences[a.id], self.settings))),
            extra=lambda a: prints[a.id],
        )
        return {a.id: unpack_units(unpack_json(packed[a.id])) for a in articles}

    def _sentences(self, analysis: StoryAnalysis) -> dict[str, tuple[Sentence, ...]]:
        by_article: dict[str, list[Sentence]] = defaultdict(list)
        for sentence in analysis.sentences:
            by_article[sentence.article_id].append(sentence)
        return {
            a.id: tuple(sorted(by_article[a.id], key=lambda s: s.index)) or self.segmenter.split(a.id, a.text)
            for a in analysis.articles
        }

    @staticmethod
    def _event_dates(
        analysis: StoryAnalysis, sentences: dict[str, tuple[Sentence, ...]]
    ) -> dict[tuple[str, int], str]:
        """The first day-precise date each sentence mentions (time stage), by sentence."""
        out: dict[tuple[str, int], str] = {}
        by_article: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for mention in analysis.time_mentions:
            if mention.type == "DATE" and _DAY.match(mention.value):
                by_article[mention.article_id].append((mention.start, mention.value[:10]))
        for article_id, mentions in by_article.items():
            # Sorted once per article; a sentence's first mention is the first at or after its
            # start (by offset, then value, as a sort of the mentions inside it would give).
            ordered = sorted(mentions)
            starts = [start for start, _ in ordered]
            for sentence in sentences.get(article_id, ()):
                at = bisect.bisect_left(starts, sentence.start)
                if at < len(ordered) and ordered[at][0] < sentence.end:
                    out[(article_id, sentence.index)] = ordered[at][1]
        return out

    @staticmethod
    def _speaker_resolver(analysis: StoryAnalysis) -> SpeakerResolver:
        """Names a quote's speaker from the quotes stage when the sentence says only "he"."""
        spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for quote in analysis.quotes:
            if quote.speaker and quote.speaker.casefold() not in _PRONOUNS:
                for variant in quote.variants:
                    spans[variant.article_id].append((variant.start, variant.end, quote.speaker))

        def resolve(article_id: str, start: int, end: int) -> str | None:
            for q_start, q_end, speaker in spans.get(article_id, ()):
                if start <= q_start < end or q_start <= start < q_end:
                    return speaker
            return None

        return resolve

    @staticmethod
    def _aligned(analysis: StoryAnalysis) -> dict[tuple[str, int], set[tuple[str, int]]]:
        """Sentence pairs the provenance stage aligned (copies, rewrites, translations), both ways."""
        out: dict[tuple[str, int], set[tuple[str, int]]] = defaultdict(set)
        for link in analysis.provenance:
            for derived, origin, _ in link.pairs:
                out[(link.source, derived)].add((link.target, origin))
                out[(link.target, origin)].add((link.source, derived))
        return out

    def analyse(self, analysis: StoryAnalysis) -> StoryAnalysis:
        """Return ``analysis`` with ``summary`` filled in and the story's headline set."""
        articles = sorted(analysis.articles, key=publication_order)
        sentences = self._sentences(analysis)
        documents = [
            SourceDocument(a.id, sentences[a.id], a.title, a.published) for a in articles
        ]
        groups = {p.article_id: p.group for p in analysis.article_provenance if p.group} or None
        summary = self.summarizer.summarize(
            documents,
            groups=groups,
            resolve_speaker=self._speaker_resolver(analysis),
            event_dates=self._event_dates(analysis, sentences),
            aligned=self._aligned(analysis),
            units=self._units(articles, sentences),
        )
        texts = {a.id: a.text for a in articles}
        summary_sentences = tuple(
            SummarySentence(
                text=pick.candidate.text,
                sources=pick.sources,
                origin=Mention(
                    pick.candidate.article_id,
                    pick.candidate.start,
                    pick.candidate.end,
                    texts[pick.candidate.article_id][pick.candidate.start : pick.candidate.end],
                ),
            )
            for pick in summary.picks
        )
        headline = choose_headline(articles, summary, fallback=analysis.story.headline)
        story = dataclasses.replace(analysis.story, headline=headline)
        return dataclasses.replace(analysis, story=story, summary=summary_sentences)


def _fingerprint(sentences: Sequence[Sentence]) -> str:
    """A short digest of what an article's units follow from: its sentences and their spans."""
    digest = hashlib.sha1()
    for s in sentences:
        digest.update(f"\x00{s.article_id}\x01{s.index}\x01{s.start}\x01{s.end}\x01".encode())
        digest.update(s.text.encode("utf-8"))
    return digest.hexdigest()[:16]


def make_analyser(settings: Settings, resources: NlpResources) -> SummaryAnalyser:
    """The stage factory ``pipeline.ANALYSERS`` names (no spaCy parse needed: the resources
    only keep each article's sentence units)."""
    return SummaryAnalyser(
        dataclasses.replace(SummarizerSettings(), words=settings.summary.words), resources
    )
