"""Companies, acronyms and surnames the NER mis-types: joins that must happen, merges that must
not (the cases found reading real wire coverage of one long story, re-told with invented names).

Mentions are built by hand, with the labels and cues the NER and the cue rules give such text, so
each rule is tested on its own evidence.
"""

from __future__ import annotations

import pytest

from storylens.entities.fold import fold_name
from storylens.entities.groups import NameGroup
from storylens.entities.mentions import NameMention, extract_mentions, is_date, mention_from_span
from storylens.entities.places import resolve_places
from storylens.entities.resolve import EntityResolver
from storylens.entities.settings import EntitySettings
from storylens.nlp import NlpResources
from storylens.records import Article, Entity

STORY = "st-1"


def _mention(
    article: str, start: int, text: str, label: str, cues: tuple[str, ...] = ()
) -> NameMention:
    start += 10  # inside a sentence: a name seen only opening sentences is dropped as weak
    return NameMention(
        article_id=article,
        start=start,
        end=start + len(text),
        text=text,
        label=label,
        cues=frozenset(cues),
        group=STORY,
        sentence=start // 100,
        key=fold_name(text),
    )


def _resolve(mentions: list[NameMention]) -> list[Entity]:
    articles = sorted({m.article_id for m in mentions})
    texts = [Article(id=a, origin=f"{a}.txt", title=None, text="x " * 2000) for a in articles]
    return EntityResolver(EntitySettings(use_gazetteer=False), None).resolve(mentions, texts)


def _entity_of(entities: list[Entity], alias: str) -> Entity:
    return next(e for e in entities if alias in e.aliases)


def test_a_surname_the_ner_calls_a_place_joins_its_person() -> None:
    mentions = [_mention("a1", 0, "Tony Hartwell", "PERSON", ("PERSON",))]
    mentions += [_mention("a1", 100 * i, "Hartwell", "PLACE", ("PERSON",)) for i in range(1, 4)]
    mentions += [_mention("a1", 500, "Hartwell", "PLACE", ("PLACE",))]
    mentions += [_mention("a2", 100 * i, "Hartwell", "PLACE") for i in range(5)]
    entities = _resolve(mentions)
    person = _entity_of(entities, "Tony Hartwell")
    assert person.type == "PERSON"
    assert len(person.mentions) == 10
    assert [e for e in entities if e.type == "PLACE"] == []


def test_a_place_the_text_calls_a_place_stays_a_place() -> None:
    mentions = [_mention("a1", 0, "Tony Hartwell", "PERSON", ("PERSON",))]
    mentions += [_mention("a2", 100 * i, "Hartwell", "PLACE", ("PLACE",)) for i in range(4)]
    mentions += [_mention("a2", 500, "Hartwell", "PLACE", ("PERSON",))]
    entities = _resolve(mentions)
    assert _entity_of(entities, "Tony Hartwell").aliases == ("Tony Hartwell",)
    assert _entity_of(entities, "Hartwell").type == "PLACE"


def test_a_surname_of_several_people_goes_to_the_one_named_before_it_or_the_dominant_one() -> None:
    mentions = [_mention("a1", 100 * i, "Tony Hartwell", "PERSON") for i in range(9)]
    mentions += [_mention("a2", 0, "Briton Tony Hartwell", "PERSON")]
    mentions += [_mention("a2", 100, "Hartwell", "PLACE", ("PERSON",))]
    mentions += [_mention("a3", 100, "Hartwell", "PLACE", ("PERSON",))]
    entities = _resolve(mentions)
    assert len(_entity_of(entities, "Briton Tony Hartwell").mentions) == 2  # named before, in a2
    assert len(_entity_of(entities, "Tony Hartwell").mentions) == 10  # a3: 9 of 10 full names


def test_capitals_join_only_a_surname_spelt_the_same() -> None:
    mentions = [_mention("a1", 0, "Robert Rigg", "PERSON"), _mention("a2", 0, "RIG", "ORG")]
    entities = _resolve(mentions)
    assert _entity_of(entities, "RIG").aliases == ("RIG",)


