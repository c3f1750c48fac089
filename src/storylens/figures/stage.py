"""The figures analysis stage: every claimed number of a story, then groups that agree, update or
conflict across sources.

Per article it reuses the shared spaCy parse (``NlpResources.docs``): quantities come from the
rule grammar in ``extract.py``, what they count from ``counts.py``, the claimant from the quotes
and entities stages (``claimant.py``), the as-of date from the time stage's mentions in the same
sentence (else the publication date), and the scope from ``scope.py``.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import TYPE_CHECKING

from storylens.config import Settings
from storylens.figures.claimant import ClaimantFinder
from storylens.figures.counts import counted_thing, figure_kind
from storylens.figures.extract import Quantity, extract_quantities
from storylens.figures.grouping import group_figures
from storylens.figures.scope import find_scope
from storylens.figures.settings import FigureSettings
from storylens.nlp import NlpResources
from storylens.records import Article, Figure, StoryAnalysis, TimeMention

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["FigureAnalyser", "extract_figures", "make_analyser"]


def _figure_id(article_id: str, start: int) -> str:
    return "fig-" + hashlib.sha1(f"{article_id}:{start}".encode()).hexdigest()[:10]


def _as_of(
    mentions: list[TimeMention], sent_start: int, sent_end: int, position: int, article: Article
) -> str | None:
    """The nearest dated time mention in the figure's sentence, else the publication date."""
    best: tuple[int, str] | None = None
    for mention in mentions:
        if mention.type != "DATE" or not (sent_start <= mention.start and mention.end <= sent_end):
            continue
        value = mention.value
        if not value[:4].isdigit() or mention.granularity not in {"day", "week", "month"}:
            continue
        distance = abs(mention.start - position)
        if best is None or distance < best[0]:
            best = (distance, value[:10])
    if best is not None:
        return best[1]
    return article.published.isoformat() if article.published else None


def extract_figures(
    article: Article,
    doc: Doc,
    analysis: StoryAnalysis | None = None,
    settings: FigureSettings | None = None,
) -> list[Figure]:
    """The figures of one article (``doc`` is spaCy's parse of ``article.text``).

    ``analysis`` supplies the quotes, entities and time mentions of earlier stages when present.
    """
    s = settings or FigureSettings()
    quotes = analysis.quotes if analysis else ()
    entities = analysis.entities if analysis else ()
    mentions = [
        m for m in (analysis.time_mentions if analysis else ()) if m.article_id == article.id
    ]
    claimants = ClaimantFinder(article.id, quotes, entities, article.outlet)
    figures: list[Figure] = []
    for quantity in extract_quantities(article.text, doc):
        figure = _figure(article, doc, quantity, claimants, mentions, s)
        if figure is not None:
            figures.append(figure)
    return figures


def _figure(
    article: Article,
    doc: Doc,
    q: Quantity,
    claimants: ClaimantFinder,
    mentions: list[TimeMention],
    settings: FigureSettings,
) -> Figure | None:
    counted = counted_thing(doc, q)
    if counted is None:
        return None
    kind = figure_kind(q.unit, counted.key)
    if kind in settings.skip_dimensions:
        return None
    span = doc.char_span(q.num_start, q.num_end, alignment_mode="expand")
    if span is None:
        return None
    anchor = span.root
    sentence = anchor.sent
    claimant = claimants.find(anchor, q.start, q.end)
    scope = find_scope(sentence.text, sentence.start_char, q.start, q.end)
    scope_key = scope.key if scope else None
    if scope_key and scope_key.startswith("per ") and q.unit and "/" in q.unit:
        scope_key = None  # the rate is already in the unit ("barrel/day")
    return Figure(
        id=_figure_id(article.id, q.start),
        value=q.value,
        unit=q.unit,
        approx=q.approx,
        counts=counted.phrase,
        counts_key=counted.key,
        claimant=claimant.name if claimant else None,
        date=_as_of(mentions, sentence.start_char, sentence.end_char, q.start, article),
        article_id=article.id,
        start=q.start,
        end=q.end,
        text=q.text,
        value_max=q.value_max,
        scope=scope_key,
        sources=(article.id,),
        kind=kind,
    )


class FigureAnalyser:
    """Fills ``figures`` and ``figure_groups`` of a ``StoryAnalysis``."""

    name = "figures"

    def __init__(self, resources: NlpResources, settings: FigureSettings | None = None) -> None:
        self.resources = resources
        self.settings = settings or FigureSettings()

    def analyse(self, analysis: StoryAnalysis) -> StoryAnalysis:
        """Extract every article's figures, then group and classify them across the story."""
        docs = self.resources.docs(analysis.articles)
        figures: list[Figure] = []
        for article in analysis.articles:
            figures.extend(extract_figures(article, docs[article.id], analysis, self.settings))
        outlets = {a.id: a.outlet for a in analysis.articles}
        groups = group_figures(figures, outlets, self.settings)
        return dataclasses.replace(analysis, figures=tuple(figures), figure_groups=groups)


def make_analyser(settings: Settings, resources: NlpResources) -> FigureAnalyser:
    """The pipeline's factory (``pipeline.ANALYSERS["figures"]``)."""
    return FigureAnalyser(resources)
