"""The calibrated place-variant scorer (``entities.variants``) and its use in the stage."""

from __future__ import annotations

from storylens.bench.entities_data import PlacePair
from storylens.bench.entities_variants import pair_kind, train_variant_model
from storylens.entities.fold import fold_name
from storylens.entities.groups import NameGroup
from storylens.entities.mentions import NameMention
from storylens.entities.places import fuzzy_place_decision, mangled_place
from storylens.entities.settings import EntitySettings
from storylens.entities.variants import (
    FEATURE_NAMES,
    blocked_together,
    name_keys,
    pair_features,
    variant_model,
)


def test_shipped_model_matches_the_features() -> None:
    model = variant_model()
    assert model is not None
    assert len(model.weights) == len(FEATURE_NAMES) == len(pair_features("Kyiv", "Kiev"))
    assert 0.0 < model.two_shared <= model.one_shared < model.threshold < 1.0


def test_keys_drop_admin_words_and_vowels() -> None:
    keys = name_keys("Gmina Suprasl")
    assert keys.compact == name_keys("Suprasl").compact
    assert name_keys("Нейпелс").skeleton == name_keys("Naples").skeleton == "npls"
    assert not name_keys("Нейпелс").latin and name_keys("Naples").latin


def test_blocking_keeps_unrelated_names_apart() -> None:
    model = variant_model()
    assert model is not None
    for left, right in [
        ("Dubai", "Everett, Washington"),
        ("Chicago", "Changi International Airport"),
        ("Australia", "California"),
        ("Bryansk", "Berdyansk"),
        ("Balta", "Yalta"),
    ]:
        assert not blocked_together(left, right) or model.probability(left, right) < 0.35
        assert model.probability(left, right) < model.two_shared or (left, right) == (
            "Bryansk",
            "Berdyansk",
        )
    assert blocked_together("Zelenyi Hai", "Selenyi Gaj")  # metaphone agrees, letters do not


def test_variants_score_above_look_alikes() -> None:
    model = variant_model()
    assert model is not None
    assert model.probability("Zelenyi Hai", "Selenyi Gaj") >= model.one_shared
    assert model.probability("Pryluzhne", "Priluzhnoye") >= model.one_shared
    assert model.probability("Kharkiv", "Kherson") < model.two_shared


def test_stage_rule_needs_context_below_the_string_threshold() -> None:
    model = variant_model()
    assert model is not None
    settings = EntitySettings()
    p = model.probability("Zelenyi Hai", "Selenyi Gaj")
    assert p < model.threshold
    assert not fuzzy_place_decision(0.5, 0, settings, p)
    assert fuzzy_place_decision(0.5, 1, settings, p)
    off = EntitySettings(use_variant_model=False)
    assert not fuzzy_place_decision(0.5, 1, off, p)


def _pair(left: str, right: str, same: bool, shared: bool) -> PlacePair:
    context = ("Alpha", "Beta") if shared else ("Gamma",)
    other = ("Alpha", "Beta") if shared else ("Delta",)
    return PlacePair(left, right, same, "tune", "UA", context, other)


def test_training_is_deterministic_and_reports_its_tuning() -> None:
    true = [
        ("Zelenyi Hai", "Zeleny Gai"),
        ("Kharkov", "Kharkiv"),
        ("Pryluzhne", "Priluzhnoye"),
        ("Mykolaiv", "Nikolaev"),
        ("Chernihiv", "Chernigov"),
        ("Zaporizhzhia", "Zaporozhye"),
        ("Lviv", "Lwow"),
        ("Rivne", "Rovno"),
        ("Vinnytsia", "Vinnitsa"),
        ("Ternopil", "Tarnopol"),
    ]
    false = [
        ("Kharkiv", "Kherson"),
        ("Balta", "Yalta"),
        ("Bryansk", "Berdyansk"),
        ("Rivne", "Rivnenka"),
        ("Lviv", "Lvove"),
        ("Ternopil", "Ternivka"),
        ("Vinnytsia", "Vilnyansk"),
        ("Mykolaiv", "Mykolaivka"),
        ("Chernihiv", "Chernivtsi"),
        ("Zaporizhzhia", "Zaporizke"),
    ]
    pairs = [_pair(a, b, True, i % 2 == 0) for i, (a, b) in enumerate(true)] + [
        _pair(a, b, False, False) for a, b in false
    ]
    first, scores = train_variant_model(pairs, target_precision=0.9)
    second, _ = train_variant_model(pairs, target_precision=0.9)
    assert first == second
    assert set(scores) >= {"threshold", "one_shared", "two_shared"}


