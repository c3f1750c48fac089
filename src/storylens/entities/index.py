"""``EntityIndex``: look up the canonical entity behind a span, a name or a role.

Later stages use it: quotes resolve a speaker's span or name, figures a claimant, provenance an
outlet name. Lookups never guess: an ambiguous name returns ``None``.

Example:
    >>> from storylens.records import Entity, Mention
    >>> mayor = Entity("e1", "Oleg Petrenko", "PERSON", ("Oleg Petrenko", "Petrenko"),
    ...                (Mention("a1", 10, 23, "Oleg Petrenko"), Mention("a1", 80, 88, "Petrenko")),
    ...                ("mayor of Pryluzhne",))
    >>> index = EntityIndex([mayor])
    >>> index.at("a1", 80, 88).name
    'Oleg Petrenko'
    >>> index.by_name("Mayor Petrenko").id
    'e1'
    >>> index.by_role("mayor").id
    'e1'
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from storylens.entities.fold import fold_name
from storylens.entities.roles import TITLE_WORDS
from storylens.records import Entity, Mention

__all__ = ["EntityIndex"]


class EntityIndex:
    """Span, name and role lookups over a story's entities."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.entities: tuple[Entity, ...] = tuple(entities)
        self._by_id = {e.id: e for e in self.entities}
        self._people: dict[str, list[tuple[Entity, Mention]]] | None = None
        self._role_matches: dict[str, list[tuple[Entity, frozenset[str]]]] = {}
        self._spans: dict[str, list[tuple[int, int, Entity]]] = {}
        self._names: dict[str, list[Entity]] = {}
        self._last_names: dict[str, list[Entity]] = {}
        for entity in self.entities:
            for mention in entity.mentions:
                self._spans.setdefault(mention.article_id, []).append(
                    (mention.start, mention.end, entity)
                )
            for alias in {entity.name, *entity.aliases}:
                key = fold_name(alias)
                if key and entity not in self._names.setdefault(key, []):
                    self._names[key].append(entity)
            if entity.type == "PERSON" and len(entity.name.split()) > 1:
                self._last_names.setdefault(fold_name(entity.name).split()[-1], []).append(entity)
        for spans in self._spans.values():
            spans.sort(key=lambda s: (s[0], s[1]))
        self._starts = {a: [s[0] for s in spans] for a, spans in self._spans.items()}
        # People with stated roles, their role words and the articles that mention them: role
        # lookups run once per quote, so they must not rescan every entity and mention.
        self._roles = [
            (e, [r.lower().replace(".", "").split() for r in e.roles], frozenset(e.sources))
            for e in self.entities
            if e.type == "PERSON" and e.roles
        ]
        # Person positions in ``_roles`` by each word of their roles: a role lookup only tests
        # the people whose roles hold its first word (the first lookup of a role scanned them all).
        self._role_words: dict[str, list[int]] = {}
        for position, (_, roles, _) in enumerate(self._roles):
            for word in {w for words in roles for w in words}:
                self._role_words.setdefault(word, []).append(position)

    def __len__(self) -> int:
        return len(self.entities)

    def person_mentions(self, article_id: str) -> list[tuple[Entity, Mention]]:
        """Every mention in ``article_id`` of a person entity (type PERSON or PER), in entity
        order then mention order: a story's speakers are resolved article by article, and
        rescanning every mention of the story for each article made that quadratic."""
        if self._people is None:
            self._people = {}
            for entity in self.entities:
                if entity.type not in ("PERSON", "PER"):
                    continue
                for mention in entity.mentions:
                    self._people.setdefault(mention.article_id, []).append((entity, mention))
        return self._people.get(article_id, [])

    def get(self, entity_id: str) -> Entity | None:
        """The entity with that id."""
        return self._by_id.get(entity_id)

    def at(self, article_id: str, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping ``[start, end)`` in the article (largest overlap)."""
        spans = self._spans.get(article_id, [])
        best: tuple[int, Entity] | None = None
        first = max(0, bisect.bisect_left(self._starts.get(article_id, []), start) - 8)
        for m_start, m_end, entity in spans[first:]:
            if m_start >= end:
                break
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, entity)
        return best[1] if best else None

    def by_name(self, name: str, type: str | None = None) -> Entity | None:
        """The one entity a name refers to: an alias after folding, a title stripped, or the
        surname of exactly one person; ``None`` when absent or ambiguous."""
        words = name.split()
        while len(words) > 1 and words[0].strip(".").lower() in TITLE_WORDS:
            words = words[1:]
        key = fold_name(" ".join(words))
        found = self._filter(self._names.get(key, []), type)
        if not found and len(key.split()) == 1:
            found = self._filter(self._last_names.get(key, []), type)
        return found[0] if len(found) == 1 else None

    def by_role(self, role: str, article_id: str | None = None) -> Entity | None:
        """The one person whose stated roles contain ``role`` ("mayor", "spokeswoman"),
        optionally among those mentioned in one article; ``None`` when absent or ambiguous."""
        wanted = role.lower().split()
        key = " ".join(wanted)
        # Remembered per role: a large story asks for the same few roles thousands of times.
        matching = self._role_matches.get(key)
        if matching is None:
            matching = self._role_matches[key] = self._with_role(wanted)
        found = [e for e, sources in matching if article_id is None or article_id in sources]
        return found[0] if len(found) == 1 else None

    def _with_role(self, wanted: list[str]) -> list[tuple[Entity, frozenset[str]]]:
        """People (in entity order) with a role holding ``wanted`` as consecutive words; only
        those whose roles hold its first word are tested (every person for an empty role)."""
        positions = self._role_words.get(wanted[0], []) if wanted else range(len(self._roles))
        return [
            (entity, sources)
            for entity, roles, sources in (self._roles[p] for p in positions)
            if any(_contains(words, wanted) for words in roles)
        ]

    def of_type(self, type: str) -> tuple[Entity, ...]:
        """Entities of one type, most salient first."""
        return tuple(e for e in self.entities if e.type == type)

    @staticmethod
    def _filter(entities: Sequence[Entity], type: str | None) -> list[Entity]:
        return [e for e in entities if type is None or e.type == type]


def _contains(words: list[str], wanted: list[str]) -> bool:
    size = len(wanted)
    return any(words[i : i + size] == wanted for i in range(len(words) - size + 1))
