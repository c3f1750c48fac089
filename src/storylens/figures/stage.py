"""The figures analysis stage: every claimed number of a story, then groups that agree, update or
conflict across sources.

Per article it reuses the shared spaCy parse (``NlpResources.docs``): quantities come from the
rule grammar in ``extract.py``, what they count from ``counts.py``, the claimant from the quotes
and entities stages (``claimant.py``), the as-of date from a time expression in the figure's clause
(``asof.py``; else the publication date), and the scope from ``scope.py``. The story's figures are
then grouped and classified (``grouping.py``).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from storylens.config import Settings
from storylens.figures.asof import as_of_date
from storylens.figures.claimant import ClaimantFinder
from storylens.figures.counts import Counted, counted_thing, figure_kind
from storylens.figures.extract import Quantity, extract_quantities
from storylens.figures.grouping import group_figures
from storylens.figures.scope import find_scope, place_scope
from storylens.figures.settings import FigureSettings
from storylens.nlp import NlpResources
from storylens.records import (
    Article,
    Attribution,
    Entity,
    Figure,
    Mention,
    Quote,
    StoryAnalysis,
    TimeMention,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["FigureAnalyser", "extract_figures", "make_analyser"]


#: Figures that a calendar year can scope ("207 million cases in 2012"); a measured size cannot.
_DATED_KINDS = frozenset(
    {"casualties", "people", "settlements", "equipment", "count", "money", "percentage"}
)
_YEAR_SCOPE = re.compile(r"in \d{4}")


def _figure_id(article_id: str, start: int) -> str:
    return "fig-" + hashlib.sha1(f"{article_id}:{start}".encode()).hexdigest()[:10]


def extract_figures(
    article: Article,
    doc: Doc,
    analysis: StoryAnalysis | None = None,
    settings: FigureSettings | None = None,
    quantities: Sequence[Quantity] | None = None,
) -> list[Figure]:
    """The figures of one article (``doc`` is spaCy's parse of ``article.text``).

    ``analysis`` supplies the quotes, entities and time mentions of earlier stages when present;
    ``quantities`` the article's quantities when already found (they depend on the text only).
    """
    s = settings or FigureSettings()
    quotes = analysis.quotes if analysis else ()
    entities = analysis.entities if analysis else ()
    time_ran = analysis is not None and "time" in analysis.analyses
    mentions = (
        [m for m in analysis.time_mentions if m.article_id == article.id]
        if analysis is not None and (time_ran or analysis.time_mentions)
        else None
    )
    attributions = analysis.attributions if analysis else ()
    claimants = ClaimantFinder(article.id, quotes, entities, article.outlet, attributions)
    figures: list[Figure] = []
    # The last figure with a counted thing, and where its sentence starts (for ellipsis).
    previous: tuple[Figure, int] | None = None
    if quantities is None:
        quantities = extract_quantities(article.text, doc)
    starts = [q.num_start for q in quantities]
    for quantity in quantities:
        others = [p for p in starts if p != quantity.num_start]
        figure = _figure(article, doc, quantity, claimants, mentions, previous, others, s)
        if figure is not None:
            figures.append(figure)
            span = doc.char_span(figure.start, figure.end, alignment_mode="expand")
            if span is not None:
                previous = (figure, span.root.sent.start)
    return figures


def _figure(
    article: Article,
    doc: Doc,
    q: Quantity,
    claimants: ClaimantFinder,
    mentions: list[TimeMention] | None,
    previous: tuple[Figure, int] | None,
    others: list[int],
    settings: FigureSettings,
) -> Figure | None:
    span = doc.char_span(q.num_start, q.num_end, alignment_mode="expand")
    if span is None:
        return None
    anchor = span.root
    sentence = anchor.sent
    counted = counted_thing(doc, q)
    if counted is None:
        return None
    if counted.elliptical:
        # "fewer than 900 have walked out", "put the number at some 2,800": the thing counted is
        # the one of the figure just before, in this sentence or the one before it.
        if (
            previous is None
            or previous[0].unit != q.unit
            or not _near(doc, previous[1], sentence.start)
        ):
            return None
        antecedent = previous[0]
        if (
            not counted.level
            and None not in (counted.predicate, antecedent.predicate)
            and counted.predicate != antecedent.predicate
        ):
            return None  # "nine were missing ... after three were found alive": another count
        counted = Counted(
            antecedent.counts, antecedent.counts_key, counted.predicate or antecedent.predicate
        )
    kind = figure_kind(q.unit, counted.key)
    if kind in settings.skip_dimensions:
        return None
    claimant = claimants.find(anchor, q.start, q.end)
    scope = find_scope(sentence.text, sentence.start_char, q.start, q.end) or place_scope(
        anchor, kind
    )
    scope_key = scope.key if scope else None
    if scope_key and _YEAR_SCOPE.fullmatch(scope_key) and kind not in _DATED_KINDS:
        scope_key = None  # "a 23-metre dam built in 1964": the year is the dam's, not the height's
    if (
        scope_key is None
        and claimant is not None
        and claimant.place
        and kind in {"casualties", "people"}
    ):
        scope_key = f"in {claimant.name.lower()}"  # "Mexico reported 150 deaths": deaths in Mexico
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
        date=as_of_date(article, doc, anchor, mentions, others),
        article_id=article.id,
        start=q.start,
        end=q.end,
        text=q.text,
        value_max=q.value_max,
        scope=scope_key,
        sources=(article.id,),
        kind=kind,
        predicate=counted.predicate,
    )


def _near(doc: Doc, previous_sentence_start: int, sentence_start: int) -> bool:
    """Whether the previous figure's sentence is this one or the one right before it."""
    if previous_sentence_start == sentence_start:
        return True
    before = doc[sentence_start - 1].sent.start if sentence_start > 0 else -1
    return previous_sentence_start == before


class FigureAnalyser:
    """Fills ``figures`` and ``figure_groups`` of a ``StoryAnalysis``."""

    name = "figures"

    def __init__(self, resources: NlpResources, settings: FigureSettings | None = None) -> None:
        self.resources = resources
        self.settings = settings or FigureSettings()

    def analyse(self, analysis: StoryAnalysis) -> StoryAnalysis:
        """Extract every article's figures, then group and classify them across the story."""
        # One article's parse at a time (a big story's parses never sit in memory together).
        def doc(article: Article) -> Doc:
            return self.resources.docs([article])[article.id]

        # Quantities depend on the article alone: found once, kept (``NlpResources.memo``).
        quantities = self.resources.memo(
            "figures/quantities", tuple[Quantity, ...], "storylens.figures", self.settings
        ).get(analysis.articles, lambda a: tuple(extract_quantities(a.text, doc(a))))
        figures: list[Figure] = []
        for article, narrowed in _per_article(analysis):
            figures.extend(
                extract_figures(article, doc(article), narrowed, self.settings, quantities[article.id])
            )
        outlets = {a.id: a.outlet for a in analysis.articles}
        groups = group_figures(figures, outlets, self.settings)
        return dataclasses.replace(analysis, figures=tuple(figures), figure_groups=groups)


def make_analyser(settings: Settings, resources: NlpResources) -> FigureAnalyser:
    """The pipeline's factory (``pipeline.ANALYSERS["figures"]``)."""
    return FigureAnalyser(resources)


def _per_article(analysis: StoryAnalysis) -> list[tuple[Article, StoryAnalysis]]:
    """Each article with the story's analysis narrowed to what concerns that article.

    Extraction looks up quotes, entities, attributions and time mentions by article; handing it
    only the article's own keeps a 1,000-article story linear instead of quadratic.
    """
    quotes: dict[str, list[Quote]] = defaultdict(list)
    for quote in analysis.quotes:
        for article_id in quote.sources:
            quotes[article_id].append(quote)
    # Each entity with only its mentions in the article: extraction reads entities for their
    # spans in the article alone (``ClaimantFinder``), and a story-wide name ("BP", mentioned
    # thousands of times) made every article rescan every mention of the story.
    mentions_in: dict[str, dict[int, list[Mention]]] = defaultdict(dict)
    for position, entity in enumerate(analysis.entities):
        for name_mention in entity.mentions:
            mentions_in[name_mention.article_id].setdefault(position, []).append(name_mention)
    entities: dict[str, list[Entity]] = defaultdict(list)
    for article_id, by_entity in mentions_in.items():
        for position, found in by_entity.items():
            e = analysis.entities[position]
            entities[article_id].append(Entity(e.id, e.name, e.type, e.aliases, tuple(found), e.roles))
    attributions: dict[str, list[Attribution]] = defaultdict(list)
    for attribution in analysis.attributions:
        attributions[attribution.article_id].append(attribution)
    mentions: dict[str, list[TimeMention]] = defaultdict(list)
    for mention in analysis.time_mentions:
        mentions[mention.article_id].append(mention)
    return [
        (
            article,
            dataclasses.replace(
                analysis,
                quotes=tuple(quotes[article.id]),
                entities=tuple(entities[article.id]),
                attributions=tuple(attributions[article.id]),
                time_mentions=tuple(mentions[article.id]),
            ),
        )
        for article in analysis.articles
    ]
