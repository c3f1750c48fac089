"""From name mentions to canonical entities: the resolver shared by the stage and the corpus.

``EntityResolver.resolve`` takes the mentions of any set of articles (one story, or many stories
at once: each mention carries its story in ``group``) and returns ``Entity`` records:

1. group mentions by folded key and vote each group's type (``groups.py``);
2. join short forms and acronyms to the one outlet or organisation they abbreviate, and point
   "the outlet" phrases at the outlet named before them (``outlets.py``);
3. resolve people (``people.py``) and places (``places.py``);
4. build one ``Entity`` per resolved cluster: canonical name (the gazetteer's, an outlet's
   metadata name, or the most common well-formed spelling; a person's full name), type, every
   alias as written, every mention with its span, and the roles stated with it.

Entities come out sorted by salience: distinct sources first, then mention count.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from storylens.entities.fold import fold_name
from storylens.entities.gazetteer import Gazetteer, Place
from storylens.entities.groups import NameGroup, build_groups
from storylens.entities.mentions import NameMention
from storylens.entities.nominals import NameSearch, nominal_mentions
from storylens.entities.outlets import (
    ShortForms,
    known_outlets,
    nominal_outlet_mentions,
    outlet_key,
)
from storylens.entities.people import resolve_people
from storylens.entities.places import PlaceSpellings, mangled_place, resolve_places
from storylens.entities.settings import EntitySettings
from storylens.records import Article, Entity, Mention

__all__ = ["Cluster", "EntityResolver", "salience_key"]

_WORD_BREAK = re.compile(r"[\s,\-‐–]+")


@dataclass
class Cluster:
    """Mentions resolved to one thing, before it becomes an ``Entity``."""

    type: str
    mentions: list[NameMention]
    place: Place | None = None
    outlet: str | None = None
    #: Whether a spelling of the cluster is the place's own name; only then does the cluster
    #: take the gazetteer's name (a weak match, "Kiev" alone, keeps the written spelling).
    exact_place: bool = False


def salience_key(entity: Entity) -> tuple[int, int, str]:
    """Sort key: more sources first, then more mentions, then name."""
    return (-len(entity.sources), -len(entity.mentions), entity.name)


class EntityResolver:
    """Resolves name mentions into entities (see the module docstring).

    Args:
        settings: the stage's knobs.
        gazetteer: GeoNames index, or ``None`` to resolve without it.
    """

    def __init__(self, settings: EntitySettings, gazetteer: Gazetteer | None) -> None:
        self.settings = settings
        self.gazetteer = gazetteer if settings.use_gazetteer else None

    def clusters(
        self,
        mentions: Sequence[NameMention],
        articles: Sequence[Article],
        phrases: Mapping[str, Sequence[int | str]] | None = None,
        search: NameSearch | None = None,
    ) -> list[Cluster]:
        """Resolve mentions into clusters (``resolve`` turns them into entities); ``phrases``
        and ``search`` are what ``nominal_mentions`` reads of the texts, when kept."""
        texts = {a.id: a.text for a in articles}
        outlets = known_outlets(articles)
        groups = build_groups(
            mentions, outlets, self.gazetteer, texts, keep_norp=self.settings.keep_norp
        )
        absorbed: dict[int, NameGroup] = {}
        present = {g.key for g in groups}
        metadata = {outlet_key(a.outlet) for a in articles if a.outlet} | {
            outlet_key(h.outlet) for a in articles for h in a.hints if h.outlet
        }
        virtual = [
            NameGroup(key=key, mentions=[], type="OUTLET", outlet=name)
            for key, name in outlets
            if key not in present and key in metadata
        ]
        long_names = [g for g in groups if g.type in ("OUTLET", "ORG")] + virtual
        short_forms = ShortForms(long_names)
        for group in groups:
            company = short_forms.company(group) if _may_name_company(group) else None
            if company is not None and not self._names_a_town(group.most_common_text()):
                # "Alabama" is no short name of "Alabama AG" (its attorney general).
                absorbed[id(group)] = company
                continue
            if len(group.tokens) != 1 or "PERSON" in group.cues or group.type == "PLACE":
                continue
            owner = short_forms.owner(group)
            # A "person" short form only joins an outlet ("Vistnyk" tagged PERSON); "Jobs" never
            # joins an organisation span that swallowed a name ("Apple CEO Steve Jobs").
            if owner is not None and (group.type != "PERSON" or owner.type == "OUTLET"):
                absorbed[id(group)] = owner
        live = [g for g in groups if id(g) not in absorbed]
        # A bare first name or surname ("John", "Mary") names someone else in every paragraph of
        # a long article: as context it would make every two places of a family history alike.
        bare = {g.key for g in groups if g.type == "PERSON" and len(g.tokens) == 1}
        neighbours = {k: v - bare for k, v in _neighbours(mentions).items()}
        places = [g for g in live if g.type == "PLACE"]
        name_parts: dict[str, set[str]] = {}
        for group in live:
            if group.type == "PERSON" and len(group.tokens) > 1:
                for token in group.tokens:
                    name_parts.setdefault(token, set()).add(group.key)
        spellings = PlaceSpellings(places)
        for group in live:
            shares_name = any(name_parts.get(t, set()) - {group.key} for t in group.tokens)
            if (
                group.type in ("PERSON", "ORG")
                and not shares_name
                and mangled_place(group, spellings, neighbours, self.settings)
            ):
                group.type = "PLACE"
                places.append(group)
                spellings.add(group)
        _retype_name_modifiers(live, name_parts)
        persons = [g for g in live if g.type == "PERSON"]
        # "Vegas" beside "Las Vegas" is the city, not the surname of a "Buggie Vegas".
        place_words = {
            g.tokens[-1]
            for g in places
            if len(g.tokens) > 1 and "," not in g.most_common_text()  # not "Hayward, Salazar"
        }
        candidates = [
            g
            for g in live
            if len(g.tokens) == 1
            and _may_be_surname(g)
            and not (g.type == "PLACE" and g.key in place_words)
        ]
        people, surnames = resolve_people(persons, candidates)
        live = [g for g in live if id(g) not in surnames]
        clusters = [Cluster("PERSON", list(p.mentions)) for p in people]
        # A place the NER made of a surname went to its person, whole or in part.
        places = _join_features(
            [g for g in places if id(g) not in surnames and g.mentions], self._names_a_town
        )
        known_places = {g.key for g in groups if g.exact_place} | self._place_parts(places)
        towns = {g.key for g in places if g.exact_place or self._names_a_town(g.most_common_text())}
        for joined in resolve_places(places, neighbours, self.settings, known_places, towns):
            place = next((g.place for g in joined if g.place is not None), None)
            exact = any(g.exact_place and g.place is not None for g in joined)
            mentions_of = [m for g in joined for m in g.mentions]
            clusters.append(Cluster("PLACE", mentions_of, place, exact_place=exact))
        by_owner: dict[int, Cluster] = {}
        for group in [g for g in live if g.type not in ("PERSON", "PLACE")] + virtual:
            cluster = Cluster(group.type, list(group.mentions), outlet=group.outlet)
            by_owner[id(group)] = cluster
            clusters.append(cluster)
        cluster_of = {id(m): c for c in clusters for m in c.mentions}
        by_id = {id(g): g for g in groups}
        for group_id, owner in absorbed.items():
            source = by_id[group_id]
            # A short form's owner may itself be a short form ("Royal Dutch Shell" of "Royal
            # Dutch Shell Plc"): its mentions went to the end of the chain. Names only ever
            # point at longer names, so the chain ends.
            while id(owner) in absorbed:
                owner = absorbed[id(owner)]
            # The owner may have been re-typed and joined since (a place, a person's name).
            found = by_owner.get(id(owner)) or cluster_of.get(id(owner.mentions[0]))
            if found is None:
                found = Cluster(owner.type, [])
                clusters.append(found)
            found.mentions.extend(source.mentions)
        weak = {id(m) for g in groups if g.weak for m in g.mentions}
        clusters = [
            c for c in clusters if c.mentions and not all(id(m) in weak for m in c.mentions)
        ]
        self._add_nominal_references(clusters, articles)
        for reference, target in nominal_mentions(clusters, articles, phrases, search):
            target.mentions.append(reference)
        return clusters

    def _names_a_town(self, text: str) -> bool:
        if self.gazetteer is None:
            return False
        return bool(self.gazetteer.match(text)[0]) or self.gazetteer.names_a_town(text)

    def _place_parts(self, places: Sequence[NameGroup]) -> set[str]:
        """Folded leading and trailing words of multi-word place names that are themselves a
        town's name ("Barrie" in "Barrie Ontario"): such a name is a town and its region."""
        parts: set[str] = set()
        for group in places:
            words = _WORD_BREAK.split(group.most_common_text().strip())
            if len(words) != len(group.tokens) or len(words) < 2:
                continue
            for cut in range(1, len(words)):
                for side in (words[:cut], words[cut:]):
                    if self._names_a_town(" ".join(side)):
                        parts.add(fold_name(" ".join(side)))
        return parts

    @staticmethod
    def _add_nominal_references(clusters: list[Cluster], articles: Sequence[Article]) -> None:
        owner_of: dict[tuple[str, int], Cluster] = {}
        # Each article's outlet and organisation mentions, in cluster order, gathered in one
        # pass: gathering them per article rescanned every mention of the story 568 times.
        outlet_mentions: dict[str, list[NameMention]] = {}
        org_mentions: dict[str, list[NameMention]] = {}
        for cluster in clusters:
            by_article = {"OUTLET": outlet_mentions, "ORG": org_mentions}.get(cluster.type)
            for mention in cluster.mentions:
                owner_of[(mention.article_id, mention.start)] = cluster
                if by_article is not None:
                    by_article.setdefault(mention.article_id, []).append(mention)
        for article in articles:
            outlets = outlet_mentions.get(article.id)
            if not outlets:
                continue
            for reference, antecedent in nominal_outlet_mentions(
                article, outlets, org_mentions.get(article.id, [])
            ):
                owner_of[(antecedent.article_id, antecedent.start)].mentions.append(reference)

    def resolve(
        self,
        mentions: Sequence[NameMention],
        articles: Sequence[Article],
        phrases: Mapping[str, Sequence[int | str]] | None = None,
        search: NameSearch | None = None,
    ) -> list[Entity]:
        """Entities for the mentions of ``articles``, sorted by salience (``phrases``: the
        articles' kept "the X" phrases, found from the texts when absent; ``search``: which
        texts hold an outlet's lower-cased name, kept or by reading them).

        Example:
            >>> resolver = EntityResolver(EntitySettings(), gazetteer=None)
            >>> resolver.resolve([], [])
            []
        """
        order = {a.id: i for i, a in enumerate(articles)}
        entities = [_entity(c, order) for c in self.clusters(mentions, articles, phrases, search)]
        return sorted(entities, key=salience_key)


