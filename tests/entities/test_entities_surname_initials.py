"""A one-word surname joins a full-name person only when the written initials agree.

The transliteration fold makes *h* and *g* one letter (Ukrainian *Hnatiuk*, Russian *Gnatyuk*),
so on folded keys alone an English "Gill" was the surname of "Christopher Hill".
"""

from __future__ import annotations

from storylens.entities.fold import fold_name
from storylens.entities.groups import NameGroup
from storylens.entities.mentions import NameMention
from storylens.entities.people import resolve_people


def _person(text: str, start: int) -> NameGroup:
    mention = NameMention("people-1", start, start + len(text), text, "PERSON", key=fold_name(text))
    return NameGroup(fold_name(text), [mention], type="PERSON")


def _people_of(*groups: NameGroup) -> list[set[str]]:
    people, _ = resolve_people(list(groups))
    return [{m.text for m in p.mentions} for p in people]


def test_surname_with_another_initial_stays_apart() -> None:
    assert fold_name("Gill") == fold_name("Hill")
    people = _people_of(_person("Taras Hill", 0), _person("Gill", 40))
    assert {"Taras Hill"} in people and {"Gill"} in people


def test_surname_with_the_same_initial_joins() -> None:
    people = _people_of(_person("Taras Hill", 0), _person("Hill", 40))
    assert {"Taras Hill", "Hill"} in people


def test_different_middle_names_are_different_people() -> None:
    people = _people_of(
        _person("Taras Bohdan Hill", 0),
        _person("Taras Mykola Hill", 40),
        _person("Taras B. Hill", 80),
        _person("Taras Hill", 120),
    )
    assert {"Taras Bohdan Hill", "Taras B. Hill"} in people
    assert {"Taras Mykola Hill"} in people
    # With two candidates, which one a plain "Taras Hill" is cannot be told.
    assert {"Taras Hill"} in people


def test_plain_name_joins_the_only_person_with_a_middle_name() -> None:
    people = _people_of(_person("Oksana Iryna Lytvyn", 0), _person("Oksana Lytvyn", 40))
    assert {"Oksana Iryna Lytvyn", "Oksana Lytvyn"} in people


def test_surname_particles_and_a_leading_article_are_no_middle_names() -> None:
    people = _people_of(
        _person("Karim Samir al-Masri", 0),
        _person("Karim al-Masri", 40),
        _person("a Karim Samir al-Masri", 80),
    )
    assert {"Karim Samir al-Masri", "Karim al-Masri", "a Karim Samir al-Masri"} in people


def test_full_names_join_only_a_single_candidate_of_their_surname() -> None:
    # Full names are looked up by surname: "John Jones" has two candidates and stays apart,
    # "Anna Jones" has one and joins it; a name of another surname never joins.
    people = _people_of(
        _person("John Maurice Jones", 0),
        _person("John Lumley Jones", 30),
        _person("John Jones", 60),
        _person("Anna Maria Jones", 80),
        _person("Anna Jones", 100),
        _person("Anna Smith", 120),
    )
    assert {"John Jones"} in people
    assert {"Anna Maria Jones", "Anna Jones"} in people
    assert {"Anna Smith"} in people
    assert {"John Maurice Jones"} in people and {"John Lumley Jones"} in people
