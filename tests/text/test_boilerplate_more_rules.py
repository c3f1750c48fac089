"""Cleaner rules added for issue #3's second round: appeals, legal notes, author boxes, captions.

All text is invented. Each rule has a case it must drop and a story sentence it must leave alone.
"""

from __future__ import annotations

import pytest

from storylens.ingest.base import ExtractedDocument
from storylens.text.boilerplate import BoilerplateCleaner

PROSE_1 = "Firefighters from four stations fought the blaze for more than six hours, the fire service said on Tuesday."
PROSE_2 = "Police have opened an investigation into the cause of the fire, which started in a paint store near the quay."
PROSE_3 = "The harbour master said the quay would stay closed to ferries until the end of the week at the earliest."


def clean(*paragraphs: str) -> tuple[list[str], dict[str, str]]:
    result = BoilerplateCleaner().clean(ExtractedDocument("x", "Fire at the harbour", paragraphs, "html"))
    return list(result.paragraphs), {d.text: d.rule for d in result.dropped}


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("We need your help Help us continue to bring local news to every doorstep Donate", "paywall"),
        ("Gefällt dir unser Hafenblatt? Wir haben keine Bezahlschranke und das bleibt auch so.", "paywall"),
        ("Unterstütze unsere Arbeit mit einem kleinen monatlichen Beitrag.", "paywall"),
        ("Tú también puedes hacer periodismo local. Cancela cuando quieras.", "paywall"),
        ("Czytasz nasz portal za darmo. Wesprzyj nas darowizną.", "paywall"),
        ("Puede escribirnos a redaccion@example.test o suscribirse a nuestra newsletter.", "subscribe"),
        ("(Alle Angaben ohne Gewähr)", "legal-note"),
        ("Sofern nicht anders ausgewiesen, stehen die Inhalte dieser Seite unter CC-BY.", "legal-note"),
        ("Dieser Text wurde von Medizinern geprüft.", "editor-note"),
        ("Medically reviewed by Dr. Jane Roe.", "editor-note"),
        ('Dies ist Teil 2 zum Text "Der Hafen brennt", der vergangene Woche erschienen ist.', "editor-note"),
        ("Mayor Jane Roe (left) looks on as the harbour master cuts the ribbon.", "photo-caption"),
        ("Die neue Hafenmeisterin Eva Roe (2. von rechts) mit ihrem Team.", "photo-caption"),
        ("Firefighters pump water from the quay on Monday night. (Anna Kovalchuk)", "photo-caption"),
        ("Officers search a fishing boat in the inner harbour. By HARBOUR POLICE", "photo-caption"),
    ],
)
def test_new_furniture_between_story_paragraphs(line: str, rule: str) -> None:
    kept, dropped = clean(PROSE_1, line, PROSE_2)
    assert kept == [PROSE_1, PROSE_2]
    assert dropped == {line: rule}


@pytest.mark.parametrize(
    "label",
    ["Lue aiheesta lisää:", "Diese Artikel könnten dich ebenfalls interessieren:", "Weiterlesen:", "Auch auf hafenblatt.test"],
)
def test_new_related_labels_take_their_teasers(label: str) -> None:
    teasers = ["Ferry tolls to rise next spring", "Why the old crane is coming down"]
    kept, dropped = clean(PROSE_1, PROSE_2, label, *teasers)
    assert kept == [PROSE_1, PROSE_2]
    assert dropped == {label: "related-label", teasers[0]: "related-teaser", teasers[1]: "related-teaser"}


def test_author_box_at_the_end_and_after_an_author_label() -> None:
    bio = "Jane Roe is a reporter at the Harbour Post and covers shipping and the port authority."
    kept, dropped = clean(PROSE_1, PROSE_2, PROSE_3, bio)
    assert kept == [PROSE_1, PROSE_2, PROSE_3] and dropped == {bio: "author-bio"}
    box = "ist Hafenreporterin und schreibt seit 2010 über Fähren und Werften."
    kept, dropped = clean(PROSE_1, PROSE_2, "Autorin", box, PROSE_3)
    assert kept == [PROSE_1, PROSE_2, PROSE_3] and dropped == {"Autorin": "author-label", box: "author-bio"}


@pytest.mark.parametrize(
    "sentence",
    [
        # an author-like sentence in the middle of the story, or one that reports, is story text
        "Jane Roe is a founder of the residents' group that first warned about the paint store.",
        "Anna Kovalchuk is the editor who broke the story, and she said the port had been warned twice.",
        # support and newsletter words in reported speech
        "The council said it would support local journalism with a grant of 20,000 euros next year.",
        "Die Stadt will die Vereine unterstützen, sagte der Bürgermeister am Montag.",
        # left and right as ordinary words
        "The fire spread from the left side of the building to the roof within minutes.",
        "Two boats (one of them a ferry) were moved out of the harbour before the fire reached the quay.",
    ],
)
def test_story_sentences_like_the_new_cues_survive(sentence: str) -> None:
    kept, dropped = clean(PROSE_1, sentence, PROSE_2, PROSE_3)
    assert sentence in kept, dropped


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Bild anzeigen", "media-label"),
        ("Video verfügbar bis 28.02.2031", "media-label"),
        ("report.html - Created 03-10-2004 2:20pm - Last Modified: 03-10-2004 2:20pm", "timestamp"),
        ("24. März 2024, 19:49 | Hafenredaktion", "timestamp"),
        ("Alle Ergebnisse der Regatta findest du hier.", "call-to-action"),
        ("... weiter zu \"Die Fähre\"", "navigation"),
        ("The port authority also closed the ferry terminal on Sunday. [Read more]", "teaser-excerpt"),
    ],
)
def test_template_lines_between_story_paragraphs(line: str, rule: str) -> None:
    kept, dropped = clean(PROSE_1, line, PROSE_2)
    assert kept == [PROSE_1, PROSE_2]
    assert dropped == {line: rule}


