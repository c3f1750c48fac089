"""What the provenance links mean for the rest of the brief: original shares, independent sources.

Five articles that carry a fact are five confirmations only if they reported it independently.
:class:`ProvenanceReport` is built from a story's analysis after the provenance stage (it reads
only ``StoryAnalysis.provenance``, ``article_provenance`` and ``sentences``), so any later stage
can ask:

- which groups of articles are independent (``independent_sources``: articles that are versions
  of one another, at least ``GROUP_SHARE`` of one derived from the other), at the article level or,
  more precisely, for the sentences that carry a fact (``independent_sources_for``: a sentence
  that an article wrote itself counts for that article even if other parts were copied);
- where a sentence came from (``origin_of``) and who reported a fact first (``earliest``);
- how much of an article is its own (``original_share``).

Example:
    >>> from storylens.records import ProvenanceLink
    >>> report = ProvenanceReport.from_links(
    ...     ["a", "b", "c"], [ProvenanceLink("b", "a", "copies", (), pairs=((0, 0, 1.0),))])
    >>> report.independent_sources(["a", "b", "c"])
    [('a', 'b'), ('c',)]
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise

from storylens.records import Mention, ProvenanceLink, StoryAnalysis, publication_order

__all__ = ["DERIVATION_KINDS", "GROUP_SHARE", "ProvenanceReport"]

#: Link kinds that make two articles one source (``cites`` does not: citing is per fact).
DERIVATION_KINDS = frozenset({"copies", "rewrites", "translates", "republishes"})
#: Share of an article's sentences that must derive from another for the two to be one source.
GROUP_SHARE = 0.5


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {item: item for item in items}

    def find(self, item: str) -> str:
        root = item
        while self.parent.setdefault(root, root) != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[root_a] = root_b


class ProvenanceReport:
    """Provenance of a story's articles and sentences (see the module docstring)."""

    def __init__(
        self,
        article_ids: Sequence[str],
        links: Sequence[ProvenanceLink],
        sentence_spans: Mapping[str, Sequence[tuple[int, int]]] | None = None,
    ) -> None:
        self.article_ids = tuple(article_ids)
        self.links = tuple(links)
        self._rank = {a: i for i, a in enumerate(self.article_ids)}
        self._groups = _UnionFind(self.article_ids)
        # (derived article, derived sentence) -> (origin article, origin sentence)
        self._sentence_origin: dict[tuple[str, int], tuple[str, int]] = {}
        self._derived_from: dict[str, list[str]] = {a: [] for a in self.article_ids}
        self._spans = {a: list(spans) for a, spans in (sentence_spans or {}).items()}
        self._shares: dict[str, float] = {}
        self._ends: dict[str, list[int]] = {}  # sentence ends, per article (see _sentence_index)
        for link in self.links:
            if link.kind not in DERIVATION_KINDS or not {link.source, link.target} <= self._rank.keys():
                continue
            for derived_index, origin_index, _ in link.pairs:
                self._sentence_origin.setdefault(
                    (link.source, derived_index), (link.target, origin_index))
            if self._whole_article(link):
                self._groups.union(link.source, link.target)
                self._derived_from[link.source].append(link.target)
        # Each group is named by its original: the earliest member that derives from no other
        # member (the earliest member at all if derivations form a cycle).
        members: dict[str, list[str]] = {}
        for article_id in self.article_ids:
            members.setdefault(self._groups.find(article_id), []).append(article_id)
        self._name: dict[str, str] = {}
        for root, ids in members.items():
            originals = [a for a in ids if not self._derived_from[a]] or ids
            self._name[root] = min(originals, key=lambda a: self._rank[a])

    def _whole_article(self, link: ProvenanceLink) -> bool:
        """Whether a link makes its source a version of its target rather than an article that
        took a few sentences from it (those count sentence by sentence, in ``origin_of``)."""
        if link.kind == "republishes" or not link.pairs or link.source not in self._spans:
            return True
        sentences = len(self._spans[link.source]) or 1
        return len({i for i, _, _ in link.pairs}) / sentences >= GROUP_SHARE

    @classmethod
    def from_links(cls, article_ids: Sequence[str], links: Sequence[ProvenanceLink]) -> ProvenanceReport:
        """A report over ``article_ids`` (earliest first) and the stage's links."""
        return cls(article_ids, links)

    @classmethod
    def from_analysis(cls, analysis: StoryAnalysis) -> ProvenanceReport:
        """The report of an analysed story (run the provenance stage first)."""
        ordered = [a.id for a in sorted(analysis.articles, key=publication_order)]
        spans: dict[str, list[tuple[int, int]]] = {}
        for sentence in sorted(analysis.sentences, key=lambda s: (s.article_id, s.index)):
            spans.setdefault(sentence.article_id, []).append((sentence.start, sentence.end))
        report = cls(ordered, analysis.provenance, spans)
        report._shares = {a.article_id: a.original_share for a in analysis.article_provenance}
        return report

    def original_share(self, article_id: str) -> float:
        """Share of the article's sentences that it did not take from another story article.

        The stage's value (``ArticleProvenance.original_share``) when the report was built from
        an analysis; otherwise computed from the links' aligned sentence pairs.
        """
        if article_id in self._shares:
            return self._shares[article_id]
        derived = {
            i for link in self.links
            if link.source == article_id and link.kind in DERIVATION_KINDS
            for i, _, _ in link.pairs
        }
        republished = any(
            link.source == article_id and link.kind == "republishes" for link in self.links)
        if republished and not derived:
            return 0.0
        total = len(self._spans.get(article_id, ())) or max(derived, default=-1) + 1
        return 1.0 - min(1.0, len(derived) / total) if total else 1.0

    def group_of(self, article_id: str) -> str:
        """The id of the original article of ``article_id``'s independent group (the one the
        others derive from, directly or through a chain)."""
        root = self._groups.find(article_id)
        return self._name.get(root, root)

    def independent_sources(self, article_ids: Iterable[str]) -> list[tuple[str, ...]]:
        """Partition ``article_ids`` into groups of mutually dependent articles.

        Articles that copy, rewrite, translate or republish one another (directly or through a
        chain) are one group; each group is one independent source. Groups come earliest first,
        each group's articles in publication order.
        """
        groups: dict[str, list[str]] = {}
        for article_id in dict.fromkeys(article_ids):
            groups.setdefault(self.group_of(article_id), []).append(article_id)
        ordered = sorted(groups.items(), key=lambda kv: self._rank.get(kv[0], 1 << 30))
        return [tuple(sorted(ids, key=lambda a: self._rank.get(a, 1 << 30))) for _, ids in ordered]

    def _sentence_index(self, article_id: str, start: int, end: int) -> int | None:
        """The first of the article's sentences that overlaps ``start:end``."""
        spans = self._spans.get(article_id, ())
        ends = self._ends.get(article_id)
        if ends is None:
            ends = self._ends[article_id] = _sorted_ends(spans)
        if ends:
            # Starts and ends both in order: the first sentence ending after ``start`` is the
            # only one that can be the first overlap (a story's facts ask this 10,000 times).
            index = bisect.bisect_right(ends, start)
            return index if index < len(spans) and spans[index][0] < end else None
        for index, (s, e) in enumerate(spans):
            if s < end and start < e:
                return index
        return None

    def origin_of(self, mention: Mention) -> str:
        """The article a mentioned passage came from: follows sentence alignments to the source.

        A sentence the article wrote itself is its own; an aligned (derived) sentence belongs to
        the earliest article along the chain of derivations.
        """
        article, index = mention.article_id, self._sentence_index(
            mention.article_id, mention.start, mention.end)
        seen = set()
        while index is not None and (article, index) in self._sentence_origin:
            if (article, index) in seen:
                break
            seen.add((article, index))
            article, index = self._sentence_origin[(article, index)]
        if index is None and self._derived_from.get(article):
            # No sentence spans known: fall back to the article-level group.
            return self.group_of(article)
        return article

    def independent_sources_for(
        self, mentions: Iterable[Mention], origins: Sequence[str] | None = None
    ) -> list[tuple[str, ...]]:
        """Independent groups among the articles carrying a fact, judged sentence by sentence.

        Two articles are one source for the fact when the sentences that carry it were aligned
        (copied, rewritten, translated) one from the other. ``origins`` are the mentions'
        ``origin_of`` when the caller has them already.
        """
        mentions = list(mentions)
        if origins is None:
            origins = [self.origin_of(mention) for mention in mentions]
        by_origin: dict[str, list[str]] = {}
        for mention, origin in zip(mentions, origins, strict=True):
            by_origin.setdefault(origin, []).append(mention.article_id)
        ordered = sorted(by_origin.items(), key=lambda kv: self._rank.get(kv[0], 1 << 30))
        return [tuple(dict.fromkeys(ids)) for _, ids in ordered]

    def earliest(self, article_ids: Iterable[str]) -> str | None:
        """The earliest-published of ``article_ids`` (None if empty); pass ``origin_of`` results
        to get a fact's original reporter."""
        ids = list(article_ids)
        return min(ids, key=lambda a: self._rank.get(a, 1 << 30)) if ids else None

    def derived_from(self, article_id: str) -> tuple[str, ...]:
        """The articles ``article_id`` copies, rewrites, translates or republishes."""
        return tuple(dict.fromkeys(self._derived_from.get(article_id, ())))


def _sorted_ends(spans: Sequence[tuple[int, int]]) -> list[int]:
    """The spans' ends if starts and ends are both in order (as a segmenter's are), else []."""
    ordered = all(a[0] <= b[0] and a[1] <= b[1] for a, b in pairwise(spans))
    return [e for _, e in spans] if ordered else []
