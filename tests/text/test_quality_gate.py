"""Quality gate: extraction F1 on the project's own pinned sample may not drop.

The sample (fixtures/gate/, annotated in fixtures/gate.json) is invented news pages with the kinds
of boilerplate of NEWS-MESS.md, scored with the extraction benchmark's protocol.
"""

from __future__ import annotations

import json
from pathlib import Path

from storylens.bench.extract import Confusion, count_snippets
from storylens.config import IngestSettings
from storylens.ingest.runner import ArticleBuilder, parse_source

FIXTURES = Path(__file__).parent / "fixtures"
#: Pinned minimums; raise them when the cleaner improves, never lower them to pass.
MIN_F1 = 1.0
MIN_RECALL = 1.0


def test_gate() -> None:
    gate = json.loads((FIXTURES / "gate.json").read_text(encoding="utf-8"))
    builder = ArticleBuilder(IngestSettings())
    confusion = Confusion()
    for name, item in gate["pages"].items():
        parsed = parse_source(FIXTURES / "gate" / name, builder)
        text = parsed.articles[0].text if parsed.articles else ""
        confusion.add(count_snippets(tuple(item["with"]), tuple(item["without"]), text))
    assert confusion.recall >= MIN_RECALL, confusion.as_dict()
    assert confusion.f1 >= MIN_F1, confusion.as_dict()
