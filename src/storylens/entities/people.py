"""People: full names, surnames, first names and titles resolved to the right person.

Rules, in order, all precision first:

1. Full names (two or more words) join when their folded surnames are equal and their first
   names are equal after folding or one is the other's initial ("Oleh Sirenko", "Oleg Sirenko",
   "O. Sirenko"). A different surname is a different person, whatever the first name; so is a
   different middle name ("John Maurice Jones" / "John Lumley Jones"), and a name without one
   joins a person with one only when that person is the only candidate.
2. A one-word name equal to the surname of exactly one person joins that person ("Petrenko",
   "Mayor Petrenko"). If several people share the surname, each mention joins the one last
   named in full before it in the same article; with none, it joins the person who holds
   nine in ten of the story's full-name mentions of that surname (at least three), else it
   stays apart. The same holds for a one-word name of another type that the words around it
   call a person ("CEO Hayward" tagged GPE), and capitals ("RIG") join only a surname spelt
   the same. "Equal" is after
   folding, but the written initials must agree: the fold's *h* = *g* (Ukrainian *Hnatiuk*,
   Russian *Gnatyuk*) would otherwise make "Gill" the surname of Christopher Hill.
3. A one-word name equal to a *first* name never joins a full-name person by name alone. The
   text must introduce it ("a local man, Oleg"): later bare mentions in that article attach to
   the person introduced there, and introductions in different articles join when they
   describe the person with the same head noun ("a local man" / "a neighborhood man").
   A bare first name with no introduction in its article stays an entity of its own.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from anyascii import anyascii

from storylens.entities.fold import fold_name, spelling_score
from storylens.entities.groups import CORPORATE_SUFFIXES, NameGroup
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


#: Spelling score from which two middle names are one name misspelt ("Brynmor" / "Brymor").
_MIDDLE_SPELLING = 0.8


def _first_compatible(a: str, b: str) -> bool:
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _word_compatible(a: str, b: str) -> bool:
    """Two folded name words that may be one: equal, an initial, or a near spelling."""
    return _first_compatible(a, b) or (
        min(len(a), len(b)) >= 4 and spelling_score(a, b) >= _MIDDLE_SPELLING
    )


def _middles_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Middle names agree where both names have them ("John Maurice Jones" / "John M Jones");
    a name without one says nothing against either."""
    return all(_word_compatible(x, y) for x, y in zip(a, b, strict=False))


#: Surname particles, not middle names ("Abdelbaset al-Megrahi" / "Abdelbaset Ali al-Megrahi").
_PARTICLES = frozenset(
    fold_name(w)
    for w in [
        "al",
        "el",
        "ul",
        "bin",
        "ibn",
        "abu",
        "ben",
        "bint",
        "de",
        "del",
        "der",
        "den",
        "van",
        "von",
        "da",
        "di",
        "du",
        "le",
        "la",
        "mac",
        "mc",
    ]
)


def _name_words(group: NameGroup) -> list[str]:
    """The folded words of a full name without a lower-case word before it, which is no part
    of the name ("a Richard Charles Evans" in a list, "nee")."""
    written = group.most_common_text().split()
    if len(written) > 2 and written[0].islower() and len(group.tokens) > 2:
        return group.tokens[1:]
    return group.tokens


@dataclass
class _FullName:
    first: str
    last: str
    middles: list[tuple[str, ...]]
    cluster: PersonCluster
    #: Every first name joined so far: "J R Morgan" takes "Jane Morgan" or "John Morgan", and
    #: then no longer the other (an initial is compatible with both; they are not).
    firsts: set[str] = field(default_factory=set)

    def accepts(self, first: str, last: str, middle: tuple[str, ...]) -> bool:
        return (
            self.last == last
            and all(_first_compatible(f, first) for f in self.firsts | {self.first})
            and all(_middles_compatible(m, middle) for m in self.middles)
        )


