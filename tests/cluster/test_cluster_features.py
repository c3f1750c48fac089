"""Name features of the clustering featuriser: one-word names inside a sentence."""

from __future__ import annotations

import dataclasses

from storylens.cluster.features import FeatureSettings, OnlineIdf, TermFeaturizer
from storylens.records import Article


def _article(article_id: str, text: str) -> Article:
    return Article(id=article_id, origin="test", title=None, text=text)


def test_a_capitalised_word_inside_a_sentence_is_a_name_feature() -> None:
    featurizer = TermFeaturizer(FeatureSettings(entity_weight=1.5, single_name_weight=1.0))
    plain = TermFeaturizer(FeatureSettings(entity_weight=1.5, single_name_weight=0.0))
    article = _article("a", "A strong quake hit Iran on Tuesday.")
    extra = set(featurizer.counts(article)) - set(plain.counts(article))
    assert extra == {featurizer._bucket("§iran")}


def test_a_sentence_opening_word_is_not_taken_for_a_name() -> None:
    featurizer = TermFeaturizer(FeatureSettings())
    plain = TermFeaturizer(dataclasses.replace(FeatureSettings(), single_name_weight=0.0))
    article = _article("a", "Rescuers searched the rubble.\n\nWitnesses described panic.")
    assert featurizer.counts(article) == plain.counts(article)


def test_one_word_names_set_apart_two_stories_of_the_same_kind() -> None:
    first = _article("a", "A strong earthquake struck near Qeshm in Iran, killing ten people.")
    second = _article("b", "A strong earthquake struck near Aceh in Indonesia, killing ten people.")

    def cosine(settings: FeatureSettings) -> float:
        featurizer = TermFeaturizer(settings)
        idf = OnlineIdf(settings.n_bits)
        counts = [featurizer.counts(first), featurizer.counts(second)]
        for c in counts:
            idf.observe(c)
        a, b = (idf.weigh(c) for c in counts)
        return sum(w * b.get(t, 0.0) for t, w in a.items())

    with_names = cosine(FeatureSettings())
    without = cosine(dataclasses.replace(FeatureSettings(), single_name_weight=0.0))
    assert with_names < without
