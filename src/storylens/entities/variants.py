"""A calibrated place-variant scorer: logistic regression over string features of two names.

``spelling_score`` (fold.py) is one hand-weighted number; it misses variants that differ in
more than one way at once (a Cyrillic rendering of a Western name, *Нейпелс* / *Naples*; a
German romanisation, *Shtaukhic* / *Stauchitz*; a fused or split compound, *Pietra Alta* /
*Pietralta*). This module compares two names on several keys and lets a small logistic
regression, trained on the tuning split of the place-variant benchmark (fixed seed), weigh them:

- keys per name: the transliteration fold (``fold_name``), a romanisation-normalised fold with
  spaces, hyphens and administrative words ("Oblast", "Rayon", "Gmina", "Town District", ...)
  removed (``compact``), the same without articles and settlement-type words (``core``: "La
  Isla" / "Isla", "Colonia X" / "X"), a vowel-less consonant skeleton, a ``sound`` key that
  ignores what romanisations and scripts disagree on (see ``_sound``), and jellyfish
  ``metaphone`` and ``nysiis`` codes of the normalised fold;
- features: Jaro-Winkler and normalised Damerau-Levenshtein similarity on each key, rapidfuzz
  token-set ratio, key equalities, containment of one key in the other, the similarity of the
  words two names do not share, and the old ``spelling_score``. First-letter agreement,
  "different scripts", length ratio, word-count difference and partial ratio are left out on
  purpose: the benchmark's false pairs always share the first letter, are always both Latin and
  always look alike as wholes (ratio >= 75), so with those features the model learns the
  benchmark's construction, not spelling (it then scored *Dubai* / *Everett, Washington* 0.44
  on real text).

Blocking: a pair is scored only when the two names (four letters or more) share the first two
letters of one of their keys, or one is the other with whole words added before it
(``_words_dropped``), AND their transliterated string ratio is at least ``MIN_RATIO`` (60): every
benchmark pair, true or false, is that alike, so the model has never been fitted or measured
on a less alike pair, and on news text it called *Canada* / *Kansas* variants. Any other pair
gets probability 0. A name qualified after a comma is compared by its head ("Fort Smith,
Arkansas" as "Fort Smith").

The weights ship in ``variant_model.json`` next to this file (regenerate with
``python -m storylens.entities.variants``); the decision threshold in it was chosen on the
tuning split for precision >= 0.99. The stage still guards every fuzzy merge with context
(places.py); the benchmark measures this string model alone and with simulated context.
"""

from __future__ import annotations

import json
import math
import operator
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jellyfish
from anyascii import anyascii
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
#: Smallest rapidfuzz ratio (transliterated, lower-cased) of two names the model may score: the
#: place-variant benchmark draws true pairs from 60 and false pairs from 75 upwards.
MIN_RATIO = 60.0
_VOWELS = re.compile(r"[aeiou ]+")
_DOUBLE = re.compile(r"(.)\1+")


