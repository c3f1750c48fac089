from __future__ import annotations

from storylens.provenance.attribution import find_attributions, is_translation
from storylens.provenance.outlets import OutletDirectory
from storylens.records import Article, ProvenanceHint
from storylens.text.segment import RuleSegmenter


def _found(text: str, outlet: str | None = None, story: tuple[str, ...] = (), **extra: object):  # type: ignore[no-untyped-def]
    article = Article("a", "a.txt", None, text, outlet=outlet, **extra)  # type: ignore[arg-type]
    sentences = RuleSegmenter().split("a", text)
    directory = OutletDirectory.build(story)
    return [(m.resolved, m.kind, m.cue, m.first_hand) for m in find_attributions(article, sentences, directory)]


def test_cue_phrases_and_outlet_kinds() -> None:
    found = _found(
        "The toll rose to 52, according to Reuters. The Valley Gazette reported that the dam was "
        "old. The water rose fast, per the BBC. A witness told local outlet Zerkalo that she ran. "
        "In an interview with AP, the mayor said the town would be rebuilt."
    )
    assert ("Reuters", "agency", "according to", False) in found
    assert ("The Valley Gazette", "outlet", "reported", False) in found
    assert ("BBC", "outlet", "per", False) in found
    assert ("Zerkalo", "outlet", "told", False) in found
    assert ("Associated Press", "agency", "interview", False) in found


def test_short_forms_resolve_to_the_outlet_named_earlier() -> None:
    found = _found(
        "General Sirenko told The Northern Times that the dyke would hold. The water had "
        "dropped by two metres, he told the Times.",
        story=("The Northern Times",),
    )
    assert [f[0] for f in found] == ["The Northern Times", "The Northern Times"]


def test_anaphors_refer_to_the_latest_outlet_or_agency() -> None:
    found = _found(
        "The State Emergency Service said in a statement that 4,500 people had left. The agency "
        "reported that the sirens were late. Dnipro Line, a regional news site, reported a "
        "warning. The outlet reported that officials ignored it."
    )
    assert found[0][:2] == ("the State Emergency Service", "organisation")
    assert found[1][:2] == ("the State Emergency Service", "organisation")
    assert found[2][:2] == ("Dnipro Line", "outlet")
    assert found[3][:2] == ("Dnipro Line", "outlet")


def test_people_are_sources_but_not_outlets() -> None:
    found = _found("The dam was old, according to Petrenko. Officials reported no deaths.")
    assert all(kind != "outlet" for _, kind, _, _ in found)
    assert not any(name.lower().startswith("officials") for name, *_ in found)


def test_own_outlet_is_first_hand_not_a_citation() -> None:
    found = _found("Residents told the Courier that cracks had appeared in spring.",
                   outlet="Kyiv Courier", story=("Kyiv Courier",))
    assert found == [("Kyiv Courier", "outlet", "told", True)]


def test_republication_notices_and_hints() -> None:
    hint = ProvenanceHint("republished", "Meridian Press",
                          "This article originally appeared on Meridian Press.")
    found = _found("Read the original article on Meridian Press.", outlet="Riverbank Gazette",
                   story=("Meridian Press", "Riverbank Gazette"), hints=(hint,))
    assert ("Meridian Press", "outlet", "republished", False) in found
    cues = {f[2] for f in found}
    assert cues == {"republished"}


def test_translation_notice() -> None:
    assert is_translation(Article("t", "t", None, "Translated from Russian. The interview was "
                                                  "published by Zerkalo."))
    assert not is_translation(Article("u", "u", None, "The translator said nothing."))


def test_per_cent_is_not_an_attribution() -> None:
    assert _found("Prices rose 9 per cent, while rents climbed by a third.") == []


def test_entities_stage_types_are_used() -> None:
    article = Article("a", "a.txt", None, "Zerkalo reported that the dam had cracked.")
    sentences = RuleSegmenter().split("a", article.text)
    found = find_attributions(article, sentences, OutletDirectory.build(()),
                              entity_types={"zerkalo": "OUTLET"})
    assert [(m.resolved, m.kind) for m in found] == [("Zerkalo", "outlet")]
    found = find_attributions(article, sentences, OutletDirectory.build(()),
                              entity_types={"zerkalo": "PERSON"})
    assert [(m.resolved, m.kind) for m in found] == [("Zerkalo", "person")]
