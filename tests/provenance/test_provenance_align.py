from storylens.provenance.align import candidate_pairs, score_pair
from storylens.provenance.features import sentence_features
from storylens.provenance.settings import ProvenanceSettings

ORIGINAL = ("Rescuers in 14 boats pulled 160 people from roofs and balconies overnight in "
            "Velykyi Brid.")
SPUN = ("Lifesavers in 14 vessels hauled 160 individuals from rooftops and terraces in a single "
        "day in Velikiy Bryd.")
UNRELATED = "Schools in the town will remain closed for the rest of the week, officials said."


def test_spun_sentence_scores_above_threshold_and_unrelated_below() -> None:
    settings = ProvenanceSettings()
    a, b, c = (sentence_features(x, 0, t) for x, t in (("a", ORIGINAL), ("b", SPUN), ("c", UNRELATED)))
    spun = score_pair(a, b)
    assert spun.score >= settings.sentence_threshold
    assert spun.names_respelled >= 1  # Velykyi Brid / Velikiy Bryd
    assert score_pair(a, c).score < settings.sentence_threshold


def test_blocking_proposes_the_spun_partner_not_every_pair() -> None:
    sentences = [sentence_features("a", 0, ORIGINAL), sentence_features("b", 0, SPUN)]
    sentences += [
        sentence_features(f"n{i}", 0, f"Officials in district {i} counted {i * 7} tents and "
                                      f"{i * 3} kitchens near checkpoint {i}.")
        for i in range(1, 40)
    ]
    pairs = candidate_pairs(sentences, ProvenanceSettings())
    assert (0, 1) in pairs
    # Blocking must not degenerate into all pairs.
    assert len(pairs) < len(sentences) * (len(sentences) - 1) // 4


def test_identical_sentences_in_one_article_are_never_candidates() -> None:
    sentences = [sentence_features("a", 0, ORIGINAL), sentence_features("a", 1, ORIGINAL)]
    assert candidate_pairs(sentences, ProvenanceSettings()) == []