def test_a_legal_form_is_no_surname() -> None:
    mentions = [_mention("a1", 0, "Simmons & Co", "PERSON"), _mention("a1", 100, "Co", "ORG")]
    entities = _resolve(mentions)
    assert _entity_of(entities, "Simmons & Co").type == "ORG"
    assert _entity_of(entities, "Simmons & Co").aliases == ("Simmons & Co",)


def test_a_company_joins_its_name_with_a_legal_form_through_every_short_form() -> None:
    mentions = [
        _mention("a1", 0, "Norvane Drilling Ltd", "ORG"),
        _mention("a1", 100, "Norvane Drilling", "PLACE"),
        _mention("a1", 200, "Norvane Drilling", "NORP"),
        _mention("a2", 0, "Halvard & Co Ltd", "PERSON"),
        _mention("a2", 100, "Halvard & Co", "ORG"),
        _mention("a2", 200, "Halvard", "PLACE"),
        _mention("a3", 0, "Harbour Oil", "ORG"),
        _mention("a3", 100, "Oil", "ORG"),
    ]
    entities = _resolve(mentions)
    norvane = _entity_of(entities, "Norvane Drilling Ltd")
    assert (norvane.type, len(norvane.mentions)) == ("ORG", 3)
    halvard = _entity_of(entities, "Halvard & Co Ltd")
    assert (halvard.type, len(halvard.mentions)) == ("ORG", 3)  # "Halvard" -> "& Co" -> "Ltd"
    # a company's last word is no short form of it ("House" is not the White House)
    assert _entity_of(entities, "Oil").aliases == ("Oil",)


def test_a_name_the_text_calls_a_person_is_no_short_name_of_a_company() -> None:
    mentions = [_mention("a1", 0, "Pell Corp", "ORG")]
    mentions += [_mention("a2", 100 * i, "Pell", "PERSON", ("PERSON",)) for i in range(3)]
    entities = _resolve(mentions)
    assert _entity_of(entities, "Pell").type == "PERSON"
    assert _entity_of(entities, "Pell Corp").aliases == ("Pell Corp",)


def test_an_acronym_joins_a_name_only_where_an_article_introduces_it() -> None:
    mentions = [
        _mention("a1", 0, "National Fisheries Board", "ORG"),
        _mention("a1", 100, "NFB", "ORG"),
        _mention("a2", 0, "Senate Energy Committee", "ORG"),
        _mention("a3", 0, "SEC", "ORG"),
        _mention("a4", 0, "HPA", "ORG"),
        _mention("a4", 100, "Harbour Pilots Association", "ORG"),
    ]
    entities = _resolve(mentions)
    assert set(_entity_of(entities, "NFB").aliases) == {"NFB", "National Fisheries Board"}
    assert _entity_of(entities, "SEC").aliases == ("SEC",)
    assert _entity_of(entities, "HPA").aliases == ("HPA",)  # written before its name


def test_the_last_part_of_a_hyphenated_name_is_no_short_form() -> None:
    mentions = [_mention("a1", 0, "Norvane-GX", "ORG"), _mention("a1", 100, "GX", "ORG")]
    assert _entity_of(_resolve(mentions), "GX").aliases == ("GX",)


def test_two_names_with_a_comma_spell_no_two_letter_acronym() -> None:
    mentions = [
        _mention("a1", 0, "Treborth, Bangor", "ORG"),
        _mention("a1", 100, "TB", "ORG"),
        _mention("a2", 0, "Bureau of Harbour Safety, Pilotage and Dredging", "ORG"),
        _mention("a2", 100, "BHSPD", "ORG"),
    ]
    entities = _resolve(mentions)
    assert _entity_of(entities, "TB").aliases == ("TB",)
    assert len(_entity_of(entities, "BHSPD").aliases) == 2


def test_an_acronym_spells_the_written_initials_not_the_folded_ones() -> None:
    # The transliteration fold writes "White House" as "vaite gouse": "VG" is not its acronym.
    mentions = [_mention("a1", 0, "White House", "ORG"), _mention("a1", 100, "VG", "ORG")]
    assert _entity_of(_resolve(mentions), "VG").aliases == ("VG",)


