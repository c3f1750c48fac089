"""A hostile brief: every text field carries markup that must neither run nor break the page."""

from __future__ import annotations

import datetime as dt

from storylens.records import (
    Article,
    Brief,
    Entity,
    Figure,
    FigureGroup,
    Mention,
    ProvenanceLink,
    Quote,
    QuoteVariant,
    Story,
    SummarySentence,
    TimelineEvent,
)

HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">'


def hostile_brief() -> Brief:
    """A brief whose every text field carries markup that must not run or break the page."""
    a1 = Article(
        id="a1",
        origin=f"/tmp/{HOSTILE}.html",
        title=f"Flood {HOSTILE}",
        text="x",
        outlet=f'Evil "Outlet" {HOSTILE}',
        url="javascript:alert(1)",
        published=dt.date(2024, 3, 4),
    )
    a2 = Article(id="a2", origin="/tmp/b.txt", title="Plain", text="y", outlet="Good Wire",
                 url="https://good.example/a", published=dt.date(2024, 3, 6))
    story = Story("st-1", ("a1", "a2"), f"Headline {HOSTILE}", dt.date(2024, 3, 4), dt.date(2024, 3, 6))
    return Brief(
        story=story,
        headline=f"Headline {HOSTILE}",
        articles=(a1, a2),
        summary=(SummarySentence(f"Summary </p><a href='javascript:x'>{HOSTILE}", ("a1", "a2")),),
        entities=(Entity("e1", f"Name {HOSTILE}", "PERSON", (f"alias {HOSTILE}",), (Mention("a1", 0, 1, "x"),)),),
        timeline=(TimelineEvent("2024-03-03", "day", f"Event {HOSTILE}", ("a1",), f"expr {HOSTILE}"),),
        quotes=(
            Quote("q1", f"Quote {HOSTILE}", f"Speaker {HOSTILE}", "e1", "said",
                  (QuoteVariant(f"Quote {HOSTILE}", "a1", 0, 1), QuoteVariant(f"Other {HOSTILE}", "a2", 0, 1)),
                  "a1"),
        ),
        figures=(
            Figure("f1", 40, None, "at_least", f"dead {HOSTILE}", "deaths", "officials", "2024-03-04",
                   "a1", 0, 1, f"40 {HOSTILE}"),
            Figure("f2", 52, None, None, "dead", "deaths", "officials", "2024-03-06", "a2", 0, 1, "52"),
        ),
        figure_groups=(FigureGroup(f"deaths {HOSTILE}", "updated", ("f1", "f2"), f"why {HOSTILE}"),),
        provenance=(ProvenanceLink("a2", "a1", "copies", (f"evidence {HOSTILE}",)),
                    ProvenanceLink("a1", f"Outlet {HOSTILE}", "cites", ("according to",))),
    )
