"""Finding quoted regions by their quotation marks, on plain text with character offsets.

Pure string work, no parse: the regions found here are candidates that ``extract`` filters and
``attribute`` gives speakers. Handled: straight and curly double marks, guillemets and low-9
marks, British single curly marks when a paragraph has no double marks, nested quotes (inner
marks stay inside the outer region), and the news convention for a quote running over several
paragraphs: an opening mark at the start of each paragraph and no closing mark until the last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QuotedRegion", "find_quoted_regions", "paragraph_spans", "strip_marks"]

_OPENERS = frozenset("\u201c\u201e\u00ab")  # “ „ «
_CLOSERS = frozenset("\u201d\u00bb")  # ” »
_STRAIGHT = '"'
_DOUBLE = _OPENERS | _CLOSERS | {_STRAIGHT}
#: Characters before a straight mark that make it an opening one.
_OPEN_CONTEXT = frozenset(" \t\n([{\u2014\u2013-/:;")
_ALL_MARKS = "\"'\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb\u2039\u203a"
_PARAGRAPH_BREAK = re.compile(r"\s*\n\s*")
#: Only these positions need looking at (scanning every character was 2% of a story's analysis).
_DOUBLE_MARK = re.compile("[" + re.escape("".join(sorted(_DOUBLE))) + "]")
_SINGLE_MARK = re.compile("[\u2018\u2019]")


@dataclass(frozen=True, slots=True)
class QuotedRegion:
    """Text between an opening mark and its closing mark.

    ``start``/``end`` include the marks; ``content_start``/``content_end`` cover only the quoted
    words (whitespace trimmed). ``closed`` is False when the paragraph ended before a closing mark
    and the next paragraph did not continue the quote (a typo in the source, closed for it).
    ``paragraphs`` counts the paragraphs the region spans.
    """

    start: int
    end: int
    content_start: int
    content_end: int
    closed: bool = True
    paragraphs: int = 1


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-blank paragraph.

    Article text separates paragraphs by a blank line, but a single line break is a paragraph
    break too: exports that keep one paragraph per line are common, and a quote never wraps
    onto a new line inside a paragraph of clean text.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        if text[start : match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def strip_marks(text: str) -> str:
    """The quoted words without the marks and paragraph breaks of a multi-paragraph quote."""
    joined = " ".join(part.strip() for part in _PARAGRAPH_BREAK.split(text))
    joined = re.sub(r"\s+[\"\u201c\u201e\u00ab](?=\S)", " ", joined)  # paragraph-opening marks
    return joined.strip().strip(_ALL_MARKS).strip()


def _double_marks(text: str, start: int, end: int) -> list[tuple[int, bool]]:
    """Positions of double marks in ``text[start:end]`` with ``True`` for an opening mark."""
    marks: list[tuple[int, bool]] = []
    for found in _DOUBLE_MARK.finditer(text, start, end):
        i = found.start()
        ch = text[i]
        if ch == _STRAIGHT:
            before = text[i - 1] if i > start else " "
            after = text[i + 1] if i + 1 < end else " "
            is_open = (before in _OPEN_CONTEXT or i == start) and not after.isspace()
        else:
            is_open = ch in _OPENERS
            before = text[i - 1] if i > start else " "
            after = text[i + 1] if i + 1 < end else " "
            # a mark of the wrong hand: "the best in the world“ and" closes, " ”word" opens
            if (
                is_open
                and not before.isspace()
                and before not in _OPEN_CONTEXT
                and (after.isspace() or after in ".,;:!?)")
            ):
                is_open = False
            elif not is_open and before.isspace() and after.isalnum():
                is_open = True
        marks.append((i, is_open))
    return marks


def _single_marks(text: str, start: int, end: int) -> list[tuple[int, bool]]:
    """British-style single curly marks; apostrophes (letter on both sides) are not marks."""
    marks: list[tuple[int, bool]] = []
    for found in _SINGLE_MARK.finditer(text, start, end):
        i = found.start()
        ch = text[i]
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if ch == "\u2018" and (before in _OPEN_CONTEXT or i == start) and not after.isspace():
            marks.append((i, True))
        elif ch == "\u2019" and not after.isalnum() and not before.isspace():
            marks.append((i, False))
    return marks


def _region(text: str, start: int, end: int, closed: bool, paragraphs: int) -> QuotedRegion:
    c_start, c_end = start + 1, (end - 1 if closed else end)
    while c_start < c_end and text[c_start].isspace():
        c_start += 1
    while c_end > c_start and text[c_end - 1].isspace():
        c_end -= 1
    return QuotedRegion(start, end, c_start, c_end, closed, paragraphs)


def find_quoted_regions(text: str) -> list[QuotedRegion]:
    """Top-level quoted regions of ``text``, in order.

    Example:
        >>> [r.content_start for r in find_quoted_regions('He said: "We will rebuild."')]
        [10]
    """
    paragraphs = paragraph_spans(text)
    regions: list[QuotedRegion] = []
    open_at: int | None = None  # start of a region still open at a paragraph end
    spanned = 1
    for index, (p_start, p_end) in enumerate(paragraphs):
        marks = _double_marks(text, p_start, p_end)
        if not marks and open_at is None:
            marks = _single_marks(text, p_start, p_end)
        lead = p_start
        while lead < p_end and text[lead].isspace():
            lead += 1
        if open_at is not None and marks and marks[0][0] == lead and marks[0][1]:
            marks = marks[1:]  # the paragraph-opening mark of a continuing quote
            spanned += 1
        elif open_at is not None:
            prev_end = paragraphs[index - 1][1]
            regions.append(_region(text, open_at, prev_end, False, spanned))
            open_at, spanned = None, 1
        depth = 0  # quotes nested inside the open region
        for position, is_open in marks:
            if open_at is None:
                if is_open:
                    open_at, spanned, depth = position, 1, 0
                continue
            straight_pair = text[open_at] == _STRAIGHT and text[position] == _STRAIGHT
            if is_open and not straight_pair:
                depth += 1  # a nested quote opens
                continue
            if depth > 0 and not straight_pair:
                depth -= 1
                continue
            # a closing mark of either style ends the region: sources mix “...," freely
            regions.append(_region(text, open_at, position + 1, True, spanned))
            open_at, spanned, depth = None, 1, 0
        if open_at is not None:
            following = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
            continues = following is not None and text[following : following + 1] in (
                _OPENERS | {_STRAIGHT}
            )
            if not continues:
                regions.append(_region(text, open_at, p_end, False, spanned))
                open_at, spanned = None, 1
    return [r for r in regions if r.content_end > r.content_start]
