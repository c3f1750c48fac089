"""The vectorised pre-filter of mangled-place matching never skips a place that could pass."""

from __future__ import annotations

import itertools

from storylens.entities.fold import fold_name, spelling_score
from storylens.entities.groups import NameGroup
from storylens.entities.mentions import NameMention
from storylens.entities.places import PlaceSpellings, _spelling_candidates
from storylens.entities.settings import EntitySettings

NAMES = [
    "Zelenyi Hai", "Selenyi Gaj", "Zeleny Gai", "Pryluzhne", "Priluzhnoe", "Pryluzhnе",
    "Mykolaiv", "Nikolaev", "Mikolajiw", "Kyiv", "Kiev", "Kijow", "Zaporizhzhia", "Saporischschja",
    "Kharkiv", "Charkiw", "Kharkov", "Lviv", "Lwow", "Lemberg", "Palo Cedro", "Palocedro",
    "Congress", "Kansas", "Boeing", "Bangkok", "Oleg Petrenko", "Petrenko", "Queens", "Cops",
]  # fmt: skip


def _group(text: str) -> NameGroup:
    mention = NameMention("a1", 0, len(text), text, "GPE", group="s1", key=fold_name(text))
    return NameGroup(fold_name(text), [mention], type="PLACE")


def test_candidates_hold_every_place_the_spelling_score_lets_through() -> None:
    settings = EntitySettings()
    groups = [_group(n) for n in NAMES]
    for name, others in ((g, [p for p in groups if p is not g]) for g in groups):
        kept = {id(p) for p in _spelling_candidates(name, others, settings)}
        for place in others:
            passes = (
                len(place.tokens) == len(name.tokens)
                and spelling_score(name.most_common_text(), place.most_common_text())
                >= settings.fuzzy_place_threshold
            )
            if passes:
                assert id(place) in kept, (name.key, place.key)
    # and the filter does skip something: unrelated names are not all scored
    pairs = list(itertools.permutations(groups, 2))
    kept_total = sum(len(_spelling_candidates(g, [p for p in groups if p is not g], settings))
                     for g in groups)  # fmt: skip
    assert kept_total < len(pairs)


def test_kept_spellings_filter_as_a_plain_list_does() -> None:
    # ``PlaceSpellings`` keeps each place's folded spelling and its shape (spaces, z read as s)
    # as it is added; the filter must keep the very same places as from a plain list.
    settings = EntitySettings()
    groups = [_group(n) for n in NAMES]
    spellings = PlaceSpellings()
    for group in groups:
        spellings.add(group)
    for name in groups:
        plain = _spelling_candidates(name, groups, settings)
        kept = _spelling_candidates(name, spellings, settings)
        assert [id(p) for p in kept] == [id(p) for p in plain], name.key
