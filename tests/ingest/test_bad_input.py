"""Every kind of bad input is reported with the file and the reason, skipped, and harmless."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from storylens.config import IngestSettings
from storylens.ingest import ingest_paths
from storylens.store import MemoryStore, SQLiteStore

GOOD = """Flood waters recede in Riverton
Date: 2024-03-04
Source: Example Wire

Flood waters began to recede in Riverton on Monday, officials said, after three days of rain.

Residents returned to clear mud from their homes while engineers inspected the levee.
"""


def _ingest(tmp_path: Path, name: str, data: bytes, **settings: int) -> tuple[list[str], int]:
    path = tmp_path / name
    path.write_bytes(data)
    store = MemoryStore()
    report = ingest_paths([path], store, IngestSettings(**settings))
    reasons = [f"{Path(f.origin).name}:{f.reason}" for f in report.failures]
    return reasons, store.count_articles()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"   \n\n  \t\n", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        ("latin.txt", b"\x81\x8d\x8f\x90\x9d" * 200, "undecodable"),
        ("cut.txt.gz", gzip.compress(GOOD.encode() * 20)[:60], "truncated-gzip"),
        ("tags.html", b"<html><body><nav><a href='/a'>Home</a></nav></body></html>", "no-article"),
        ("nofield.json", json.dumps({"title": "No body here", "url": "x"}).encode(), "missing-field"),
        ("broken.json", b'{"title": "half an object", "text": ', "invalid-json"),
        ("short.txt", b"Title\n\nToo short.", "no-article"),
    ],
)
def test_bad_input_is_reported_with_file_and_reason(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    reasons, stored = _ingest(tmp_path, name, data)
    assert reasons == [f"{name}:{reason}"]
    assert stored == 0


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    reasons, stored = _ingest(tmp_path, "big.txt", GOOD.encode() * 100, max_bytes=5000)
    assert reasons == ["big.txt:oversized"]
    assert stored == 0


def test_oversized_after_decompression_is_refused(tmp_path: Path) -> None:
    bomb = gzip.compress(b"a" * 200_000)
    reasons, _ = _ingest(tmp_path, "bomb.txt.gz", bomb, max_bytes=50_000)
    assert reasons == ["bomb.txt.gz:oversized"]


def test_jsonl_keeps_good_records_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"title": "One", "text": GOOD.split("\n\n", 1)[1], "date": "2024-03-04"}),
        json.dumps({"title": "Two, without text"}),
        "{not json",
        json.dumps({"headline": "Three", "body": "Another story entirely. " * 10, "source": {"name": "Daily"}}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    store = MemoryStore()
    report = ingest_paths([path], store, IngestSettings())
    assert sorted((f.origin.rsplit("/", 1)[-1], f.reason) for f in report.failures) == [
        ("feed.jsonl#L2", "missing-field"),
        ("feed.jsonl#L3", "invalid-json"),
    ]
    assert store.count_articles() == 2
    outlets = {a.title: a.outlet for a in store.articles()}
    assert outlets == {"One": None, "Three": "Daily"}


def test_missing_path_is_reported(tmp_path: Path) -> None:
    report = ingest_paths([tmp_path / "nope", str(tmp_path / "*.none")], MemoryStore(), IngestSettings())
    assert [f.reason for f in report.failures] == ["not-found", "not-found"]


def test_bad_input_does_not_touch_stored_articles(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    store = SQLiteStore(tmp_path / "s.sqlite")
    assert ingest_paths([good], store, IngestSettings()).articles_added == 1
    before = store.articles()
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "bin.html").write_bytes(b"\x00\x01\x02" * 1000)
    (bad / "cut.json.gz").write_bytes(gzip.compress(b'{"text": "x"}' * 100)[:30])
    report = ingest_paths([bad], store, IngestSettings())
    assert len(report.failures) == 3 and not report.ok
    assert store.articles() == before
    store.close()


def test_failures_survive_worker_processes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With several workers, failures come back from the pool intact (they must pickle)."""
    import pickle

    from storylens.errors import InputError
    from storylens.ingest import runner

    monkeypatch.setattr(runner, "_POOL_MIN_FILES", 8)  # thirteen files: on the pool

    error = InputError("/x/a.txt", "empty", "the file has no content")
    again = pickle.loads(pickle.dumps(error))
    assert (again.origin, again.reason, again.detail, str(again)) == (
        error.origin, error.reason, error.detail, str(error),
    )
    for n in range(12):
        (tmp_path / f"good{n}.txt").write_text(GOOD.replace("Monday", f"day {n}"), encoding="utf-8")
    (tmp_path / "empty.json").write_text('{"title": "no text"}', encoding="utf-8")
    report = ingest_paths([tmp_path], MemoryStore(), IngestSettings(workers=2))
    assert report.articles_added == 12
    assert [f.reason for f in report.failures] == ["missing-field"]


def test_a_few_files_are_read_without_a_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ten articles joining a story are cleaned here: starting workers costs more than they do."""
    from storylens.ingest import runner

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started for ten files")

    monkeypatch.setattr(runner, "ProcessPoolExecutor", no_pool)
    for n in range(10):
        (tmp_path / f"good{n}.txt").write_text(GOOD.replace("Monday", f"day {n}"), encoding="utf-8")
    report = ingest_paths([tmp_path], MemoryStore(), IngestSettings(workers=2))
    assert report.articles_added == 10 and report.ok


def test_files_already_stored_load_no_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Re-running over a stored folder reads and hashes the files, nothing more."""
    from storylens.ingest import runner

    for n in range(3):
        (tmp_path / f"good{n}.txt").write_text(GOOD.replace("Monday", f"day {n}"), encoding="utf-8")
    store = MemoryStore()
    assert ingest_paths([tmp_path], store, IngestSettings(workers=1)).articles_added == 3

    def no_builder(*args: object, **kwargs: object) -> None:
        raise AssertionError("a builder (and its language model) was loaded for stored files")

    monkeypatch.setattr(runner, "ArticleBuilder", no_builder)
    report = ingest_paths([tmp_path], store, IngestSettings(workers=1))
    assert report.unchanged == 3 and report.ok
