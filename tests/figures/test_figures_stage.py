"""The figures stage end to end on an invented three-source story."""

from __future__ import annotations

import dataclasses
import datetime as dt

from storylens.config import Settings
from storylens.figures.stage import extract_figures, make_analyser
from storylens.nlp import NlpResources
from storylens.records import Article, Story, StoryAnalysis, TimeMention

ARTICLES = (
    Article(
        id="a1", origin="a1.txt", title=None, outlet="Alpha News", published=dt.date(2023, 9, 9),
        text=(
            "At least 40 people were killed when the Bilyanka dam gave way, officials said on "
            "Saturday. The water spread along a 40-kilometre (25-mile) stretch, flooding about "
            "1,400 homes. Rescuers have checked 600 homes so far."
        ),
    ),
    Article(
        id="a2", origin="a2.txt", title=None, outlet="Beta Times", published=dt.date(2023, 9, 10),
        text=(
            "A minimum of 40 individuals had been slain, according to the regional governor. "
            "The flood covered a 40-kilometre (25-mile) stretch and damaged about 1,400 houses. "
            "Rescuers pulled 140 people from roofs in the past 24 hours alone."
        ),
    ),
    Article(
        id="a3", origin="a3.txt", title=None, outlet="Gamma Post", published=dt.date(2023, 9, 12),
        text=(
            "The death toll from the dam collapse has risen to 52, the emergency service said on "
            "Tuesday. Rescuers have carried out more than 300 flood rescues so far this year."
        ),
    ),
)  # fmt: skip


def _analysis(**changes: object) -> StoryAnalysis:
    story = Story(id="s", article_ids=tuple(a.id for a in ARTICLES), headline="Dam")
    return dataclasses.replace(StoryAnalysis(story=story, articles=ARTICLES), **changes)  # type: ignore[arg-type]


def test_stage_fills_figures_and_groups(resources: NlpResources) -> None:
    out = make_analyser(Settings(), resources).analyse(_analysis())
    by_text = {f.text: f for f in out.figures}
    toll = by_text["At least 40"]
    assert (toll.counts_key, toll.approx, toll.claimant, toll.date) == (
        "deaths",
        "at_least",
        "officials",
        "2023-09-09",
    )
    assert by_text["A minimum of 40"].claimant == "regional governor"
    assert by_text["52"].claimant == "emergency service" and by_text["52"].date == "2023-09-12"
    assert by_text["140"].scope == "past 24 hours"
    statuses = {g.about: g.status for g in out.figure_groups}
    assert statuses["deaths"] == "updated"
    assert statuses["stretch (km)"] == "agree"
    assert statuses["homes"] == "agree"
    assert "conflict" not in statuses.values()


def test_every_figure_points_into_its_article(resources: NlpResources) -> None:
    out = make_analyser(Settings(), resources).analyse(_analysis())
    for figure in out.figures:
        article = out.article(figure.article_id)
        assert article.text[figure.start : figure.end] == figure.text


def test_time_stage_mentions_date_the_claim(resources: NlpResources) -> None:
    article = ARTICLES[2]
    at = article.text.index("Tuesday")
    mention = TimeMention(article.id, at, at + len("Tuesday"), "Tuesday", "2023-09-12")
    analysis = _analysis(time_mentions=(mention,), analyses=("time",))
    doc = resources.docs([article])[article.id]
    (toll,) = [f for f in extract_figures(article, doc, analysis) if f.counts_key == "deaths"]
    assert toll.date == "2023-09-12"


def test_outlet_is_the_fallback_claimant(resources: NlpResources) -> None:
    article = dataclasses.replace(ARTICLES[0], text="Eight rockets hit the town overnight.")
    doc = resources.nlp(article.text)
    (figure,) = extract_figures(article, doc)
    assert (
        figure.claimant == "Alpha News"
        and figure.counts_key == "rockets"
        and figure.kind == "equipment"
    )


def test_places_are_scopes(resources: NlpResources) -> None:
    text = "At least 20 people died in Mexico on Friday, and Canada reported six cases."
    article = dataclasses.replace(ARTICLES[0], text=text)
    by_key = {f.counts_key: f for f in extract_figures(article, resources.nlp(text))}
    assert by_key["deaths"].scope == "in mexico"
    assert by_key["cases"].scope == "in canada"
