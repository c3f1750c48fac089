"""The incremental measurement's article set: the largest event's articles in date order, so
that the ten held back (the last files) are its latest and join its story."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from storylens.bench.pipeline import _write_incremental_set


def test_largest_event_in_date_order_capped(tmp_path: Path) -> None:
    day = dt.date(2023, 9, 1)
    sources: list[tuple[dt.date | None, str, str]] = [
        (day + dt.timedelta(days=5), "dam_herald", "Dam story five."),
        (day + dt.timedelta(days=1), "dam_courier", "Dam story one."),
        (None, "dam_courier", "Undated dam story."),
        (day + dt.timedelta(days=3), "dam_herald", "Dam story three."),
        (day + dt.timedelta(days=2), "strike_post", "Strike story."),
        (day + dt.timedelta(days=4), "dam_courier", "Dam story four."),
    ]
    event, written = _write_incremental_set(tmp_path, sources, 3)
    assert (event, written) == ("dam", 3)
    files = sorted(tmp_path.glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    assert [t.splitlines()[0] for t in texts] == ["Date: 2023-09-02", "Date: 2023-09-04", "Date: 2023-09-05"]
    assert "Source: dam_herald" in texts[1] and texts[2].rstrip().endswith("Dam story four.")
