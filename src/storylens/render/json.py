"""The brief's JSON contract, ``storylens.brief/1`` (documented in the README).

Names and meanings of the fields listed in the contract never change within a schema version;
new fields may be added.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TextIO

from storylens.records import Brief, Mention
from storylens.serialize import article_to_dict

__all__ = ["SCHEMA", "brief_to_dict", "brief_to_json", "briefs_to_json", "write_briefs_json"]

SCHEMA = "storylens.brief/1"


def _mention(m: Mention | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {"article": m.article_id, "start": m.start, "end": m.end, "text": m.text}


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """One story's entry of the contract's ``stories`` list."""
    story = brief.story
    duplicate_of = story.duplicate_of
    articles = []
    for article in brief.articles:
        entry = article_to_dict(article, full=False)
        entry["duplicate_of"] = duplicate_of.get(article.id)
        articles.append(entry)
    return {
        "id": story.id,
        "headline": brief.headline,
        "analyses": list(brief.analyses),
        "first_date": story.first_date.isoformat() if story.first_date else None,
        "last_date": story.last_date.isoformat() if story.last_date else None,
        "articles": articles,
        "summary": [
            {"text": s.text, "sources": list(s.sources), "origin": _mention(s.origin)}
            for s in brief.summary
        ],
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "aliases": list(e.aliases),
                "mentions": len(e.mentions),
                "sources": list(e.sources),
                "roles": list(e.roles),
            }
            for e in brief.entities
        ],
        "timeline": [
            {
                "date": t.date,
                "granularity": t.granularity,
                "text": t.text,
                "sources": list(t.sources),
                "expression": t.expression,
                "evidence": [
                    {"article_id": m.article_id, "start": m.start, "end": m.end} for m in t.evidence
                ],
            }
            for t in brief.timeline
        ],
        "quotes": [
            {
                "id": q.id,
                "text": q.text,
                "speaker": q.speaker,
                "speaker_id": q.speaker_id,
                "cue": q.cue,
                "sources": list(q.sources),
                "earliest_source": q.earliest_source,
                "variants": [
                    {
                        "text": v.text,
                        "source": v.article_id,
                        "start": v.start,
                        "end": v.end,
                        "speaker": v.speaker,
                        "cue": v.cue,
                    }
                    for v in q.variants
                ],
            }
            for q in brief.quotes
        ],
        "attributions": [
            {
                "id": a.id,
                "content": a.content,
                "speaker": a.speaker,
                "speaker_id": a.speaker_id,
                "cue": a.cue,
                "source": a.article_id,
                "start": a.start,
                "end": a.end,
            }
            for a in brief.attributions
        ],
        "figures": [
            {
                "id": f.id,
                "value": f.value,
                "value_max": f.value_max,
                "unit": f.unit,
                "approx": f.approx,
                "counts": f.counts,
                "claimant": f.claimant,
                "date": f.date,
                "scope": f.scope,
                "kind": f.kind,
                "text": f.text,
                "sources": list(f.sources or (f.article_id,)),
            }
            for f in brief.figures
        ],
        "figure_groups": [
            {
                "about": g.about,
                "status": g.status,
                "figures": list(g.figure_ids),
                "explanation": g.explanation,
            }
            for g in brief.figure_groups
        ],
        "provenance": [
            {
                "from": p.source,
                "to": p.target,
                "kind": p.kind,
                "evidence": list(p.evidence),
                "score": p.score,
                "direction": p.direction,
                "pairs": [list(pair) for pair in p.pairs],
            }
            for p in brief.provenance
        ],
        "provenance_articles": [
            {
                "article": a.article_id,
                "original_share": a.original_share,
                "derived_from": list(a.derived_from),
                "cites": list(a.cites),
                "first_hand": a.first_hand,
                "group": a.group,
            }
            for a in brief.article_provenance
        ],
        "provenance_facts": [
            {
                "fact": f.fact_id,
                "kind": f.kind,
                "sources": list(f.sources),
                "groups": [list(g) for g in f.groups],
                "original": f.original,
            }
            for f in brief.fact_provenance
        ],
    }


def brief_to_json(brief: Brief, indent: int | None = 2) -> str:
    """One story's item of the ``stories`` list, as JSON text."""
    return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=indent)


def briefs_to_json(
    briefs: Sequence[Brief], indent: int | None = 2, text: Callable[[Brief], str] | None = None
) -> str:
    """The whole JSON document for a run (``text`` as in ``write_briefs_json``)."""
    out = io.StringIO()
    write_briefs_json(briefs, out, indent, text)
    return out.getvalue()


def write_briefs_json(
    briefs: Iterable[Brief],
    out: TextIO,
    indent: int | None = 2,
    text: Callable[[Brief], str] | None = None,
) -> int:
    """Write the whole JSON document for a run, one story at a time (a run over a day's news
    never holds every story's dict at once); returns the number of stories written.

    The text is exactly ``json.dumps({"schema": ..., "stories": [...]}, indent=indent)``.
    ``text`` gives a story's ``brief_to_json(brief, indent)`` (a caller that writes the same
    brief to its own file as well encodes it once: indented JSON goes through the json
    module's pure-Python encoder, 2 s for the 32 briefs of a 600-article run).
    """
    encode = text or (lambda brief: brief_to_json(brief, indent))
    if indent is None:
        head, separator, tail, pad = '{"schema": %s, "stories": [', ", ", "]}", ""
    else:
        step = " " * indent
        head = "{\n" + step + '"schema": %s,\n' + step + '"stories": [\n' + step * 2
        separator, tail, pad = ",\n" + step * 2, "\n" + step + "]\n}", step * 2
    count = 0
    for brief in briefs:
        item = encode(brief)
        out.write(head % json.dumps(SCHEMA) if count == 0 else separator)
        out.write(item.replace("\n", "\n" + pad) if pad else item)
        count += 1
    if count == 0:
        out.write(json.dumps({"schema": SCHEMA, "stories": []}, indent=indent))
    else:
        out.write(tail)
    return count
