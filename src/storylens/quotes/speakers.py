"""Resolved speakers kept per article, with the story lookups that decided them (issue 12).

Resolving an article's speakers reads its spaCy parse (about 4 ms to load: 2.4 s for a
560-article story) and asks the story's ``EntityIndex`` for entities by span, name and role.
The parse never changes, the index does as the story grows. So the resolver's output is a
function of the index's answers: :class:`RecordingIndex` records every lookup the resolver
makes and a digest of the answers (each entity's id, name and type, the fields the resolver
reads). On a re-brief :class:`SpeakerMemo` asks the recorded lookups again of the new index: if
every answer is the same, the resolver would take the same path and give the same speakers,
which are reused without loading the parse; otherwise the article is resolved again.

Example:
    >>> from storylens.entities.index import EntityIndex
    >>> from storylens.records import Entity, Mention
    >>> mayor = Entity("e1", "Oleg Petrenko", "PERSON", ("Petrenko",),
    ...                (Mention("a1", 0, 8, "Petrenko"),), ("mayor",))
    >>> recorder = RecordingIndex(EntityIndex([mayor]))
    >>> recorder.by_role("mayor").name
    'Oleg Petrenko'
    >>> lookups, answers = recorder.trace()
    >>> answers == answers_digest(lookups, EntityIndex([mayor]))
    True
    >>> answers == answers_digest(lookups, EntityIndex([]))
    False
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storylens.memo import encoder, from_json, superseding
from storylens.quotes.resolve import EntityLookups, ResolvedSpeaker
from storylens.records import Article, Entity, Mention

if TYPE_CHECKING:
    from storylens.store.base import Store

__all__ = ["ArticleSpeakers", "RecordingIndex", "SpeakerMemo", "answers_digest"]

#: One lookup as plain values: the method name, then its arguments.
Lookup = tuple[str | int | None, ...]

#: What the resolver reads of an answer: entity id, name and type (of people: their mentions).
_Answer = list[object] | None


@dataclass(frozen=True)
class ArticleSpeakers:
    """One article's resolved speakers (of its quotes, in order; of its claims, in order) and
    the lookups that decided them, with a digest of their answers."""

    quotes: tuple[ResolvedSpeaker | None, ...]
    claims: tuple[ResolvedSpeaker, ...]
    lookups: tuple[Lookup, ...] = ()
    answers: str = ""


def _summary(entity: Entity | None) -> _Answer:
    return None if entity is None else [entity.id, entity.name, entity.type]


def _people_summary(people: list[tuple[Entity, Mention]]) -> _Answer:
    """What the resolver reads of an article's person mentions: the first mention listed at
    each start (later ones at the same start are ignored), in text order. The list's order
    otherwise follows the story's entity order, which changes as the story grows."""
    first: dict[int, list[object]] = {}
    for entity, mention in people:
        first.setdefault(mention.start, [mention.start, mention.end, entity.name, entity.id])
    return [first[start] for start in sorted(first)]


def _as_int(value: str | int | None) -> int:
    if not isinstance(value, int):
        raise TypeError(f"a character offset must be an int, not {value!r}")
    return value


def _ask(index: EntityLookups, lookup: Lookup) -> tuple[object, _Answer]:
    """Run one lookup on ``index``: its result and the summary that is recorded of it."""
    method, *args = lookup
    if method == "at":
        article_id, start, end = args
        found = index.at(str(article_id), _as_int(start), _as_int(end))
        return found, _summary(found)
    if method == "by_name":
        name, kind = args
        found = index.by_name(str(name), None if kind is None else str(kind))
        return found, _summary(found)
    if method == "by_role":
        role, article_id = args
        found = index.by_role(str(role), None if article_id is None else str(article_id))
        return found, _summary(found)
    if method == "person_mentions":
        people = index.person_mentions(str(args[0]))
        return people, _people_summary(people)
    raise ValueError(f"unknown entity lookup {method!r}; the speaker memo's code changed?")


