"""Pruning on a real re-brief: stale rows go, every row the next run reads stays."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from storylens import api
from storylens.config import load_settings
from storylens.memo import ONE_PER_ARTICLE
from storylens.render.json import briefs_to_json
from storylens.store import SQLiteStore

STALE = "000000000000"
_STAGES = sorted(ONE_PER_ARTICLE | {"entities/mention-rows", "figures/quantities", "provenance/labels"})


def _memo_rows(store: SQLiteStore) -> list[tuple[str, str]]:
    rows = store._db.execute("SELECT article_id, kind FROM artifacts").fetchall()
    return [(a, k) for a, k in rows if not k.startswith("spacy/")]


def _stage(kind: str) -> str:
    """The stage of a memo row's kind ("<stage>/<12 hex digits>[/<extra key>]")."""
    found = re.match(r"(.+?)/[0-9a-f]{12}(/|$)", kind)
    return found.group(1) if found else kind


def test_a_grown_story_rebriefed_keeps_one_row_per_stage_and_everything_it_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = sorted(p for p in Path(api.demo_corpus_path()).iterdir() if not p.name.startswith("bad-"))
    settings = load_settings(overrides={"db": str(tmp_path / "s.sqlite"), "processes": 1})
    store = SQLiteStore(settings.db)
    api.ingest([str(p) for p in corpus[: len(corpus) // 2]], settings, store=store)
    api.update_stories(store, settings)
    # rows an older version of the code left behind, and the caches of a story merged away
    store.put_artifacts([
        *((a, f"{stage}/{STALE}/k", b"[]") for a in store.article_ids() for stage in _STAGES),
        ("st-merged-away", f"quotes/overlap/{STALE}", b"x"),
    ])
    api.brief_stories(store, settings)
    assert store.prune_artifacts() == 1
    current = {(a, _stage(k)) for a, k in _memo_rows(store) if STALE not in k}
    left = {(a, _stage(k)) for a, k in _memo_rows(store) if STALE in k}
    # an article's stale rows of a stage went with the stage's new row for it
    assert left and current
    assert not left & current

    api.ingest([str(p) for p in corpus], settings, store=store)  # the rest arrives
    api.update_stories(store, settings)
    api.brief_stories(store, settings)
    per_stage = Counter((a, _stage(k)) for a, k in _memo_rows(store))
    for (owner, stage), count in per_stage.items():
        if stage in ONE_PER_ARTICLE:
            assert count == 1, (owner, stage)

    # the next run reads every row it needs: no per-article result is computed again
    written: list[Any] = []
    real = store.put_artifacts
    monkeypatch.setattr(store, "put_artifacts", lambda items, superseded=(): (written.extend(items), real(items, superseded)))
    before = briefs_to_json(api.brief_stories(store, settings))
    article_ids = set(store.article_ids())
    assert not [(a, k) for a, k, _ in written if a in article_ids]
    assert briefs_to_json(api.brief_stories(store, settings)) == before
    store.close()
