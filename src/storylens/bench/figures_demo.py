"""Figure groups on the bundled demo corpus, scored against its answer key.

The stories come from the key (``answers.json`` ``stories``), not from clustering, so that this
measures the figures stage and not the clusterer. Every other stage that this build has runs first,
as in ``storylens brief``.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from storylens.records import Article, Figure, FigureGroup, Story

__all__ = ["ANSWERS_PATH", "analyse_demo", "evaluate_demo", "match_member"]

ANSWERS_PATH = Path(__file__).resolve().parent.parent / "demo" / "answers.json"


def _record_name(article: Article) -> str:
    """The key's name of an article: the file name, plus ``#L2`` / ``#entry1`` for multi-record files."""
    return article.origin.replace("\\", "/").rsplit("/", 1)[-1]


def analyse_demo(
    resources: Any = None, analyses: Sequence[str] | None = None
) -> tuple[list[Article], list[Figure], list[FigureGroup], dict[str, Any]]:
    """Ingest the demo corpus, run the stages (all available by default) on the key's stories;
    return the articles, figures and groups of every story, and the answer key."""
    from storylens.api import demo_corpus_path, ingest
    from storylens.config import Settings
    from storylens.pipeline import AnalysisRunner
    from storylens.store.memory import MemoryStore

    answers = json.loads(ANSWERS_PATH.read_text(encoding="utf-8"))
    store = MemoryStore()
    settings = Settings()
    ingest([demo_corpus_path()], settings, store)
    articles = store.articles()
    by_name: dict[str, list[Article]] = {}
    for article in articles:
        by_name.setdefault(_record_name(article), []).append(article)
    runner = AnalysisRunner(settings, analyses, resources=resources)
    figures: list[Figure] = []
    groups: list[FigureGroup] = []
    for index, gold_story in enumerate(answers["stories"]):
        members = [a for name in gold_story["articles"] for a in by_name.get(name, [])]
        unique = list({a.id: a for a in members}.values())
        if not unique:
            continue
        story = Story(
            id=f"demo-{index}", article_ids=tuple(a.id for a in unique), headline=gold_story["name"]
        )
        analysis = runner.run(story, unique, store.sentences([a.id for a in unique]))
        figures.extend(analysis.figures)
        groups.extend(analysis.figure_groups)
    return articles, figures, groups, answers


def match_member(
    member: dict[str, str], articles: Sequence[Article], figures: Sequence[Figure]
) -> Figure | None:
    """The predicted figure for a key member (file + verbatim text): same article, overlapping span."""
    for article in articles:
        if _record_name(article) != member["file"]:
            continue
        at = article.text.find(member["text"])
        if at < 0:
            continue
        end = at + len(member["text"])
        inside = [f for f in figures if f.article_id == article.id and f.start < end and at < f.end]
        if inside:
            return inside[0]
    return None


def evaluate_demo(resources: Any = None, analyses: Sequence[str] | None = None) -> dict[str, Any]:
    """Group recall and status accuracy on the key's ``figure_groups``; conflicts on
    ``not_conflicts`` pairs (which must never share a conflict group)."""
    articles, figures, groups, answers = analyse_demo(resources, analyses)
    group_of = {fid: g for g in groups for fid in g.figure_ids}
    problems: list[str] = []
    found = correct = placed = total_members = 0
    stored = {_record_name(a) for a in articles}
    for gold in answers["figure_groups"]:
        # A member whose file ingest stored as a duplicate of another has no article of its own.
        members = [m for m in gold["members"] if m["file"] in stored]
        matched = [match_member(m, articles, figures) for m in members]
        total_members += len(matched)
        votes: dict[int, int] = {}
        for figure in matched:
            if figure is not None and figure.id in group_of:
                key = id(group_of[figure.id])
                votes[key] = votes.get(key, 0) + 1
        if not votes:
            problems.append(
                f"{gold['about']}: no predicted group ({sum(f is not None for f in matched)}/{len(matched)} members extracted)"
            )
            continue
        best_key, best = max(votes.items(), key=lambda kv: kv[1])
        predicted = next(g for g in groups if id(g) == best_key)
        placed += best
        if best >= math.ceil(0.6 * len(matched)):
            found += 1
            if predicted.status == gold["status"]:
                correct += 1
            else:
                problems.append(
                    f"{gold['about']}: status {predicted.status}, expected {gold['status']} ({predicted.explanation})"
                )
        else:
            problems.append(
                f"{gold['about']}: only {best}/{len(matched)} members in one group ({predicted.about})"
            )
    scope_conflicts = 0
    for pair in answers.get("not_conflicts", []):
        a, b = (match_member(m, articles, figures) for m in pair["members"][:2])
        if a is None or b is None:
            continue
        ga, gb = group_of.get(a.id), group_of.get(b.id)
        if ga is not None and ga is gb and ga.status == "conflict":
            scope_conflicts += 1
            problems.append(f"not a conflict, reported as one: {pair['why']}")
    n = len(answers["figure_groups"])
    return {
        "gold_groups": n,
        "groups_found": found,
        "groups_correct": correct,
        "status_accuracy": round(correct / found, 4) if found else 0.0,
        "group_accuracy": round(correct / n, 4) if n else 0.0,
        "member_recall": round(placed / total_members, 4) if total_members else 0.0,
        "scope_conflicts": scope_conflicts,
        "predicted_groups": len(groups),
        "problems": problems,
    }