def _digest(answers: Sequence[_Answer]) -> str:
    text = json.dumps(list(answers), separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def answers_digest(lookups: Sequence[Lookup], index: EntityLookups) -> str:
    """Digest of what ``index`` answers to ``lookups`` (compare with a recorded trace)."""
    return _digest([_ask(index, lookup)[1] for lookup in lookups])


class RecordingIndex:
    """An ``EntityLookups`` that passes each lookup to ``index`` and records it."""

    def __init__(self, index: EntityLookups) -> None:
        self.index = index
        self._answers: dict[Lookup, _Answer] = {}

    def _record(self, lookup: Lookup) -> object:
        result, summary = _ask(self.index, lookup)
        self._answers[lookup] = summary  # a repeated lookup gets the same answer
        return result

    def at(self, article_id: str, start: int, end: int) -> Entity | None:
        return self._record(("at", article_id, start, end))  # type: ignore[return-value]

    def by_name(self, name: str, type: str | None = None) -> Entity | None:
        return self._record(("by_name", name, type))  # type: ignore[return-value]

    def by_role(self, role: str, article_id: str | None = None) -> Entity | None:
        return self._record(("by_role", role, article_id))  # type: ignore[return-value]

    def person_mentions(self, article_id: str) -> list[tuple[Entity, Mention]]:
        return self._record(("person_mentions", article_id))  # type: ignore[return-value]

    def trace(self) -> tuple[tuple[Lookup, ...], str]:
        """The lookups made so far and the digest of their answers."""
        return tuple(self._answers), _digest(list(self._answers.values()))


#: Resolves one article's speakers with the given lookups: (quote speakers, claim speakers).
Resolve = Callable[
    [Article, EntityLookups], tuple[tuple[ResolvedSpeaker | None, ...], tuple[ResolvedSpeaker, ...]]
]


class SpeakerMemo:
    """Each article's ``ArticleSpeakers``: kept (memory, then the store) while the story's
    answers to its lookups stay the same, else resolved again.

    ``kind`` is the store key and must carry a digest of the quotes code, its settings and the
    parse model (the resolver's other inputs).
    """

    def __init__(self, store: Store | None, kind: str, memory_size: int = 2000) -> None:
        self.store = store
        self.kind = kind
        self.memory_size = memory_size
        self._memory: OrderedDict[str, ArticleSpeakers] = OrderedDict()
        self._encode = encoder(ArticleSpeakers)
        self.reused = 0
        self.computed = 0

    def _kept(self, article_id: str) -> ArticleSpeakers | None:
        found = self._memory.get(article_id)
        if found is None and self.store is not None:
            payload = self.store.get_artifact(article_id, self.kind)
            if payload is not None:
                found = from_json(ArticleSpeakers, json.loads(payload))
        return found

    def get(
        self, articles: Sequence[Article], index: EntityLookups, resolve: Resolve
    ) -> dict[str, ArticleSpeakers]:
        """Each article's speakers, resolving (with ``resolve``) only where the kept ones are
        missing or some recorded lookup now has another answer."""
        out: dict[str, ArticleSpeakers] = {}
        fresh: list[tuple[str, str, bytes]] = []
        for article in articles:
            found = self._kept(article.id)
            if found is not None and answers_digest(found.lookups, index) == found.answers:
                self.reused += 1
            else:
                recorder = RecordingIndex(index)
                quotes, claims = resolve(article, recorder)
                found = ArticleSpeakers(quotes, claims, *recorder.trace())
                self.computed += 1
                if self.store is not None:
                    payload = json.dumps(self._encode(found)).encode("utf-8")
                    fresh.append((article.id, self.kind, payload))
            self._memory[article.id] = found
            self._memory.move_to_end(article.id)
            while len(self._memory) > self.memory_size:
                self._memory.popitem(last=False)
            out[article.id] = found
        if fresh and self.store is not None:
            # An article's speakers under older code or settings are unreachable now: replaced.
            stale = [superseding(a, self.kind, self.kind, True) for a, _, _ in fresh]
            self.store.put_artifacts(fresh, [s for s in stale if s is not None])
        return out