@pytest.mark.parametrize(
    ("written", "date"),
    [
        ("Thu Jun 10, 2010", True),
        ("Fri Oct", True),
        ("Sun Jul 4", True),
        ("Tue Jun 15, 2010 6:17 pm EDT", True),
        ("PM", False),
        ("Jun 10", True),
        ("Monday", True),
        ("May", False),
        ("August", False),
        ("Theresa May", False),
        ("Fri Halvorsen", False),
    ],
)
def test_dates_the_ner_calls_names(written: str, date: bool) -> None:
    assert is_date(written) is date


def test_a_date_span_is_no_mention() -> None:
    text = "Thu Jun 10, 2010 3:05pm EDT"
    assert mention_from_span(text, 0, 16, "PERSON", "a1") is None


def test_leading_dashes_are_no_part_of_a_name() -> None:
    text = "-- Riki Ottoway, a marine biologist, said so."
    mention = mention_from_span(text, 0, 15, "PERSON", "a1")
    assert mention is not None
    assert (mention.text, mention.start) == ("Riki Ottoway", 3)


def test_a_sentence_adverb_glued_to_a_name_is_dropped(resources: NlpResources) -> None:
    text = "Thankfully Vostrikov has not caved in to the demands."
    doc = resources.nlp(text)
    assert [m.text for m in extract_mentions(doc, "a1", text=text)] == ["Vostrikov"]


def test_a_bracket_the_ner_ran_into_is_no_part_of_the_name() -> None:
    text = "The World Fisheries Organisation (WFO said so."
    mention = mention_from_span(text, 4, 37, "ORG", "a1")
    assert mention is not None
    assert mention.text == "World Fisheries Organisation"


def test_a_word_of_a_place_name_is_no_surname() -> None:
    mentions = [
        _mention("a1", 0, "Buggie Vegas", "PERSON"),
        _mention("a2", 0, "Las Vegas", "PLACE", ("PLACE",)),
        _mention("a3", 0, "Vegas", "PLACE", ("PERSON",)),
    ]
    mentions += [_mention("a2", 100 * i, "Vegas", "PLACE") for i in range(1, 5)]
    entities = _resolve(mentions)
    assert "Vegas" not in _entity_of(entities, "Buggie Vegas").aliases


def test_names_that_differ_by_a_number_are_different_things() -> None:
    mentions = [
        _mention("a1", 0, "Radio 1", "ORG"),
        _mention("a1", 100, "Radio 2", "ORG"),
        _mention("a2", 0, "School No. 3", "FAC"),
        _mention("a2", 100, "School No. 5", "FAC"),
    ]
    entities = _resolve(mentions)
    assert {e.aliases for e in entities} == {
        ("Radio 1",),
        ("Radio 2",),
        ("School No. 3",),
        ("School No. 5",),
    }


def test_an_initial_joins_one_first_name_not_two() -> None:
    mentions = [
        _mention("a1", 0, "J R Morwen", "PERSON"),
        _mention("a1", 100, "Jane Morwen", "PERSON"),
        _mention("a1", 200, "Jane Morwen", "PERSON"),
        _mention("a2", 0, "John Morwen", "PERSON"),
    ]
    entities = _resolve(mentions)
    jane, john = _entity_of(entities, "Jane Morwen"), _entity_of(entities, "John Morwen")
    assert jane is not john


def test_a_fold_collision_between_two_kinds_of_name_is_two_names() -> None:
    # The fold's h = g makes "Herald" and "Gerald" one key; an outlet and a man are two names.
    mentions = [_mention("a1", 0, "Harbour Herald", "ORG")]
    mentions += [_mention("a1", 100 * i, "Herald", "ORG") for i in range(1, 4)]
    mentions += [_mention("a2", 100 * i, "Gerald", "PERSON") for i in range(2)]
    entities = _resolve(mentions)
    assert "Gerald" not in _entity_of(entities, "Herald").aliases
    assert _entity_of(entities, "Gerald").type == "PERSON"


