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

from anyascii import anyascii

from storylens.entities.fold import fold_name
from storylens.entities.groups import CORPORATE_SUFFIXES, NameGroup, corporate_stem
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


_ACRONYM_DOTS = re.compile(r"[.\s]")


def _initials(written: str) -> str:
    """Initials of a name as written ("National Energy Board" -> "neb"): from the written
    words, not the folded key, whose transliteration fold spells "White House" with a *v*."""
    words = re.findall(r"[^\W_]+", written)
    return "".join(w[0] for w in words if w.lower() not in _STOP).lower()


def _defined_before(short: NameGroup, long: NameGroup) -> bool:
    """Whether some article names ``long`` before it writes ``short``: the way news text
    introduces an acronym ("the National Energy Board ... the NEB"). "SEC" in a story that
    elsewhere names the Senate Energy Committee is the regulator, not the committee."""
    first: dict[str, int] = {}
    for mention in long.mentions:
        if mention.start < first.get(mention.article_id, mention.start + 1):
            first[mention.article_id] = mention.start
    return any(m.article_id in first and first[m.article_id] < m.start for m in short.mentions)


def _written_key(text: str) -> str:
    """A word as written, for short forms: case, accents and edge punctuation dropped, but
    not transliteration-folded (the fold makes "Herald" and "Gerald" one word)."""
    return anyascii(text).casefold().strip(".,;:'\"“”‘’()")


def _written(name: NameGroup) -> str:
    """A name as written: an outlet's display name, else its most common spelling ("" for an
    outlet known only from metadata without one)."""
    return name.outlet or (name.most_common_text() if name.mentions else "")


def _last_written_word(name: NameGroup) -> str:
    """The last word of a name as written (``_written_key``), a hyphenated compound whole."""
    words = _written(name).split()
    return _written_key(words[-1]) if words else ""


def _holds_word(name: NameGroup, word: str) -> bool:
    return word.casefold() in _written(name).casefold().split()


class ShortForms:
    """Longer names indexed by last word, by initials and by their name without a legal form,
    so that finding the owner of each short form of a story is a lookup rather than a scan of
    every longer name."""

    def __init__(self, names: Sequence[NameGroup]) -> None:
        self.by_last_word: dict[str, list[int]] = {}
        self.by_initials: dict[str, list[int]] = {}
        self.by_stem: dict[str, list[int]] = {}
        self.names = [n for n in names if len(n.tokens) >= 2]
        for position, name in enumerate(self.names):
            if name.type == "OUTLET":
                # "the Times" is The Northern Times; "House" is no short form of the White
                # House, nor "Hill" of Capitol Hill, nor "State" of Florida State.
                self.by_last_word.setdefault(_last_written_word(name), []).append(position)
            written = _written(name)
            if written:
                self.by_initials.setdefault(_initials(written), []).append(position)
            stem = corporate_stem(name.tokens)
            if stem is not None:
                self.by_stem.setdefault(stem, []).append(position)

    def owner(self, short: NameGroup) -> NameGroup | None:
        """The one longer name that ``short`` abbreviates, else ``None``.

        A one-word short form is the last word of an outlet's name as written ("the Times");
        an all-capitals one spells the initials of the name as written, and joins an
        organisation only where an article names the organisation before it (an outlet known
        from metadata needs no introduction).
        """
        text = short.most_common_text()
        found: set[int] = set()
        if len(short.tokens) == 1 and short.key not in CORPORATE_SUFFIXES:  # not "Co", "Ltd"
            # The written last word: not "GM" of "Chevron-GM", not "Gerald" of "Herald".
            found.update(self.by_last_word.get(_written_key(text), ()))
        acronym = _ACRONYM_DOTS.sub("", text)
        if text.isupper() and len(acronym) >= 2 and acronym.isalnum():
            found.update(
                i
                for i in self.by_initials.get(acronym.lower(), ())
                if not _holds_word(self.names[i], acronym)  # "AP Photo" does not spell "AP"
                # "Treborth, Bangor" is two names, not "TB"; a long name with a comma in it
                # still has an acronym ("Bureau of Ocean Energy Management, Regulation and
                # Enforcement", BOEMRE)
                and not (len(acronym) < 3 and "," in _written(self.names[i]))
                and (self.names[i].type == "OUTLET" or _defined_before(short, self.names[i]))
            )
        owners = [self.names[i] for i in sorted(found) if self.names[i] is not short]
        return owners[0] if len(owners) == 1 else None

    def company(self, short: NameGroup) -> NameGroup | None:
        """The one company whose name is ``short`` with a legal form added ("Transocean" ->
        "Transocean Ltd"), else ``None``."""
        owners = [self.names[i] for i in self.by_stem.get(short.key, ())]
        owners = [o for o in owners if o is not short]
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
