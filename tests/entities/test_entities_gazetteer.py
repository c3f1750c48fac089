"""GeoNames lookups: spellings of one town join, look-alike towns never do."""

from __future__ import annotations

import pytest

from storylens.entities.gazetteer import Gazetteer, shared_gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return shared_gazetteer(15000)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Kiev", "Kyiv"),
        ("Kharkov", "Kharkiv"),
        ("Nikolaev", "Mykolaiv"),
        ("Zaporozhye", "Zaporizhzhia"),
    ],
)
def test_alternate_names_resolve_to_one_place(gazetteer: Gazetteer, left: str, right: str) -> None:
    assert gazetteer.same_place(left, right)


@pytest.mark.parametrize(
    ("left", "right"), [("Bryansk", "Berdyansk"), ("Kharkiv", "Kherson"), ("Balta", "Yalta")]
)
def test_look_alike_towns_are_different_places(gazetteer: Gazetteer, left: str, right: str) -> None:
    a, b = gazetteer.resolve(left), gazetteer.resolve(right)
    assert a is not None and b is not None and a.geonameid != b.geonameid


def test_unknown_village_is_not_in_the_gazetteer(gazetteer: Gazetteer) -> None:
    assert gazetteer.resolve("Zelenyi Hai") is None


def test_population_sizes_are_validated() -> None:
    with pytest.raises(ValueError, match="min_population"):
        Gazetteer(min_population=123)