#: Natural features named after a place: "the Bilyanka dam", "the Bilyanka valley".
_FEATURES = frozenset({"dam", "reservoir", "valley", "river", "lake", "storage lake", "basin"})


def _join_features(places: list[NameGroup], names_a_town: Callable[[str], bool]) -> list[NameGroup]:
    """Fold "X dam" / "X reservoir" / "X valley" into the place "X" when X is not a gazetteer
    town (the Kakhovka dam is not the town of Kakhovka): the answer a reader wants is the water
    body and its valley as one place, not a company or town that shares the name. Nor is it a
    region the gazetteer names: the Mississippi River is not the state of Mississippi."""
    by_key = {g.key: g for g in places}
    kept: list[NameGroup] = []
    for group in places:
        for size in (2, 1):
            tail = " ".join(group.tokens[-size:])
            base = by_key.get(" ".join(group.tokens[:-size]))
            feature = tail in {fold_name(f) for f in _FEATURES}
            if (
                feature
                and len(group.tokens) > size
                and base is not None
                and base.place is None
                and not names_a_town(base.most_common_text())
            ):
                base.mentions.extend(group.mentions)
                break
        else:
            kept.append(group)
    return kept


def _may_name_company(group: NameGroup) -> bool:
    """Whether a name may be a company's short name ("Transocean" for "Transocean Ltd"). The
    NER calls "Transocean" and "Halliburton" places or nationalities; an outlet, a name the
    gazetteer knows as a place, or one the words around it call a place or a person in a
    quarter of its mentions or more ("in X", "X, who") is not taken."""
    if group.type == "OUTLET" or (group.type == "PLACE" and group.exact_place):
        return False
    total = len(group.mentions)
    return all(_cued(group, cue) * 4 < total for cue in ("PLACE", "PERSON"))


