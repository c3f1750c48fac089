"""Briefs as self-contained HTML pages: one file each, offline, no scripts, fonts or CDNs.

Safety: every piece of article text goes through ``html.escape``; links are only ever made to
anchors inside the page or to ``http(s)`` URLs; and a Content-Security-Policy that allows no
script at all means that even a rendering bug could not run an article's code.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
from collections import defaultdict
from collections.abc import Iterable, Sequence
from html import escape
from urllib.parse import urlsplit

from storylens.records import Brief, Figure, Quote
from storylens.render.svg import (
    GraphEdge,
    GraphNode,
    date_axis,
    parse_timex,
    provenance_graph,
    value_series,
)

__all__ = ["brief_to_html", "index_item", "index_page", "index_to_html", "safe_url"]

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
_KIND_WORDS = {
    "cites": "cites",
    "republishes": "republishes",
    "copies": "copies",
    "rewrites": "rewrites",
    "translates": "translates",
}
_STATUS_WORDS = {"agree": "sources agree", "updated": "updated over time", "conflict": "sources conflict"}


def _css() -> str:
    return (importlib.resources.files("storylens.render") / "brief.css").read_text(encoding="utf-8")


def _count(number: int, noun: str) -> str:
    """``1 article``, ``2 articles``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def safe_url(url: str | None) -> str | None:
    """The URL if it is plain http(s), else None (``javascript:``, ``data:`` and the like)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def _page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{escape(title)}</title><style>{_css()}</style></head>"
        f"<body><main>{body}</main>"
        '<footer class="page-footer">Made by storylens from the articles listed. Every sentence '
        "links to the sources that carry it.</footer></body></html>\n"
    )


class _Citations:
    """Numbers each article of the brief and writes citation markers that link to the source list."""

    def __init__(self, brief: Brief) -> None:
        self.number = {a.id: i for i, a in enumerate(brief.articles, start=1)}
        self.outlet = {a.id: a.outlet or "unknown outlet" for a in brief.articles}

    def marks(self, sources: Iterable[str]) -> str:
        links = [
            f'<a class="cite" href="#src-{self.number[s]}" title="{escape(self.outlet[s])}">'
            f"{self.number[s]}</a>"
            for s in dict.fromkeys(sources)
            if s in self.number
        ]
        return f'<sup class="cites">{"".join(links)}</sup>' if links else ""

    def name(self, article_or_outlet: str) -> str:
        if article_or_outlet in self.number:
            number = self.number[article_or_outlet]
            return f'<a href="#src-{number}">[{number}] {escape(self.outlet[article_or_outlet])}</a>'
        return escape(article_or_outlet)


def _header(brief: Brief) -> str:
    story = brief.story
    outlets = sorted({a.outlet for a in brief.articles if a.outlet})
    dates = " – ".join(
        dict.fromkeys(d.strftime("%d %b %Y") for d in (story.first_date, story.last_date) if d)
    )
    groups = {p.group for p in brief.article_provenance if p.group}
    independent = f", {len(groups)} independent source groups" if groups else ""
    return (
        f"<header><h1>{escape(brief.headline)}</h1>"
        f'<p class="meta">{_count(len(brief.articles), "article")} from {_count(len(outlets), "outlet")}{independent}'
        f"{' · ' + dates if dates else ''}</p>"
        '<nav class="toc" aria-label="Sections"><a href="#summary">Summary</a>'
        '<a href="#timeline">Timeline</a><a href="#figures">Figures</a><a href="#quotes">Quotes</a>'
        '<a href="#entities">Entities</a><a href="#provenance">Provenance</a>'
        '<a href="#sources">Sources</a></nav></header>'
    )


def _section(anchor: str, title: str, content: str, empty: str) -> str:
    inner = content or f'<p class="empty">{escape(empty)}</p>'
    return f'<section id="{anchor}"><h2>{escape(title)}</h2>{inner}</section>'


def _summary(brief: Brief, cite: _Citations) -> str:
    items = "".join(
        f"<p>{escape(s.text)}{cite.marks(s.sources)}</p>" for s in brief.summary
    )
    return _section("summary", "Summary", items, "No summary: the summary stage did not run.")


def _timeline(brief: Brief, cite: _Citations) -> str:
    points: list[tuple[dt.date, str, str]] = []
    rows = []
    for index, event in enumerate(brief.timeline):
        anchor = f"t-{index + 1}"
        day = parse_timex(event.date)
        if day:
            points.append((day, f"{event.date}: {event.text}", anchor))
        expression = (
            f'<span class="expr">dated by “{escape(event.expression)}”</span>' if event.expression else ""
        )
        rows.append(
            f'<li id="{anchor}"><time>{escape(event.date)}</time>'
            f"<div>{escape(event.text)}{cite.marks(event.sources)}{expression}</div></li>"
        )
    axis = date_axis(points)
    content = (f'<div class="scroll-x">{axis}</div>' if axis else "") + (f'<ol class="timeline">{"".join(rows)}</ol>' if rows else "")
    return _section("timeline", "Timeline", content, "No dated events were found.")


def _figure_line(figure: Figure, cite: _Citations) -> str:
    who = escape(figure.claimant or "unattributed")
    when = escape(figure.date or "undated")
    scope = f' <span class="scope">{escape(figure.scope)}</span>' if figure.scope else ""
    return (
        f"<li><strong>{escape(figure.text)}</strong> {escape(figure.counts)}{scope}"
        f' <span class="who">{who}, {when}</span>{cite.marks(figure.sources or (figure.article_id,))}</li>'
    )


def _figures(brief: Brief, cite: _Citations) -> str:
    by_id = {f.id: f for f in brief.figures}
    order = {"conflict": 0, "updated": 1, "agree": 2}
    cards = []
    for group in sorted(brief.figure_groups, key=lambda g: (order.get(g.status, 3), g.about)):
        members = [by_id[i] for i in group.figure_ids if i in by_id]
        chart = ""
        if group.status == "updated":
            series = [
                (day, f.value, f"{f.text} ({f.claimant or 'unattributed'}, {f.date})")
                for f in members
                if f.date and (day := parse_timex(f.date))
            ]
            chart = value_series(series)
        lines = "".join(_figure_line(f, cite) for f in members)
        cards.append(
            f'<article class="figure-group status-{escape(group.status)}">'
            f'<h3>{escape(group.about)} <span class="badge">{escape(_STATUS_WORDS.get(group.status, group.status))}</span></h3>'
            f'<p class="explanation">{escape(group.explanation)}</p>{chart}'
            f'<details><summary>{len(members)} figures</summary><ul>{lines}</ul></details></article>'
        )
    return _section("figures", "Figures and claims", "".join(cards), "No comparable figures were found.")


def _quotes(brief: Brief, cite: _Citations) -> str:
    by_speaker: dict[str, list[Quote]] = defaultdict(list)
    for quote in brief.quotes:
        by_speaker[quote.speaker or "Unattributed"].append(quote)
    blocks = []
    for speaker, quotes in sorted(by_speaker.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        items = []
        for quote in quotes:
            variants = [v for v in quote.variants if v.text != quote.text]
            variant_html = "".join(
                f"<li>“{escape(v.text)}”{cite.marks((v.article_id,))}</li>" for v in variants
            )
            first = (
                f'<p class="first">first reported by {cite.name(quote.earliest_source)}</p>'
                if quote.earliest_source
                else ""
            )
            items.append(
                f"<li><blockquote>“{escape(quote.text)}”{cite.marks(quote.sources)}</blockquote>{first}"
                + (f'<ul class="variants">{variant_html}</ul>' if variant_html else "")
                + "</li>"
            )
        blocks.append(f'<div class="speaker"><h3>{escape(speaker)}</h3><ul class="quotes">{"".join(items)}</ul></div>')
    return _section("quotes", "Quotes", "".join(blocks), "No direct quotes were found.")


def _entities(brief: Brief) -> str:
    by_type: dict[str, list[str]] = defaultdict(list)
    for entity in brief.entities:
        aliases = [a for a in entity.aliases if a != entity.name]
        also = f' <span class="aliases">also {escape(", ".join(aliases))}</span>' if aliases else ""
        roles = f' <span class="roles">{escape(", ".join(entity.roles))}</span>' if entity.roles else ""
        by_type[entity.type].append(
            f"<li><strong>{escape(entity.name)}</strong>{roles}{also} "
            f'<span class="count">{len(entity.mentions)} mentions in {len(entity.sources)} articles</span></li>'
        )
    blocks = "".join(
        f'<div class="entity-type"><h3>{escape(kind.title())}</h3><ul>{"".join(items)}</ul></div>'
        for kind, items in sorted(by_type.items())
    )
    return _section("entities", "Entities", blocks, "No entities: the entities stage did not run.")


def _provenance(brief: Brief, cite: _Citations) -> str:
    shares = {p.article_id: p for p in brief.article_provenance}
    order = sorted(brief.articles, key=lambda a: (a.published or dt.date.max, cite.number[a.id]))
    dates = sorted({a.published for a in order if a.published})
    column = {d: i for i, d in enumerate(dates)}
    nodes = [
        GraphNode(
            id=a.id,
            label=str(cite.number[a.id]),
            title=f"[{cite.number[a.id]}] {a.outlet or 'unknown'}: {a.title or ''}",
            column=column.get(a.published, len(dates)) if a.published else len(dates),
            original=bool(a.id in shares and shares[a.id].first_hand),
        )
        for a in order
    ]
    outlets = sorted({p.target for p in brief.provenance if p.target not in cite.number})
    nodes += [GraphNode(id=o, label=o, title=o, column=0, outlet_only=True) for o in outlets]
    edges = [GraphEdge(p.source, p.target, p.kind) for p in brief.provenance]
    legend = "".join(
        f'<span class="legend-item"><span class="swatch edge-{k}-swatch"></span>{k}</span>' for k in _KIND_WORDS
    )
    graph = f'<div class="scroll-x">{provenance_graph(nodes, edges)}</div>' if brief.provenance else ""
    rows = "".join(
        f"<tr><td>{cite.name(p.source)}</td><td>{escape(p.kind)}</td><td>{cite.name(p.target)}</td>"
        f'<td class="evidence">{escape(p.evidence[0]) if p.evidence else ""}</td></tr>'
        for p in brief.provenance
    )
    table = (
        '<div class="table-wrap"><table><thead><tr><th>article</th><th>link</th><th>source</th>'
        f"<th>evidence</th></tr></thead><tbody>{rows}</tbody></table></div>"
        if rows
        else ""
    )
    content = (
        (f'<p class="legend">{legend}<span class="legend-item"><span class="swatch original-swatch">'
         "</span>original reporting</span></p>" + graph + table)
        if brief.provenance
        else ""
    )
    return _section("provenance", "Provenance", content, "No copying, rewriting or citing was found.")


def _sources(brief: Brief, cite: _Citations) -> str:
    shares = {p.article_id: p for p in brief.article_provenance}
    duplicate_of = brief.story.duplicate_of
    items = []
    for article in brief.articles:
        number = cite.number[article.id]
        url = safe_url(article.url)
        title = escape(article.title or "(untitled)")
        title_html = f'<a href="{escape(url)}" rel="noopener noreferrer">{title}</a>' if url else title
        notes = []
        if article.id in shares:
            share = shares[article.id]
            notes.append(f"{share.original_share:.0%} original")
            if share.first_hand:
                notes.append("first-hand reporting")
        if article.id in duplicate_of and duplicate_of[article.id] in cite.number:
            notes.append(f"duplicate of [{cite.number[duplicate_of[article.id]]}]")
        date = article.published.isoformat() if article.published else "undated"
        note_html = f' <span class="notes">{escape(", ".join(notes))}</span>' if notes else ""
        items.append(
            f'<li id="src-{number}"><span class="num">[{number}]</span> '
            f"<strong>{escape(article.outlet or 'unknown outlet')}</strong>, {date}: {title_html}"
            f'{note_html}<div class="origin">{escape(article.origin)}</div></li>'
        )
    return _section("sources", "Sources", f'<ol class="sources">{"".join(items)}</ol>', "No articles.")


def brief_to_html(brief: Brief) -> str:
    """One story's brief as a self-contained HTML page."""
    cite = _Citations(brief)
    body = "".join(
        [
            _header(brief),
            _summary(brief, cite),
            _timeline(brief, cite),
            _figures(brief, cite),
            _quotes(brief, cite),
            _entities(brief),
            _provenance(brief, cite),
            _sources(brief, cite),
        ]
    )
    return _page(brief.headline, body)


