"""Outlets and organisations: full names, short forms, acronyms and "the outlet".

- Outlet names come from article metadata (``Article.outlet``), provenance hints (bylines,
  "originally appeared on ...") and a short list of wire services; a name whose folded key equals
  one of them is an outlet whatever the NER said ("Zerkalo" tagged PERSON).
- A one-word short form joins the one outlet (or organisation) whose last word it is ("the
  Times" -> The Northern Times; "Courier" -> The Kyiv Courier); an all-capitals word joins the
  one name whose initials it spells ("NYT", "SES"). Ambiguous short forms stay apart.
- "the outlet", "the newspaper", "the agency" ... join the outlet named last before them in the
  same article, but only when the last organisation named there *is* that outlet: "the agency"
  after "the State Emergency Service" is the service, not a news agency.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from storylens.entities.fold import fold_name
from storylens.entities.groups import NameGroup
from storylens.entities.mentions import NameMention
from storylens.records import Article

__all__ = [
    "WIRE_SERVICES",
    "ShortForms",
    "known_outlets",
    "nominal_outlet_mentions",
    "outlet_key",
]

#: Wire services and global outlets that stories cite without any metadata naming them.
WIRE_SERVICES: tuple[str, ...] = (
    "Reuters",
    "Associated Press",
    "AP",
    "Agence France-Presse",
    "AFP",
    "BBC",
    "CNN",
    "Bloomberg",
    "Interfax",
    "TASS",
    "Ukrinform",
    "The New York Times",
    "The Washington Post",
    "The Guardian",
    "Al Jazeera",
    "Deutsche Welle",
)
_PARENTHETICAL = re.compile(r"\s*\([^)]*\)")
_NOMINAL = re.compile(
    r"\b[Tt]he (outlet|newspaper|paper|publication|news agency|agency|broadcaster|"
    r"channel|website|site|daily|tabloid|magazine)\b"
)
_STOP = {"of", "the", "and", "for", "de", "la"}


def outlet_key(name: str) -> str:
    """Folded key of an outlet name without parentheticals ("Zerkalo (English edition)")."""
    return fold_name(_PARENTHETICAL.sub("", name))


def known_outlets(articles: Iterable[Article]) -> list[tuple[str, str]]:
    """``(key, display name)`` of every outlet the articles' metadata and hints name."""
    names: dict[str, str] = {}
    for article in articles:
        candidates = [article.outlet] + [h.outlet for h in article.hints]
        for name in candidates:
            if name and (key := outlet_key(name)):
                names.setdefault(key, _PARENTHETICAL.sub("", name).strip())
    for name in WIRE_SERVICES:
        names.setdefault(outlet_key(name), name)
    return list(names.items())


def _initials(tokens: Sequence[str]) -> str:
    return "".join(t[0] for t in tokens if t and t not in _STOP)


class ShortForms:
    """Longer names indexed by last word and by initials, so that finding the owner of each
    short form of a story is a lookup rather than a scan of every longer name."""

    def __init__(self, names: Sequence[NameGroup]) -> None:
        self.by_last_word: dict[str, list[int]] = {}
        self.by_initials: dict[str, list[int]] = {}
        self.names = [n for n in names if len(n.tokens) >= 2]
        for position, name in enumerate(self.names):
            self.by_last_word.setdefault(name.tokens[-1], []).append(position)
            self.by_initials.setdefault(_initials(name.tokens), []).append(position)

    def owner(self, short: NameGroup) -> NameGroup | None:
        """The one longer name that ``short`` abbreviates (last word or initials), else ``None``."""
        text = short.most_common_text()
        found: set[int] = set()
        if len(short.tokens) == 1:
            found.update(self.by_last_word.get(short.key, ()))
        if text.isupper() and len(text) >= 2:
            found.update(self.by_initials.get(text.lower(), ()))
        owners = [self.names[i] for i in sorted(found) if self.names[i] is not short]
        return owners[0] if len(owners) == 1 else None


def nominal_outlet_mentions(
    article: Article, outlet_mentions: Sequence[NameMention], org_mentions: Sequence[NameMention]
) -> list[tuple[NameMention, NameMention]]:
    """``(reference, antecedent)`` for each "the outlet"-style phrase that names an outlet.

    ``outlet_mentions`` and ``org_mentions`` are this article's mentions resolved to outlets and
    to other organisations; the antecedent is the latest of all of them before the phrase, and the
    pair is kept only if that antecedent is an outlet.
    """
    named = sorted(
        [(m.start, True, m) for m in outlet_mentions] + [(m.start, False, m) for m in org_mentions],
        key=lambda item: item[0],
    )
    found: list[tuple[NameMention, NameMention]] = []
    for match in _NOMINAL.finditer(article.text):
        before = [item for item in named if item[0] < match.start()]
        if not before or not before[-1][1]:
            continue
        antecedent = before[-1][2]
        reference = NameMention(
            article_id=article.id,
            start=match.start(),
            end=match.end(),
            text=match.group(),
            label="NOMINAL",
            group=antecedent.group,
            key=antecedent.key,
        )
        found.append((reference, antecedent))
    return found
