"""People: full names, surnames, first names and titles resolved to the right person.

Rules, in order, all precision first:

1. Full names (two or more words) join when their folded surnames are equal and their first
   names are equal after folding or one is the other's initial ("Oleh Sirenko", "Oleg Sirenko",
   "O. Sirenko"). A different surname is a different person, whatever the first name.
2. A one-word name equal to the surname of exactly one person joins that person ("Petrenko",
   "Mayor Petrenko"). If several people share the surname, each mention joins the one last
   named in full before it in the same article; with none, it stays apart. "Equal" is after
   folding, but the written initials must agree: the fold's *h* = *g* (Ukrainian *Hnatiuk*,
   Russian *Gnatyuk*) would otherwise make "Gill" the surname of Christopher Hill.
3. A one-word name equal to a *first* name never joins a full-name person by name alone. The
   text must introduce it ("a local man, Oleg"): later bare mentions in that article attach to
   the person introduced there, and introductions in different articles join when they
   describe the person with the same head noun ("a local man" / "a neighborhood man").
   A bare first name with no introduction in its article stays an entity of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from anyascii import anyascii

from storylens.entities.groups import NameGroup
from storylens.entities.mentions import NameMention

__all__ = ["PersonCluster", "resolve_people"]


@dataclass
class PersonCluster:
    """Mentions resolved to one person."""

    mentions: list[NameMention] = field(default_factory=list)

    @property
    def roles(self) -> list[str]:
        """Titles and appositions stated with any mention, first seen first."""
        return list(dict.fromkeys(r for m in self.mentions for r in m.roles))


def _first_compatible(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _full_name_clusters(groups: Sequence[NameGroup]) -> list[PersonCluster]:
    clusters: list[tuple[str, str, PersonCluster]] = []
    for group in sorted(groups, key=lambda g: (-len(g.mentions), g.key)):
        first, last = group.tokens[0], group.tokens[-1]
        for c_first, c_last, cluster in clusters:
            if c_last == last and _first_compatible(c_first, first):
                cluster.mentions.extend(group.mentions)
                break
        else:
            clusters.append((first, last, PersonCluster(list(group.mentions))))
    return [c for _, _, c in clusters]


def _role_head(mention: NameMention) -> str | None:
    for role in mention.roles:
        words = [w.strip(".,").lower() for w in role.split()]
        if words:
            return words[-1] if " of " not in role and " for " not in role else words[0]
    return None


def _resolve_first_names(key: str, mentions: list[NameMention]) -> list[PersonCluster]:
    """Split bare first-name mentions into the people their articles introduce."""
    introduced: list[tuple[str | None, PersonCluster]] = []
    by_article_intro: dict[str, PersonCluster] = {}
    loose: dict[str, PersonCluster] = {}
    for mention in sorted(mentions, key=lambda m: (m.article_id, m.start)):
        if mention.introduced:
            head = _role_head(mention)
            matches = [c for c_head, c in introduced if head is not None and head == c_head]
            if matches:
                cluster = matches[0]
            else:
                cluster = PersonCluster()
                introduced.append((head, cluster))
            cluster.mentions.append(mention)
            by_article_intro[mention.article_id] = cluster
        elif mention.article_id in by_article_intro:
            by_article_intro[mention.article_id].mentions.append(mention)
        else:
            loose.setdefault(mention.article_id, PersonCluster()).mentions.append(mention)
    return [c for _, c in introduced] + list(loose.values())


def resolve_people(
    persons: Sequence[NameGroup], candidates: Sequence[NameGroup] = ()
) -> tuple[list[PersonCluster], set[int]]:
    """Resolve PERSON groups into people.

    Args:
        persons: groups typed PERSON.
        candidates: one-word groups of another type that may be a surname mis-typed by the NER
            ("Marchuk" tagged ORG); they join only as the surname of exactly one person.

    Returns:
        The people, and the ``id()`` of each candidate group that was absorbed.
    """
    full = _full_name_clusters([g for g in persons if len(g.tokens) > 1])
    surname: dict[str, list[PersonCluster]] = {}
    first_names: set[str] = set()
    for cluster in full:
        keys = {m.key for m in cluster.mentions}
        for last in {k.split()[-1] for k in keys}:
            surname.setdefault(last, []).append(cluster)
        first_names.update(k.split()[0] for k in keys)
    people = list(full)
    absorbed: set[int] = set()
    for group in candidates:
        owners = _same_initial(group, surname.get(group.key, []))
        if len(owners) == 1 and not ({"PLACE", "OUTLET", "ORG"} & group.cues):
            owners[0].mentions.extend(group.mentions)
            absorbed.add(id(group))
    for group in (g for g in persons if len(g.tokens) == 1):
        owners = _same_initial(group, surname.get(group.key, []))
        unattached: list[NameMention] = []
        for mention in group.mentions:
            if len(owners) == 1:
                owners[0].mentions.append(mention)
                continue
            owner = _last_named_before(owners, mention)
            if owner is not None:
                owner.mentions.append(mention)
            else:
                unattached.append(mention)
        if not unattached:
            continue
        if group.key in first_names or any(m.introduced for m in unattached) or owners:
            people.extend(_resolve_first_names(group.key, unattached))
        else:
            people.append(PersonCluster(unattached))
    return people, absorbed


def _initial(text: str) -> str:
    return anyascii(text).strip()[:1].casefold()


def _same_initial(group: NameGroup, owners: list[PersonCluster]) -> list[PersonCluster]:
    """The owners whose surname, as written in a full name, starts as the group's name does."""
    initial = _initial(group.most_common_text())
    return [
        owner
        for owner in owners
        if any(
            _initial(m.text.split()[-1]) == initial
            for m in owner.mentions
            if len(m.tokens) > 1 and m.text.split()
        )
    ]


def _last_named_before(owners: list[PersonCluster], mention: NameMention) -> PersonCluster | None:
    best: tuple[int, PersonCluster] | None = None
    for owner in owners:
        for other in owner.mentions:
            if (
                other.article_id == mention.article_id
                and other.start < mention.start
                and len(other.tokens) > 1
                and (best is None or other.start > best[0])
            ):
                best = (other.start, owner)
    return best[1] if best else None
