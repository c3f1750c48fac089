"""Who claims a figure: a quote's speaker, "according to X", "X said", or the outlet itself.

The quotes stage (when present) already knows who speaks inside quotation marks and who made each
reported claim ("the minister said the bridge was safe", pronouns resolved); a figure inside a
quote or a reported claim takes that speaker. Outside quotes the claimant is read from the parse: the nearest
"according to X", else the subject of the reporting verb that governs the figure's clause
("52 people died, police said"). Names are mapped to the entities stage's canonical names where a
mention overlaps. With no attribution, the outlet that printed the figure is its claimant.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from storylens.records import Attribution, Entity, Quote

__all__ = ["REPORTING_VERBS", "Claimant", "ClaimantFinder"]

#: Verbs whose subject is the source of the clause they govern.
REPORTING_VERBS = frozenset(
    [
        "say",
        "tell",
        "report",
        "announce",
        "confirm",
        "estimate",
        "state",
        "claim",
        "add",
        "write",
        "tweet",
        "post",
        "warn",
        "insist",
        "reveal",
        "disclose",
        "show",
        "count",
        "record",
        "put",
        "cite",
        "quote",
        "suggest",
        "indicate",
        "estimate",
        "declare",
        "note",
        "believe",
        "calculate",
        "acknowledge",
        "admit",
        "explain",
    ]
)
_PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you", "who", "this", "that", "which"])
#: Subjects that point back to a news outlet ("the outlet reported"): provenance, not a claimant.
_OUTLET_NOUNS = frozenset(
    ["outlet", "newspaper", "paper", "agency", "site", "website", "broadcaster", "publication"]
)


@dataclass(frozen=True, slots=True)
class Claimant:
    """A figure's claimant: ``name`` and how it was found (``quote``, ``attribution``,
    ``according``, ``verb``, ``outlet``)."""

    name: str
    via: str
    place: bool = False  # the claimant is a country or region ("Mexico reported 150 deaths")


def _noun_phrase(noun: Token) -> Span:
    """The noun with its modifiers and an "of" complement ("the head of the regional council")."""
    for child in noun.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            noun = child  # "the mayor, Oleg Petrenko" -> the name
            break
    left = noun.i
    for child in noun.lefts:
        if child.dep_ in {"compound", "amod", "poss", "nmod", "det"}:
            left = min(left, child.left_edge.i)
    right = noun.i
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "for"}:
            right = max(right, child.right_edge.i)
        elif child.dep_ == "compound" or (child.dep_ == "flat"):
            right = max(right, child.i)
    doc = noun.doc
    while left < noun.i and doc[left].dep_ == "det" and doc[left].lower_ in {"the", "a", "an"}:
        left += 1
    return doc[left : right + 1]


class ClaimantFinder:
    """Finds claimants in one article.

    Args:
        article_id: the article.
        quotes: the story's quotes (from the quotes stage; may be empty).
        entities: the story's entities (from the entities stage; may be empty).
        outlet: the article's outlet, the fallback claimant.
        attributions: the story's reported claims (from the quotes stage; may be empty).
    """

    def __init__(
        self,
        article_id: str,
        quotes: tuple[Quote, ...],
        entities: tuple[Entity, ...],
        outlet: str | None,
        attributions: tuple[Attribution, ...] = (),
    ) -> None:
        self.outlet = outlet
        self.claim_spans = [
            (a.start, a.end, a.speaker)
            for a in attributions
            if a.article_id == article_id and a.speaker and a.speaker.lower() not in _PRONOUNS
        ]
        self.quote_spans = [
            (v.start, v.end, q.speaker)
            for q in quotes
            for v in q.variants
            if v.article_id == article_id and q.speaker
        ]
        self.entity_spans = [
            (m.start, m.end, e.name)
            for e in entities
            for m in e.mentions
            if m.article_id == article_id and e.type in {"PERSON", "ORG", "NORP", "GPE"}
        ]

    def _canonical(self, span: Span) -> str:
        start, end = span.start_char, span.end_char
        for s, e, name in self.entity_spans:
            if s < end and start < e:
                return name
        return span.text

    def find(self, anchor: Token, start: int, end: int) -> Claimant | None:
        """The claimant of the figure at ``[start, end)`` whose parse head is ``anchor``."""
        for s, e, speaker in self.quote_spans:
            if s <= start and end <= e and speaker:
                return Claimant(speaker, "quote")
        for s, e, speaker in self.claim_spans:
            if s <= start and end <= e and speaker:
                return Claimant(speaker, "attribution")  # the quotes stage's reported claims
        sentence = anchor.sent
        according = self._according(sentence, anchor)
        if according is not None:
            return according
        node = anchor
        for _ in range(12):
            if node.pos_ in {"VERB", "AUX"} and node.lemma_.lower() in REPORTING_VERBS:
                for child in node.children:
                    if (
                        child.dep_ in {"nsubj", "nsubjpass"}
                        and child.lower_ not in _PRONOUNS
                        and child.lemma_.lower() not in _OUTLET_NOUNS
                    ):
                        if child.dep_ == "nsubjpass":
                            continue
                        if child.i <= anchor.i <= child.right_edge.i:
                            continue  # the figure is the subject itself ("52 were reported")
                        phrase = _noun_phrase(child)
                        place = phrase.root.ent_type_ == "GPE" and len(phrase) <= 3
                        return Claimant(self._canonical(phrase), "verb", place)
            if node.head is node:
                break
            node = node.head
        if self.outlet:
            return Claimant(self.outlet, "outlet")
        return None

    def _according(self, sentence: Span, anchor: Token) -> Claimant | None:
        best: tuple[int, Claimant] | None = None
        for token in sentence:
            if token.lower_ != "according" or token.i + 1 >= len(token.doc):
                continue
            to = token.doc[token.i + 1]
            for child in to.children:
                if child.dep_ == "pobj":
                    distance = abs(child.i - anchor.i)
                    claimant = Claimant(self._canonical(_noun_phrase(child)), "according")
                    if best is None or distance < best[0]:
                        best = (distance, claimant)
        return best[1] if best else None
