"""The HTML brief: every section, escaping of hostile text, safe links (no browser needed)."""

from __future__ import annotations

import datetime as dt
import re

from render_fixtures import hostile_brief

from storylens.render.html import brief_to_html, index_to_html, safe_url
from storylens.render.markdown import brief_to_markdown
from storylens.render.svg import parse_timex


def test_hostile_text_is_escaped_everywhere() -> None:
    page = brief_to_html(hostile_brief())
    assert "<script" not in page.lower()
    assert "onerror=" not in page.lower().replace("onerror=&quot;", "")
    assert 'href="javascript' not in page and "href='javascript" not in page
    assert page.count("&lt;script&gt;") >= 10
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_only_http_links_are_made() -> None:
    assert safe_url("https://good.example/a") == "https://good.example/a"
    for bad in ("javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", "vbscript:x", "//x", ""):
        assert safe_url(bad) is None
    page = brief_to_html(hostile_brief())
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs and all(h.startswith("#") or h.startswith("https://good.example") for h in hrefs)


def test_every_section_and_citation_anchor_is_present() -> None:
    page = brief_to_html(hostile_brief())
    for anchor in ("summary", "timeline", "figures", "quotes", "entities", "provenance", "sources"):
        assert f'id="{anchor}"' in page
    targets = set(re.findall(r'href="#([^"]+)"', page))
    ids = set(re.findall(r'id="([^"]+)"', page))
    assert targets <= ids
    assert "<svg class=\"series\"" in page  # the updated group gets its chart
    assert "<svg class=\"graph\"" in page and "<svg class=\"axis\"" in page


def test_index_links_every_story() -> None:
    brief = hostile_brief()
    page = index_to_html([brief])
    assert 'href="st-1.html"' in page and "<script" not in page.lower()


def test_markdown_escapes_markup() -> None:
    text = brief_to_markdown(hostile_brief())
    assert "<script>" not in text and "\\<script\\>" in text


def test_parse_timex() -> None:
    assert parse_timex("2023-09-05") == dt.date(2023, 9, 5)
    assert parse_timex("2023-W36") == dt.date(2023, 9, 4)
    assert parse_timex("2023-09") == dt.date(2023, 9, 1)
    assert parse_timex("2023") == dt.date(2023, 1, 1)
    assert parse_timex("PRESENT_REF") is None
