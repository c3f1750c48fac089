"""A kill -9 in the middle of an ingest loses at most the file being written; a rerun completes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from storylens.config import IngestSettings
from storylens.ingest import ingest_paths
from storylens.store import SQLiteStore

WORDS = ["harbour", "council", "levee", "river", "storm", "bridge", "school", "market", "clinic", "ferry", "road", "mayor"]


def _write_corpus(folder: Path, count: int) -> None:
    folder.mkdir()
    for n in range(count):
        body = " ".join(WORDS[(n * 7 + i) % len(WORDS)] for i in range(60))
        text = f"Report number {n}\nDate: 2024-02-{n % 28 + 1:02d}\n\nArticle {n} says {body}.\n"
        (folder / f"{n:04d}.txt").write_text(text, encoding="utf-8")


def _count(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        try:
            return int(connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        except sqlite3.OperationalError:
            return 0


def test_kill_9_then_rerun_stores_every_article_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, 400)
    db = tmp_path / "store.sqlite"
    command = [
        sys.executable, "-m", "storylens", "ingest", str(corpus), "--db", str(db), "--workers", "1",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _count(db) < 20 and process.poll() is None:
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    stored_before_rerun = _count(db)
    assert 0 < stored_before_rerun < 400, "the kill should land mid-ingest"

    store = SQLiteStore(db)
    report = ingest_paths([corpus], store, IngestSettings(workers=1))
    assert report.ok
    assert store.count_articles() == 400
    assert len(set(store.article_ids())) == 400
    assert report.unchanged >= stored_before_rerun
    again = ingest_paths([corpus], store, IngestSettings(workers=1))
    assert (again.articles_added, again.unchanged) == (0, 400)
    store.close()
