"""From a speaker as written ("he", "the mayor", "Petrenko") to a canonical entity.

The entities stage (run before this one) gives every name and many role phrases an entity with
mentions; ``EntityIndex`` looks them up by span, name and role. What it does not do, done here:

* personal pronouns ("he said") take the nearest person named before them in the article,
  skipping names inside quotation marks, and preferring the previous quote's speaker when that
  speaker is the last person named;
* relative pronouns ("who said") take the noun their clause modifies;
* a role phrase ("the mayor", "a spokesperson for the ministry") takes the one person of the
  article or story with that role; unnamed ones stay described speakers ("a police officer").

With no entities (the entities stage switched off) names are kept as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Doc, Token

from storylens.quotes.cues import ROLE_NOUNS, speaker_span
from storylens.quotes.extract import SpeakerMention
from storylens.records import Entity, Mention

__all__ = ["EntityLookups", "ResolvedSpeaker", "SpeakerResolver"]

_PERSONAL = frozenset({"he", "she", "him", "her"})
_PLURAL = frozenset({"they", "them"})
_FIRST_PERSON = frozenset({"i", "we"})


@dataclass(frozen=True, slots=True)
class ResolvedSpeaker:
    """A speaker's display name and, when known, the id of its canonical entity."""

    name: str
    entity_id: str | None


class EntityLookups(Protocol):
    """The story-level lookups a resolver makes: an ``EntityIndex``, or a stand-in that
    records them (``speakers.RecordingIndex``) so a re-brief can tell whether they changed."""

    def at(self, article_id: str, start: int, end: int) -> Entity | None: ...

    def by_name(self, name: str, type: str | None = None) -> Entity | None: ...

    def by_role(self, role: str, article_id: str | None = None) -> Entity | None: ...

    def person_mentions(self, article_id: str) -> list[tuple[Entity, Mention]]: ...


