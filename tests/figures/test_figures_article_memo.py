"""Kept figures (issue 12): a re-brief reuses an article's figures without reading its parse while
what extraction learns from the story (claimant lookups, time mentions) answers the same, and
extracts them again when it does not; reused or not, the figures are those of a cold run."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from collections.abc import Sequence

import pytest

from counted_resources_support import CountedResources
from storylens.figures.claimant import ClaimantFinder, claim_spans
from storylens.figures.extract import extract_quantities
from storylens.figures.stage import ArticleInputs, FigureAnalyser, claim_queries, story_inputs
from storylens.nlp import NlpResources
from storylens.records import (
    Article,
    Attribution,
    Entity,
    Mention,
    Quote,
    QuoteVariant,
    Story,
    StoryAnalysis,
    TimeMention,
)
from storylens.store import MemoryStore

DAM = (
    "At least 40 people were killed when the dam gave way, police said on Saturday. "
    "The water flooded about 1,400 homes near the Bilyanka river."
)
GOVERNOR = "A minimum of 40 people had been killed, according to Governor Oleh Sirenko."
QUIET = "Rescuers searched the riverbank for a third day as Mayor Ivan Kovalenko looked on."


def _article(article_id: str, text: str, outlet: str) -> Article:
    return Article(
        article_id, f"{article_id}.txt", None, text, outlet=outlet, published=dt.date(2023, 9, 9)
    )


ARTICLES = (
    _article("dam", DAM, "Alpha News"),
    _article("governor", GOVERNOR, "Beta Times"),
    _article("quiet", QUIET, "Gamma Post"),
)


def _entity(eid: str, name: str, kind: str, article: Article, alias: str) -> Entity:
    start = article.text.index(alias)
    mention = Mention(article.id, start, start + len(alias), alias)
    return Entity(eid, name, kind, (alias,), (mention,))


SIRENKO = _entity("e-sirenko", "Oleh Sirenko", "PERSON", ARTICLES[1], "Oleh Sirenko")
RIVER = _entity("e-river", "Bilyanka", "GPE", ARTICLES[0], "Bilyanka")
KOVALENKO = _entity("e-kovalenko", "Ivan Kovalenko", "PERSON", ARTICLES[2], "Ivan Kovalenko")


def _analysis(entities: Sequence[Entity], **changes: object) -> StoryAnalysis:
    story = Story("s1", tuple(a.id for a in ARTICLES), "Dam")
    analysis = StoryAnalysis(story=story, articles=ARTICLES, entities=tuple(entities))
    return dataclasses.replace(analysis, **changes)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def cold_store() -> MemoryStore:
    """A store filled by a cold run of the three-article story."""
    filled = MemoryStore()
    FigureAnalyser(NlpResources(store=filled)).analyse(_analysis([SIRENKO, RIVER]))
    return filled


@pytest.fixture
def store(cold_store: MemoryStore) -> MemoryStore:
    """Each test's own copy of the cold store: a rerun's new figures replace an article's
    rows it superseded (``memo.ONE_PER_ARTICLE``), so a shared store would carry one test's
    story into the next."""
    return copy.deepcopy(cold_store)


def _rerun(store: MemoryStore, analysis: StoryAnalysis) -> tuple[StoryAnalysis, list[str]]:
    resources = CountedResources(store)
    return FigureAnalyser(resources).analyse(analysis), resources.read


def _cold(analysis: StoryAnalysis) -> StoryAnalysis:
    return FigureAnalyser(NlpResources()).analyse(analysis)


def _claimants(analysis: StoryAnalysis) -> dict[str, str | None]:
    return {f"{f.article_id}:{f.text}": f.claimant for f in analysis.figures}


def test_unchanged_answers_reuse_every_article(store: MemoryStore) -> None:
    # An entity added and the story's entities reordered: no figure's lookup answers change.
    analysis = _analysis([KOVALENKO, RIVER, SIRENKO])
    done, read = _rerun(store, analysis)
    assert read == []
    cold = _cold(analysis)
    assert (done.figures, done.figure_groups) == (cold.figures, cold.figure_groups)
    assert _claimants(done)["governor:A minimum of 40"] == "Oleh Sirenko"


def test_a_renamed_claimant_is_extracted_again(store: MemoryStore) -> None:
    renamed = dataclasses.replace(SIRENKO, name="Governor Sirenko")
    analysis = _analysis([renamed, RIVER])
    done, read = _rerun(store, analysis)
    assert read and set(read) == {"governor"}
    assert _claimants(done)["governor:A minimum of 40"] == "Governor Sirenko"
    assert done.figures == _cold(analysis).figures


def test_a_quote_holding_a_figure_is_extracted_again(store: MemoryStore) -> None:
    at = DAM.index("At least 40")
    quote = Quote(
        "q1", DAM[at : at + 30], "Mayor Petrenko", None, "said",
        (QuoteVariant(DAM[at : at + 30], "dam", at, at + 30),),
    )  # fmt: skip
    analysis = _analysis([SIRENKO, RIVER], quotes=(quote,))
    done, read = _rerun(store, analysis)
    assert set(read) == {"dam"}
    assert _claimants(done)["dam:At least 40"] == "Mayor Petrenko"
    assert done.figures == _cold(analysis).figures


def test_time_mentions_key_the_figures(store: MemoryStore) -> None:
    at = DAM.index("Saturday")
    mention = TimeMention("dam", at, at + len("Saturday"), "Saturday", "2023-09-09")
    analysis = _analysis([SIRENKO, RIVER], time_mentions=(mention,), analyses=("time",))
    done, read = _rerun(store, analysis)
    # The time stage ran: every article's mentions (none for two of them) are now known.
    assert set(read) == {a.id for a in ARTICLES}
    assert done.figures == _cold(analysis).figures


def test_the_digest_reads_answers_not_spans(resources: NlpResources) -> None:
    article = ARTICLES[1]
    doc = resources.docs([article])[article.id]
    queries = claim_queries(doc, extract_quantities(article.text, doc))
    assert queries  # one per quantity with a parse head
    base = story_inputs(_analysis([SIRENKO, RIVER]))[article.id]
    other_order = story_inputs(_analysis([KOVALENKO, SIRENKO, RIVER]))[article.id]
    renamed = story_inputs(_analysis([dataclasses.replace(SIRENKO, name="O. Sirenko"), RIVER]))
    assert base.digest(article, queries) == other_order.digest(article, queries)
    assert base.digest(article, queries) != renamed[article.id].digest(article, queries)
    # Without the time stage and with no mention in the article, weekdays are read here.
    assert base.time_mentions is None and ArticleInputs().time_mentions is None


def test_claim_spans_are_what_the_finder_reads() -> None:
    attribution = Attribution("a1", "dam", "the dam was safe", 10, 26, "the mayor", None, "said")
    pronoun = dataclasses.replace(attribution, id="a2", speaker="He")
    quote = Quote("q", "x", None, None, None, (QuoteVariant("x", "dam", 0, 1),))
    spans = claim_spans((quote,), (SIRENKO, RIVER, KOVALENKO), (attribution, pronoun))
    assert spans["dam"].claims == ((10, 26, "the mayor"),)  # pronouns name no one
    assert spans["dam"].quotes == ()  # a quote without a speaker names no one
    (sirenko,) = SIRENKO.mentions
    assert spans["governor"].entities == ((sirenko.start, sirenko.end, "Oleh Sirenko"),)
    finder = ClaimantFinder("dam", (quote,), (SIRENKO, RIVER), "Alpha News", (attribution,))
    assert finder.entity_spans == spans["dam"].entities
    assert finder.claim_spans == spans["dam"].claims


def test_a_cold_run_reads_each_parse_twice_at_most() -> None:
    # Quantities and claimant lookups from one read of the parse, figures from a second.
    resources = CountedResources(MemoryStore())
    done = FigureAnalyser(resources).analyse(_analysis([SIRENKO, RIVER]))
    assert sorted(set(resources.read)) == sorted(a.id for a in ARTICLES)
    assert max(resources.read.count(a.id) for a in ARTICLES) <= 2
    assert done.figures == _cold(_analysis([SIRENKO, RIVER])).figures