def index_to_html(briefs: Sequence[Brief]) -> str:
    """The index page of a run: every story with its dates, size, outlets and first summary line."""
    return index_page([index_item(brief) for brief in briefs])


def index_item(brief: Brief) -> str:
    """One story's entry of the index page (kept instead of the brief by streaming runs)."""
    story = brief.story
    outlets = sorted({a.outlet for a in brief.articles if a.outlet})
    dates = " – ".join(
        dict.fromkeys(d.isoformat() for d in (story.first_date, story.last_date) if d)
    )
    lead = f"<p>{escape(brief.summary[0].text)}</p>" if brief.summary else ""
    conflicts = sum(1 for g in brief.figure_groups if g.status == "conflict")
    flag = (
        f' <span class="badge status-conflict">{_count(conflicts, "figure conflict")}</span>'
        if conflicts
        else ""
    )
    return (
        f'<li><h2><a href="{escape(story.id)}.html">{escape(brief.headline)}</a>{flag}</h2>'
        f'<p class="meta">{_count(len(brief.articles), "article")} · {escape(dates or "undated")} · '
        f"{escape(', '.join(outlets[:6]))}{' …' if len(outlets) > 6 else ''}</p>{lead}</li>"
    )


def index_page(items: Sequence[str]) -> str:
    """The index page from its stories' entries (``index_item``), in order."""
    body = (
        f"<header><h1>storylens: {len(items)} stories</h1></header>"
        f'<ol class="story-index">{"".join(items)}</ol>'
    )
    return _page("storylens stories", body)
