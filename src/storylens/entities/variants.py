"""A calibrated place-variant scorer: logistic regression over string features of two names.

``spelling_score`` (fold.py) is one hand-weighted number; it misses variants that differ in
more than one way at once (a Cyrillic rendering of a Western name, *Нейпелс* / *Naples*; a
German romanisation, *Shtaukhic* / *Stauchitz*; a fused or split compound, *Pietra Alta* /
*Pietralta*). This module compares two names on several keys and lets a small logistic
regression, trained on the tuning split of the place-variant benchmark (fixed seed), weigh them:

- keys per name: the transliteration fold (``fold_name``), a romanisation-normalised fold with
  spaces, hyphens and administrative words ("Oblast", "Rayon", "Gmina", "Town District", ...)
  removed, a vowel-less consonant skeleton, and jellyfish ``metaphone`` and ``nysiis`` codes of
  the normalised fold;
- features: Jaro-Winkler and normalised Damerau-Levenshtein similarity on each key, rapidfuzz
  token-set ratio, key equalities, containment of one compact key in the other, and the old
  ``spelling_score``. First-letter agreement, "different scripts", length ratio, word-count
  difference and partial ratio are left out on purpose: the benchmark's false pairs always
  share the first letter, are always both Latin and always look alike as wholes (ratio >= 75),
  so with those features the model learns the benchmark's construction, not spelling (it then
  scored *Dubai* / *Everett, Washington* 0.44 on real text).

Multi-key blocking: a pair is scored only when the two names (four letters or more) share the
first two letters of one of their keys (compact fold, consonant skeleton, metaphone, nysiis); any other pair gets
probability 0, so no feature weight can join names that agree on no key at all.

The weights ship in ``variant_model.json`` next to this file (regenerate with
``python -m storylens.entities.variants``); the decision threshold in it was chosen on the
tuning split for precision >= 0.99. The stage still guards every fuzzy merge with context
(places.py); the benchmark measures this string model alone and with simulated context.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jellyfish
from rapidfuzz import fuzz

from storylens.entities.fold import fold_name, spelling_score

__all__ = [
    "FEATURE_NAMES",
    "VariantModel",
    "blocked_together",
    "name_keys",
    "pair_features",
    "variant_model",
]

_MODEL_PATH = Path(__file__).with_name("variant_model.json")
_VOWELS = re.compile(r"[aeiou ]+")
_DOUBLE = re.compile(r"(.)\1+")
#: Words of an administrative or generic form of a name, dropped before comparing
#: ("Gmina Suprasl", "Johnsonville Town District", "Selo Ivanivka", "Oblast", "Gorod").
_ADMIN = frozenset(
    fold_name(w)
    for w in [
        "oblast",
        "rayon",
        "raion",
        "rajon",
        "region",
        "district",
        "municipality",
        "gmina",
        "powiat",
        "selo",
        "village",
        "town",
        "city",
        "gorod",
        "miasto",
        "stadt",
        "markt",
        "poselok",
        "posyolok",
        "khutor",
        "derevnya",
        "sloboda",
        "stanitsa",
        "commune",
        "comune",
        "municipio",
        "kommune",
        "gemeinde",
        "township",
        "borough",
        "county",
        "community",
        "of",
        "the",
        "al",
        "el",
    ]
)
_ABBREVIATION = re.compile(r"^\w{1,4}\.")


@dataclass(frozen=True)
class NameKeys:
    """The comparison keys of one name (see the module docstring)."""

    folded: str
    compact: str
    skeleton: str
    metaphone: str
    nysiis: str
    latin: bool
    words: int


@lru_cache(maxsize=65536)
def name_keys(name: str) -> NameKeys:
    """The keys of one name: folded, compact (admin words and spaces out), skeleton, phonetic."""
    folded = fold_name(name)
    words = [w for w in folded.split() if w not in _ADMIN] or folded.split()
    compact = _DOUBLE.sub(r"\1", "".join(words))  # "Pietra Alta" / "Pietralta"
    skeleton = compact[:1] + _VOWELS.sub("", compact[1:])
    return NameKeys(
        folded=folded,
        compact=compact,
        skeleton=skeleton,
        metaphone=jellyfish.metaphone(compact) if compact else "",
        nysiis=jellyfish.nysiis(compact) if compact else "",
        latin=not any("\u0370" <= c <= "\u1fff" for c in name),
        words=len(words),
    )


def blocked_together(left: str, right: str) -> bool:
    """Whether two names share a blocking key: the first two letters of one of their keys.

    Names shorter than four letters (after folding) are never blocked together: acronyms and
    short forms ("U.S." / "USAF") carry too little spelling to compare.
    """
    a, b = name_keys(left), name_keys(right)
    if min(len(a.compact), len(b.compact)) < 4:
        return False
    return any(
        x[:2] == y[:2] and x
        for x, y in (
            (a.compact, b.compact),
            (a.skeleton, b.skeleton),
            (a.metaphone, b.metaphone),
            (a.nysiis, b.nysiis),
        )
    )


def _jw(a: str, b: str) -> float:
    return jellyfish.jaro_winkler_similarity(a, b) if a and b else 0.0


def _dl(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    return 1.0 - jellyfish.damerau_levenshtein_distance(a, b) / max(len(a), len(b))


FEATURE_NAMES: tuple[str, ...] = (
    "spelling_score",
    "jw_folded",
    "jw_compact",
    "dl_compact",
    "jw_skeleton",
    "dl_skeleton",
    "jw_metaphone",
    "jw_nysiis",
    "eq_compact",
    "eq_skeleton",
    "eq_metaphone",
    "eq_nysiis",
    "token_set",
    "contained",
    "abbreviation",
)


def pair_features(left: str, right: str) -> list[float]:
    """The feature vector of two names, in the order of ``FEATURE_NAMES``."""
    a, b = name_keys(left), name_keys(right)
    shorter, longer = sorted((a.compact, b.compact), key=len)
    return [
        spelling_score(left, right),
        _jw(a.folded, b.folded),
        _jw(a.compact, b.compact),
        _dl(a.compact, b.compact),
        _jw(a.skeleton, b.skeleton),
        _dl(a.skeleton, b.skeleton),
        _jw(a.metaphone, b.metaphone),
        _jw(a.nysiis, b.nysiis),
        float(bool(a.compact) and a.compact == b.compact),
        float(bool(a.skeleton) and a.skeleton == b.skeleton),
        float(bool(a.metaphone) and a.metaphone == b.metaphone),
        float(bool(a.nysiis) and a.nysiis == b.nysiis),
        fuzz.token_set_ratio(a.folded, b.folded) / 100.0,
        float(len(shorter) >= 4 and shorter in longer),
        float(bool(_ABBREVIATION.match(left)) != bool(_ABBREVIATION.match(right))),
    ]


@dataclass(frozen=True)
class VariantModel:
    """Logistic-regression weights over ``FEATURE_NAMES`` and the tuned decision thresholds.

    Attributes:
        weights: one weight per feature of ``FEATURE_NAMES``.
        bias: the intercept.
        threshold: probability from which the spelling alone joins (precision >= 0.99 on the
            tuning split's cross-validated probabilities).
        one_shared: lower probability from which one shared co-occurring entity is context
            enough (tuned the same way, with the simulated context).
        two_shared: probability from which two shared co-occurring entities are enough.
    """

    weights: tuple[float, ...]
    bias: float
    threshold: float
    one_shared: float = 1.0
    two_shared: float = 1.0

    def probability(self, left: str, right: str) -> float:
        """The calibrated probability that two names are spellings of one place (0 unblocked)."""
        if not blocked_together(left, right):
            return 0.0
        z = self.bias + sum(
            w * x for w, x in zip(self.weights, pair_features(left, right), strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def same(self, left: str, right: str) -> bool:
        """Whether the probability reaches the threshold chosen for precision >= 0.99."""
        return self.probability(left, right) >= self.threshold

    def decide(self, left: str, right: str, shared: int) -> bool:
        """The stage's rule for two place names sharing ``shared`` co-occurring entities."""
        probability = self.probability(left, right)
        return (
            probability >= self.threshold
            or (shared >= 1 and probability >= self.one_shared)
            or (shared >= 2 and probability >= self.two_shared)
        )

    def to_json(self) -> str:
        """The model as JSON (feature names kept so a stale file is detected)."""
        return json.dumps(
            {
                "features": list(FEATURE_NAMES),
                "weights": list(self.weights),
                "bias": self.bias,
                "threshold": self.threshold,
                "one_shared": self.one_shared,
                "two_shared": self.two_shared,
            },
            indent=1,
        )


@lru_cache(maxsize=1)
def variant_model() -> VariantModel | None:
    """The shipped model, or ``None`` when the file is missing or was made for other features."""
    if not _MODEL_PATH.is_file():
        return None
    data = json.loads(_MODEL_PATH.read_text(encoding="utf-8"))
    if tuple(data.get("features", ())) != FEATURE_NAMES:
        return None
    return VariantModel(
        tuple(data["weights"]),
        float(data["bias"]),
        float(data["threshold"]),
        float(data.get("one_shared", 1.0)),
        float(data.get("two_shared", 1.0)),
    )


def _main() -> None:  # pragma: no cover - regenerates the shipped weights
    from storylens.bench.entities_data import place_pairs
    from storylens.bench.entities_variants import train_variant_model

    pairs = [p for p in place_pairs() if p.split == "tune"]
    model, scores = train_variant_model(pairs)
    _MODEL_PATH.write_text(model.to_json() + "\n", encoding="utf-8")
    print(f"wrote {_MODEL_PATH}: tune {scores}")


if __name__ == "__main__":  # pragma: no cover
    _main()
