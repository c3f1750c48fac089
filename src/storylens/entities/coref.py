"""Cross-document entity coreference over given mentions (names, nominals and pronouns).

The stage finds its own name mentions; coreference corpora (ECB+, MEANTIME) give mentions of
every kind, and ``corefer`` clusters them with the stage's resolver plus two small rules:

- names (a capitalised word after any determiner) go through ``EntityResolver`` over all
  documents of a scope (a topic), exactly as the stage resolves a story;
- a nominal ("the actress", "the company") joins the nearest earlier mention in its document
  with the same head word, and otherwise stays alone; across documents only identical nominals
  of two or more words join ("the Indian Navy" style descriptions);
- a third-person pronoun joins the nearest earlier mention of a compatible type within two
  sentences in its document (he/she: a person; it/its: a non-person); first and second
  person pronouns stay alone (they belong to quotes).

Precision first, as in the stage: a mention with no safe antecedent is its own entity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from storylens.entities.fold import fold_name, normalise_exact
from storylens.entities.gazetteer import Gazetteer
from storylens.entities.mentions import NameMention, sentence_words
from storylens.entities.resolve import EntityResolver
from storylens.entities.settings import EntitySettings
from storylens.records import Article

__all__ = ["CorefMention", "corefer", "exact_match_baseline"]

_PERSON_PRONOUNS = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
_THING_PRONOUNS = frozenset({"it", "its", "itself"})
_OTHER_PRONOUNS = frozenset(
    {
        "i",
        "me",
        "my",
        "mine",
        "we",
        "us",
        "our",
        "ours",
        "you",
        "your",
        "yours",
        "they",
        "them",
        "their",
        "theirs",
        "themselves",
        "who",
        "whom",
        "whose",
        "which",
        "that",
        "this",
        "these",
        "those",
        "one",
        "ourselves",
        "myself",
        "yourself",
    }
)
_DETERMINERS = re.compile(r"^(?:the|a|an|this|that|these|those|its|his|her|their|our)\s+", re.I)


@dataclass(frozen=True)
class CorefMention:
    """A given mention: id, document, scope (topic), span, text, type and sentence."""

    id: str
    doc_id: str
    scope: str
    start: int
    end: int
    text: str
    type: str
    sentence: int
    sentence_text: str = ""


def exact_match_baseline(mentions: Sequence[CorefMention]) -> dict[str, str]:
    """Mention id -> cluster: equal text after case and diacritic folding, within a scope."""
    return {m.id: f"{m.scope}|{normalise_exact(m.text)}" for m in mentions}


def _kind(mention: CorefMention) -> str:
    lowered = mention.text.lower().strip()
    if lowered in _PERSON_PRONOUNS or lowered in _THING_PRONOUNS or lowered in _OTHER_PRONOUNS:
        return "pronoun"
    body = _DETERMINERS.sub("", mention.text.strip())
    words = body.split()
    if body.isupper() or any(w[:1].isupper() for w in words):
        return "name"
    return "nominal"


def _head(text: str) -> str:
    words = [w for w in re.findall(r"[A-Za-z]+", text.lower()) if w not in ("of",)]
    if " of " in text.lower():
        words = re.findall(r"[A-Za-z]+", text.lower().split(" of ")[0])
    return words[-1].rstrip("s") if words else ""


def corefer(
    mentions: Sequence[CorefMention],
    settings: EntitySettings | None = None,
    gazetteer: Gazetteer | None = None,
) -> dict[str, str]:
    """Mention id -> cluster label for every given mention (see the module docstring)."""
    settings = settings or EntitySettings()
    label: dict[str, str] = {m.id: m.id for m in mentions}
    by_scope: dict[str, list[CorefMention]] = {}
    for mention in mentions:
        by_scope.setdefault(mention.scope, []).append(mention)
    resolver = EntityResolver(settings, gazetteer)
    for scope, members in by_scope.items():
        names = [m for m in members if _kind(m) == "name"]
        _resolve_names(names, resolver, label, scope)
        _resolve_nominals([m for m in members if _kind(m) == "nominal"], label)
        _link_company_nominals(members, label)
        _resolve_pronouns(members, label)
    return label


def _resolve_names(
    names: Sequence[CorefMention], resolver: EntityResolver, label: dict[str, str], scope: str
) -> None:
    converted: dict[tuple[str, int, int], str] = {}
    name_mentions: list[NameMention] = []
    for mention in names:
        body = _DETERMINERS.sub("", mention.text.strip())
        body = re.sub(r"\s*(?:'s|’s)$", "", body)
        key = fold_name(body)
        if not key:
            continue
        offset = mention.text.find(body) if body in mention.text else 0
        start = mention.start + offset
        converted[(mention.doc_id, start, start + len(body))] = mention.id
        name_mentions.append(
            NameMention(
                article_id=mention.doc_id,
                start=start,
                end=start + len(body),
                text=body,
                label=mention.type if mention.type in ("PERSON", "ORG", "PLACE") else "OTHER",
                group=scope,
                sentence=mention.sentence,
                key=key,
                context=sentence_words(mention.sentence_text),
            )
        )
    if not name_mentions:
        return
    articles = [Article(id=d, origin=d, title=None, text="") for d in {m.doc_id for m in names}]
    for index, cluster in enumerate(resolver.clusters(name_mentions, articles)):
        for resolved in cluster.mentions:
            mention_id = converted.get((resolved.article_id, resolved.start, resolved.end))
            if mention_id is not None:
                label[mention_id] = f"{scope}|name|{index}"


def _resolve_nominals(nominals: Sequence[CorefMention], label: dict[str, str]) -> None:
    last_by_head: dict[tuple[str, str], CorefMention] = {}
    by_text: dict[str, CorefMention] = {}
    for mention in sorted(nominals, key=lambda m: (m.doc_id, m.start)):
        head = _head(mention.text)
        text = normalise_exact(_DETERMINERS.sub("", mention.text))
        antecedent = last_by_head.get((mention.doc_id, head)) if head else None
        if antecedent is None:
            antecedent = by_text.get(text)
        if antecedent is not None:
            label[mention.id] = label[antecedent.id]
        if head:
            last_by_head[(mention.doc_id, head)] = mention
        by_text.setdefault(text, mention)


_COMPANY_HEADS = frozenset(
    {
        "company",
        "firm",
        "manufacturer",
        "maker",
        "carrier",
        "airline",
        "automaker",
        "carmaker",
        "planemaker",
        "group",
        "corporation",
        "giant",
        "bank",
        "retailer",
    }
)


def _link_company_nominals(members: Sequence[CorefMention], label: dict[str, str]) -> None:
    """ "the company" (and the like) joins the organisation named last before it in its
    document, if that was within two sentences; relabels its whole nominal chain."""
    by_doc: dict[str, list[CorefMention]] = {}
    for mention in members:
        by_doc.setdefault(mention.doc_id, []).append(mention)
    for doc_mentions in by_doc.values():
        ordered = sorted(doc_mentions, key=lambda m: (m.start, -m.end))
        for index, mention in enumerate(ordered):
            if _kind(mention) != "nominal" or _head(mention.text) not in _COMPANY_HEADS:
                continue
            if label[mention.id] != mention.id:
                continue  # already in a chain: its first member decided
            for previous in reversed(ordered[:index]):
                if mention.sentence - previous.sentence > 2:
                    break
                if previous.type == "ORG" and _kind(previous) == "name":
                    old = label[mention.id]
                    for other in members:
                        if label[other.id] == old:
                            label[other.id] = label[previous.id]
                    break


def _resolve_pronouns(members: Sequence[CorefMention], label: dict[str, str]) -> None:
    by_doc: dict[str, list[CorefMention]] = {}
    for mention in members:
        by_doc.setdefault(mention.doc_id, []).append(mention)
    for doc_mentions in by_doc.values():
        ordered = sorted(doc_mentions, key=lambda m: (m.start, -m.end))
        for index, mention in enumerate(ordered):
            lowered = mention.text.lower().strip()
            if lowered in _PERSON_PRONOUNS:
                wanted = {"PERSON"}
            elif lowered in _THING_PRONOUNS:
                wanted = {"ORG", "PLACE", "FACILITY", "OTHER"}
            else:
                continue
            for previous in reversed(ordered[:index]):
                if mention.sentence - previous.sentence > 2:
                    break
                if previous.type in wanted and _kind(previous) != "pronoun":
                    label[mention.id] = label[previous.id]
                    break
