"""Assembling a ``Brief`` from a story's analysis."""

from __future__ import annotations

from storylens.records import Brief, StoryAnalysis, publication_order

__all__ = ["build_brief"]


def build_brief(analysis: StoryAnalysis) -> Brief:
    """The brief of one analysed story; articles in publication order (undated last)."""
    articles = sorted(analysis.articles, key=publication_order)
    return Brief(
        story=analysis.story,
        headline=analysis.story.headline,
        articles=tuple(articles),
        summary=analysis.summary,
        entities=analysis.entities,
        timeline=analysis.timeline,
        quotes=analysis.quotes,
        figures=analysis.figures,
        figure_groups=analysis.figure_groups,
        provenance=analysis.provenance,
        analyses=analysis.analyses,
        attributions=analysis.attributions,
        article_provenance=analysis.article_provenance,
        fact_provenance=analysis.fact_provenance,
    )
