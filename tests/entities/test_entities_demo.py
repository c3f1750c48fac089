"""The demo corpus: every variant of each place joined, no two people merged.

The answer key (src/storylens/demo/answers.json) lists each entity's spelling variants and
groups of names that must never merge. A variant that the NER does not find as a name is not
required (some are lower-case descriptions, "the regional administration"), but every variant
that appears among an entity's aliases must sit in that one entity.
"""

from __future__ import annotations

import pytest

from storylens.entities.stage import EntitiesAnalyser
from storylens.records import Entity

from .demo_support import answers, demo_story


@pytest.fixture(scope="module")
def entities(analyser: EntitiesAnalyser) -> dict[int, tuple[Entity, ...]]:
    return {i: analyser.analyse(demo_story(i)).entities for i in range(len(answers()["stories"]))}


def _bare(name: str) -> str:
    """Mention spans leave out a leading "the" ("told the Times" -> "Times")."""
    return name[4:] if name.lower().startswith("the ") else name


def _owners(entities: tuple[Entity, ...], variant: str) -> set[str]:
    return {e.id for e in entities if _bare(variant) in {_bare(a) for a in e.aliases}}


def _story_of(item: dict) -> int:  # type: ignore[type-arg]
    return 1 if item.get("story") == "port" else 0


def test_every_place_variant_is_joined(entities: dict[int, tuple[Entity, ...]]) -> None:
    for item in answers()["entities"]:
        if item["type"] != "place":
            continue
        found = [v for v in item["variants"] if _owners(entities[_story_of(item)], v)]
        owners = set().union(*(_owners(entities[_story_of(item)], v) for v in found))
        assert found, item["name"]
        assert len(owners) == 1, (item["name"], found)


def test_the_village_gets_all_its_spellings(entities: dict[int, tuple[Entity, ...]]) -> None:
    village = next(e for e in entities[0] if "Zelenyi Hai" in e.aliases)
    wanted = next(i for i in answers()["entities"] if i["name"] == "Zelenyi Hai")["variants"]
    assert set(wanted) <= set(village.aliases)
    assert village.type == "PLACE"


def test_no_two_people_are_merged(entities: dict[int, tuple[Entity, ...]]) -> None:
    people = [i for i in answers()["entities"] if i["type"] == "person"]
    for story, found in entities.items():
        for entity in found:
            names = {
                p["name"]
                for p in people
                if _story_of(p) == story and set(p["variants"]) & set(entity.aliases)
            }
            assert len(names) <= 1, (entity.name, names)


def test_distinct_groups_never_share_an_entity(entities: dict[int, tuple[Entity, ...]]) -> None:
    for group in answers()["distinct"]:
        for found in entities.values():
            owners = [e.id for name in group for e in found if name in e.aliases or e.name == name]
            assert len(owners) == len(set(owners)), group


def test_people_and_outlets_resolve_their_variants(entities: dict[int, tuple[Entity, ...]]) -> None:
    wanted = {"Oleg Petrenko", "Oleh Sirenko", "Mariia Lysenko", "Taras Hnatiuk", "Oleg"}
    wanted |= {"The Northern Times", "Kyiv Courier", "Meridian Press", "Pryluzhne Vistnyk"}
    for item in answers()["entities"]:
        if item["name"] not in wanted:
            continue
        found = [v for v in item["variants"] if _owners(entities[0], v)]
        owners = set().union(*(_owners(entities[0], v) for v in found))
        if item["type"] == "person":
            assert found, item["name"]  # every person of the story is found
        assert len(owners) <= 1, (item["name"], found)