def _full_name_clusters(groups: Sequence[NameGroup]) -> list[PersonCluster]:
    """Join full names on surname, first name and middle names (see the module docstring).

    Names with middle names come first: "John Maurice Jones" and "John Lumley Jones" are two
    people, and a plain "John Jones" joins one of them only when it is the only candidate
    (with two, which one it is cannot be told: it stays apart).
    """
    found: list[_FullName] = []
    # The names found so far by surname, in the order found (``accepts`` needs the surname to
    # be equal): scanning every name for every name was quadratic in a story's people.
    by_last: dict[str, list[_FullName]] = {}
    ordered = sorted(groups, key=lambda g: (len(_name_words(g)) < 3, -len(g.mentions), g.key))
    for group in ordered:
        words = _name_words(group)
        first, last = words[0], words[-1]
        middle = tuple(w for w in words[1:-1] if w not in _PARTICLES)
        candidates = [f for f in by_last.get(last, ()) if f.accepts(first, last, middle)]
        if len(candidates) == 1:
            candidates[0].cluster.mentions.extend(group.mentions)
            candidates[0].firsts.add(first)
            if middle:
                candidates[0].middles.append(middle)
        else:
            name = _FullName(
                first, last, [middle] if middle else [], PersonCluster(list(group.mentions))
            )
            found.append(name)
            by_last.setdefault(last, []).append(name)
    return [f.cluster for f in found]


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
            ("Marchuk" tagged ORG; the caller decides which may); they join only as the
            surname of exactly one person.

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
    full_names = _FullNamePositions()
    for group in candidates:
        if group.key in CORPORATE_SUFFIXES:
            continue  # "Co" of "Simmons & Co" is no surname
        owners = _same_initial(group, surname.get(group.key, []))
        if group.most_common_text().isupper():
            # "RIG" (a ticker) folds like "Rigg": capitals join only a surname spelt the same.
            owners = _same_spelling(group, owners)
        if len(owners) == 1:
            owners[0].mentions.extend(group.mentions)
            absorbed.add(id(group))
        elif owners:
            _attach_to_named(group, owners, full_names)
            if not group.mentions:
                absorbed.add(id(group))
    for group in (g for g in persons if len(g.tokens) == 1):
        owners = _same_initial(group, surname.get(group.key, []))
        dominant = _dominant(owners) if len(owners) > 1 else None
        unattached: list[NameMention] = []
        for mention in group.mentions:
            if len(owners) == 1:
                owners[0].mentions.append(mention)
                continue
            owner = full_names.last_named_before(owners, mention) or dominant
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


#: Share of the full-name mentions of a surname that one person must hold for a surname
#: mention with no full name before it in its article to be taken as that person's.
_DOMINANT_SHARE = 0.9


def _dominant(owners: Sequence[PersonCluster]) -> PersonCluster | None:
    """The one person who holds nearly all (``_DOMINANT_SHARE``, and at least three) of the
    full-name mentions of the people sharing a surname: "Tony Hayward" (98) beside a "Briton
    Tony Hayward" and a "Behind Hayward" the NER glued together once each."""
    counts = [sum(1 for m in o.mentions if len(m.tokens) > 1) for o in owners]
    best = max(range(len(owners)), key=counts.__getitem__)
    if counts[best] >= 3 and counts[best] >= _DOMINANT_SHARE * sum(counts):
        return owners[best]
    return None


def _attach_to_named(
    group: NameGroup, owners: list[PersonCluster], full_names: _FullNamePositions
) -> None:
    """Move each mention of a mis-typed surname to the person named in full last before it in
    its article, or else to the story's dominant person of that surname; the mentions left
    stay in ``group``."""
    dominant = _dominant(owners)
    kept: list[NameMention] = []
    for mention in group.mentions:
        owner = full_names.last_named_before(owners, mention) or dominant
        if owner is None:
            kept.append(mention)
        else:
            owner.mentions.append(mention)
    group.mentions[:] = kept


def _initial(text: str) -> str:
    return anyascii(text).strip()[:1].casefold()


def _written_surnames(owner: PersonCluster) -> set[str]:
    """The surnames of a person as written in its full-name mentions."""
    return {m.text.split()[-1] for m in owner.mentions if len(m.tokens) > 1 and m.text.split()}


def _same_initial(group: NameGroup, owners: list[PersonCluster]) -> list[PersonCluster]:
    """The owners whose surname, as written in a full name, starts as the group's name does."""
    initial = _initial(group.most_common_text())
    return [o for o in owners if any(_initial(s) == initial for s in _written_surnames(o))]


def _same_spelling(group: NameGroup, owners: list[PersonCluster]) -> list[PersonCluster]:
    """The owners whose surname, as written in a full name, is the group's name but for case
    and accents."""
    written = anyascii(group.most_common_text()).casefold()
    return [
        o for o in owners if any(anyascii(s).casefold() == written for s in _written_surnames(o))
    ]


class _FullNamePositions:
    """Where each person cluster is named in full (a name of several words), per article,
    gathered once per cluster: a surname alone joins the person last named in full before it,
    and scanning every mention of every candidate per surname cost a large story 0.05 s.

    Only one-word mentions join a cluster while surnames are attached, so the positions stay
    valid.
    """

    def __init__(self) -> None:
        self._starts: dict[int, dict[str, list[int]]] = {}

    def _of(self, owner: PersonCluster) -> dict[str, list[int]]:
        found = self._starts.get(id(owner))
        if found is None:
            found = self._starts[id(owner)] = {}
            for other in owner.mentions:
                if len(other.tokens) > 1:
                    found.setdefault(other.article_id, []).append(other.start)
            for starts in found.values():
                starts.sort()
        return found

    def last_named_before(
        self, owners: list[PersonCluster], mention: NameMention
    ) -> PersonCluster | None:
        """The owner named in full last before ``mention`` in its article (the first such
        owner on a tie), if any."""
        best: tuple[int, PersonCluster] | None = None
        for owner in owners:
            starts = self._of(owner).get(mention.article_id)
            if not starts:
                continue
            at = bisect.bisect_left(starts, mention.start)
            if at and (best is None or starts[at - 1] > best[0]):
                best = (starts[at - 1], owner)
        return best[1] if best else None
