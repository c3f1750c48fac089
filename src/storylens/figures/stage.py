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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storylens.config import Settings
from storylens.figures.asof import as_of_date
from storylens.figures.claimant import (
    ClaimantFinder,
    ClaimQuery,
    ClaimSpans,
    claim_query,
    claim_spans,
)
from storylens.figures.counts import Counted, counted_thing, figure_kind
from storylens.figures.extract import Quantity, extract_quantities
from storylens.figures.grouping import group_figures
from storylens.figures.scope import find_scope, place_scope
from storylens.figures.settings import FigureSettings
from storylens.nlp import NlpResources
from storylens.records import Article, Figure, StoryAnalysis, TimeMention

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "ArticleInputs",
    "FigureAnalyser",
    "extract_figures",
    "figures_of",
    "make_analyser",
    "story_inputs",
]


#: Figures that a calendar year can scope ("207 million cases in 2012"); a measured size cannot.
_DATED_KINDS = frozenset(
    {"casualties", "people", "settlements", "equipment", "count", "money", "percentage"}
)
_YEAR_SCOPE = re.compile(r"in \d{4}")


def _figure_id(article_id: str, start: int) -> str:
    return "fig-" + hashlib.sha1(f"{article_id}:{start}".encode()).hexdigest()[:10]


@dataclass(frozen=True, slots=True)
class ArticleInputs:
    """What figure extraction reads of the story's analysis for one article.

    ``spans`` feed claimant finding; ``time_mentions`` are the time stage's mentions in the
    article (``None`` when it did not run and found none: weekdays are then resolved here).
    Everything else extraction reads belongs to the article itself (its parse, text, outlet and
    publication date).
    """

    spans: ClaimSpans = field(default_factory=ClaimSpans)
    time_mentions: tuple[TimeMention, ...] | None = None

    def digest(self, article: Article, queries: Sequence[ClaimQuery]) -> str:
        """A key for the article's figures: exactly what extraction learns from the story.

        That is the answers to the article's claimant lookups (``queries``, from its parse),
        not the spans themselves: an entity renamed or reordered elsewhere in the story, or a
        quote away from every figure, leaves the key (and the article's figures) unchanged.
        Time mentions enter with the fields ``as_of_date`` reads.
        """
        dated = (
            None
            if self.time_mentions is None
            else [(m.start, m.end, m.type, m.value, m.granularity) for m in self.time_mentions]
        )
        answers = ClaimantFinder.from_spans(self.spans, article.outlet).answers(queries)
        key = repr((article.outlet, article.published, answers, dated))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def claim_queries(doc: Doc, quantities: Sequence[Quantity]) -> tuple[ClaimQuery, ...]:
    """The claimant lookups extraction may make in an article, one per quantity that has a
    parse head (a superset of its figures: enough to key them exactly)."""
    queries: list[ClaimQuery] = []
    for q in quantities:
        span = doc.char_span(q.num_start, q.num_end, alignment_mode="expand")
        if span is not None:
            queries.append(claim_query(span.root, q.start, q.end))
    return tuple(queries)


def story_inputs(analysis: StoryAnalysis) -> dict[str, ArticleInputs]:
    """Each article's ``ArticleInputs``, in one pass over the story's analysis (a 1,000-article
    story stays linear: no article rescans the story's quotes, entities or mentions)."""
    spans = claim_spans(analysis.quotes, analysis.entities, analysis.attributions)
    mentions: dict[str, list[TimeMention]] = defaultdict(list)
    for mention in analysis.time_mentions:
        mentions[mention.article_id].append(mention)
    time_ran = "time" in analysis.analyses
    ids = {a.id for a in analysis.articles} | spans.keys() | mentions.keys()
    return {
        article_id: ArticleInputs(
            spans.get(article_id, ClaimSpans()),
            tuple(mentions[article_id]) if time_ran or article_id in mentions else None,
        )
        for article_id in ids
    }


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
    inputs = story_inputs(analysis)[article.id] if analysis is not None else ArticleInputs()
    return figures_of(article, doc, inputs, settings, quantities)


