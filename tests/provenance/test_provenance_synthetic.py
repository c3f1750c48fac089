import random

import pytest

from storylens.provenance.synthetic import (
    GOLD_KIND,
    TRANSFORMS,
    SwapVocabulary,
    derive,
    mangle_name,
)

SOURCE = [
    "Floodwater reached the town of Velykyi Brid on Monday night, officials said.",
    "The dam, built in 1971, gave way after four days of heavy rain.",
    "Mayor Ivanna Koval said the sirens sounded too late.",
    "Rescuers pulled 160 people from roofs and balconies overnight.",
    "The road to Horodok was cut, and the army promised a bridge.",
    "Farmers said 5,000 hectares of wheat had been flooded.",
]
OTHER = ["Schools will stay closed this week.", "Churches opened their halls to families."]


@pytest.mark.parametrize("transform", TRANSFORMS)
def test_every_transformation_is_seeded_and_labelled(transform: str) -> None:
    vocab = SwapVocabulary([" ".join(SOURCE + OTHER), "walking talked quickly cabinets"])
    first = derive(transform, SOURCE, OTHER, vocab, random.Random(3))
    again = derive(transform, SOURCE, OTHER, vocab, random.Random(3))
    assert first == again
    assert first.gold_kind == GOLD_KIND[transform]
    assert first.sentences


def test_mangled_names_differ_but_stay_close() -> None:
    rng = random.Random(5)
    variants = {mangle_name("Zaporizhzhia", rng) for _ in range(10)}
    assert "Zaporizhzhia" not in variants and len(variants) >= 3
    assert all(v[0] == "Z" and abs(len(v) - len("Zaporizhzhia")) <= 3 for v in variants)


def test_unknown_transformation_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown transformation"):
        derive("shuffle", SOURCE, OTHER, SwapVocabulary([]), random.Random(0))
