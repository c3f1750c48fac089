"""Small inline SVG drawings for the HTML brief: a date axis, a value series, a provenance graph.

Hand-written because the brief must be one offline file with no scripts: charting libraries either
need JavaScript in the page or add megabytes of dependencies for three simple drawings. Every
piece of text is escaped; nothing here emits script or event attributes.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

__all__ = ["GraphEdge", "GraphNode", "date_axis", "parse_timex", "provenance_graph", "value_series"]

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def parse_timex(value: str) -> dt.date | None:
    """The first day a TIMEX3-style date value covers (``2023-09-05``, ``2023-W36``, ``2023-09``,
    ``2023``), or None for values that are not calendar dates."""
    try:
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            return dt.date.fromisoformat(value[:10])
        week = _WEEK.match(value)
        if week:
            return dt.date.fromisocalendar(int(week[1]), int(week[2]), 1)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            return dt.date(int(value[:4]), int(value[5:7]), 1)
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1)
    except ValueError:
        return None
    return None


def _x(day: dt.date, first: dt.date, span_days: int, left: float, width: float) -> float:
    return left + width * ((day - first).days / span_days if span_days else 0.5)


def date_axis(points: Sequence[tuple[dt.date, str, str]], width: int = 760) -> str:
    """An SVG date axis with one marker per ``(date, label, anchor id)``; markers link to entries."""
    if not points:
        return ""
    days = sorted({p[0] for p in points})
    first, last = days[0], days[-1]
    span = (last - first).days
    left, right, height = 40.0, 40.0, 96
    inner = width - left - right
    parts = [
        f'<svg class="axis" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="Timeline from {first.isoformat()} to {last.isoformat()}">',
        f'<line x1="{left}" y1="56" x2="{width - right}" y2="56" class="axis-line"/>',
    ]
    ticks = days if len(days) <= 8 else [days[round(i * (len(days) - 1) / 7)] for i in range(8)]
    for tick in dict.fromkeys(ticks):
        x = _x(tick, first, span, left, inner)
        parts.append(f'<line x1="{x:.1f}" y1="52" x2="{x:.1f}" y2="60" class="tick"/>')
        parts.append(
            f'<text x="{x:.1f}" y="80" text-anchor="middle" class="tick-label">'
            f"{tick.strftime('%d %b')}</text>"
        )
    stacked: dict[dt.date, int] = {}
    for day, label, anchor in points:
        level = stacked.get(day, 0)
        stacked[day] = level + 1
        x = _x(day, first, span, left, inner)
        y = 46 - min(level, 4) * 9
        parts.append(
            f'<a href="#{escape(anchor)}"><circle cx="{x:.1f}" cy="{y}" r="5" class="event">'
            f"<title>{escape(label)}</title></circle></a>"
        )
    parts.append(f'<text x="{left}" y="94" class="tick-label">{first.year}</text>')
    parts.append("</svg>")
    return "".join(parts)


def value_series(points: Sequence[tuple[dt.date, float, str]], width: int = 320) -> str:
    """A small line chart of a figure over time (``(date, value, label)``), for updated counts."""
    dated = sorted(points)
    if len(dated) < 2:
        return ""
    height, pad = 120, 28
    first, last = dated[0][0], dated[-1][0]
    span = (last - first).days
    top = max(v for _, v, _ in dated) or 1.0
    coords = []
    for day, value, _ in dated:
        x = _x(day, first, span, pad, width - 2 * pad)
        y = height - pad - (height - 2 * pad) * (value / top)
        coords.append((x, y))
    path = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(coords))
    parts = [
        f'<svg class="series" viewBox="0 0 {width} {height}" role="img" aria-label="Values over time">',
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" class="axis-line"/>',
        f'<path d="{path}" class="series-line"/>',
    ]
    for (x, y), (_day, value, label) in zip(coords, dated, strict=True):
        shown = f"{value:,.0f}" if value == math.floor(value) else f"{value:,.2f}"
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" class="series-point">'
            f"<title>{escape(label)}</title></circle>"
            f'<text x="{x:.1f}" y="{y - 8:.1f}" text-anchor="middle" class="series-label">{shown}</text>'
        )
    parts.append(
        f'<text x="{pad}" y="{height - 8}" class="tick-label">{first.strftime("%d %b")}</text>'
        f'<text x="{width - pad}" y="{height - 8}" text-anchor="end" class="tick-label">'
        f'{last.strftime("%d %b")}</text></svg>'
    )
    return "".join(parts)


@dataclass(frozen=True)
class GraphNode:
    """A node of the provenance graph: an article (numbered) or an outlet named only in text."""

    id: str
    label: str
    title: str
    column: int
    original: bool = False
    outlet_only: bool = False


@dataclass(frozen=True)
class GraphEdge:
    """``source`` -> ``target`` of one provenance kind."""

    source: str
    target: str
    kind: str


def provenance_graph(nodes: Sequence[GraphNode], edges: Sequence[GraphEdge], width: int = 760) -> str:
    """Articles laid out left to right by publication order, outlets named in text on the bottom
    row; an arrow per link, coloured by kind; articles with original reporting drawn bold."""
    if not nodes:
        return ""
    articles = [n for n in nodes if not n.outlet_only]
    outlets = [n for n in nodes if n.outlet_only]
    columns = max((n.column for n in articles), default=0) + 1
    rows: dict[int, int] = {}
    position: dict[str, tuple[float, float]] = {}
    col_width = (width - 80) / max(columns, 1)
    for node in articles:
        row = rows.get(node.column, 0)
        rows[node.column] = row + 1
        position[node.id] = (40 + col_width * (node.column + 0.5), 40 + row * 56)
    article_height = 40 + max(rows.values(), default=1) * 56
    outlet_gap = (width - 80) / max(len(outlets), 1)
    for index, node in enumerate(outlets):
        position[node.id] = (40 + outlet_gap * (index + 0.5), article_height + 40)
    height = article_height + (80 if outlets else 10)
    parts = [
        f'<svg class="graph" viewBox="0 0 {width} {height:.0f}" role="img" '
        f'aria-label="Provenance graph: {len(articles)} articles, {len(edges)} links">',
        "<defs>",
    ]
    for kind in ("cites", "republishes", "copies", "rewrites", "translates"):
        parts.append(
            f'<marker id="arrow-{kind}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
            f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
            f'class="edge-{kind}-head"/></marker>'
        )
    parts.append("</defs>")
    for edge in edges:
        if edge.source not in position or edge.target not in position:
            continue
        (x1, y1), (x2, y2) = position[edge.source], position[edge.target]
        length = math.hypot(x2 - x1, y2 - y1) or 1.0
        # Stop short of the target circle so the arrowhead stays visible.
        x2s, y2s = x2 - (x2 - x1) * 16 / length, y2 - (y2 - y1) * 16 / length
        bend = 24 if y1 == y2 else 0
        cx, cy = (x1 + x2s) / 2, (y1 + y2s) / 2 - bend
        parts.append(
            f'<path d="M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2s:.1f},{y2s:.1f}" '
            f'class="edge edge-{escape(edge.kind)}" marker-end="url(#arrow-{escape(edge.kind)})">'
            f"<title>{escape(edge.kind)}</title></path>"
        )
    for node in nodes:
        x, y = position[node.id]
        shape_class = "node-outlet" if node.outlet_only else ("node-original" if node.original else "node")
        parts.append(
            f'<g class="{shape_class}"><circle cx="{x:.1f}" cy="{y:.1f}" r="14">'
            f"<title>{escape(node.title)}</title></circle>"
            f'<text x="{x:.1f}" y="{y + (30 if node.outlet_only else 4):.1f}" text-anchor="middle" '
            f'class="node-label">{escape(node.label)}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