class SpeakerResolver:
    """Resolves the speakers of one article against the story's entities.

    Everything it reads from the story goes through ``index``; the rest is the article's own
    parse and quoted regions.
    """

    def __init__(
        self,
        article_id: str,
        doc: Doc,
        index: EntityLookups,
        quoted: Sequence[tuple[int, int]] = (),
    ) -> None:
        self.article_id = article_id
        self.doc = doc
        self.index = index
        self.quoted = list(quoted)
        self._people_found: list[tuple[int, int, str, str | None]] | None = None

    @property
    def _people(self) -> list[tuple[int, int, str, str | None]]:
        """The article's named people, looked up only when a pronoun needs an antecedent: an
        article without one then makes no person lookups, which keeps its kept speakers valid
        while the story's people change (``speakers``)."""
        if self._people_found is None:
            self._people_found = self._person_mentions()
        return self._people_found

    def _inside_quote(self, char: int) -> bool:
        return any(s <= char < e for s, e in self.quoted)

    def _person_mentions(self) -> list[tuple[int, int, str, str | None]]:
        """``(start, end, name, entity id)`` of each person named in the article, in order."""
        found: dict[int, tuple[int, int, str, str | None]] = {}
        for ent in self.doc.ents:
            if ent.label_ != "PERSON" or self._inside_quote(ent.start_char):
                continue
            entity = self.index.at(self.article_id, ent.start_char, ent.end_char)
            if entity is not None and entity.type not in ("PERSON", "PER"):
                continue
            name = entity.name if entity else ent.text
            found[ent.start_char] = (
                ent.start_char,
                ent.end_char,
                name,
                entity.id if entity else None,
            )
        for entity, mention in self.index.person_mentions(self.article_id):
            if not self._inside_quote(mention.start):
                found.setdefault(
                    mention.start, (mention.start, mention.end, entity.name, entity.id)
                )
        return sorted(found.values())

    def _antecedent(self, before: int) -> ResolvedSpeaker | None:
        """The last person named before ``before``."""
        best = None
        for start, _end, name, entity_id in self._people:
            if start >= before:
                break
            best = ResolvedSpeaker(name, entity_id)
        return best

    def _role(self, head: Token, phrase: str) -> ResolvedSpeaker:
        """A role phrase: the one person with that role, else a described speaker."""
        role = head.lemma_.lower()
        indefinite = any(
            c.dep_ == "det" and c.lower_ in ("a", "an", "one", "another", "some")
            for c in head.children
        )
        if indefinite:
            # "a spokesperson for the ministry" is a named person only if someone has exactly
            # that role; "a police officer" stays a described speaker
            words = phrase.split(maxsplit=1)
            entity = self.index.by_role(words[1]) if len(words) > 1 else None
            if entity is not None:
                return ResolvedSpeaker(entity.name, entity.id)
            return ResolvedSpeaker(phrase, None)
        entity = self.index.by_role(role, self.article_id) or self.index.by_role(role)
        if entity is not None:
            return ResolvedSpeaker(entity.name, entity.id)
        # "the mayor of Pryluzhne, Oleg Petrenko" earlier in the text: a person in apposition
        # with or compounded to an earlier use of the same role word
        for token in self.doc[: head.i]:
            if token.lemma_.lower() != role or self._inside_quote(token.idx):
                continue
            for other in (*token.children, token.head):
                linked = other.dep_ in ("appos", "compound", "nsubj") or token.dep_ in (
                    "appos",
                    "compound",
                )
                if other.ent_type_ == "PERSON" and linked:
                    name = speaker_span(other).text
                    entity = self.index.at(self.article_id, other.idx, other.idx + len(other))
                    return ResolvedSpeaker(
                        entity.name if entity else name, entity.id if entity else None
                    )
        return ResolvedSpeaker(phrase, None)

    def resolve(self, mention: SpeakerMention) -> ResolvedSpeaker:
        """The canonical speaker behind a mention."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return ResolvedSpeaker(mention.text, None)
        head = span.root
        if head.lower_ in ("who", "that") and head.head.dep_ == "relcl":
            head = head.head.head
            short = speaker_span(head)
        else:
            short = speaker_span(head)
        lower = head.lower_
        if lower in _PERSONAL or lower in _FIRST_PERSON:
            found = self._antecedent(head.idx)
            return found or ResolvedSpeaker(mention.text, None)
        if lower in _PLURAL:
            return ResolvedSpeaker(mention.text, None)
        # look up the head's own name ("Mayor Oleg Petrenko" -> "Oleg Petrenko"), not the whole
        # phrase: "the mayor of Pryluzhne" must not resolve to the town
        start = head.i
        while (
            start > 0
            and self.doc[start - 1].dep_ in ("compound", "flat")
            and (self.doc[start - 1].head.i in range(start, head.i + 1))
        ):
            start -= 1
        name_span = self.doc[start : head.i + 1]
        entity = self.index.at(self.article_id, name_span.start_char, name_span.end_char)
        if entity is not None:
            return ResolvedSpeaker(entity.name, entity.id)
        if head.pos_ == "PROPN" or head.ent_type_:
            for appos in head.children:
                if appos.dep_ == "appos" and appos.pos_ == "PROPN":
                    entity = self.index.at(self.article_id, appos.idx, appos.idx + len(appos))
                    name = speaker_span(appos).text
                    return ResolvedSpeaker(
                        entity.name if entity else name, entity.id if entity else None
                    )
            entity = self.index.by_name(short.text)
            if entity is not None:
                return ResolvedSpeaker(entity.name, entity.id)
            return ResolvedSpeaker(short.text, None)
        for child in head.children:  # "the mayor of Pryluzhne, Oleg Petrenko, said"
            if child.dep_ == "appos" and (child.pos_ == "PROPN" or child.ent_type_ == "PERSON"):
                entity = self.index.at(self.article_id, child.idx, child.idx + len(child))
                name = speaker_span(child).text
                return ResolvedSpeaker(
                    entity.name if entity else name, entity.id if entity else None
                )
        if head.lemma_.lower() in ROLE_NOUNS:
            return self._role(head, short.text)
        return ResolvedSpeaker(short.text, None)
