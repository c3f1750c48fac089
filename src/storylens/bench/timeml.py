"""Loaders for temporally annotated corpora: TimeML (TempEval-3 TBAQ) and CAT XML (MEANTIME).

Both give ``TimexDocument``s: the plain text, the document creation time, and the gold TIMEX3
annotations as character spans into that text (the creation time itself excluded, as the
TempEval-3 scorer does).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

__all__ = ["GoldTimex", "TimexDocument", "load_cat", "load_timeml"]


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One annotated TIMEX3: span into the document text, type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimexDocument:
    """A document with its creation time and gold time expressions.

    ``excluded`` holds spans no system output may be scored on (MEANTIME writes the creation
    date into the text and annotates it as the creation time).
    """

    name: str
    text: str
    dct: dt.date | None
    timexes: tuple[GoldTimex, ...]
    excluded: tuple[tuple[int, int], ...] = ()


def _date(value: str | None) -> dt.date | None:
    match = re.match(r"(\d{4})-(\d\d)-(\d\d)", value or "")
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def load_timeml(path: Path) -> TimexDocument:
    """One TimeML file: the text of ``<TEXT>`` and its inline TIMEX3 tags."""
    root = ET.parse(path).getroot()
    dct_node = root.find("DCT/TIMEX3")
    dct = _date(dct_node.get("value") if dct_node is not None else None)
    text_node = root.find("TEXT")
    if text_node is None:
        raise ValueError(f"{path}: no <TEXT> element")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    length = 0

    def walk(node: ET.Element) -> None:
        nonlocal length
        start = length
        if node.text:
            parts.append(node.text)
            length += len(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)
        if node.tag == "TIMEX3":
            surface = "".join(parts)[start:length]
            lead = len(surface) - len(surface.lstrip())
            trail = len(surface.rstrip())
            timexes.append(
                GoldTimex(
                    start + lead,
                    start + trail,
                    surface.strip(),
                    node.get("type", ""),
                    node.get("value", ""),
                )
            )

    walk(text_node)
    return TimexDocument(path.stem, "".join(parts), dct, tuple(timexes))


#: MEANTIME sentence numbers with TIMEX3 annotation (0 = title, 1 = date line, 2-5 = body).
ANNOTATED_SENTENCES = 5

_NO_SPACE_BEFORE = frozenset(
    {
        ",",
        ".",
        ":",
        ";",
        "!",
        "?",
        ")",
        "%",
        "'s",
        "n't",
        "'",
        "''",
        "'re",
        "'ve",
        "'ll",
        "'d",
        "'m",
    }
)
_NO_SPACE_AFTER = frozenset({"(", "$", "``", "#"})


def load_cat(path: Path) -> TimexDocument:
    """One MEANTIME CAT file: tokens joined into text (lightly detokenised) and token-anchored TIMEX3s."""
    root = ET.parse(path).getroot()
    offsets: dict[str, tuple[int, int]] = {}
    parts: list[str] = []
    length = 0
    previous, previous_sentence = None, None
    for token in root.iter("token"):
        word = token.text or ""
        sentence = token.get("sentence")
        if previous is not None:
            sep = "\n" if sentence != previous_sentence else " "
            if sep == " " and (word in _NO_SPACE_BEFORE or previous in _NO_SPACE_AFTER):
                sep = ""
            parts.append(sep)
            length += len(sep)
        offsets[token.get("t_id", "")] = (length, length + len(word))
        parts.append(word)
        length += len(word)
        previous, previous_sentence = word, sentence
    text = "".join(parts)
    # MEANTIME annotates time expressions in the title and the first five sentences only.
    last_annotated = max(
        (
            offsets[t.get("t_id", "")][1]
            for t in root.iter("token")
            if int(t.get("sentence", "0")) <= ANNOTATED_SENTENCES
        ),
        default=len(text),
    )
    dct: dt.date | None = None
    timexes: list[GoldTimex] = []
    excluded: list[tuple[int, int]] = [(last_annotated, len(text) + 1)]
    markables = root.find("Markables")
    for node in markables.iter("TIMEX3") if markables is not None else ():
        anchors = [
            offsets[a.get("t_id", "")]
            for a in node.findall("token_anchor")
            if a.get("t_id") in offsets
        ]
        span = (min(s for s, _ in anchors), max(e for _, e in anchors)) if anchors else None
        if node.get("functionInDocument") == "CREATION_TIME":
            dct = _date(node.get("value")) or dct
            if span:
                excluded.append(span)
            continue
        if span is None:
            continue  # unanchored (empty-span) timexes cannot be found in the text
        timexes.append(
            GoldTimex(
                span[0],
                span[1],
                text[span[0] : span[1]],
                node.get("type", ""),
                node.get("value", ""),
            )
        )
    timexes.sort(key=lambda t: t.start)
    return TimexDocument(path.stem, text, dct, tuple(timexes), tuple(excluded))
