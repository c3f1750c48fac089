"""Reading publication dates from header lines, metadata fields, URLs and paths."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

__all__ = ["date_from_path", "parse_published"]

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_DOTTED = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_PATH_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/_.]?(0[1-9]|1[0-2])[-/_.]?(0[1-9]|[12]\d|3[01])(?!\d)")


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def parse_published(value: str) -> dt.date | None:
    """A publication date from a header or metadata string, or None when it names no full date.

    ISO dates take a fast path; anything else goes to dateparser with no relative base, so that
    "yesterday" in a header is refused rather than resolved against today.
    """
    value = value.strip()
    if not value:
        return None
    match = _ISO.match(value)
    if match:
        return _valid(int(match[1]), int(match[2]), int(match[3]))
    if re.fullmatch(r"\d{4}", value):
        return None  # a bare year is not a publication date
    dotted = _DOTTED.match(value)
    if dotted:  # 12.09.2023 is day-first wherever dots are used (Europe, Russia, Ukraine)
        return _valid(int(dotted[3]), int(dotted[2]), int(dotted[1]))
    import dateparser  # imported lazily: it costs half a second at start-up

    parsed = dateparser.parse(
        value,
        settings={
            "STRICT_PARSING": True,
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PARSERS": ["timestamp", "custom-formats", "absolute-time"],
        },
    )
    return parsed.date() if parsed else None


def date_from_path(path: str) -> dt.date | None:
    """A ``YYYY-MM-DD`` (or ``YYYY/MM/DD``, ``YYYYMMDD``) date in a file path or URL, if exactly one."""
    found = {d for m in _PATH_DATE.finditer(path) if (d := _valid(int(m[1]), int(m[2]), int(m[3])))}
    return found.pop() if len(found) == 1 else None