def _folded(words: str) -> frozenset[str]:
    """The folded keys of space-separated words (a word list that reads as prose)."""
    return frozenset(fold_name(w) for w in words.split())


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
#: Generic words of a settlement's name in several languages, dropped (besides ``_ADMIN``) from
#: the ``core`` key: articles and prepositions ("La Isla" / "Isla", "De Rijp" / "Rijp") and
#: settlement types that a name carries in one source and not in another ("Colonia María
#: Magdalena", "Ejido Cosío", "Kampung Penanjong", "Sovkhoz Kommunarka", "Sunnyside CDP").
#: Words that tell two real places apart ("New", "Great", "North", "Upper", "Park", "Hills",
#: "San", "Saint") are *not* here: "London" / "New London" and "Barrington" / "Barrington
#: Hills" are different towns.
_GENERIC = _folded(
    "le la les los las lo il l de del della dei di da do dos das du des der den het an am "
    "im in colonia ejido barrio pueblo villa comuna hansestadt kampung ban phum khum "
    "sovkhoz kolkhoz pustara cdp aul kishlak pgt posyolok poselok posiolok stantsiya "
    "stantsia stancija wies dorp mura gaon kampong siti citi"
)
#: Romanisation rules of the ``sound`` key, applied in order (see ``_sound``).
_SOUND_RULES: tuple[tuple[str, str], ...] = (
    ("shch", "s"),
    ("szcz", "s"),
    ("tsch", "c"),
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("sch", "s"),
    ("sh", "s"),
    ("sz", "s"),
    ("cz", "c"),
    ("ch", "c"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("qu", "k"),
    ("tz", "c"),
    ("ts", "c"),
    ("q", "k"),
    ("x", "ks"),
    ("w", "v"),
    ("z", "s"),
)
#: "Saint" as French, Spanish, German, Portuguese and Russian renderings write it
#: ("Saint-Hippolyte" / "Sen-Ippolit"); one sound for all.
_SAINT = frozenset(
    ["saint", "sainte", "sen", "sent", "st", "ste", "sankt", "san", "santa", "santo", "sao"]
)
_HARD_C = re.compile(r"c(?=[aoulrt])")  # "Cosio" / "Kosio"; a final c is Slavic "ts"
_SOFT = re.compile(r"[aeiouyjh]+")


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
    core: str = ""
    sound: str = ""
    ascii: str = ""


@lru_cache(maxsize=65536)
def name_keys(name: str) -> NameKeys:
    """The keys of one name: folded, compact (admin words and spaces out), skeleton, phonetic."""
    folded = fold_name(name)
    words = [w for w in folded.split() if w not in _ADMIN] or folded.split()
    compact = _DOUBLE.sub(r"\1", "".join(words))  # "Pietra Alta" / "Pietralta"
    skeleton = compact[:1] + _VOWELS.sub("", compact[1:])
    core_words = [w for w in words if w not in _GENERIC] or words
    return NameKeys(
        folded=folded,
        compact=compact,
        skeleton=skeleton,
        metaphone=jellyfish.metaphone(compact) if compact else "",
        nysiis=jellyfish.nysiis(compact) if compact else "",
        latin=not any("\u0370" <= c <= "\u1fff" for c in name),
        words=len(words),
        core=_DOUBLE.sub(r"\1", "".join(core_words)),
        sound=_sound(name),
        ascii=anyascii(name).lower(),
    )


@lru_cache(maxsize=65536)
def _sound(name: str) -> str:
    """A consonant key that ignores what romanisations and other scripts disagree on.

    Built from the name itself, not from ``fold_name`` (whose Ukrainian *h* = Russian *g* rule
    turns English *h* into *g*): Cyrillic through anyascii, then ``dzh``/``dj``/``zh`` as *j*
    (English *Jimbaran* is Russian *Dzhimbaran*, French *Jouy* is *Zhui*), ``shch``/``szcz``/
    ``sch``/``sh``/``sz`` as *s*, ``ch``/``cz``/``tsch``/``ts``/``tz`` as *c*, hard *c* as *k*,
    ``ph`` *f*, ``th`` *t*, ``w`` *v*, ``z`` *s*; then every vowel, *y*, *j* and *h* dropped
    (Russian has no *h* and renders a Latin one as nothing or *kh*, *Wharton* / *Vorton*,
    *Ehrenfriedersdorf* / *Erenfridersdorf*; *Akimovka* / *Yakimivka*, *Eagar* / *Igar*),
    administrative and generic words dropped, doubled letters collapsed.
    """
    text = re.sub(r"[^a-z -]+", "", anyascii(name).lower().replace("'", ""))
    words = [w for w in re.split(r"[ -]+", text) if w]
    kept = [w for w in words if fold_name(w) not in _ADMIN and fold_name(w) not in _GENERIC]
    kept = ["sn" if w in _SAINT else w for w in kept]
    text = _HARD_C.sub("k", "".join(kept or words))  # before "ch" and "tz" become "c"
    for source, target in _SOUND_RULES:
        text = text.replace(source, target)
    return _DOUBLE.sub(r"\1", _SOFT.sub("", text))


def blocked_together(left: str, right: str) -> bool:
    """Whether two names share a blocking key: the first two letters of one of their keys.

    Names shorter than four letters (after folding) are never blocked together: acronyms and
    short forms ("U.S." / "USAF") carry too little spelling to compare.
    """
    a, b = name_keys(left), name_keys(right)
    if min(len(a.compact), len(b.compact)) < 4:
        return False
    if fuzz.ratio(a.ascii, b.ascii) < MIN_RATIO:
        # Outside the domain the model was fitted and measured on: every pair of the
        # place-variant benchmark, true or false, has a ratio of 60 or more, so the model has
        # never seen a pair this unlike and must not judge one ("Canada" / "Kansas" 50,
        # "Tanzania" / "Texas" 31: real false merges of an unguarded model on news text).
        return False
    if _words_dropped(left, right):
        return True
    return any(
        x[:2] == y[:2] and x
        for x, y in (
            (a.compact, b.compact),
            (a.skeleton, b.skeleton),
            (a.metaphone, b.metaphone),
            (a.nysiis, b.nysiis),
            (a.core, b.core),
            (a.sound, b.sound),
        )
    )


#: Words that make a different place of the name they are added to: "South Sudan" is not
#: "Sudan", "New London" not "London", "Lower Saxony" not "Saxony", "Nizhny Novgorod" not
#: "Novgorod". Two names that differ by one of them are never blocked together as a word drop.
_DISTINCT = _folded(
    "north south east west northern southern eastern western upper lower new old great "
    "greater little big high low nord sud est ouest nueva nuevo vieux vieille neu alt "
    "ober nieder unter gross klein nowa nowy stara stary novyi novyy novy novo novaya "
    "staryi staryy staraya stare velykyi velikiy velikaya mali malyi malyy malaya nizhni "
    "nizhniy nizhny nizhnii verkhni verkhniy verkhny severny yuzhny island islands bay "
    "beach park heights hills springs lake river valley port fort mount point gulf sea coast "
    "cape strait peninsula canal harbour harbor airport station"
)


_POSSESSIVE = re.compile(r"\w\s*['’]s\b")


def _head(name: str) -> str:
    """The name before a comma: "Fort Smith, Arkansas" is compared as "Fort Smith"."""
    if "," not in name:
        return name
    head = name.split(",", 1)[0].strip()
    return head if sum(c.isalpha() for c in head) >= 4 else name


@lru_cache(maxsize=65536)
def _core_words(name: str) -> tuple[str, ...]:
    words = fold_name(name).split()
    kept = tuple(w for w in words if w not in _ADMIN and w not in _GENERIC)
    return kept or tuple(words)


def _words_dropped(left: str, right: str) -> bool:
    """Whether one name is the other with whole words added before it.

    "San Roque" / "Roque", "Puerto Armuelles" / "Armuelles" qualify; words added after it
    ("the Long Beach plant", "Wellington town centre", "Barrington Hills") do not, nor a name
    with a comma
    ("Toulouse, France" / "France", a place and its country), a part of a word
    ("Niger" / "Nigeria") and a word of ``_DISTINCT`` ("South Sudan" / "Sudan") do not.
    """
    if "," in left or "," in right or _POSSESSIVE.search(left) or _POSSESSIVE.search(right):
        return False  # "Singapore's Changi Airport" is no form of "Changi Airport"
    short, long = sorted((_core_words(left), _core_words(right)), key=len)
    if len(short) == len(long) or sum(map(len, short)) < 5:
        return False
    if long[-len(short) :] != short:
        return False  # words added at the end make a part or a facility: "Long Beach plant"
    return not set(long[: -len(short)]) & _DISTINCT


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
    "jw_core",
    "eq_core",
    "contained_core",
    "jw_sound",
    "dl_sound",
    "eq_sound",
    "jw_rest",
)


