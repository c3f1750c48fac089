"""Briefs as Markdown, for people who paste them into notes and tickets."""

from __future__ import annotations

from collections.abc import Sequence

from storylens.records import Article, Brief

__all__ = ["brief_to_markdown", "escape_markdown"]

_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>()#+!|"})


def escape_markdown(text: str) -> str:
    """Text with Markdown's special characters escaped, on one line."""
    return " ".join(text.split()).translate(_SPECIAL)


def _source_refs(sources: Sequence[str], numbers: dict[str, int]) -> str:
    refs = [f"[{numbers[s]}]" for s in sources if s in numbers]
    return " " + "".join(refs) if refs else ""


def _article_line(number: int, article: Article, duplicate_of: dict[str, str]) -> str:
    date = article.published.isoformat() if article.published else "undated"
    outlet = escape_markdown(article.outlet or "unknown outlet")
    title = escape_markdown(article.title or "(untitled)")
    line = f"{number}. {outlet}, {date}: {title} ({escape_markdown(article.origin)})"
    if article.id in duplicate_of:
        line += f" — duplicate of {duplicate_of[article.id]}"
    return line


def brief_to_markdown(brief: Brief) -> str:
    """One story's brief as a Markdown document; citation numbers refer to the source list."""
    numbers = {a.id: i for i, a in enumerate(brief.articles, start=1)}
    story = brief.story
    out = [f"# {escape_markdown(brief.headline)}", ""]
    span = " to ".join(
        dict.fromkeys(d.isoformat() for d in (story.first_date, story.last_date) if d)
    )
    out.append(f"{len(brief.articles)} articles" + (f", {span}" if span else ""))
    out.append("")
    if brief.summary:
        out += ["## Summary", ""]
        out += [f"{escape_markdown(s.text)}{_source_refs(s.sources, numbers)}" for s in brief.summary]
        out.append("")
    if brief.timeline:
        out += ["## Timeline", ""]
        out += [
            f"- **{t.date}** {escape_markdown(t.text)}{_source_refs(t.sources, numbers)}"
            for t in brief.timeline
        ]
        out.append("")
    if brief.entities:
        out += ["## Entities", "", "| name | type | also written | mentions |", "|---|---|---|---|"]
        for e in brief.entities:
            aliases = ", ".join(escape_markdown(a) for a in e.aliases if a != e.name)
            out.append(f"| {escape_markdown(e.name)} | {e.type} | {aliases} | {len(e.mentions)} |")
        out.append("")
    if brief.quotes:
        out += ["## Quotes", ""]
        for q in brief.quotes:
            speaker = escape_markdown(q.speaker or "unattributed")
            out.append(f"- **{speaker}**: “{escape_markdown(q.text)}”{_source_refs(q.sources, numbers)}")
            for v in q.variants:
                if v.text != q.text:
                    out.append(f"  - variant: “{escape_markdown(v.text)}”{_source_refs((v.article_id,), numbers)}")
        out.append("")
    if brief.figure_groups:
        figures = {f.id: f for f in brief.figures}
        out += ["## Figures", ""]
        for g in brief.figure_groups:
            out.append(f"- **{escape_markdown(g.about)}** ({g.status}): {escape_markdown(g.explanation)}")
            for fid in g.figure_ids:
                if fid in figures:
                    f = figures[fid]
                    who = escape_markdown(f.claimant or "unattributed")
                    out.append(
                        f"  - {escape_markdown(f.text)}: {who}, {f.date or 'undated'}"
                        f"{_source_refs(f.sources or (f.article_id,), numbers)}"
                    )
        out.append("")
    if brief.provenance:
        out += ["## Provenance", ""]
        for p in brief.provenance:
            source = f"[{numbers[p.source]}]" if p.source in numbers else escape_markdown(p.source)
            target = f"[{numbers[p.target]}]" if p.target in numbers else escape_markdown(p.target)
            out.append(f"- {source} {p.kind} {target}")
        out.append("")
    out += ["## Sources", ""]
    duplicate_of = story.duplicate_of
    out += [_article_line(numbers[a.id], a, duplicate_of) for a in brief.articles]
    out.append("")
    return "\n".join(out)
