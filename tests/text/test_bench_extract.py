"""``storylens bench extract``: the protocol and a run over a tiny set in the set's own layout."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from storylens.bench.base import BenchOptions
from storylens.bench.extract import count_snippets, run

FIXTURES = Path(__file__).parent / "fixtures"


def test_snippet_errors_lists_what_to_read() -> None:
    from storylens.bench.extract import snippet_errors

    assert snippet_errors(("the story", "lost  words"), ("Share this",), "the story\nShare  this") == (
        ["lost  words"],
        ["Share this"],
    )


def test_count_snippets_normalises_whitespace() -> None:
    assert count_snippets(("the  story\ntext",), ("Share this",), "Here is the story text.") == (1, 0, 0, 1)
    assert count_snippets(("missing",), ("Share",), "Share this") == (0, 1, 1, 0)


def test_run_on_a_tiny_set(tmp_path: Path) -> None:
    gate = json.loads((FIXTURES / "gate.json").read_text(encoding="utf-8"))
    (tmp_path / "html" / "eval").mkdir(parents=True)
    index = {}
    for name, item in gate["pages"].items():
        if not name.endswith(".html"):
            continue
        (tmp_path / "html" / "eval" / f"{name}.gz").write_bytes(gzip.compress((FIXTURES / "gate" / name).read_bytes()))
        index[f"https://example.test/{name}"] = {"file": name, "with": item["with"], "without": item["without"]}
    (tmp_path / "evaldata.json").write_text(json.dumps(index), encoding="utf-8")
    predictions = tmp_path / "predictions.jsonl"
    result = run(BenchOptions(data=tmp_path, predictions=predictions))
    assert result.items == 3
    assert result.storylens["all"]["f1"] >= result.baseline["all"]["f1"]
    assert result.storylens["en"]["pages"] == 3
    assert len(predictions.read_text().splitlines()) == 3
    assert [table.rows[0][0] for table in result.tables] == ["storylens", "storylens", "even"]
    assert result.storylens["even"]["pages"] + result.storylens["odd"]["pages"] == 3
    record = json.loads(predictions.read_text().splitlines()[0])
    assert set(record["storylens"]) >= {"counts", "missed_keep", "leaked_drop"}
