"""HtmlReader: trafilatura options, lost-lead recovery and repeated standfirsts."""

from __future__ import annotations

import pytest

from storylens.errors import InputError
from storylens.ingest.html import HtmlReader

BODY = "".join(
    f"<p>Paragraph {n} of the story tells what the council decided about the bridge on Monday, "
    f"and why the works took longer than planned.</p>"
    for n in range(1, 5)
)


def page(description: str, before_body: str = "") -> bytes:
    return (
        "<html><head><title>Bridge reopens</title>"
        f'<meta name="description" content="{description}"></head><body>'
        "<nav><a href='/'>Home</a></nav>"
        f"<article><h1>Bridge reopens</h1>{before_body}<div class='body'>{BODY}</div></article>"
        "</body></html>"
    ).encode()


LEAD = "The old railway bridge over the river reopens to cars on Friday, a week earlier than planned."


def test_lead_shown_in_page_but_lost_by_extraction_is_restored() -> None:
    html = page(LEAD, f"<div class='teaser-box'><span class='lead'>{LEAD}</span></div>")
    document = HtmlReader().read(html, "bridge.html")
    if document.paragraphs[0] != LEAD:  # trafilatura kept it itself: nothing to restore, no duplicate
        assert sum(LEAD in p for p in document.paragraphs) == 1
    assert document.subtitle is None


def test_description_only_in_metadata_is_not_added() -> None:
    document = HtmlReader().read(page(LEAD), "bridge.html")
    assert all(LEAD not in p for p in document.paragraphs)


def test_standfirst_shown_twice_is_the_subtitle() -> None:
    html = page(LEAD, f"<p class='standfirst'>{LEAD}</p><p class='repeat'>{LEAD}</p>")
    assert HtmlReader().read(html, "bridge.html").subtitle == LEAD


def test_page_without_article() -> None:
    with pytest.raises(InputError) as info:
        HtmlReader().read(b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "empty.html")
    assert info.value.reason in ("no-article", "broken-html")


def test_find_standfirst_rules() -> None:
    from trafilatura.utils import load_html

    from storylens.ingest.html import find_standfirst

    shown_once = load_html(page(LEAD, f"<p class='lead'>{LEAD}</p>"))
    assert find_standfirst(shown_once, LEAD, ("Other text.",)) == (LEAD, None)
    assert find_standfirst(shown_once, LEAD, (LEAD,)) == (None, None)
    assert find_standfirst(shown_once, LEAD[:50] + "...", ("Other text.",)) == (None, None)
    in_link = load_html(page(LEAD, f"<a href='/other'>{LEAD}</a>"))
    assert find_standfirst(in_link, LEAD, ("Other text.",)) == (None, None)
