"""What a figure counts: keys, casualty folding, predicates and ellipsis."""

from __future__ import annotations

import pytest

from storylens.figures.counts import counted_thing, normalise_key
from storylens.figures.extract import extract_quantities
from storylens.nlp import NlpResources


def _counted(text: str, resources: NlpResources, index: int = 0):  # type: ignore[no-untyped-def]
    doc = resources.nlp(text)
    return counted_thing(doc, extract_quantities(text, doc)[index])


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("At least 40 people were killed when the dam broke.", "deaths"),
        ("The death toll rose to 52 on Tuesday.", "deaths"),
        ("The number of people killed has risen to 52.", "deaths"),
        ("A minimum of 40 individuals had been slain.", "deaths"),
        ("Twelve civilians were wounded in the strike.", "injuries"),
        ("At least a dozen people remain unaccounted for.", "missing"),
        ("Rescuers said about 3,000 people had been moved to schools.", "evacuations"),
        ("The shelling killed 12.", "deaths"),
        ("Twenty-five villages were flooded.", "settlements"),
        ("Eight Russian tanks were destroyed.", "russian tanks"),
        ("About 1,400 houses were destroyed.", "homes"),
        ("About 1,200 dockworkers are on strike.", "worker"),
    ],
)
def test_keys_fold_synonyms(text: str, key: str, resources: NlpResources) -> None:
    counted = _counted(text, resources)
    assert counted is not None and counted.key == key


def test_predicates_tell_two_counts_of_one_noun_apart(resources: NlpResources) -> None:
    checked = _counted("Rescuers have checked 600 homes so far.", resources)
    flooded = _counted("The water spread, flooding about 1,400 homes.", resources)
    assert checked is not None and flooded is not None
    assert (checked.key, flooded.key) == ("homes", "homes")
    assert checked.predicate == "check" and flooded.predicate == "flood"


def test_bare_numbers_and_level_nouns_are_elliptical(resources: NlpResources) -> None:
    bare = _counted("The port authority says fewer than 900 have walked out.", resources)
    level = _counted("The Courier put the number at some 2,800 on the same day.", resources)
    assert bare is not None and bare.elliptical and not bare.level
    assert level is not None and level.elliptical and level.level


def test_normalise_key() -> None:
    assert normalise_key("fatalities") == "deaths"
    assert normalise_key("Village") == "settlements"
    assert normalise_key("steelworker") == "worker"