def _cued(group: NameGroup, cue: str) -> int:
    return sum(1 for m in group.mentions if cue in m.cues)


def _may_be_surname(group: NameGroup) -> bool:
    """Whether a one-word name of another type may be a person's surname mis-typed by the NER
    (it joins only as the surname of exactly one person named in full, ``resolve_people``).

    An organisation or other name may, unless the words around it say it is a place, an
    outlet or an organisation ("Marchuk" tagged ORG). A place may when the words around it
    call it a person more often than anything else ("CEO Hayward", "Hayward, who ..."; the NER
    tags BP's Tony Hayward GPE 71 times in one story), or when nothing but the gazetteer makes
    it a place: no place label, no place cue, and a person label ("Chu" for Steven Chu is also
    a Vietnamese town).
    """
    if group.type == "PERSON" or group.type == "OUTLET":
        return False
    if group.type != "PLACE":
        return not ({"PLACE", "OUTLET", "ORG"} & group.cues)
    person = _cued(group, "PERSON")
    if person > max(_cued(group, "PLACE"), _cued(group, "ORG"), _cued(group, "OUTLET")):
        return True
    labels = {m.label for m in group.mentions}
    return "PERSON" in labels and "PLACE" not in labels and "PLACE" not in group.cues


def _retype_name_modifiers(groups: Sequence[NameGroup], name_parts: dict[str, set[str]]) -> None:
    """A one-word "person" that starts organisation names is a place ("Vendholm" in "Vendholm
    Port Authority"), unless it is part of a person's name or something calls it a person."""
    modifiers = {
        g.tokens[0] for g in groups if g.type in ("ORG", "OUTLET", "FACILITY") and len(g.tokens) > 1
    }
    for group in groups:
        if (
            group.type == "PERSON"
            and len(group.tokens) == 1
            and group.key in modifiers
            and group.key not in name_parts
            and "PERSON" not in group.cues
            and not any(m.roles for m in group.mentions)
        ):
            group.type = "PLACE"


