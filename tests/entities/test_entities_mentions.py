"""NER fixes: titles become roles, possessives and paragraph breaks are cut, types follow cues."""

from __future__ import annotations

from storylens.entities.mentions import NerFixes, extract_mentions, mention_from_span
from storylens.nlp import NlpResources


def _mentions(resources: NlpResources, text: str, fixes: NerFixes = NerFixes()) -> dict[str, tuple]:
    doc = resources.nlp(text)
    return {m.text: m for m in extract_mentions(doc, "a1", fixes=fixes)}


def test_titles_and_ranks_become_roles(resources: NlpResources) -> None:
    found = _mentions(
        resources,
        "Lt. Gen. Oleh Sirenko inspected the dyke. Emergencies Minister Taras Hnatiuk "
        "arrived later, and Deputy Minister Ivan Petrov met Mayor Petrenko.",
    )
    assert "Lt. Gen." in found["Oleh Sirenko"].roles
    assert "Emergencies Minister" in found["Taras Hnatiuk"].roles
    assert "Deputy Minister" in found["Ivan Petrov"].roles
    assert "Mayor" in found["Petrenko"].roles


def test_title_inside_the_span_is_cut_off() -> None:
    text = "Striker Bohdan Lytvyn scored twice."
    mention = mention_from_span(text, 0, len("Striker Bohdan Lytvyn"), "PERSON", "a1")
    assert mention is not None
    assert mention.text == "Bohdan Lytvyn"
    assert mention.roles[0] == "Striker"
    assert text[mention.start : mention.end] == "Bohdan Lytvyn"


def test_possessive_determiner_and_paragraph_break_are_cut() -> None:
    text = "Roughly half of Zelenyi Hai's residents slept. Marek Zielinski\n\nWhite storks flew."
    owner = mention_from_span(text, 16, 29, "PERSON", "a1")
    assert owner is not None and owner.text == "Zelenyi Hai"
    broken = mention_from_span(text, text.index("Marek"), text.index("storks") - 1, "PERSON", "a1")
    assert broken is not None and broken.text == "Marek Zielinski"
    dam = mention_from_span("They fled the Bilyanka dam.", 10, 26, "LOC", "a1")
    assert dam is not None and dam.text == "Bilyanka dam"
    school = mention_from_span("Water reached School No. 3 first.", 14, 23, "ORG", "a1")
    assert school is not None and school.text == "School No. 3"


def test_line_break_inside_a_name_is_joined(resources: NlpResources) -> None:
    text = "The talks were led by Deputy Minister Ivan\nPetrov of the ministry."
    found = _mentions(resources, text)
    assert any(m.text == "Ivan Petrov" for m in found.values())


def test_context_cues_and_introductions(resources: NlpResources) -> None:
    found = _mentions(
        resources,
        "Water swept through the village of Zelenyi Hai. A local man, Oleg, 58, said he "
        "woke to breaking glass. The dam is run by Bilyanka Hydro, a state-owned company. "
        "In an interview with local outlet Zerkalo, the mayor spoke.",
    )
    assert "PLACE" in found["Zelenyi Hai"].cues
    assert found["Oleg"].introduced and "PERSON" in found["Oleg"].cues
    assert "local man" in found["Oleg"].roles
    assert "ORG" in found["Bilyanka Hydro"].cues
    assert "OUTLET" in found["Zerkalo"].cues


def test_fixes_can_be_switched_off(resources: NlpResources) -> None:
    text = "Lt. Gen. Oleh Sirenko inspected the dyke near Pryluzhne."
    off = _mentions(resources, text, NerFixes(False, False, False, False, False))
    assert all(not m.roles and not m.cues for m in off.values())
