"""The faster attribute ruler and lemmatizer give exactly spaCy's own annotations."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from storylens.fast_pipes import FastAttributeRuler, TableLemmatizer, speed_up
from storylens.nlp import SPACY_MODEL

# Invented sentences that exercise the ruler's special patterns: personal and possessive
# pronouns, determiners used as pronouns, auxiliaries, negation, "there is", contractions and
# the multi-token "gon na" / "got ta" / "let 's" patterns, plus runs of whitespace.
TEXTS = [
    "Mayor Oleg Petrenko said her brother had been gon na leave Pryluzhne, but he didn't.",
    "There is no water in Bilyanka, and there were 40 people waiting.\n\n  Those who stayed "
    "said that they ain't leaving; y'all can ask them yourselves.",
    "Let's see: I gave it to him, and he gave hers back to me. We've got ta go, she said.",
    "Something happened. Nobody knows what anyone did, and everything is gone.",
    "Does the council have a plan? It does, and it has been voted on since Friday.",
    "Officials, who had once praised the dam, were seen there, then here, and well beyond.",
    "The ministry's spokesman, Ivan Kravets, told reporters: \"We will not give up.\"",
]

COLUMNS = [POS, MORPH, LEMMA, TAG, DEP, HEAD, ENT_IOB, ENT_TYPE]


@pytest.fixture(scope="module")
def pipelines() -> tuple[Language, Language]:
    plain = spacy.load(SPACY_MODEL)
    fast = spacy.load(SPACY_MODEL)
    speed_up(fast)
    return plain, fast


def _annotations(doc: Doc) -> tuple[np.ndarray, list[str], list[str]]:
    return doc.to_array(COLUMNS), [str(t.morph) for t in doc], [t.lemma_ for t in doc]


def _assert_same(a: Doc, b: Doc) -> None:
    left, right = _annotations(a), _annotations(b)
    assert np.array_equal(left[0], right[0])
    assert left[1:] == right[1:]


def test_speed_up_swaps_both_components(pipelines: tuple[Language, Language]) -> None:
    plain, fast = pipelines
    assert fast.pipe_names == plain.pipe_names
    assert isinstance(fast.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(fast.get_pipe("lemmatizer"), TableLemmatizer)


def test_same_annotations_as_spacy(pipelines: tuple[Language, Language]) -> None:
    plain, fast = pipelines
    for _ in range(2):  # the second round answers from the filled tables
        for text in TEXTS:
            _assert_same(plain(text), fast(text))


def test_special_patterns_applied(pipelines: tuple[Language, Language]) -> None:
    _, fast = pipelines
    doc = fast("She said her brother was gon na leave.")
    by_text = {t.text: t for t in doc}
    assert by_text["her"].pos_ == "PRON" and by_text["her"].lemma_ == "her"
    assert by_text["She"].lemma_ == "she"
    assert by_text["gon"].lemma_ == "go" and by_text["na"].lemma_ == "to"


def test_empty_document(pipelines: tuple[Language, Language]) -> None:
    _, fast = pipelines
    assert len(fast("")) == 0


@pytest.mark.data
def test_same_annotations_on_real_articles(
    pipelines: tuple[Language, Language], shared_data: Path
) -> None:
    files = sorted((shared_data / "timeline17").glob("*/InputDocs/*/*.txt"))[::200][:10]
    if not files:
        pytest.skip("no Timeline17 articles in the shared data")
    plain, fast = pipelines
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        _assert_same(plain(text), fast(text))