def pair_features(left: str, right: str) -> list[float]:
    """The feature vector of two names, in the order of ``FEATURE_NAMES``."""
    a, b = name_keys(left), name_keys(right)
    shorter, longer = sorted((a.compact, b.compact), key=len)
    short_core, long_core = sorted((a.core, b.core), key=len)
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
        _jw(a.core, b.core),
        float(bool(a.core) and a.core == b.core),
        float(len(short_core) >= 4 and short_core in long_core),
        *_sound_features(a, b),
        _rest_similarity(left, right),
    ]


def _rest_similarity(left: str, right: str) -> float:
    """Jaro-Winkler of what is left when the words two names share are taken out of both.

    "Park Beach" / "Pensacola Beach" share "beach" and differ in all the rest; a true variant
    such as "Zelenyi Hai" / "Zeleny Gai" shares no word and is compared whole.
    """
    a, b = _core_words(left), _core_words(right)
    shared = set(a) & set(b)
    if not shared:
        return _jw("".join(a), "".join(b))
    rest_a = "".join(w for w in a if w not in shared)
    rest_b = "".join(w for w in b if w not in shared)
    if not rest_a or not rest_b:
        return 1.0 if rest_a == rest_b else 0.5
    return _jw(rest_a, rest_b)


def _sound_features(a: NameKeys, b: NameKeys) -> tuple[float, float, float]:
    """Similarity of the sound keys; of the skeletons when a sound key is under four letters.

    Three consonants agree by chance too often to be evidence ("Austria" / "Easter" are both
    "str", "Queens" / "Cops" "kns" / "kps"); the skeleton, which keeps vowels' positions
    and the first letter, says more about such short names.
    """
    if min(len(a.sound), len(b.sound)) < 4:
        x, y = a.skeleton, b.skeleton
    else:
        x, y = a.sound, b.sound
    return _jw(x, y), _dl(x, y), float(bool(x) and x == y)


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
        """The calibrated probability that two names are spellings of one place (0 unblocked).

        A name qualified after a comma is compared by its head ("Fort Smith, Arkansas" /
        "Fort Coffee" as "Fort Smith" / "Fort Coffee"): the region is no part of the spelling.
        """
        left, right = _head(left), _head(right)
        if not blocked_together(left, right):
            return 0.0
        z = self.bias + sum(map(operator.mul, self.weights, pair_features(left, right)))
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
