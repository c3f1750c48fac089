"""The provenance stage: explicit attribution + implicit derivation -> ``StoryAnalysis.provenance``.

Steps, each in its own module:

1. :mod:`~storylens.provenance.attribution` finds the sources each article names (cue phrases,
   bylines and republication notices from ``Article.hints``), resolving outlet short forms;
2. :mod:`~storylens.provenance.derivation` aligns the articles' sentences and links copies,
   rewrites and translations, oriented by publication date (then by citations);
3. links are assembled (``cites`` and ``republishes`` point to the cited outlet's article when the
   story has one, else to the outlet's name), each article gets its original share and
   independent group (``ArticleProvenance``), and each quote and figure its independent sources
   and earliest reporter (``FactProvenance``).
"""

from __future__ import annotations

import base64
import dataclasses
import json
import zlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from storylens.config import Settings
from storylens.memo import pack_json, unpack_json
from storylens.nlp import NlpResources
from storylens.provenance.attribution import (
    LabelSource,
    SentenceScan,
    SourceMention,
    entity_label,
    is_translation,
    pack_scans,
    resolve_attributions,
    scan_attributions,
    unpack_scans,
)
from storylens.provenance.derivation import (
    MIN_TOKENS,
    ArticleText,
    Derivation,
    article_text,
    find_derivations,
)
from storylens.provenance.features import fold, pack_features, unpack_features
from storylens.provenance.outlets import OutletDirectory
from storylens.provenance.pair_cache import (
    PairScoreCache,
    sentences_fingerprint,
    spans_fingerprint,
)
from storylens.provenance.report import ProvenanceReport
from storylens.provenance.settings import ProvenanceSettings
from storylens.records import (
    Article,
    ArticleProvenance,
    FactProvenance,
    Mention,
    ProvenanceKind,
    ProvenanceLink,
    Sentence,
    StoryAnalysis,
    publication_order,
)
from storylens.text.segment import RuleSegmenter

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["ProvenanceAnalyser", "make_analyser"]

#: What ``ProvenanceAnalyser.prepare`` hands to ``finish``: links, article provenance, report.
PreparedProvenance = tuple[tuple[ProvenanceLink, ...], tuple[ArticleProvenance, ...], ProvenanceReport]

_REPUBLISH_CUES = frozenset({"republished", "original", "wire", "byline"})
_TRANSLATION_CUES = frozenset(
    {"translated", "republished", "original", "reported by", "interview", "wire", "byline"})
_STRONGER: tuple[ProvenanceKind, ...] = ("republishes", "translates")


