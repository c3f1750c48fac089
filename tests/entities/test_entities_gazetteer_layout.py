"""The gazetteer's on-disk layout (issue 12): one-place keys hold the bare id; lookups answer
as from the built lists."""

from __future__ import annotations

from storylens.entities.fold import fold_name
from storylens.entities.gazetteer import Gazetteer, Place, _compact, _ids


def _gazetteer(compact: bool) -> Gazetteer:
    gazetteer = Gazetteer(15000)
    places = [
        Place(1, "Kyiv", "UA", 2_900_000),
        Place(2, "Kew", "AU", 24_000),
        Place(3, "Mykolayiv", "UA", 480_000),
    ]
    primary: dict[str, list[int] | int] = {fold_name("Kyiv"): [1], fold_name("Kew"): [2, 1],
                                           fold_name("Mykolayiv"): [3]}
    alternate: dict[str, list[int] | int] = {"kiev": [1], "nikolaev": [3], "kew": [2]}
    gazetteer._places = {p.geonameid: p for p in places}
    gazetteer._primary = _compact(primary) if compact else primary
    gazetteer._alternate = _compact(alternate) if compact else alternate
    return gazetteer


def test_compact_keeps_lists_of_several_and_bares_single_ids() -> None:
    index: dict[str, list[int] | int] = {"a": [5], "b": [7, 3]}
    assert _compact(index) == {"a": 5, "b": [7, 3]}
    assert [list(_ids(v)) for v in _compact(index).values()] == [[5], [7, 3]]
    assert _ids(None) == ()


def test_lookups_answer_the_same_in_either_layout() -> None:
    built, loaded = _gazetteer(False), _gazetteer(True)
    for name in ("Kiev", "Kyiv", "Kew", "Nikolaev", "Mykolayiv", "Nowhere"):
        assert loaded.candidates(name) == built.candidates(name)
        assert loaded.match(name) == built.match(name)
    assert [p.name for p in loaded.candidates("Kew")] == ["Kyiv", "Kew"]
