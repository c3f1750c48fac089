"""Briefs are written one at a time: the streamed files equal the all-at-once ones."""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from render_fixtures import hostile_brief

from storylens import api
from storylens.records import Brief
from storylens.render.html import index_to_html
from storylens.render.json import SCHEMA, briefs_to_json, write_briefs_json


def _briefs(count: int) -> list[Brief]:
    base = hostile_brief()
    return [
        dataclasses.replace(
            base,
            story=dataclasses.replace(base.story, id=f"st-{n}"),
            headline=f"Story {n}\nwith a line break",
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("count", [0, 1, 3])
@pytest.mark.parametrize("indent", [2, None])
def test_streamed_json_is_the_json_document(count: int, indent: int | None) -> None:
    briefs = _briefs(count)
    out = io.StringIO()
    assert write_briefs_json(iter(briefs), out, indent) == count
    document = json.loads(out.getvalue())
    assert document["schema"] == SCHEMA
    assert [s["id"] for s in document["stories"]] == [b.story.id for b in briefs]
    assert out.getvalue() == briefs_to_json(briefs, indent)


def test_write_briefs_streams_without_keeping_briefs(tmp_path: Path) -> None:
    briefs = _briefs(3)
    seen: list[str] = []

    def one_at_a_time() -> Iterator[Brief]:
        for brief in briefs:
            seen.append(brief.story.id)
            yield brief

    run = api.write_briefs(one_at_a_time(), tmp_path, ["json", "md", "html"], keep=False)
    assert seen == ["st-0", "st-1", "st-2"]
    assert run.briefs == []
    assert [(s.id, s.articles) for s in run.stories] == [("st-0", 2), ("st-1", 2), ("st-2", 2)]
    assert (tmp_path / "briefs.json").read_text(encoding="utf-8") == briefs_to_json(briefs)
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == index_to_html(briefs)
    assert not list(tmp_path.glob("*.partial"))
    for brief in briefs:
        assert (tmp_path / f"{brief.story.id}.md").exists()


def test_failing_stream_leaves_no_partial_briefs_json(tmp_path: Path) -> None:
    (tmp_path / "briefs.json").write_text("previous run", encoding="utf-8")

    def broken() -> Iterator[Brief]:
        yield _briefs(1)[0]
        raise RuntimeError("stage failed")

    with pytest.raises(RuntimeError):
        api.write_briefs(broken(), tmp_path, ["json"])
    assert (tmp_path / "briefs.json").read_text(encoding="utf-8") == "previous run"
    assert not list(tmp_path.glob("*.partial"))