def test_one_place_spelled_with_h_and_g_stays_one_name() -> None:
    mentions = [_mention("a1", 0, "Hlukhiv", "PLACE"), _mention("a2", 0, "Glukhiv", "PLACE")]
    assert set(_entity_of(_resolve(mentions), "Hlukhiv").aliases) == {"Hlukhiv", "Glukhiv"}


def _place_group(text: str, count: int) -> NameGroup:
    mentions = [_mention(f"a{i}", 0, text, "PLACE", ("PLACE",)) for i in range(count)]
    return NameGroup(key=fold_name(text), mentions=mentions, type="PLACE")


@pytest.mark.parametrize(
    ("town", "other", "joined"),
    [
        ("Louisiana", "Lousiana", True),  # a typo
        ("Alabama", "Albama", True),
        ("Houston", "Hoschton", False),  # another (smaller) town
        ("Alaska", "Alyeska", False),  # a company named after it
        ("Texas", "Taxes", False),
        ("Canada", "Canadian", True),  # its adjective
        ("California", "Calif.", True),  # cut short
    ],
)
def test_a_known_town_joins_only_its_typos(town: str, other: str, joined: bool) -> None:
    groups = [_place_group(town, 5), _place_group(other, 2)]
    neighbours = {g.key: {"gulf", "coast", "spill"} for g in groups}  # shared context
    clusters = resolve_places(groups, neighbours, EntitySettings(), towns={groups[0].key})
    assert (len(clusters) == 1) is joined


def test_a_short_form_is_the_written_last_word_not_a_folded_one() -> None:
    mentions = [_mention("a1", 0, "Harbour Herald", "ORG")]
    mentions += [_mention("a1", 100 * i, "Herald", "ORG") for i in range(1, 3)]
    mentions += [_mention("a2", 100 * i, "Gerald", "PERSON") for i in range(3)]
    entities = _resolve(mentions)
    assert set(_entity_of(entities, "Herald").aliases) == {"Harbour Herald", "Herald"}
    assert _entity_of(entities, "Gerald").type == "PERSON"


def test_a_name_the_text_calls_a_company_is_one_whatever_the_ner_says() -> None:
    mentions = [_mention("a1", 100 * i, "Halvorsk", "PLACE") for i in range(8)]
    mentions += [_mention("a2", 100 * i, "Halvorsk", "PLACE", ("ORG",)) for i in range(2)]
    assert _entity_of(_resolve(mentions), "Halvorsk").type == "ORG"
    once = [_mention("a1", 100 * i, "Brunvik", "PLACE") for i in range(8)]
    once += [_mention("a2", 0, "Brunvik", "PLACE", ("ORG",))]
    assert _entity_of(_resolve(once), "Brunvik").type == "PLACE"


def test_a_landform_word_after_a_known_place_makes_another_place() -> None:
    # "Canyon" is also a Texan town: as a word after a state's name it makes a feature.
    state, canyon = _place_group("Mississippi", 5), _place_group("Mississippi Canyon", 2)
    town = _place_group("Canyon", 1)
    neighbours = {g.key: {"gulf", "coast", "spill"} for g in (state, canyon)}
    clusters = resolve_places(
        [state, canyon], neighbours, EntitySettings(), {town.key}, towns={state.key, town.key}
    )
    assert len(clusters) == 2


def test_spellings_whose_labels_never_meet_are_two_names() -> None:
    # "German" (a nationality) folds like "Herrman" (a composer's surname misspelt).
    mentions = [_mention("a1", 0, "Bernard Herrmann", "PERSON")]
    mentions += [_mention("a1", 100, "Herrman", "PERSON"), _mention("a1", 200, "Herrmann", "ORG")]
    mentions += [_mention("a1", 300, "German", "NORP")]
    person = _entity_of(_resolve(mentions), "Bernard Herrmann")
    assert "German" not in person.aliases
    assert "Herrman" in person.aliases