def test_table_row_with_a_date_is_data() -> None:
    row = "| Jane Roe | 30 June 1997 | Put out the fire on the quay |"
    kept, _dropped = clean(PROSE_1, row, PROSE_2)
    assert row in kept


def test_look_alike_letters_mark_an_obfuscated_block() -> None:
    spam = "Аdvеrtіѕе with the bеst news site in the harbour ~ wе оffеr flexible packages."  # Cyrillic look-alikes
    kept, dropped = clean(PROSE_1, spam, PROSE_2)
    assert kept == [PROSE_1, PROSE_2] and dropped == {spam: "obfuscated"}
    ukrainian = "Мер Києва сказав, що iPhone і Samsung Galaxy продаються в Україні без змін цін."
    kept, _dropped = clean(PROSE_1, ukrainian, PROSE_2)
    assert ukrainian in kept


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Über 2.000 Jobs an der Küste warten auf dich in unserer Jobbörse. Gleich reinschauen!", "call-to-action"),
        ("Mit diesem Button kannst Du die Folge deiner Liste hinzufügen.", "call-to-action"),
        ("Die neue Ausgabe des Hafenblatts jetzt am Kiosk, im Abo und als E-Paper.", "subscribe"),
        ("Werden Sie Mitglied im Hafenclub", "paywall"),
        ("Dieser Beitrag ist in freundlicher Kooperation mit dem Hafenverband entstanden.", "disclosure"),
    ],
)
def test_offers_and_cooperation_notes(line: str, rule: str) -> None:
    kept, dropped = clean(PROSE_1, line, PROSE_2)
    assert kept == [PROSE_1, PROSE_2]
    assert dropped == {line: rule}


def test_original_publication_label_takes_its_reference() -> None:
    reference = "Roe J, Kovalchuk A: Harbour fires in the Baltic 1990 to 2020"
    kept, dropped = clean(PROSE_1, PROSE_2, "Originalpublikation", reference)
    assert kept == [PROSE_1, PROSE_2]
    assert dropped == {"Originalpublikation": "related-label", reference: "related-teaser"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Die Stadt will jetzt informieren, wie es mit der Fähre weitergeht, sagte der Bürgermeister.",
        "Der Verein arbeitet seit Jahren in Kooperation mit der Feuerwehr, die den Hafen überwacht.",
    ],
)
def test_story_sentences_like_the_offer_cues_survive(sentence: str) -> None:
    kept, dropped = clean(PROSE_1, sentence, PROSE_2, PROSE_3)
    assert sentence in kept, dropped


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Fallen dir weitere Gründe ein? Dann schreibe mir gern einen Kommentar unter diesen Artikel.", "comment-prompt"),
        ("Redakteurin in der Lokalredaktion.", "author-bio"),
        ("Grafik Neuinfektionen im Hafenviertel pro Woche", "photo-caption"),
        ("Erhalten Sie Antworten auf Ihre Fragen zum Thema Hafengebühren.", "call-to-action"),
    ],
)
def test_comment_role_chart_and_offer_lines(line: str, rule: str) -> None:
    kept, dropped = clean(PROSE_1, line, PROSE_2)
    assert kept == [PROSE_1, PROSE_2]
    assert dropped == {line: rule}


def test_numbered_comment_header_takes_its_comment_after_the_timestamp() -> None:
    comment = "Danke für den Bericht, endlich schreibt jemand über die Fähre."
    kept, dropped = clean(PROSE_1, PROSE_2, "#1 Kommentar von Hafenfan", "26. März 2024, 16:19", comment)
    assert kept == [PROSE_1, PROSE_2]
    assert dropped[comment] == "comment" and dropped["#1 Kommentar von Hafenfan"] == "comment-header"


@pytest.mark.parametrize(
    "sentence",
    [
        "Der Bürgermeister sagt:",
        "Erhalten Sie als Hafenarbeiter eine Entschädigung?",
        "Reporter ohne Grenzen fordert die Freilassung des Fotografen.",
        "Er schrieb einen Kommentar in der Lokalzeitung, der viel gelesen wurde.",
    ],
)
def test_story_lines_like_comment_and_offer_cues_survive(sentence: str) -> None:
    kept, dropped = clean(PROSE_1, sentence, PROSE_2, PROSE_3)
    assert sentence in kept, dropped


@pytest.mark.parametrize(
    "closing",
    [
        "Siemens is a partner in the harbour project and will deliver the cranes next year.",
        "Harbour Logistics is the main contractor and was founded by dockworkers in 1990.",
    ],
)
def test_company_sentence_at_the_end_is_not_an_author_box(closing: str) -> None:
    kept, dropped = clean(PROSE_1, PROSE_2, PROSE_3, closing)
    assert closing in kept, dropped


@pytest.mark.parametrize(
    "sentence",
    [
        "\u201cWe need your help to find the driver,\u201d police said on Monday.",
        "Einen Supermarkt gibt es hier.",
    ],
)
def test_appeals_in_reported_speech_and_plain_hier_sentences_survive(sentence: str) -> None:
    kept, dropped = clean(PROSE_1, sentence, PROSE_2, PROSE_3)
    assert sentence in kept, dropped


def test_magazine_sales_in_a_story_are_not_an_offer() -> None:
    sentence = "Die Zeitung verkauft nach eigenen Angaben 20.000 Exemplare im Abo und 5.000 am Kiosk."
    kept, dropped = clean(PROSE_1, sentence, PROSE_2, PROSE_3)
    assert sentence in kept, dropped
