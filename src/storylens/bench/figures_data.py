"""The labelled number mentions of ``storylens bench figures``: pointers into ../shared/data.

The articles are third-party text, so the project stores only pointers and labels
(``bench/data/figures/labels.jsonl``): a document reference, the character offset and surface form
of the number in the text this module rebuilds, and the hand labels. The text is read from the
data folder at run time:

- ``timeline17/<folder>/InputDocs/<date>/<id>.htm.txt``: Penn-Treebank-tokenised lines, lightly
  detokenised (``detokenise``) so that "$ 5" reads "$5" as in a real article;
- ``multinews/sample_validation.csv#<row>.<doc>``: document ``doc`` of CSV row ``row``, as is;
- ``ecbplus/ECB+/<topic>/<file>.xml``: the CAT token stream, one sentence per line, detokenised.
"""

from __future__ import annotations

import ast
import csv
import json
import re
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from storylens.errors import BenchDataError

__all__ = ["LABELS_PATH", "GoldNumber", "detokenise", "load_gold", "read_document"]

LABELS_PATH = Path(__file__).parent / "data" / "figures" / "labels.jsonl"

_NO_SPACE_BEFORE = re.compile(r" (?=[,.;:?!%)\]}]|'s\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)")
_NO_SPACE_AFTER = re.compile(r"(?<=[($£€#\[{]) ")


def detokenise(line: str) -> str:
    """Undo Penn-Treebank tokenisation well enough for number reading ("$ 5 , 000" stays split
    only where the source split it)."""
    line = (
        line.replace("-LRB-", "(").replace("-RRB-", ")").replace("-LSB-", "[").replace("-RSB-", "]")
    )
    line = line.replace("``", '"').replace("''", '"')
    line = _NO_SPACE_BEFORE.sub("", line)
    line = _NO_SPACE_AFTER.sub("", line)
    return " ".join(line.split())


_ECB_JOINS = (
    (re.compile(r"(?<=\d)([.:]) (?=\d)"), r"\1"),  # "6. 1" -> "6.1", "9: 29" -> "9:29"
    (re.compile(r"(?<=\d), (?=\d{3}\b)"), ","),  # "170, 000" -> "170,000" (not "July 2, 2013")
    (re.compile(r"(?<=\w) - (?=\w)"), "-"),  # "five - boat" -> "five-boat"
    (re.compile(r"\b([ap])\. m\."), r"\1.m."),  # "7 p. m." -> "7 p.m."
    (re.compile(r"(?<=\w)([.:]) / (?=/)"), r"\1/"),  # URL slashes
)


def _ecb_detokenise(line: str) -> str:
    """ECB+ splits every punctuation mark, including those inside numbers and compounds."""
    line = detokenise(line)
    for pattern, replacement in _ECB_JOINS:
        line = pattern.sub(replacement, line)
    return line


@lru_cache(maxsize=4)
def _multinews_rows(path: str) -> list[list[str]]:
    csv.field_size_limit(sys.maxsize)
    with open(path, encoding="utf-8", newline="") as handle:
        return [ast.literal_eval(row["documents"]) for row in csv.DictReader(handle)]


def _ecb_text(path: Path) -> str:
    sentences: dict[int, list[str]] = {}
    for token in ET.parse(path).getroot().iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    return "\n".join(_ecb_detokenise(" ".join(tokens)) for _, tokens in sorted(sentences.items()))


def read_document(root: Path, ref: str) -> str:
    """The text of the document ``ref`` (see the module docstring) under the data root."""
    if ref.startswith("multinews/"):
        file_part, _, index = ref.partition("#")
        row, _, doc = index.partition(".")
        return _multinews_rows(str(root / file_part))[int(row)][int(doc)]
    path = root / ref
    if not path.is_file():
        raise BenchDataError(f"labelled document {ref} not found under {root}")
    if ref.startswith("ecbplus/"):
        return _ecb_text(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(detokenise(line) for line in lines if line.strip())


@dataclass(frozen=True)
class GoldNumber:
    """One hand-labelled number mention (see docs/figures.md for the guidelines)."""

    doc: str
    start: int
    end: int
    surface: str
    value: float
    value_max: float | None
    unit: str | None
    approx: str | None
    counts: str | None


def load_gold(root: Path, path: Path = LABELS_PATH) -> tuple[list[GoldNumber], dict[str, str]]:
    """The labels and the texts they point into; a label whose surface is not at its offset raises
    ``BenchDataError`` (the data changed, or the detokeniser did)."""
    gold: list[GoldNumber] = []
    texts: dict[str, str] = {}
    for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        doc = item["doc"]
        if doc not in texts:
            texts[doc] = read_document(root, doc)
        text = texts[doc]
        start = int(item["start"])
        surface = item["surface"]
        if text[start : start + len(surface)] != surface:
            raise BenchDataError(
                f"{path.name}:{line_no}: {surface!r} is not at offset {start} of {doc}; "
                "the data or the detokeniser changed"
            )
        gold.append(
            GoldNumber(
                doc=doc,
                start=start,
                end=start + len(surface),
                surface=surface,
                value=float(item["value"]),
                value_max=None if item.get("value_max") is None else float(item["value_max"]),
                unit=item.get("unit"),
                approx=item.get("approx"),
                counts=item.get("counts"),
            )
        )
    return gold, texts
