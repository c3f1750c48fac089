"""Who claims a figure: a quote's speaker, "according to X", "X said", or the outlet itself.

The quotes stage (when present) already knows who speaks inside quotation marks and who made each
reported claim ("the minister said the bridge was safe", pronouns resolved); a figure inside a
quote or a reported claim takes that speaker. Outside quotes the claimant is read from the parse: the nearest
"according to X", else the subject of the reporting verb that governs the figure's clause
("52 people died, police said"). Names are mapped to the entities stage's canonical names where a
mention overlaps. With no attribution, the outlet that printed the figure is its claimant.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from storylens.records import Attribution, Entity, Quote

__all__ = [
    "REPORTING_VERBS",
    "ClaimQuery",
    "ClaimSpans",
    "Claimant",
    "ClaimantFinder",
    "claim_query",
    "claim_source",
    "claim_spans",
]

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


_CLAIMANT_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})

#: A span of an article's text and the name it stands for: ``(start, end, name)``.
NamedSpan = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class ClaimSpans:
    """Everything claimant finding reads of the story's analysis for one article.

    ``quotes``: quoted words and their speaker; ``claims``: reported claims and their speaker;
    ``entities``: name mentions and their entity's canonical name, in the story's entity order
    (the first overlapping one names a claimant). An entity's aliases, its mentions elsewhere
    or its roles are not read: the figures stage keys its per-article memo by these spans, so a
    change elsewhere in the story leaves the article's figures valid.
    """

    quotes: tuple[NamedSpan, ...] = ()
    claims: tuple[NamedSpan, ...] = ()
    entities: tuple[NamedSpan, ...] = ()


def claim_spans(
    quotes: Iterable[Quote],
    entities: Iterable[Entity],
    attributions: Iterable[Attribution] = (),
) -> dict[str, ClaimSpans]:
    """Each article's ``ClaimSpans``, in one pass over the story's records (an article with
    none is absent)."""
    quoted: dict[str, list[NamedSpan]] = defaultdict(list)
    for q in quotes:
        if q.speaker:
            for v in q.variants:
                quoted[v.article_id].append((v.start, v.end, q.speaker))
    claimed: dict[str, list[NamedSpan]] = defaultdict(list)
    for a in attributions:
        if a.speaker and a.speaker.lower() not in _PRONOUNS:
            claimed[a.article_id].append((a.start, a.end, a.speaker))
    named: dict[str, list[NamedSpan]] = defaultdict(list)
    for e in entities:
        if e.type in _CLAIMANT_TYPES:
            for m in e.mentions:
                named[m.article_id].append((m.start, m.end, e.name))
    return {
        article_id: ClaimSpans(
            tuple(quoted.get(article_id, ())),
            tuple(claimed.get(article_id, ())),
            tuple(named.get(article_id, ())),
        )
        for article_id in {*quoted, *claimed, *named}
    }


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
        spans = claim_spans(quotes, entities, attributions).get(article_id, ClaimSpans())
        self._use(spans, outlet)

    @classmethod
    def from_spans(cls, spans: ClaimSpans, outlet: str | None) -> ClaimantFinder:
        """A finder for the article whose spans the caller already collected (``claim_spans``)."""
        finder = cls.__new__(cls)
        finder._use(spans, outlet)
        return finder

    def _use(self, spans: ClaimSpans, outlet: str | None) -> None:
        self.outlet = outlet
        self.claim_spans = spans.claims
        self.quote_spans = spans.quotes
        self.entity_spans = spans.entities

    def _name(self, start: int, end: int) -> str | None:
        """The canonical name of the first entity mention overlapping ``[start, end)``."""
        for s, e, name in self.entity_spans:
            if s < end and start < e:
                return name
        return None

    def _quoted(self, start: int, end: int) -> str | None:
        """The speaker of the first quote holding ``[start, end)``."""
        for s, e, speaker in self.quote_spans:
            if s <= start and end <= e and speaker:
                return speaker
        return None

    def _claimed(self, start: int, end: int) -> str | None:
        """The speaker of the first reported claim holding ``[start, end)``."""
        for s, e, speaker in self.claim_spans:
            if s <= start and end <= e and speaker:
                return speaker
        return None

    def find(self, anchor: Token, start: int, end: int) -> Claimant | None:
        """The claimant of the figure at ``[start, end)`` whose parse head is ``anchor``."""
        speaker = self._quoted(start, end)
        if speaker:
            return Claimant(speaker, "quote")
        speaker = self._claimed(start, end)
        if speaker:
            return Claimant(speaker, "attribution")  # the quotes stage's reported claims
        source = claim_source(anchor)
        if source is not None:
            phrase, via, place = source
            name = self._name(phrase.start_char, phrase.end_char)
            return Claimant(phrase.text if name is None else name, via, place)
        if self.outlet:
            return Claimant(self.outlet, "outlet")
        return None

    def answers(self, queries: Iterable[ClaimQuery]) -> tuple[tuple[str | None, ...], ...]:
        """What ``find`` would learn from the story for each query (``claim_query``): the
        quote's speaker, the claim's speaker and the entity name. ``find``'s answer for a figure
        is a function of these and the parse alone, so equal answers mean equal claimants."""
        return tuple(
            (
                self._quoted(start, end),
                self._claimed(start, end),
                self._name(name_start, name_end) if name_start >= 0 else None,
            )
            for start, end, name_start, name_end in queries
        )


#: What finding a figure's claimant looks up in the story: the figure's span (for quotes and
#: reported claims holding it) and the span of the phrase naming its source (``-1, -1`` if the
#: parse names none), whose entity name is looked up.
ClaimQuery = tuple[int, int, int, int]


def claim_query(anchor: Token, start: int, end: int) -> ClaimQuery:
    """The lookups ``ClaimantFinder.find(anchor, start, end)`` may make, read from the parse."""
    source = claim_source(anchor)
    if source is None:
        return (start, end, -1, -1)
    return (start, end, source[0].start_char, source[0].end_char)


#: Subjects of a reporting verb that are what is counted, not who counts: "the death toll
#: shows", "cases reported", "a number ... confirmed".
_COUNTED_SUBJECTS = frozenset(
    {"death", "deaths", "toll", "case", "cases", "number", "figure", "figures", "total", "count"}
)


def claim_source(anchor: Token) -> tuple[Span, str, bool] | None:
    """The phrase the parse gives as the source of the figure headed by ``anchor``, how it was
    found (``according``, ``verb``) and whether it is a place; ``None`` if there is none.

    The nearest "according to X" of the sentence, else the subject of the reporting verb that
    governs the figure's clause ("52 people died, police said"). It depends on the parse
    alone: the story's entities only rename the phrase (``ClaimantFinder.find``).
    """
    according = _according(anchor.sent, anchor)
    if according is not None:
        return according, "according", False
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
                    if child.like_num or child.lemma_.lower() in _COUNTED_SUBJECTS:
                        continue  # "18 ... confirmed", "the death toll shows": no source
                    phrase = _noun_phrase(child)
                    place = phrase.root.ent_type_ == "GPE" and len(phrase) <= 3
                    return phrase, "verb", place
        if node.head is node:
            break
        node = node.head
    return None


def _according(sentence: Span, anchor: Token) -> Span | None:
    """The noun phrase of the "according to X" nearest the anchor (the first among equals)."""
    best: tuple[int, Span] | None = None
    for token in sentence:
        if token.lower_ != "according" or token.i + 1 >= len(token.doc):
            continue
        to = token.doc[token.i + 1]
        for child in to.children:
            if child.dep_ == "pobj":
                distance = abs(child.i - anchor.i)
                if best is None or distance < best[0]:
                    best = (distance, _noun_phrase(child))
    return best[1] if best else None