def test_pair_kinds() -> None:
    assert pair_kind(_pair("Naples", "Нейпелс", True, False)) == "other script"
    assert pair_kind(_pair("Hazel Green", "Hazle", True, False)) == "words added or dropped"
    assert pair_kind(_pair("Pietra Alta", "Pietralta", True, False)) == "spelling (same script)"


def test_sound_key_ignores_what_romanisations_disagree_on() -> None:
    # A Latin h that Russian drops, English j as Russian dzh, ya/a, eh/e, hard c as k.
    for latin, other in [
        ("Wharton", "Вортон"),
        ("Jimbaran", "Джимбаран"),
        ("Akimovka", "Якимівка"),
        ("Ehrenfriedersdorf", "Еренфридерсдорф"),
        ("Estepa", "Ehstepa"),
        ("Saint-Hippolyte", "Сен-Іпполіт"),
    ]:
        assert name_keys(latin).sound == name_keys(other).sound, (latin, other)
    assert name_keys("Bryansk").sound != name_keys("Berdyansk").sound
    assert name_keys("Kharkiv").sound != name_keys("Kherson").sound


def test_core_key_drops_generic_settlement_words() -> None:
    assert name_keys("La Isla").core == name_keys("Isla").core
    assert name_keys("Colonia María Magdalena").core == name_keys("María Magdalena").core
    assert name_keys("Boise City").core == name_keys("Бойсе Сити").core
    # Words that name a different place stay.
    assert name_keys("New London").core != name_keys("London").core


def test_word_drop_blocking_only_for_generic_or_undistinguished_words() -> None:
    assert blocked_together("San Roque", "Roque")
    assert blocked_together("Puerto Armuelles", "Armuelles")
    for left, right in [
        ("Toulouse, France", "France"),  # a place and its country
        ("New London", "London"),
        ("North Korea", "Korea"),
        ("Lower Saxony", "Saxony"),
        ("Papua New Guinea", "Guinea"),
        ("Gulf Venice", "Venice"),  # a sea beside a town
    ]:
        assert not blocked_together(left, right), (left, right)


def test_pairs_unlike_any_benchmark_pair_are_never_scored() -> None:
    # Real news (Timeline17): an unguarded model joined these on sound keys and one shared
    # neighbour; every benchmark pair has a ratio >= 60, these have 31-50.
    model = variant_model()
    assert model is not None
    for left, right in [
        ("Canada", "Kansas"),
        ("Tanzania", "Texas"),
        ("Transocean", "Trinidad"),
        ("Easter", "South Korea"),
        ("America", "Amoco"),
    ]:
        assert not blocked_together(left, right), (left, right)
        assert model.probability(left, right) == 0.0
    # Three agreeing consonants are no evidence: both are "str" in the sound key.
    assert model.probability("Austria", "Easter") < model.two_shared


def _group(text: str, label: str) -> NameGroup:
    mention = NameMention("a1", 0, len(text), text, label, group="s1", key=fold_name(text))
    return NameGroup(fold_name(text), [mention], type=label)


def test_retyping_as_a_mangled_place_needs_the_letters_to_agree() -> None:
    settings = EntitySettings()
    places = [_group("Kansas", "PLACE"), _group("Zelenyi Hai", "PLACE")]
    neighbours = {g.key: {"washington", "ukraine"} for g in places}
    congress, village = _group("Congress", "ORG"), _group("Selenyi Gaj", "PERSON")
    neighbours[congress.key] = neighbours[village.key] = {"washington", "ukraine"}
    assert mangled_place(village, places, neighbours, settings)
    assert not mangled_place(congress, places, neighbours, settings)
