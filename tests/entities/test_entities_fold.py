"""Transliteration folding and the spelling score."""

from __future__ import annotations

import pytest

from storylens.entities.fold import fold_name, normalise_exact, phonetic_key, spelling_score
from storylens.entities.settings import EntitySettings


@pytest.mark.parametrize(
    "variants",
    [
        ("Zelenyi Hai", "Zeleny Gai", "Zelenyj Haj", "Zelenyy Hay", "Zelenyi Khai", "Zeleniy Gay"),
        ("Pryluzhne", "Priluzhnoye"),
        ("Taras Hnatiuk", "Taras Gnatyuk"),
        ("Mariia Lysenko", "Maria Lysenko", "Mariya Lysenko"),
        ("Oleh Sirenko", "Oleg Sirenko"),
        ("Київ", "Kyiv"),
    ],
)
def test_variants_share_a_folded_key(variants: tuple[str, ...]) -> None:
    assert len({fold_name(v) for v in variants}) == 1


@pytest.mark.parametrize(
    ("left", "right"),
    [("Bryansk", "Berdyansk"), ("Kharkiv", "Kherson"), ("Balta", "Yalta"), ("Kyiv", "Kiev Oblast")],
)
def test_distinct_look_alikes_stay_below_the_fuzzy_threshold(left: str, right: str) -> None:
    assert fold_name(left) != fold_name(right)
    assert spelling_score(left, right) < EntitySettings().fuzzy_place_threshold


def test_spelling_score_orders_variants_above_look_alikes() -> None:
    assert spelling_score("Selenyi Gaj", "Zelenyi Hai") > spelling_score("Bryansk", "Berdyansk")
    assert spelling_score("Kharkiv", "Kharkov") > spelling_score("Kharkiv", "Kherson")
    assert spelling_score("Braunston", "Branston") < 1.0  # only equal keys score 1


def test_region_is_not_a_variant_of_its_city() -> None:
    assert spelling_score("Kharkiv", "Kharkiv Oblast") == 0.0
    assert spelling_score("La Florida", "Florida") > 0.5


def test_baseline_key_and_phonetic_key() -> None:
    assert normalise_exact("Kraków") == normalise_exact("KRAKOW")
    assert normalise_exact("Kyiv") != normalise_exact("Kiev")
    assert phonetic_key("Zelenyi Hai") == phonetic_key("Zeleny Gai")
