"""The boilerplate cleaner: what it drops (with which rule), what it must never drop."""

from __future__ import annotations

import pytest

from storylens.ingest.base import ExtractedDocument
from storylens.text.boilerplate import BoilerplateCleaner, BoilerplateSettings

PROSE_1 = "Firefighters from four stations fought the blaze for more than six hours, the fire service said on Tuesday."
PROSE_2 = "Police have opened an investigation into the cause of the fire, which started in a paint store near the quay."


def clean(*paragraphs: str, title: str | None = "Fire at the harbour", **kwargs: object) -> tuple[list[str], dict[str, str]]:
    document = ExtractedDocument("x", title, paragraphs, "text", **kwargs)  # type: ignore[arg-type]
    result = BoilerplateCleaner().clean(document)
    return list(result.paragraphs), {d.text: d.rule for d in result.dropped}


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Read also: New ferry line to open in the spring", "read-also"),
        ("Lesen Sie auch: Neue Fähre ab Frühjahr", "read-also"),
        ("ALSO READ Bitcoin Jumps Over Weekend, Analysts Stunned", "read-also"),
        ("Leave a Reply", "comment-prompt"),
        ("Your email address will not be published. Required fields are marked *", "comment-prompt"),
        ("Share this article:", "share"),
        ("Facebook | Telegram | Viber", "share"),
        ("Subscribe to our weekly newsletter.", "subscribe"),
        ("We use cookies to improve your experience on our site.", "cookie-notice"),
        ("© 2022 The Northern Times Ltd. All rights reserved.", "copyright"),
        ("ADVERTISEMENT", "advert"),
        ("Photo: Meridian Press / Anna Kovalchuk", "photo-credit"),
        ("(Reporting by Anna Kovalchuk in Pryluzhne; editing by Piotr Nowak)", "credit-line"),
        ("Posted by admin | September 10, 2023 | 0 Comments", "post-meta"),
        ("Previous: Otter numbers recover on the upper Desna", "navigation"),
        ("Last updated: 12.09.2023, 14:05", "timestamp"),
        (">> Bakery wins national prize <<", "read-also"),
        ("Telefon: +49 40 300 30 11", "contact"),
        ("Lust auf mehr? Lass dir die besten Storys jede Woche in deinen Posteingang liefern.", "subscribe"),
        ("This post contains affiliate links. We may earn a commission when you buy through them.", "disclosure"),
        ("Weitere Infos unter www.example.test.", "call-to-action"),
        ("Anzeige", "advert"),
    ],
)
def test_furniture_between_story_paragraphs(line: str, rule: str) -> None:
    kept, dropped = clean(PROSE_1, line, PROSE_2)
    assert kept == [PROSE_1, PROSE_2]
    assert dropped == {line: rule}


def test_related_block_and_its_teasers() -> None:
    kept, dropped = clean(PROSE_1, PROSE_2, "Related Posts", "Harbour tolls to rise next year", "Who runs the small dams?")
    assert kept == [PROSE_1, PROSE_2]
    assert dropped == {
        "Related Posts": "related-label",
        "Harbour tolls to rise next year": "related-teaser",
        "Who runs the small dams?": "related-teaser",
    }


def test_caption_before_credit_and_caption_with_credit() -> None:
    caption = "Residents queue for drinking water outside School No. 3."
    inline = "Houses stand in flood water after the dam collapse. Photo: Meridian Press"
    kept, dropped = clean(PROSE_1, caption, "Photo: Meridian Press / Anna Kovalchuk", inline, PROSE_2)
    assert kept == [PROSE_1, PROSE_2]
    assert dropped[caption] == "photo-caption" and dropped[inline] == "photo-caption"


def test_subhead_and_unprefixed_teaser_between_prose() -> None:
    subhead = "Investigation into the fire"
    teaser = "Why reservoirs fill up faster every autumn"
    _kept, dropped = clean(PROSE_1, subhead, PROSE_2, teaser, PROSE_1 + " More.")
    assert dropped == {subhead: "subhead", teaser: "teaser-headline"}
    keep_heads = BoilerplateCleaner(BoilerplateSettings(drop_subheads=False))
    result = keep_heads.clean(ExtractedDocument("x", "t", (PROSE_1, subhead, PROSE_2, teaser, PROSE_1 + " More."), "text"))
    assert subhead in result.paragraphs and teaser not in result.paragraphs


def test_repeated_title_subtitle_and_paragraph() -> None:
    kept, dropped = clean(
        "Fire at the harbour", "Three warehouses burned.", PROSE_1, PROSE_1, subtitle="Three warehouses burned."
    )
    assert kept == [PROSE_1]
    assert set(dropped.values()) == {"repeated-title", "subtitle-repeat", "repeated-paragraph"}


def test_provenance_hints_are_kept_and_text_removed() -> None:
    paragraphs = (
        "This article originally appeared on Meridian Press and is republished here with permission.",
        "By Anna Kovalchuk, Meridian Press",
        "PRYLUZHNE, Ukraine (Meridian Press) - At least 40 people were killed when a dam gave way on Friday night.",
        PROSE_1,
        "Read the original article on Meridian Press.",
    )
    result = BoilerplateCleaner().clean(ExtractedDocument("x", "Dam bursts", paragraphs, "html"))
    assert result.paragraphs == (
        "PRYLUZHNE, Ukraine - At least 40 people were killed when a dam gave way on Friday night.",
        PROSE_1,
    )
    assert sorted((h.kind, h.outlet) for h in result.hints) == [
        ("byline", "Meridian Press"),
        ("original", "Meridian Press"),
        ("republished", "Meridian Press"),
        ("wire", "Meridian Press"),
    ]
    assert {d.rule for d in result.dropped} == {
        "provenance-republished", "byline", "wire-credit", "provenance-original",
    }


@pytest.mark.parametrize(
    "sentence",
    [
        "Subscribers to the port's booking system were told on Monday to expect new time slots.",
        "The company's newsletter said on Friday that the plant would close, and share prices fell by a third.",
        "By noon the list had 63 names on it.",
        'He said: "No one will be left without a roof before winter."',
        "What we still do not know: why the dam failed, why the sirens sounded so late.",
        "It is the second stoppage this year.",
        "Photos taken by residents showed the water reaching the first floor of the school.",
        "\u00bbWie bringe ich Studierende dazu, im H\u00f6rsaal Fragen zu stellen?\u00ab",
        "Werbung nervt. Tracking nervt. Und mobil habe ich keine Zeit, lange Seiten zu laden.",
        "Das Konzeptpapier finden Sie hier:",
    ],
)
def test_story_sentences_that_look_like_boilerplate_survive(sentence: str) -> None:
    kept, dropped = clean(PROSE_1, sentence, PROSE_2)
    assert sentence in kept, dropped


def test_long_paragraph_is_never_dropped_by_a_cue() -> None:
    long = "Share this: " + PROSE_1 * 4
    kept, _ = clean(PROSE_1, long, PROSE_2)
    assert long in kept
