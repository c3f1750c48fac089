"""Places: one entity per place across spellings, transliterations and mangled copies.

Three tiers, strongest first:

1. Equal folded keys (``fold.fold_name``) are already one group: *Zelenyi Hai*, *Zeleny Gai*,
   *Zelenyj Haj*; *Pryluzhne*, *Priluzhnoye*.
2. GeoNames: two spellings that resolve to the same GeoNames place join (*Kiev*, *Kyiv*,
   *Kharkov*, *Kharkiv*); two that resolve to *different* places never join by any tier, which
   keeps *Bryansk* from *Berdyansk*, *Kharkiv* from *Kherson* and *Balta* from *Yalta*.
3. Fuzzy: spellings no gazetteer holds (*Selenyi Gaj*) join when the spelling score reaches
   ``fuzzy_place_threshold`` AND the context agrees: both in the same story, and either sharing
   at least ``context_overlap`` co-occurring entities or sitting in parallel sentences (word
   Jaccard of the two sentences, names masked, at least ``parallel_sentence``); or when the
   calibrated variant model (``variants.py``) gives a probability above its tuned thresholds
   with one (or, lower, two) shared co-occurring entities in the same story.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from itertools import combinations

import numpy as np
from anyascii import anyascii
from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler
from rapidfuzz.process import cdist

from storylens.entities.fold import SOUND_BONUS, fold_name, spelling_score
from storylens.entities.groups import NameGroup
from storylens.entities.roles import wordset
from storylens.entities.settings import EntitySettings
from storylens.entities.variants import _DISTINCT as _VARIANT_DISTINCT
from storylens.entities.variants import MIN_RATIO, _head, name_keys, variant_model

__all__ = [
    "PlaceSpellings",
    "UnionFind",
    "context_agrees",
    "different_parts",
    "fuzzy_place_decision",
    "mangled_place",
    "part_or_qualified",
    "resolve_places",
]


class UnionFind:
    """Disjoint sets over ``range(n)`` (path halving, union by size)."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.size = [1] * n

    def find(self, item: int) -> int:
        """The representative of ``item``'s set."""
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        """Join the sets of ``a`` and ``b``."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]

    def sets(self) -> list[list[int]]:
        """The sets, each sorted, in order of their smallest member."""
        out: dict[int, list[int]] = {}
        for item in range(len(self.parent)):
            out.setdefault(self.find(item), []).append(item)
        return list(out.values())


def context_agrees(
    left: NameGroup,
    right: NameGroup,
    neighbours: dict[str, set[str]],
    settings: EntitySettings,
    overlap: int | None = None,
) -> bool:
    """Whether two spellings' contexts say they name the same thing (see the module docstring).

    ``overlap`` overrides ``settings.context_overlap`` (a near-identical spelling needs less).
    """
    if not {m.group for m in left.mentions} & {m.group for m in right.mentions}:
        return False
    shared = (neighbours.get(left.key, set()) & neighbours.get(right.key, set())) - {
        left.key,
        right.key,
    }
    if len(shared) >= (settings.context_overlap if overlap is None else overlap):
        return True
    # Only whether some pair of one story's contexts is parallel matters: each distinct context
    # once (copies of one wire story repeat their sentences, and compared every pair of them).
    # A pair's Jaccard is at most the smaller context's size over the larger's: a pair whose
    # sizes alone keep it below the threshold is not compared (``I/U <= small/big``, and
    # rounded division keeps that order, so no pair that passes is skipped).
    threshold = settings.parallel_sentence
    rights = _contexts_by_group(right)
    for group, lefts in _contexts_by_group(left).items():
        for a in lefts:
            for b in rights.get(group, ()):
                small, big = sorted((len(a), len(b)))
                if small / big < threshold:
                    continue
                union = len(a | b)
                if union and len(a & b) / union >= threshold:
                    return True
    return False


def _contexts_by_group(group: NameGroup) -> dict[str, list[frozenset[str]]]:
    """The distinct non-empty mention contexts of ``group``, by story, in first-seen order."""
    out: dict[str, dict[frozenset[str], None]] = {}
    for mention in group.mentions:
        if mention.context:
            out.setdefault(mention.group, {})[mention.context] = None
    return {story: list(contexts) for story, contexts in out.items()}


def fuzzy_place_decision(
    score: float, shared: int, settings: EntitySettings, probability: float | None = None
) -> bool:
    """The fuzzy tier's rule: spelling evidence and how many context items two names share.

    Equal folded keys (score 1) need no more than the same story. Otherwise either the spelling
    score reaches ``fuzzy_place_threshold`` and the names share ``context_overlap``
    co-occurring entities (one is enough from ``near_identical``), or the variant model's
    ``probability`` (``variants.py``, when given and enabled) reaches its one-shared threshold
    with one shared entity, or its two-shared threshold with two. The place-variant benchmark
    applies this very function, with each name's simulated neighbours as its context.
    """
    if score >= 1.0:
        return True
    model = variant_model() if settings.use_variant_model else None
    if (
        model is not None
        and probability is not None
        and shared >= 1
        and (probability >= model.one_shared or (shared >= 2 and probability >= model.two_shared))
    ):
        return True
    if score < settings.fuzzy_place_threshold:
        return False
    return shared >= (1 if score >= settings.near_identical else settings.context_overlap)


def _fuzzy_match(
    a: NameGroup, b: NameGroup, neighbours: dict[str, set[str]], settings: EntitySettings
) -> bool:
    left, right = a.most_common_text(), b.most_common_text()
    score = spelling_score(left, right)
    if score >= settings.fuzzy_place_threshold:
        overlap = 1 if score >= settings.near_identical else None
        if context_agrees(a, b, neighbours, settings, overlap):
            return True
    model = variant_model() if settings.use_variant_model else None
    if model is None or not {m.group for m in a.mentions} & {m.group for m in b.mentions}:
        return False
    probability = model.probability(left, right)
    if probability < model.two_shared:
        return False
    shared = (neighbours.get(a.key, set()) & neighbours.get(b.key, set())) - {a.key, b.key}
    if len(shared) >= 2 or (len(shared) == 1 and probability >= model.one_shared):
        return True
    # Parallel sentences stand for one shared entity, never for two.
    return probability >= model.one_shared and context_agrees(a, b, neighbours, settings, 99)


class PlaceSpellings:
    """A story's place groups by word count, with their folded spellings, as ``mangled_place``
    compares them: hundreds of person and organisation names each against hundreds of places
    re-derived the same word counts and spellings a million times on a 337-article story."""

    def __init__(self, places: Sequence[NameGroup] = ()) -> None:
        self._groups: dict[int, list[NameGroup]] = {}
        self._folded: dict[int, list[str]] = {}
        self._shapes: dict[int, list[tuple[int, str]]] = {}
        for place in places:
            self.add(place)

    def add(self, place: NameGroup) -> None:
        """Add a place group (after the ones already added)."""
        count = len(place.tokens)
        folded = fold_name(place.most_common_text())
        self._groups.setdefault(count, []).append(place)
        self._folded.setdefault(count, []).append(folded)
        self._shapes.setdefault(count, []).append(_shape(folded))

    def of_count(self, count: int) -> tuple[list[NameGroup], list[str]]:
        """The places of ``count`` words, in the order added, and their folded spellings."""
        return self._groups.get(count, []), self._folded.get(count, [])

    def shapes(self, count: int) -> list[tuple[int, str]]:
        """``_shape`` of each folded spelling ``of_count(count)`` gives, in the same order."""
        return self._shapes.get(count, [])


def _shape(folded: str) -> tuple[int, str]:
    """What decides ``spelling_score``'s early answers: the spaces of a folded name, and the
    name with z read as s."""
    return folded.count(" "), folded.replace("z", "s")


def mangled_place(
    group: NameGroup,
    places: Sequence[NameGroup] | PlaceSpellings,
    neighbours: dict[str, set[str]],
    settings: EntitySettings,
) -> bool:
    """Whether a PERSON or ORG group is really a mangled spelling of one of ``places``.

    Only groups with no person or organisation evidence beyond the NER label qualify (no cue,
    no role), and the spelling must pass the same context-guarded fuzzy test as place variants.
    """
    if group.cues & {"PERSON", "ORG", "OUTLET"} or any(m.roles for m in group.mentions):
        return False
    # Same word count: "Singapore Airlines" contains a place and is no spelling of it. And
    # the letters must agree (spelling score), not only the sound keys of the variant model:
    # re-typing a name is a stronger claim than joining two place spellings, and sound alone
    # calls "Congress" a Kansas, "Boeing" a Bangkok and the sentence-initial "Cops" a Queens.
    # And a mangled spelling is rarer than the name it mangles: "Main" in 75 "Main section"
    # credits is no misspelt Maine written once.
    text = group.most_common_text()
    return any(
        len(place.mentions) >= len(group.mentions)
        and spelling_score(text, place.most_common_text()) >= settings.fuzzy_place_threshold
        and _fuzzy_match(group, place, neighbours, settings)
        for place in _spelling_candidates(group, places, settings)
    )


def _spelling_candidates(
    group: NameGroup, places: Sequence[NameGroup] | PlaceSpellings, settings: EntitySettings
) -> list[NameGroup]:
    """The places of ``group``'s word count whose spelling score can reach the fuzzy threshold.

    A story has hundreds of person and organisation names and hundreds of places; scoring every
    pair in Python dominated the entities stage. ``spelling_score`` is at most the Jaro-Winkler
    similarity of the folded names plus its 0.05 sound bonus, except for its early answers
    (equal after z/s, different word counts), so one vectorised Jaro-Winkler row (rapidfuzz,
    the same similarity as jellyfish's) keeps every place that could pass, and only those are
    scored.
    """
    if isinstance(places, PlaceSpellings):
        same_count, folded = places.of_count(len(group.tokens))
        shapes = places.shapes(len(group.tokens))
    else:
        same_count = [p for p in places if len(p.tokens) == len(group.tokens)]
        folded = []
    name = fold_name(group.most_common_text())
    if not same_count or not name:
        return list(same_count)
    if not isinstance(places, PlaceSpellings):
        folded = [fold_name(p.most_common_text()) for p in same_count]
        shapes = [_shape(f) for f in folded]
    similarity = cdist([name], folded, scorer=JaroWinkler.normalized_similarity)[0]
    floor = settings.fuzzy_place_threshold - SOUND_BONUS - 1e-6
    spaces, sibilant = _shape(name)
    # One comparison over the row (NumPy's, as each element's own would be: float32 against
    # the Python float), not a NumPy scalar per place.
    close = (similarity >= floor).tolist()
    return [
        place
        for place, (other_spaces, other_sibilant), near in zip(
            same_count, shapes, close, strict=True
        )
        if near or other_spaces != spaces or other_sibilant == sibilant
    ]


#: Words that make another place of the name they are put before ("South Wales" is not Wales,
#: "Mid Wales" neither, nor "Latin America" America): the variant model's list and a few more.
_DISTINCT = _VARIANT_DISTINCT | {fold_name(w) for w in ("mid", "central", "latin")}


#: Endings that make a region of a town's name: the county named after its town.
_REGION_SUFFIXES = tuple(fold_name(w) for w in ("shire", "shchyna"))


#: Words that, added after a name that is no town, still name the same area: "Aceh
#: province", "the Mediterranean Sea", "Shetland Islands" (after a town's name they make
#: another thing: "Los Angeles County", "Swansea Valley", "Mexico City").
_AREA_WORDS = frozenset(
    fold_name(w)
    for w in [
        "region",
        "province",
        "oblast",
        "district",
        "county",
        "state",
        "raion",
        "rayon",
        "governorate",
        "prefecture",
        "territory",
        "municipality",
        "city",
        "sea",
        "ocean",
        "strip",
        "island",
        "islands",
        "peninsula",
    ]
)


def part_or_qualified(
    shorter: NameGroup,
    longer: NameGroup,
    place_keys: Set[str],
    towns: Set[str] = frozenset(),
) -> bool:
    """Whether ``longer`` is ``shorter`` with words added that make it another thing.

    Words added *before* a name make another place when they are a place themselves ("Risca
    Wales", "Knighton Wales": a town and its country) or a word such as "South" or "Mid"; words
    added *after* it make a part or a feature ("Brecon Road", "Swansea Valley", "Llanfihangel
    Church", "Los Angeles County") unless they are a place, the region that qualifies the
    name ("Newtown Powys" is Newtown), or area words after a name that is no town ("Aceh
    province", "Mediterranean Sea"). A name qualified after a comma ("Fort Smith, Ark.") is
    its head. ``place_keys`` are the folded names known as places (the story's place names
    and the gazetteer's), ``towns`` the keys of names that are some town's own name. Names
    that are no word-for-word part of each other are not judged here (``False``).
    """
    short, long = shorter.tokens, longer.tokens
    if len(short) >= len(long) or not short:
        return False
    if long[-len(short) :] == short:
        added = long[: -len(short)]
        return bool(set(added) & _DISTINCT) or " ".join(added) in place_keys
    if long[: len(short)] == short:
        added = long[len(short) :]
        if fold_name(longer.most_common_text().split(",")[0]) == shorter.key:
            return False
        if set(added) <= _AREA_WORDS:
            return shorter.key in towns
        # "Valley", "Beach", "Canyon" and "Delta" are town names too, but after a name they
        # make a feature of it ("Mississippi Canyon" is an offshore area, not the state).
        return " ".join(added) not in place_keys or set(added) <= _DISTINCT | _FEATURE_WORDS
    return bool(set(short) <= set(long))


#: Landform and water words that make a feature of the name before them, besides the
#: variant model's ``_DISTINCT`` words (which stay as the model was fitted).
_FEATURE_WORDS = frozenset(
    fold_name(w)
    for w in wordset(
        """canyon delta basin ridge creek reef shelf trench plateau field fields dam reservoir
        bayou marsh marshes sound pass islands shoal shoals bank banks"""
    )
)


#: What ``_compatibility`` says of two spellings.
_VETO, _UNLIKE, _ALIKE = -1, 0, 1


def different_parts(left: list[str], right: list[str], place_keys: Set[str]) -> bool:
    """Whether two names share their first or last words and differ in a way that makes two
    places: "Pensacola Beach" / "Panama City Beach" (two known places before "Beach"),
    "Mobile Bay" / "Mobile County" (a bay and a county of one town)."""
    shared_end = 0
    while (
        shared_end < min(len(left), len(right)) and left[-1 - shared_end] == right[-1 - shared_end]
    ):
        shared_end += 1
    if shared_end and shared_end < min(len(left), len(right)):
        heads = (" ".join(left[:-shared_end]), " ".join(right[:-shared_end]))
        if all(h in place_keys for h in heads):
            return True
    shared_start = 0
    while shared_start < min(len(left), len(right)) and left[shared_start] == right[shared_start]:
        shared_start += 1
    if shared_start and shared_start < min(len(left), len(right)):
        # "Chandeleur Island" / "Chandeleur Islands" is one place: plurals compare as one word.
        tails = {w.rstrip("s") for w in left[shared_start:]} ^ {
            w.rstrip("s") for w in right[shared_start:]
        }
        return bool(tails & {w.rstrip("s") for w in _DISTINCT | _AREA_WORDS})
    return False


def _compatibility(
    a: NameGroup, b: NameGroup, settings: EntitySettings, place_keys: Set[str], towns: Set[str]
) -> int:
    """Whether two spellings could be joined directly, on spelling alone (no context).

    ``_VETO`` when they are known to be two things (two GeoNames places, two towns' own names,
    a town and the county named after it, a name and a part or a qualified form of it);
    ``_ALIKE`` when the spelling score or the variant model's floor says they may be one;
    ``_UNLIKE`` otherwise.
    """
    if a.key == b.key:
        return _ALIKE
    if a.place is not None and b.place is not None:
        return _ALIKE if a.place.geonameid == b.place.geonameid else _VETO
    if a.key in towns and b.key in towns:
        return _VETO  # two names that are each some town's own name are two towns
    same_words = len(a.tokens) == len(b.tokens)  # a spelling, not words added or dropped
    if same_words and (a.key in towns or b.key in towns) and not _typo_apart(a, b):
        # A known town's name written otherwise is a typo of it (Lousiana, Albama) or another
        # place or thing (Hoschton is no Houston, Panacea no Pensacola, Alyeska a company and
        # no Alaska); its transliterations are the gazetteer's alternate names, joined above.
        return _VETO
    shorter_key, longer_key = sorted((a.key, b.key), key=len)
    if any(longer_key == shorter_key + suffix for suffix in _REGION_SUFFIXES):
        return _VETO  # "Cardiganshire" is the county named after the town of Cardigan
    shorter, longer = sorted((a, b), key=lambda g: len(g.tokens))
    if part_or_qualified(shorter, longer, place_keys, towns):
        return _VETO
    if different_parts(a.tokens, b.tokens, place_keys):
        return _VETO
    left, right = a.most_common_text(), b.most_common_text()
    if spelling_score(left, right) >= settings.fuzzy_place_threshold:
        return _ALIKE
    model = variant_model() if settings.use_variant_model else None
    alike = model is not None and model.probability(left, right) >= model.two_shared
    return _ALIKE if alike else _UNLIKE


def _typo_apart(a: NameGroup, b: NameGroup) -> bool:
    """Whether two spellings are one typing slip apart (two for names of eight letters or
    more): a letter dropped, added, changed or two swapped, after case and accents."""
    left = anyascii(a.most_common_text()).casefold()
    right = anyascii(b.most_common_text()).casefold()
    slips = 1 if min(len(left), len(right)) < 8 else 2
    return (
        DamerauLevenshtein.distance(left, right) <= slips
        or _demonym(left, right)
        or _abbreviation(left, right)
    )


def _abbreviation(left: str, right: str) -> bool:
    """Whether one written name cuts the other short with a full stop ("Calif." for
    California; "Gulf" is a word, not Gulfport cut short)."""
    short, long = sorted((left, right), key=len)
    return short.endswith(".") and len(short) >= 4 and long.startswith(short[:-1])


#: Endings that make a place's adjective or people (Canada / Canadian, Japan / Japanese).
_DEMONYM_ENDINGS = frozenset({"n", "an", "ian", "ean", "ese", "ish", "i"})


def _demonym(left: str, right: str) -> bool:
    """Whether one written name is the other's adjective ("Canadian" of "Canada"), which the
    type vote may have left a place and which coreference counts as the place."""
    short, long = sorted((left, right), key=len)
    stem = short[:-1] if short[-1:] in "aeoy" else short
    return len(stem) >= 3 and long.startswith(stem) and long[len(stem) :] in _DEMONYM_ENDINGS


def resolve_places(
    places: Sequence[NameGroup],
    neighbours: dict[str, set[str]],
    settings: EntitySettings,
    known_places: Set[str] = frozenset(),
    towns: Set[str] = frozenset(),
) -> list[list[NameGroup]]:
    """Join place groups that name one place; returns the joined groups.

    Gazetteer joins come first; then fuzzy joins, strongest spelling evidence first, each
    only when no pair of spellings across the two clusters is known to be two things and more
    than half of those pairs could be joined directly (``_compatibility``; an average link
    with hard vetoes instead of single link: a chain of look-alikes *A* ~ *B* ~ *C* never puts
    *C* with *A* when the two look nothing alike). ``known_places`` are folded
    names known as places besides ``places`` (gazetteer hits of any type); ``towns`` the keys
    of groups whose name is some GeoNames town's own name (``Gazetteer.names_a_town``).
    """
    sets = UnionFind(len(places))
    known = {i: g.place.geonameid for i, g in enumerate(places) if g.place is not None}
    members: dict[int, list[int]] = {i: [i] for i in range(len(places))}
    place_keys = {g.key for g in places} | set(known_places)

    def join(i: int, j: int) -> None:
        # A chain of fuzzy joins must not bring two different GeoNames places together.
        ri, rj = sets.find(i), sets.find(j)
        gi, gj = known.get(ri), known.get(rj)
        if ri == rj or (gi is not None and gj is not None and gi != gj):
            return
        sets.union(ri, rj)
        root = sets.find(ri)
        members[root] = members.pop(ri if root == rj else rj) + members.pop(root)
        known_id = gi if gi is not None else gj
        if known_id is not None:
            known[root] = known_id

    def linked(i: int, j: int) -> bool:
        """No veto between the two clusters, and more than half of their pairs of units
        alike (spellings joined through one GeoNames place are one unit, any of them may
        answer): a name alike to only one end of a chain stays out of it."""
        pairs = [
            _unit_compatibility(u, v, places, settings, place_keys, towns)
            for u in _units(members[sets.find(i)], places)
            for v in _units(members[sets.find(j)], places)
        ]
        return _VETO not in pairs and 2 * pairs.count(_ALIKE) > len(pairs)

    first_with_place: dict[int, int] = {}
    for i, group in enumerate(places):
        if group.place is not None:
            join(first_with_place.setdefault(group.place.geonameid, i), i)
    # The fuzzy tier only ever joins names of one story: compare within stories, not all pairs.
    by_story: dict[str, list[int]] = {}
    for i, group in enumerate(places):
        for story in {m.group for m in group.mentions}:
            by_story.setdefault(story, []).append(i)
    tried: set[tuple[int, int]] = set()
    found: list[tuple[float, int, int]] = []
    for story_members in by_story.values():
        for i, j in _fuzzy_candidates(story_members, places, settings):
            a, b = places[i], places[j]
            if (i, j) in tried or (a.place is not None and b.place is not None):
                continue
            tried.add((i, j))
            # The cheap, context-guarded test first: most pairs of a story fail it.
            if (
                _fuzzy_match(a, b, neighbours, settings)
                and _compatibility(a, b, settings, place_keys, towns) == _ALIKE
            ):
                found.append((_strength(a, b), i, j))
    for _, i, j in sorted(found, key=lambda item: (-item[0], item[1], item[2])):
        if sets.find(i) != sets.find(j) and linked(i, j):
            join(i, j)
    return [[places[i] for i in group] for group in sets.sets()]


def _fuzzy_candidates(
    members: Sequence[int], places: Sequence[NameGroup], settings: EntitySettings
) -> list[tuple[int, int]]:
    """The pairs of ``members`` (as ``(i, j)``, ``i`` first in ``members``) that
    ``_fuzzy_match`` could join; every other pair fails both of its tests.

    A 337-article story has about 800 place names: testing all 320,000 pairs in Python took
    most of the entities stage. Its spelling test needs a ``spelling_score`` of at least the
    fuzzy threshold, so a Jaro-Winkler similarity of the folded names of at least the threshold
    minus the sound bonus, equal names after z/s, or different word counts with a word in
    common or the same letters (see ``spelling_score``); its variant-model test needs the names' ``fuzz.ratio``
    to reach ``MIN_RATIO`` (``blocked_together``). Both are computed as whole matrices
    (rapidfuzz), and only the pairs that pass one are tested.
    """
    order = list(members)
    if len(order) < 2:
        return []
    texts = [places[i].most_common_text() for i in order]
    folded = [fold_name(t) for t in texts]
    keep = cdist(folded, folded, scorer=JaroWinkler.normalized_similarity) >= (
        settings.fuzzy_place_threshold - SOUND_BONUS - 1e-6
    )
    if settings.use_variant_model and variant_model() is not None:
        ascii_keys = [name_keys(_head(t)).ascii for t in texts]
        keep |= cdist(ascii_keys, ascii_keys, scorer=fuzz.ratio) >= MIN_RATIO
    same_key: dict[str, list[int]] = {}
    for position, name in enumerate(folded):
        same_key.setdefault("z:" + name.replace("z", "s"), []).append(position)
        same_key.setdefault("n:" + name.replace(" ", ""), []).append(position)
        for word in set(name.split()):
            same_key.setdefault("w:" + word, []).append(position)
    for key, positions in same_key.items():
        for x, y in combinations(positions, 2):
            if key[0] == "z" or folded[x].count(" ") != folded[y].count(" "):
                keep[x, y] = keep[y, x] = True
    rows, columns = np.nonzero(np.triu(keep, k=1))
    return [(order[x], order[y]) for x, y in zip(rows.tolist(), columns.tolist(), strict=True)]


def _unit_compatibility(
    u: list[int],
    v: list[int],
    places: Sequence[NameGroup],
    settings: EntitySettings,
    place_keys: Set[str],
    towns: Set[str],
) -> int:
    """A veto between any members of two units vetoes; otherwise the best pair answers."""
    found = {
        _compatibility(places[x], places[y], settings, place_keys, towns) for x in u for y in v
    }
    return _VETO if _VETO in found else max(found)


def _units(indices: list[int], places: Sequence[NameGroup]) -> list[list[int]]:
    """A cluster's members, those sharing a GeoNames place as one unit."""
    by_place: dict[int, list[int]] = {}
    units: list[list[int]] = []
    for index in indices:
        place = places[index].place
        if place is None:
            units.append([index])
        else:
            by_place.setdefault(place.geonameid, []).append(index)
    return units + list(by_place.values())


def _strength(a: NameGroup, b: NameGroup) -> float:
    """How alike two spellings are (the larger of spelling score and model probability)."""
    left, right = a.most_common_text(), b.most_common_text()
    model = variant_model()
    probability = model.probability(left, right) if model is not None else 0.0
    return max(spelling_score(left, right), probability)
