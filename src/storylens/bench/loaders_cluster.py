"""Loaders for the story-clustering benchmarks: each returns ``Article`` records plus gold labels.

All data is read from ``../shared/data`` (third-party text, never copied into the project).

- ECB+ (CAT XML): text rebuilt from the token stream; labels = topic and topic+seminal event
  (``*ecb.xml`` vs ``*ecbplus.xml``). No dates.
- Multi-News validation sample (CSV): one row = one story; the rows' articles are pooled and
  shuffled with a fixed seed. No dates, no titles.
- Timeline17 folders: one dated stream (date = folder name), label = topic prefix of the folder.
  Line 1 (title and lead run together) is used as the title.
- SemEval-2022 Task 8 pairs (CSV): two texts and an "Overall" 1-4 score (1 = very similar).
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import hashlib
import random
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from storylens.errors import BenchDataError
from storylens.records import Article

__all__ = [
    "LabelledArticles",
    "Pair",
    "load_ecbplus",
    "load_multinews",
    "load_pairs",
    "load_timeline17",
]

_NO_SPACE_BEFORE = re.compile(r"\s+([.,;:!?%)\]}'’]|n't|'s)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$])\s+")


def _id(key: str) -> str:
    """A 16-hex id like ingested articles have (story ids use its first 12 characters)."""
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _detokenise(text: str) -> str:
    return _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", text))


@dataclass(frozen=True)
class LabelledArticles:
    """Articles in stream order with one or more gold labellings (name -> label per article)."""

    name: str
    articles: list[Article]
    labels: dict[str, list[str]]


@dataclass(frozen=True)
class Pair:
    """Two articles and the SemEval "Overall" score (1 = very similar ... 4 = very dissimilar)."""

    pair_id: str
    lang1: str
    lang2: str
    first: Article
    second: Article
    overall: float


def _require(path: Path) -> Path:
    if not path.exists():
        raise BenchDataError(
            f"benchmark data not found at {path}; pass --data or set STORYLENS_DATA"
        )
    return path


def load_ecbplus(root: Path, limit: int | None = None) -> LabelledArticles:
    """ECB+ documents; labels ``topic`` (43) and ``event`` (86 seminal events)."""
    base = _require(root / "ECB+")
    files = sorted(base.glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name))
    if limit:
        random.Random(7).shuffle(files)
        files = sorted(files[:limit], key=lambda p: (int(p.parent.name), p.name))
    articles: list[Article] = []
    topics: list[str] = []
    events: list[str] = []
    for path in files:
        sentences: dict[int, list[str]] = {}
        for token in ET.parse(path).getroot().iter("token"):
            sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
        lines = [_detokenise(" ".join(words)) for _, words in sorted(sentences.items())]
        if lines and lines[0].startswith("http"):
            lines = lines[1:]  # ecbplus documents start with the source URL
        text = "\n\n".join(line for line in lines if line.strip())
        topic = path.parent.name
        kind = "plus" if path.name.endswith("ecbplus.xml") else "ecb"
        articles.append(
            Article(id=_id(f"ecb-{path.stem}"), origin=str(path), title=None, text=text)
        )
        topics.append(topic)
        events.append(f"{topic}-{kind}")
    # Shuffle so that no method benefits from the files' topic order.
    order = list(range(len(articles)))
    random.Random(13).shuffle(order)
    return LabelledArticles(
        "ecbplus",
        [articles[i] for i in order],
        {"topic": [topics[i] for i in order], "event": [events[i] for i in order]},
    )


def load_multinews(root: Path, limit: int | None = None) -> LabelledArticles:
    """All Multi-News validation-sample clusters pooled and shuffled; label = row number."""
    path = _require(root / "sample_validation.csv")
    csv.field_size_limit(sys.maxsize)
    articles: list[Article] = []
    labels: list[str] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row_number, row in enumerate(csv.DictReader(handle)):
            if limit and row_number >= limit:
                break
            for index, document in enumerate(ast.literal_eval(row["documents"])):
                text = "\n\n".join(
                    p.strip() for p in re.split(r"\n\s*\n|\n", document) if p.strip()
                )
                if not text:
                    continue
                articles.append(
                    Article(
                        id=_id(f"mn-{row_number}-{index}"), origin=str(path), title=None, text=text
                    )
                )
                labels.append(str(row_number))
    order = list(range(len(articles)))
    random.Random(42).shuffle(order)
    return LabelledArticles(
        "multinews", [articles[i] for i in order], {"story": [labels[i] for i in order]}
    )


def load_timeline17(root: Path, limit: int | None = None) -> LabelledArticles:
    """Every Timeline17 folder as one stream in date order; label = topic (folder prefix)."""
    base = _require(root)
    items: list[tuple[dt.date, str, Article, str]] = []
    for folder in sorted(p for p in base.iterdir() if (p / "InputDocs").is_dir()):
        topic = folder.name.split("_", 1)[0]
        outlet = folder.name.split("_", 1)[-1]
        for day_dir in sorted((folder / "InputDocs").iterdir()):
            day = dt.date.fromisoformat(day_dir.name)
            for path in sorted(day_dir.glob("*.txt")):
                lines = [
                    _detokenise(line.strip())
                    for line in path.read_text(encoding="utf-8").splitlines()
                ]
                lines = [line for line in lines if line]
                if not lines:
                    continue
                article = Article(
                    id=_id(f"t17-{folder.name}-{day_dir.name}-{path.stem}"),
                    origin=str(path),
                    title=lines[0],
                    text="\n\n".join(lines[1:]) or lines[0],
                    outlet=outlet,
                    published=day,
                )
                items.append((day, article.id, article, topic))
    items.sort(key=lambda item: (item[0], item[1]))
    if limit:
        step = max(1, len(items) // limit)
        items = items[::step][:limit]
    return LabelledArticles(
        "timeline17", [a for _, _, a, _ in items], {"topic": [t for _, _, _, t in items]}
    )


def load_pairs(root: Path, limit: int | None = None) -> list[Pair]:
    """SemEval-2022 Task 8 sample pairs (``training_set.csv``)."""
    path = _require(root / "training_set.csv")
    csv.field_size_limit(sys.maxsize)
    pairs: list[Pair] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if limit and len(pairs) >= limit:
                break
            first_id, _, second_id = row["pair_id"].partition("_")
            pairs.append(
                Pair(
                    row["pair_id"],
                    row["lang1"],
                    row["lang2"],
                    Article(
                        id=_id(f"p-{first_id}"),
                        origin=str(path),
                        title=None,
                        text=row["text1"],
                        language=row["lang1"],
                    ),
                    Article(
                        id=_id(f"p-{second_id}"),
                        origin=str(path),
                        title=None,
                        text=row["text2"],
                        language=row["lang2"],
                    ),
                    float(row["Overall"]),
                )
            )
    return pairs
