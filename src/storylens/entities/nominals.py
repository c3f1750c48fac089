"""References without a capitalised name: "the mayor", "the union", "meridian press".

After names are resolved, three kinds of reference join the entity they point to:

- "the <role>" ("the mayor", "the general") joins the one person of the story whose stated
  roles contain that title word, if that person was named earlier in the same article;
- "the <last words of a name>" ("the union", "the port authority", "the emergency service")
  joins the one organisation or outlet whose name ends in those words (one word only if it is
  an organisation head word), again only if it was named earlier in the article;
- an outlet's multi-word name written in lower case (a spun copy turns "Meridian Press" into
  "meridian press") joins that outlet.

Each rule needs a unique antecedent; otherwise the phrase is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Protocol

from storylens.entities.fold import fold_name
from storylens.entities.mentions import NameMention
from storylens.entities.roles import ORG_HEADS, TITLE_WORDS
from storylens.records import Article

__all__ = ["NameSearch", "NominalTarget", "TextSearch", "article_phrases", "nominal_mentions"]

_PHRASE = re.compile(r"\b[Tt]he ((?:[a-z][a-z'’-]* ){0,2}[a-z][a-z'’-]*)\b")
_ROLE_WORDS = TITLE_WORDS - {"first", "former", "acting", "interim", "ex", "head", "chief"}
#: Organisation head words as folded keys (folded once, not once per mention).
_FOLDED_ORG_HEADS = frozenset(fold_name(h) for h in ORG_HEADS)


class NominalTarget(Protocol):
    """What the rules need from a resolved cluster."""

    type: str
    mentions: list[NameMention]


class NameSearch(Protocol):
    """Which articles' texts hold a string (an outlet's lower-cased name), as article ids."""

    def articles_with(self, needle: str, articles: Sequence[Article]) -> set[str]: ...


class TextSearch:
    """``NameSearch`` by reading every text (``entities/name_hits.py`` keeps the answers)."""

    def articles_with(self, needle: str, articles: Sequence[Article]) -> set[str]:
        return {a.id for a in articles if needle in a.text}


def article_phrases(text: str) -> list[int | str]:
    """The "the X" phrases of an article's text as one flat list, three values a phrase: where
    the phrase starts and ends, and the folded key of X.

    What the rules read of a text besides the clusters: the regex and the folding of every
    phrase cost a re-brief of a grown story a tenth of a second, so the entities stage keeps
    them per article (with its mentions) and hands them to ``nominal_mentions``.
    """
    found: list[int | str] = []
    for match in _PHRASE.finditer(text):
        found += [match.start(), match.end(), fold_name(match.group(1))]
    return found


def _roles_words(cluster: NominalTarget) -> set[str]:
    return {w.strip(".,").lower() for m in cluster.mentions for r in m.roles for w in r.split()}


def _first_names(cluster: NominalTarget) -> dict[str, int]:
    """Article id -> where the cluster is first named (not by a nominal) in that article: a
    reference was named before iff it comes after that point (no scan of the cluster's
    mentions per phrase)."""
    first: dict[str, int] = {}
    for m in cluster.mentions:
        if m.label != "NOMINAL" and m.start < first.get(m.article_id, m.start + 1):
            first[m.article_id] = m.start
    return first


def _name_suffixes(cluster: NominalTarget) -> set[str]:
    suffixes: set[str] = set()
    for mention in cluster.mentions:
        if mention.label == "NOMINAL":
            continue
        tokens = mention.key.split()
        for size in range(1, min(3, len(tokens) - 1) + 1):
            tail = tokens[-size:]
            if size > 1 or tail[0] in _FOLDED_ORG_HEADS:
                suffixes.add(" ".join(tail))
    return suffixes


def nominal_mentions(
    clusters: Sequence[NominalTarget],
    articles: Sequence[Article],
    phrases: Mapping[str, Sequence[int | str]] | None = None,
    search: NameSearch | None = None,
) -> list[tuple[NameMention, NominalTarget]]:
    """``(reference, cluster)`` pairs for the nominal references the rules resolve.

    ``phrases`` maps article ids to their ``article_phrases`` (found here when absent);
    ``search`` tells which texts hold an outlet's lower-cased name (``TextSearch`` if absent).
    """
    people: dict[str, list[NominalTarget]] = {}
    for cluster in clusters:
        if cluster.type == "PERSON":
            for word in _roles_words(cluster) & _ROLE_WORDS:
                people.setdefault(word, []).append(cluster)
    organisations: dict[str, list[NominalTarget]] = {}
    for cluster in clusters:
        if cluster.type in ("ORG", "OUTLET"):
            for suffix in _name_suffixes(cluster):
                organisations.setdefault(suffix, []).append(cluster)
    taken = {(m.article_id, m.start) for c in clusters for m in c.mentions}
    # Each outlet's multi-word names, gathered once per story rather than once per article; the
    # longest first, so that of two overlapping names the fuller one claims the words.
    outlet_names = [
        (
            cluster,
            [
                (name, name.lower(), re.compile(rf"\b{re.escape(name.lower())}\b"))
                for name in sorted(
                    {m.text for m in cluster.mentions if m.label != "NOMINAL" and " " in m.text},
                    key=lambda n: (-len(n), n),
                )
            ],
        )
        for cluster in clusters
        if cluster.type == "OUTLET"
    ]
    # An outlet with no multi-word name can have no lower-cased use: not visited per article.
    outlet_names = [(cluster, names) for cluster, names in outlet_names if names]
    # A lower-case use is the lower-cased name written as it is: only texts holding it are read.
    search = search or TextSearch()
    holding = {
        lower: search.articles_with(lower, articles)
        for _, names in outlet_names
        for _, lower, _ in names
    }
    found: list[tuple[NameMention, NominalTarget]] = []
    first_named: dict[int, dict[str, int]] = {}
    for article in articles:
        text = article.text
        kept = phrases.get(article.id) if phrases is not None else None
        flat = article_phrases(text) if kept is None else kept
        for at in range(0, len(flat), 3):
            start, end, key = int(flat[at]), int(flat[at + 1]), str(flat[at + 2])
            phrase = text[start + 4 : end]  # after "the "
            owners = people.get(phrase.lower(), []) if " " not in phrase else []
            if not owners:
                owners = organisations.get(key, [])
            if len(owners) != 1:
                continue
            owner = owners[0]
            first = first_named.get(id(owner))
            if first is None:
                first = first_named[id(owner)] = _first_names(owner)
            if first.get(article.id, start) >= start or (article.id, start) in taken:
                continue
            reference = _reference(article.id, start, end, text[start:end], key)
            found.append((reference, owner))
        found.extend(_lower_case_outlets(outlet_names, article, taken, holding))
    return found


def _lower_case_outlets(
    outlet_names: Sequence[tuple[NominalTarget, Sequence[tuple[str, str, re.Pattern[str]]]]],
    article: Article,
    taken: set[tuple[str, int]],
    holding: Mapping[str, set[str]],
) -> list[tuple[NameMention, NominalTarget]]:
    """Outlets' names written in lower case in the article. ``outlet_names`` holds each
    name with its lower-cased form and pattern, made once per story (not once per article);
    ``holding`` the articles whose text holds each lower-cased form."""
    found: list[tuple[NameMention, NominalTarget]] = []
    lowered: str | None = None  # the article's lower-cased text, made once a name is in it
    for cluster, names in outlet_names:
        for name, lower, pattern in names:
            if article.id not in holding[lower]:
                continue  # a lower-case use is the lower-cased name, written as it is
            if lowered is None:
                lowered = article.text.lower()
            for match in pattern.finditer(lowered):
                written = article.text[match.start() : match.end()]
                if written.islower() and (article.id, match.start()) not in taken:
                    taken.add((article.id, match.start()))
                    reference = _reference(
                        article.id, match.start(), match.end(), written, fold_name(name)
                    )
                    found.append((reference, cluster))
    return found


def _reference(article_id: str, start: int, end: int, text: str, key: str) -> NameMention:
    return NameMention(
        article_id=article_id, start=start, end=end, text=text, label="NOMINAL", key=key
    )