def figures_of(
    article: Article,
    doc: Doc,
    inputs: ArticleInputs,
    settings: FigureSettings | None = None,
    quantities: Sequence[Quantity] | None = None,
) -> list[Figure]:
    """``extract_figures`` given the article's inputs from the story (``story_inputs``)."""
    s = settings or FigureSettings()
    mentions = list(inputs.time_mentions) if inputs.time_mentions is not None else None
    claimants = ClaimantFinder.from_spans(inputs.spans, article.outlet)
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
        figures: list[Figure] = []
        found = self.figures(analysis)
        for article in analysis.articles:
            figures.extend(found[article.id])
        outlets = {a.id: a.outlet for a in analysis.articles}
        groups = group_figures(figures, outlets, self.settings)
        return dataclasses.replace(analysis, figures=tuple(figures), figure_groups=groups)

    def figures(self, analysis: StoryAnalysis) -> dict[str, tuple[Figure, ...]]:
        """Each article's figures, extracted only where no earlier run had the same inputs.

        An article's figures depend on its parse and on what extraction learns from the story
        (``ArticleInputs.digest``), so they are kept (``NlpResources.memo``) under a digest of
        that: when ten articles join a story, an old article whose claimant lookups and time
        mentions answer as before reuses its figures without loading its parse.
        """
        # One article's parse at a time (a big story's parses never sit in memory together).
        def doc(article: Article) -> Doc:
            return self.resources.docs([article])[article.id]

        # Quantities and the claimant lookups depend on the article alone: found once, kept.
        quantities = self.resources.memo(
            "figures/quantities", tuple[Quantity, ...], "storylens.figures", self.settings
        )
        lookups = self.resources.memo(
            "figures/claim-queries", tuple[ClaimQuery, ...], "storylens.figures", self.settings
        )
        # Lookups read while an article's parse is at hand for its quantities, so that a new
        # article's parse is loaded twice at most (quantities and lookups, then figures).
        read: dict[str, tuple[ClaimQuery, ...]] = {}

        def find_quantities(article: Article) -> tuple[Quantity, ...]:
            parsed = doc(article)
            found = tuple(extract_quantities(article.text, parsed))
            read[article.id] = claim_queries(parsed, found)
            return found

        # The quantities of the articles whose lookups are not kept yet, in one batch (one
        # store write for a new story, not one per article); the others' only when needed.
        new = self._without_lookups(analysis.articles, lookups.kind_for())
        batch = quantities.get(new, find_quantities) if new else {}

        def quantities_of(article: Article) -> tuple[Quantity, ...]:
            if article.id in batch:
                return batch[article.id]
            found: tuple[Quantity, ...] = quantities.get([article], find_quantities)[article.id]
            return found

        def find_queries(article: Article) -> tuple[ClaimQuery, ...]:
            if article.id in read:
                return read.pop(article.id)
            return claim_queries(doc(article), quantities_of(article))

        queries = lookups.get(analysis.articles, find_queries)
        inputs = story_inputs(analysis)
        digests = {a.id: inputs[a.id].digest(a, queries[a.id]) for a in analysis.articles}

        def extract(article: Article) -> tuple[Figure, ...]:
            found = figures_of(
                article, doc(article), inputs[article.id], self.settings, quantities_of(article)
            )
            return tuple(found)

        memo = self.resources.memo(
            "figures/figures", tuple[Figure, ...], "storylens.figures", self.settings
        )
        return memo.get(analysis.articles, extract, extra=lambda a: digests[a.id])


    def _without_lookups(self, articles: Sequence[Article], kind: str) -> list[Article]:
        """The articles with no kept claimant lookups (all of them without a store)."""
        store = self.resources.store
        if store is None:
            return list(articles)
        kept = store.artifacts_present((a.id for a in articles), kind)
        return [a for a in articles if a.id not in kept]


def make_analyser(settings: Settings, resources: NlpResources) -> FigureAnalyser:
    """The pipeline's factory (``pipeline.ANALYSERS["figures"]``)."""
    return FigureAnalyser(resources)
