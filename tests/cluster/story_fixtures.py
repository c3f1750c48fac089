"""Invented articles for the clustering tests: three stories told by different outlets in their
own words, two unrelated items, and copies."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from storylens.records import Article, ProvenanceHint, article_id_for

D = dt.date(2024, 3, 4)

TEXTS: dict[str, tuple[str, str, str, int]] = {
    # key: (story, title, text, day offset)
    "ferry-1": ("ferry", "Ferry runs aground off Skarholm island, 212 passengers evacuated",
        "The passenger ferry Nordlys ran aground on rocks off Skarholm island early on Monday. "
        "Coastguard boats evacuated all 212 passengers and crew, and no one was badly hurt, the "
        "Skarholm coastguard said. The ferry operator Vestline said the Nordlys lost steering in "
        "strong winds shortly after leaving the harbour.\n\nDivers will inspect the hull for damage "
        "and a small diesel leak was being contained with booms.", 0),
    "ferry-2": ("ferry", "Vestline ferry Nordlys aground: coastguard rescues everyone on board",
        "All 212 people aboard the Nordlys were brought ashore after the Vestline ferry struck rocks "
        "near Skarholm. Coastguard commander Liv Arnesen said the rescue took four hours in heavy "
        "seas.\n\nVestline blamed a steering failure in the wind and said an investigation had "
        "started. Booms were placed around the ferry to hold back leaking diesel.", 0),
    "ferry-3": ("ferry", "Investigators board grounded Skarholm ferry as diesel leak is contained",
        "Accident investigators boarded the ferry Nordlys on Wednesday, two days after it ran aground "
        "off Skarholm with 212 passengers. The coastguard said the diesel leak had been contained by "
        "booms. Vestline said the steering failure would be examined and the ferry towed to a "
        "shipyard once the weather calms.", 2),
    "vote-1": ("vote", "Dalmark city council rejects new tram line in narrow vote",
        "Dalmark city council voted 23 to 21 on Tuesday against building a tram line from the "
        "railway station to the university district. Mayor Henrik Solberg, who backed the tram, "
        "called the result a setback for the city's climate plan.\n\nOpponents argued that the "
        "tram's cost of 410 million crowns would force cuts to schools.", 1),
    "vote-2": ("vote", "Mayor Solberg vows to bring tram plan back after council defeat",
        "Henrik Solberg, the mayor of Dalmark, said he would put the tram line to the council again "
        "next year after councillors rejected it by two votes. The 410 million crown line would "
        "link the railway station with the university district.\n\nCouncillors who voted against "
        "said schools should come first in the budget.", 2),
    "recall-1": ("recall", "Kettle maker Hovik recalls 80,000 cordless kettles over fire risk",
        "The appliance maker Hovik is recalling 80,000 cordless kettles after reports that the base "
        "can overheat and catch fire. Customers should stop using the Hovik K200 kettle and return "
        "it to the shop for a refund, the company said. Three small kitchen fires have been linked "
        "to the fault.", 1),
    "recall-2": ("recall", "Hovik K200 kettle recall: what owners need to know",
        "Owners of the Hovik K200 cordless kettle are told to unplug it and return it for a refund. "
        "Hovik said a faulty part in the kettle's base can overheat; 80,000 kettles are affected "
        "and three kitchen fires were reported.", 2),
    "garden": ("garden", "Rooftop garden on Dalmark library wins architecture prize",
        "A rooftop garden planted with wild flowers on the old library has won this year's regional "
        "architecture prize. The jury praised the use of rainwater and the beehives kept by "
        "volunteers. Visitors can reach the garden by a spiral staircase.", 1),
    "chess": ("chess", "Twelve-year-old wins national junior chess title on tie-break",
        "A twelve-year-old from a village school won the national junior chess championship after a "
        "tense tie-break against the defending champion. She began playing three years ago with her "
        "grandfather and trains twice a week at the local club.", 2),
}


def make_article(key: str, day: dt.date | None = D, outlet: str | None = None) -> Article:
    """The fixture article ``key`` as ingestion would produce it (content-hash id)."""
    _, title, text, offset = TEXTS[key]
    return Article(
        id=article_id_for(title, text),
        origin=f"fixtures/{key}.txt",
        title=title,
        text=text,
        outlet=outlet or key.split("-")[0].title() + " News",
        published=(day + dt.timedelta(days=offset)) if day else None,
    )


def near_copy(article: Article, key: str, credits: bool = False) -> Article:
    """A republication: new title, one word changed, a republication notice (taken out of the
    text as ingestion does) and optionally a byline of its own."""
    text = article.text.replace("said", "stated", 1) + "\n\nShare this story."
    hints: tuple[ProvenanceHint, ...] = (
        ProvenanceHint("republished", article.outlet, "This article originally appeared on ..."),
    )
    if credits:
        hints += (ProvenanceHint("byline", "Copy Wire", "By A. Copier, Copy Wire"),)
    return replace(
        article, id=article_id_for("Copy: " + (article.title or ""), text), origin=f"fixtures/{key}",
        title="Copy: " + (article.title or ""), text=text, outlet="Copy Site", hints=hints,
    )


@pytest.fixture
def articles() -> list[Article]:
    """Every fixture article, dated from 4 March 2024."""
    return [make_article(key) for key in TEXTS]


@pytest.fixture
def gold() -> dict[str, str]:
    """Article id -> the story it belongs to."""
    return {make_article(key).id: story for key, (story, *_rest) in TEXTS.items()}