def _neighbours(mentions: Iterable[NameMention]) -> dict[str, set[str]]:
    """Key -> keys of other names in the same sentences (the co-occurrence context)."""
    by_sentence: dict[tuple[str, int], set[str]] = {}
    for mention in mentions:
        by_sentence.setdefault((mention.article_id, mention.sentence), set()).add(mention.key)
    out: dict[str, set[str]] = {}
    for keys in by_sentence.values():
        for key in keys:
            out.setdefault(key, set()).update(keys - {key})
    return out


def _canonical(cluster: Cluster) -> str:
    if cluster.place is not None and cluster.exact_place:
        return cluster.place.name
    if cluster.outlet is not None:
        return cluster.outlet
    names = [m.text for m in cluster.mentions if m.label != "NOMINAL"]
    counts = Counter(names)

    def name_words(name: str) -> int:
        # A lower-case word before a name is no part of it ("a Conrad Murray", "sec Ken Salazar").
        words = name.split()
        return len(words) - (1 if len(words) > 2 and words[0].islower() else 0)

    longest = max(name_words(n) for n in names)

    def quality(name: str) -> tuple[bool, bool, bool, int, int]:
        full = cluster.type != "PERSON" or name_words(name) == longest
        lowered = name_words(name) < len(name.split())
        return (full, not lowered, not name.isupper(), counts[name], -len(name))

    return max(sorted(counts), key=quality)


def _entity(cluster: Cluster, order: dict[str, int]) -> Entity:
    unique = {(m.article_id, m.start, m.end): m for m in cluster.mentions}
    mentions = sorted(unique.values(), key=lambda m: (order.get(m.article_id, 0), m.start))
    name = _canonical(cluster)
    aliases = tuple(dict.fromkeys(m.text for m in mentions))
    roles = tuple(dict.fromkeys(r for m in mentions for r in m.roles))
    first = mentions[0]
    digest = hashlib.sha256(
        f"{cluster.type}|{name}|{first.article_id}:{first.start}".encode()
    ).hexdigest()[:12]
    return Entity(
        id=f"ent-{digest}",
        name=name,
        type=cluster.type,
        aliases=aliases,
        mentions=tuple(Mention(m.article_id, m.start, m.end, m.text) for m in mentions),
        roles=roles,
    )
