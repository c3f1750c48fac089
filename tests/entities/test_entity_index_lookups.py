"""The index's remembered lookups (issue 12) answer as the plain scans did."""

from __future__ import annotations

from storylens.entities.index import EntityIndex
from storylens.records import Entity, Mention


def _entities() -> list[Entity]:
    return [
        Entity("e1", "Oleg Petrenko", "PERSON", ("Petrenko",),
               (Mention("a1", 10, 23, "Oleg Petrenko"), Mention("a2", 5, 13, "Petrenko"),
                Mention("a1", 80, 88, "Petrenko")), roles=("mayor of Pryluzhne",)),
        Entity("e2", "Pryluzhne", "PLACE", (), (Mention("a1", 40, 49, "Pryluzhne"),)),
        Entity("e3", "Anna Koval", "PERSON", (), (Mention("a1", 60, 70, "Anna Koval"),),
               roles=("spokeswoman", "deputy mayor")),
        Entity("e4", "Ivan Bondar", "PER", (), (Mention("a1", 95, 106, "Ivan Bondar"),)),
    ]


def test_person_mentions_follow_entity_then_mention_order() -> None:
    index = EntityIndex(_entities())
    expected = [
        (e, m) for e in index.entities if e.type in ("PERSON", "PER")
        for m in e.mentions if m.article_id == "a1"
    ]
    assert index.person_mentions("a1") == expected
    assert [m.start for _, m in index.person_mentions("a1")] == [10, 80, 60, 95]
    assert index.person_mentions("none") == []


def test_by_role_remembered_answers_agree() -> None:
    index = EntityIndex(_entities())
    for _ in range(2):  # computed, then remembered
        assert index.by_role("spokeswoman") is not None
        assert index.by_role("mayor") is None  # two people are some kind of mayor
        assert index.by_role("deputy mayor", "a1") is not None
        assert index.by_role("spokeswoman", "a2") is None
        assert index.by_role("Mayor of Pryluzhne").name == "Oleg Petrenko"  # type: ignore[union-attr]


def _scan_by_role(entities: list[Entity], role: str, article_id: str | None) -> Entity | None:
    """The rule by_role implements, as a plain scan of every person with roles."""
    wanted = role.lower().split()
    found = []
    for entity in entities:
        if entity.type != "PERSON" or not entity.roles:
            continue
        if article_id is not None and article_id not in entity.sources:
            continue
        for stated in entity.roles:
            words = stated.lower().replace(".", "").split()
            if any(words[i : i + len(wanted)] == wanted for i in range(len(words) - len(wanted) + 1)):
                found.append(entity)
                break
    return found[0] if len(found) == 1 else None


def test_by_role_word_index_agrees_with_a_scan() -> None:
    entities = [
        *_entities(),
        Entity("e5", "Mark Lee", "PERSON", (), (Mention("a3", 1, 9, "Mark Lee"),),
               roles=("Lt. Gen.", "chief of staff")),
        Entity("e6", "Olga Dan", "PERSON", (), (Mention("a2", 30, 38, "Olga Dan"),),
               roles=("head of the port authority",)),
    ]
    index = EntityIndex(entities)
    roles = ["mayor", "deputy mayor", "of", "lt gen", "gen", "staff", "chief of staff",
             "port authority", "the port", "Spokeswoman", "", "of the port authority", "nobody",
             "mayor of", "lt. gen."]
    for role in roles:
        for article_id in (None, "a1", "a2", "a3"):
            assert index.by_role(role, article_id) == _scan_by_role(entities, role, article_id), (
                role, article_id)
