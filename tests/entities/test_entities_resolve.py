"""Resolution on invented multi-source stories: joins that must happen, merges that must not."""

from __future__ import annotations

import datetime as dt

from storylens.entities.index import EntityIndex
from storylens.entities.stage import EntitiesAnalyser
from storylens.records import Article, Entity, Story, StoryAnalysis

FIRST = (
    "PRYLUZHNE, Ukraine - A dam on the Bilyanka reservoir burst on Friday, flooding the "
    "village of Zelenyi Hai and the town of Pryluzhne, officials said.\n\n"
    "A local man, Oleg, 58, said he carried his mother out through a window. "
    "Oleg said the water came in minutes.\n\n"
    "The mayor of Pryluzhne, Oleg Petrenko, called the warning system a failure. "
    '"We will rebuild every house," Petrenko said.\n\n'
    "Lt. Gen. Oleh Sirenko, who commands the army engineers, said the dyke would hold. "
    "He told The Northern Times that 20,000 sandbags had been filled."
)
SECOND = (
    "Flood waters reached Zeleny Gai late on Friday, and Priluzhnoye was cut off from "
    "Kharkov, according to the Northern Times.\n\n"
    "The general, Oleg Sirenko, told the Times that the dyke was holding. The outlet "
    "reported that 3,000 people had left their homes.\n\n"
    "Mayor Oleg Petrenko said the town would be rebuilt. A German aid group sent water to "
    "the families of Selenyi Gaj and Priluzhnoye."
)
THIRD = (
    "Officials in Bryansk and Berdyansk said they were watching the flood in Pryluzhne. "
    "Zelenyi Hai, the village worst hit, counted its dead; the road to Kharkiv was closed."
)


def _analysis() -> StoryAnalysis:
    articles = (
        Article(
            id="a1",
            origin="one.txt",
            title="Dam bursts",
            text=FIRST,
            outlet="Meridian Press",
            published=dt.date(2023, 9, 9),
        ),
        Article(
            id="a2",
            origin="two.txt",
            title="Flood",
            text=SECOND,
            outlet="Zerkalo (English edition)",
            published=dt.date(2023, 9, 10),
        ),
        Article(
            id="a3",
            origin="three.txt",
            title="Watch",
            text=THIRD,
            outlet="Dnipro Line",
            published=dt.date(2023, 9, 11),
        ),
    )
    story = Story(id="s1", article_ids=tuple(a.id for a in articles), headline="Dam")
    return StoryAnalysis(story=story, articles=articles)


def _entity_of(entities: tuple[Entity, ...], alias: str) -> Entity:
    owners = [e for e in entities if alias in e.aliases]
    assert len(owners) == 1, (alias, [(e.name, e.aliases) for e in owners])
    return owners[0]


def test_place_variants_join_and_look_alikes_stay_apart(analyser: EntitiesAnalyser) -> None:
    entities = analyser.analyse(_analysis()).entities
    village = _entity_of(entities, "Zelenyi Hai")
    assert {"Zeleny Gai", "Selenyi Gaj"} <= set(village.aliases)
    assert village.type == "PLACE"
    town = _entity_of(entities, "Pryluzhne")
    assert "Priluzhnoye" in town.aliases
    kharkiv = _entity_of(entities, "Kharkov")
    assert kharkiv.name == "Kharkiv" and "Kharkiv" in kharkiv.aliases
    assert _entity_of(entities, "Bryansk") is not _entity_of(entities, "Berdyansk")


def test_people_sharing_a_first_name_are_never_merged(analyser: EntitiesAnalyser) -> None:
    entities = analyser.analyse(_analysis()).entities
    mayor = _entity_of(entities, "Oleg Petrenko")
    general = _entity_of(entities, "Oleh Sirenko")
    resident = _entity_of(entities, "Oleg")
    assert len({mayor.id, general.id, resident.id}) == 3
    assert "Petrenko" in mayor.aliases and any("mayor" in r.lower() for r in mayor.roles)
    assert "Oleg Sirenko" in general.aliases and "Lt. Gen." in general.roles
    assert resident.mentions and all(m.text == "Oleg" for m in resident.mentions)
    assert "local man" in resident.roles
    assert mayor.type == general.type == resident.type == "PERSON"


def test_outlet_short_forms_and_references(analyser: EntitiesAnalyser) -> None:
    entities = analyser.analyse(_analysis()).entities
    times = _entity_of(entities, "Times")
    assert times.type == "OUTLET" and times.name.endswith("Northern Times")
    assert "The outlet" in times.aliases


def test_entities_are_sorted_by_salience_with_evidence(analyser: EntitiesAnalyser) -> None:
    analysis = _analysis()
    entities = analyser.analyse(analysis).entities
    sources = [len(e.sources) for e in entities]
    assert sources == sorted(sources, reverse=True)
    texts = {a.id: a.text for a in analysis.articles}
    for entity in entities:
        for mention in entity.mentions:
            assert texts[mention.article_id][mention.start : mention.end] == mention.text


def test_entity_index_lookups(analyser: EntitiesAnalyser) -> None:
    analysis = _analysis()
    index = EntityIndex(analyser.analyse(analysis).entities)
    start = FIRST.index("Petrenko said")
    assert index.at("a1", start, start + len("Petrenko")).name == "Oleg Petrenko"
    assert index.by_name("Mayor Petrenko").name == "Oleg Petrenko"
    assert index.by_name("Oleg") is not None and index.by_name("Oleg").name == "Oleg"
    assert index.by_name("Kiev Oblast") is None
    assert index.by_role("mayor").name == "Oleg Petrenko"
    assert index.by_name("the Times", type="OUTLET").name.endswith("Northern Times")
