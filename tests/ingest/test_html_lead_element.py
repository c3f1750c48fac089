"""find_lead_element: a lead named by the page template and lost by the extraction comes back."""

from __future__ import annotations

from trafilatura.utils import load_html

from storylens.ingest.html import find_lead_element

TITLE = "Bridge over the river reopens early"
LEAD = "The old railway bridge over the river reopens to cars on Friday, a week earlier than the council planned."
BODY = (
    "Paragraph one of the story tells what the council decided about the bridge on Monday.",
    "Paragraph two says why the works on the river bridge took less time than planned.",
)


def tree(header: str, extra: str = ""):  # type: ignore[no-untyped-def]
    return load_html(
        f"<html><head><title>{TITLE}</title></head><body><article><header><h1>{TITLE}</h1>{header}</header>"
        f"<div class='body'>{''.join(f'<p>{p}</p>' for p in BODY)}</div></article>{extra}</body></html>"
    )


def test_lead_class_in_the_article_header_is_restored() -> None:
    assert find_lead_element(tree(f"<p class='article-lead'>{LEAD}</p>"), TITLE, BODY) == LEAD
    assert find_lead_element(tree(f"<div class='c-intro__copy'>{LEAD}</div>"), TITLE, BODY) == LEAD


def test_nothing_when_the_extraction_has_the_lead() -> None:
    assert find_lead_element(tree(f"<p class='lead'>{LEAD}</p>"), TITLE, (LEAD, *BODY)) is None


def test_repeated_teaser_class_is_a_list_of_other_articles() -> None:
    teasers = "".join(f"<div class='teaser'><p>{LEAD}</p></div>" for _ in range(2))
    assert find_lead_element(tree("", teasers), TITLE, BODY) is None


def test_author_box_link_caption_and_fragment_are_not_leads() -> None:
    author = "<div class='author-box'><p class='description'>Jane Roe writes about bridges, rivers and the council.</p></div>"
    assert find_lead_element(tree(author), TITLE, BODY) is None
    linked = f"<a href='/other'><p class='lead'>{LEAD}</p></a>"
    assert find_lead_element(tree(linked), TITLE, BODY) is None
    caption = f"<figure><figcaption class='summary'>{LEAD}</figcaption></figure>"
    assert find_lead_element(tree(caption), TITLE, BODY) is None
    cut = f"<p class='lead'>{LEAD[:80]}...</p>"
    assert find_lead_element(tree(cut), TITLE, BODY) is None


def test_lead_about_something_else_is_not_restored() -> None:
    other = "Tickets for the summer festival in the old harbour go on sale online from Wednesday morning."
    assert find_lead_element(tree(f"<p class='lead'>{other}</p>"), TITLE, BODY) is None


def test_cut_description_gives_the_full_lead_block() -> None:
    from storylens.ingest.html import find_standfirst

    cut = LEAD[:70] + "..."
    page = tree(f"<div class='top'><p>{LEAD}</p></div>")
    assert find_standfirst(page, cut, BODY) == (LEAD, None)
    shorter = LEAD[:75]  # a description that is a shorter version of the lead, no ellipsis
    assert find_standfirst(page, shorter, BODY) == (LEAD, None)
    assert find_standfirst(page, cut, (LEAD, *BODY)) == (None, None)  # extracted already
    unfinished = tree(f"<div><p>{LEAD[:-1]} and then</p></div>")
    assert find_standfirst(unfinished, cut, BODY) == (None, None)  # not complete prose


def test_page_wide_and_negated_layout_classes_do_not_hide_a_lead() -> None:
    page = load_html(
        f"<html><body class='single has-sidebar'><div class='main is--no-sidebar'><article><h1>{TITLE}</h1>"
        f"<p class='intro-text'>{LEAD}</p><div>{''.join(f'<p>{p}</p>' for p in BODY)}</div></article></div>"
        "</body></html>"
    )
    assert find_lead_element(page, TITLE, BODY) == LEAD