class ProvenanceAnalyser:
    """Fills ``provenance``, ``article_provenance`` and ``fact_provenance`` of a story.

    Example:
        >>> analyser = ProvenanceAnalyser(ProvenanceSettings(), resources=None)
        >>> analyser.name
        'provenance'
    """

    name = "provenance"

    def __init__(self, settings: ProvenanceSettings, resources: NlpResources | None) -> None:
        self.settings = settings
        self.resources = resources
        self.segmenter = RuleSegmenter()

    def _sentences(self, analysis: StoryAnalysis) -> dict[str, tuple[Sentence, ...]]:
        by_article: dict[str, list[Sentence]] = defaultdict(list)
        for sentence in analysis.sentences:
            by_article[sentence.article_id].append(sentence)
        out: dict[str, tuple[Sentence, ...]] = {}
        for article in analysis.articles:
            found = sorted(by_article.get(article.id, ()), key=lambda s: s.index)
            out[article.id] = tuple(found) or self.segmenter.split(article.id, article.text)
        return out

    #: Sections of earlier stages that ``prepare`` reads (see ``storylens.ahead``): the
    #: entities name outlets and tell people from outlets in attributions.
    prepare_needs: tuple[str, ...] = ("entities",)

    def analyse(self, analysis: StoryAnalysis) -> StoryAnalysis:
        """Return ``analysis`` with the provenance sections filled in."""
        return self.finish(analysis, self.prepare(analysis))

    def finish(self, analysis: StoryAnalysis, prepared: PreparedProvenance) -> StoryAnalysis:
        """``analysis`` with the links and article provenance of ``prepare``, and each quote's
        and figure's provenance (which needs the quotes and figures stages)."""
        links, article_provenance, report = prepared
        return dataclasses.replace(
            analysis,
            provenance=links,
            article_provenance=article_provenance,
            fact_provenance=self._fact_provenance(analysis, report),
        )

    def prepare(self, analysis: StoryAnalysis) -> PreparedProvenance:
        """The story's links (attributions and derivations) and each article's provenance:
        the stage's work but for the quotes' and figures' provenance. Reads the articles,
        their sentences and the entities only."""
        articles = sorted(analysis.articles, key=publication_order)
        sentences = self._sentences(analysis)
        directory = OutletDirectory.build(a.outlet for a in articles if a.outlet)
        entity_types: dict[str, str] = {}
        for entity in analysis.entities:
            for alias in (entity.name, *entity.aliases):
                entity_types.setdefault(fold(alias), entity.type)
            if entity.type == "OUTLET":
                directory.add(entity.name, entity.aliases, prefer=True)
        scans = self._scans(articles, sentences)
        mentions = {
            a.id: resolve_attributions(
                a, sentences[a.id], scans[a.id], directory, self._labels(a), entity_types)
            for a in articles
        }
        own = {a.id: directory.resolve(a.outlet) if a.outlet else None for a in articles}
        links = self._attribution_links(articles, mentions, own, directory)
        cited_pairs = {(link.source, link.target) for link in links}
        texts, scores = self._texts(analysis.story.id, articles, sentences)
        bylined = {
            a.id for a in articles
            if any(m.cue in ("byline", "wire") and m.first_hand for m in mentions[a.id])
        }
        derivations = find_derivations(texts, self.settings, cited_pairs, bylined, scores)
        if scores is not None:
            scores.save()
        translated = {a.id for a in articles if is_translation(a)}
        links.extend(
            self._derivation_link(
                dataclasses.replace(d, kind="translates") if d.derived in translated else d)
            for d in derivations)
        links.extend(self._duplicate_links(analysis, links))
        report = ProvenanceReport(
            [a.id for a in articles], links,
            {a: [(s.start, s.end) for s in ss] for a, ss in sentences.items()})
        article_provenance = self._article_provenance(articles, sentences, links, mentions, report)
        return tuple(links), article_provenance, report

    def _texts(
        self, story_id: str, articles: Sequence[Article], sentences: dict[str, tuple[Sentence, ...]]
    ) -> tuple[list[ArticleText], PairScoreCache | None]:
        """Each article's sentence features, and the story's kept sentence-pair verdicts.

        Both are computed once (issue 12): the features per article (``NlpResources.memo``,
        keyed by a fingerprint of the article's sentences), the verdicts per sentence pair
        (``PairScoreCache``), so re-briefing a grown story scores only the new articles' pairs.
        """
        pieces = {a.id: [(s.text, s.paragraph) for s in sentences[a.id]] for a in articles}
        if self.resources is None:
            return [article_text(a.id, pieces[a.id], a.published, a.language) for a in articles], None
        fingerprints = {a.id: sentences_fingerprint(a.id, pieces[a.id]) for a in articles}
        fresh: dict[str, list[list[Any]]] = {}

        def compute(article: Article) -> str:
            rows = fresh[article.id] = pack_features(
                article_text(article.id, pieces[article.id]).sentences)
            return _pack_rows(rows)

        packed = self.resources.memo(
            "provenance/sentences", str, "storylens.provenance", self.settings
        ).get(articles, compute, extra=lambda a: fingerprints[a.id])
        # Rows computed in this run are not decoded back from their text: built from the same
        # rows, the features come out the same (sets included, element for element).
        texts = [
            ArticleText(a.id, unpack_features(a.id, fresh.get(a.id) or unpack_json(packed[a.id])),
                        a.published, a.language)
            for a in articles
        ]
        scores = PairScoreCache(self.resources.store, story_id, self.settings, fingerprints)
        return texts, scores

    def _scans(
        self, articles: Sequence[Article], sentences: dict[str, tuple[Sentence, ...]]
    ) -> dict[str, tuple[SentenceScan, ...]]:
        """Each article's attribution cue matches, kept per article (issue 12): they follow
        from its sentences alone (texts and offsets, fingerprinted into the memo key). Kept as
        positional rows in compressed text (``pack_scans``), not through the memo's keyed
        encoding, whose decoding cost 0.15 s on a 568-article story."""
        if self.resources is None:
            return {a.id: scan_attributions(sentences[a.id]) for a in articles}
        packed = self.resources.memo(
            "provenance/attribution", str, "storylens.provenance", self.settings,
        ).get(
            articles,
            lambda a: pack_json(pack_scans(scan_attributions(sentences[a.id]))),
            extra=lambda a: spans_fingerprint(sentences[a.id]),
        )
        return {a.id: unpack_scans(unpack_json(packed[a.id])) for a in articles}

    def _labels(self, article: Article) -> LabelSource:
        """spaCy's entity label of a span of the article, kept per article and span: reading it
        costs loading the article's parse (about 4 ms), for a label that never changes."""
        doc_source = self._doc_source(article)
        resources = self.resources
        if resources is None:
            return lambda start, end: entity_label(doc_source, start, end)

        def label(start: int, end: int) -> str | None:
            found = resources.memo(
                "provenance/labels", str, "storylens.provenance", self.settings
            ).get(
                [article],
                lambda a: entity_label(doc_source, start, end) or "",
                extra=lambda a: f"{start}-{end}",
            )[article.id]
            return found or None

        return label

    def _doc_source(self, article: Article) -> Callable[[], Doc | None] | None:
        """The article's spaCy parse on demand (cached by ``NlpResources``; parsed only if an
        attribution needs a PERSON label that nothing cheaper gave)."""
        resources = self.resources
        if resources is None:
            return None
        return lambda: resources.docs([article])[article.id]

    @staticmethod
    def _target(outlet: str, citing: Article, articles: Sequence[Article],
                own: dict[str, str | None]) -> str:
        """The story article of ``outlet`` that ``citing`` can have read, else the outlet name."""
        candidates = [a for a in articles if a.id != citing.id and own[a.id] == outlet]
        earlier = [a for a in candidates if publication_order(a) <= publication_order(citing)]
        chosen = earlier or candidates
        return chosen[0].id if chosen else outlet

    def _attribution_links(
        self,
        articles: Sequence[Article],
        mentions: dict[str, list[SourceMention]],
        own: dict[str, str | None],
        directory: OutletDirectory,
    ) -> list[ProvenanceLink]:
        links: dict[tuple[str, str, ProvenanceKind], list[SourceMention]] = defaultdict(list)
        for article in articles:
            translated = is_translation(article)
            for mention in mentions[article.id]:
                if not mention.is_outlet or mention.resolved == own[article.id]:
                    continue
                if mention.cue in ("byline", "wire") and own[article.id] is None:
                    continue  # a byline in an article of unknown outlet names the article's own
                kind: ProvenanceKind = "cites"
                if translated and mention.cue in _TRANSLATION_CUES:
                    kind = "translates"
                elif mention.cue in _REPUBLISH_CUES:
                    kind = "republishes"
                target = self._target(mention.resolved, article, articles, own)
                links[(article.id, target, kind)].append(mention)
        out: list[ProvenanceLink] = []
        for (source, target, kind), found in links.items():
            if kind == "cites" and any((source, target, k) in links for k in _STRONGER):
                continue  # a republication notice says more than the credit line inside it
            out.append(ProvenanceLink(
                source=source,
                target=target,
                kind=kind,
                evidence=tuple(dict.fromkeys(m.evidence for m in found)),
                score=1.0,
                direction="explicit attribution",
                spans=tuple(
                    Mention(source, m.start, m.end, m.evidence) for m in found if m.start >= 0),
            ))
        return out

    @staticmethod
    def _derivation_link(derivation: Derivation) -> ProvenanceLink:
        evidence = tuple(
            f"{p.left.text} <~ {p.right.text} ({p.similarity.score:.2f})"
            for p in derivation.pairs[:5]
        )
        return ProvenanceLink(
            source=derivation.derived,
            target=derivation.origin,
            kind=derivation.kind,
            evidence=evidence,
            score=derivation.score,
            pairs=tuple(
                (p.left.index, p.right.index, round(p.similarity.score, 3))
                for p in derivation.pairs),
            direction=derivation.direction,
        )

    @staticmethod
    def _duplicate_links(analysis: StoryAnalysis, links: Sequence[ProvenanceLink]) -> list[ProvenanceLink]:
        """The dedupe stage's near-duplicates are copies even when alignment missed them."""
        linked = {frozenset((link.source, link.target)) for link in links}
        return [
            ProvenanceLink(dup, original, "copies", ("near-duplicate (dedupe stage)",), 1.0,
                           direction="dedupe stage")
            for dup, original in analysis.story.duplicates
            if frozenset((dup, original)) not in linked
        ]

    def _article_provenance(
        self,
        articles: Sequence[Article],
        sentences: dict[str, tuple[Sentence, ...]],
        links: Sequence[ProvenanceLink],
        mentions: dict[str, list[SourceMention]],
        report: ProvenanceReport,
    ) -> tuple[ArticleProvenance, ...]:
        out: list[ArticleProvenance] = []
        by_source: dict[str, list[ProvenanceLink]] = defaultdict(list)
        for link in links:  # each article's links, in order, without a pass over all per article
            by_source[link.source].append(link)
        for article in articles:
            own_links = by_source.get(article.id, [])
            derived = sorted({i for link in own_links for i, _, _ in link.pairs})
            counted = [s for s in sentences[article.id] if len(s.text.split()) >= MIN_TOKENS]
            total = max(1, len(counted))
            republished = any(link.kind == "republishes" for link in own_links) or any(
                link.kind == "copies" and not link.pairs for link in own_links)
            share = 0.0 if republished and not derived else 1.0 - min(1.0, len(derived) / total)
            first_hand = any(m.first_hand for m in mentions[article.id]) or (
                not republished and share >= 0.5)
            out.append(ArticleProvenance(
                article_id=article.id,
                original_share=round(share, 3),
                derived_from=report.derived_from(article.id),
                cites=tuple(dict.fromkeys(
                    link.target for link in own_links if link.kind == "cites")),
                first_hand=first_hand,
                derived_sentences=tuple(derived),
                group=report.group_of(article.id),
            ))
        return tuple(out)

    @staticmethod
    def _fact_provenance(analysis: StoryAnalysis, report: ProvenanceReport) -> tuple[FactProvenance, ...]:
        facts: list[FactProvenance] = []
        for quote in analysis.quotes:
            spans = [Mention(v.article_id, v.start, v.end, v.text) for v in quote.variants]
            facts.append(_fact(quote.id, "quote", spans, report))
        for figure in analysis.figures:
            spans = [Mention(figure.article_id, figure.start, figure.end, figure.text)]
            spans.extend(Mention(s, -1, -1, "") for s in figure.sources if s != figure.article_id)
            facts.append(_fact(figure.id, "figure", spans, report))
        return tuple(facts)


def _pack_rows(rows: list[list[Any]]) -> str:
    """An article's feature rows as compressed JSON text (read back with ``unpack_json``).

    Kept as text because the memo stores a string as it is: encoding thousands of nested rows
    through its type-driven encoder cost more than computing them. zlib level 3, not
    ``pack_json``'s 6: on a 568-article story level 6 took 0.47 s to compress for 8% less room.
    """
    raw = json.dumps(rows, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(zlib.compress(raw, 3)).decode("ascii")


def _fact(fact_id: str, kind: str, spans: Sequence[Mention], report: ProvenanceReport) -> FactProvenance:
    origins = [report.origin_of(m) for m in spans]  # once, for the groups and the earliest
    groups = tuple(report.independent_sources_for(spans, origins))
    sources = tuple(dict.fromkeys(m.article_id for m in spans))
    return FactProvenance(fact_id, kind, sources, groups, report.earliest(origins))


def make_analyser(settings: Settings, resources: NlpResources) -> ProvenanceAnalyser:
    """The stage factory ``pipeline.ANALYSERS`` names."""
    del settings  # no user-settable knobs yet: the tuned defaults live in ProvenanceSettings
    return ProvenanceAnalyser(ProvenanceSettings(), resources)
