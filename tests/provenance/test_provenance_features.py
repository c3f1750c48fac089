from storylens.provenance.features import consonant_key, fold, quoted_shares, sentence_features


def test_transliterations_share_a_consonant_key() -> None:
    assert consonant_key(fold("Kyiv")) == consonant_key(fold("Kiev"))
    assert consonant_key(fold("Mykolaiv")) == consonant_key(fold("Mikolajiv"))
    assert consonant_key(fold("Kijów")) == consonant_key(fold("Kyiv"))
    assert consonant_key(fold("Petrenko")) != consonant_key(fold("Sirenko"))


def test_features_keep_numbers_names_and_shape() -> None:
    f = sentence_features("a", 0, "Mayor Oleg Petrenko said 1,400 homes in Pryluzhne were flooded.")
    assert f.numbers == frozenset({"1400"})
    assert "petrenko" in f.names and "pryluzhne" in f.names
    assert f.skeleton[:3] == ("_", "_", "_")  # "Mayor Oleg Petrenko"
    assert "#" in f.skeleton and "were" in f.skeleton


def test_quote_state_runs_over_sentences_of_a_paragraph() -> None:
    shares = quoted_shares([
        ("\u201cWhy did you take a shower?", 0),
        ("Why did she stay so long?\u201d he asked.", 0),
        ("The court adjourned.", 1),
    ])
    assert shares[0] > 0.9 and shares[1] > 0.5 and shares[2] == 0.0
