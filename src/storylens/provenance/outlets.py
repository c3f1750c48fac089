"""Outlet names: known wire services and outlets, short forms, and what makes a name an outlet.

A story names its sources in many ways: "The New York Times", then "the Times"; "NYT"; "the
agency" after Reuters; "Dnipro Line, a regional news site". :class:`OutletDirectory` collects the
outlets a story can refer to (the short hand-written list below, every ``Article.outlet`` of the
story's articles, the entities stage's OUTLET entities, and names the attribution finder has seen
in an article so far) and resolves a name as written to a canonical outlet.

The list is short on purpose: it holds the wire services and the large outlets whose short forms
are ambiguous ("AP", "the Post", "FT"); any other outlet is recognised from the story itself or
from the shape of its name (``... Times``, ``... Gazette``, ``... News``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from storylens.provenance.features import fold

__all__ = [
    "KNOWN_OUTLETS",
    "OUTLET_HEADS",
    "WIRE_SERVICES",
    "OutletDirectory",
    "is_agency_name",
    "looks_like_outlet",
]

#: Wire services / news agencies: canonical name -> other names.
WIRE_SERVICES: dict[str, tuple[str, ...]] = {
    "Reuters": ("Thomson Reuters",),
    "Associated Press": ("AP", "The Associated Press", "the AP"),
    "Agence France-Presse": ("AFP", "Agence France Presse", "France-Presse"),
    "Bloomberg": ("Bloomberg News",),
    "dpa": ("Deutsche Presse-Agentur", "DPA"),
    "Interfax": ("Interfax-Ukraine",),
    "TASS": ("Tass",),
    "RIA Novosti": ("RIA",),
    "Ukrinform": (),
    "UNIAN": (),
    "Xinhua": ("Xinhua News Agency",),
    "Anadolu Agency": ("Anadolu",),
    "EFE": (),
    "ANSA": (),
    "Kyodo News": ("Kyodo",),
    "Yonhap": ("Yonhap News Agency",),
    "Press Trust of India": ("PTI",),
    "PA Media": ("Press Association", "PA"),
    "United Press International": ("UPI",),
}

#: Other outlets whose short forms need the full name: canonical name -> other names.
KNOWN_OUTLETS: dict[str, tuple[str, ...]] = {
    "The New York Times": ("New York Times", "NYT", "NY Times"),
    "The Washington Post": ("Washington Post", "WaPo"),
    "The Wall Street Journal": ("Wall Street Journal", "WSJ"),
    "Financial Times": ("FT", "The Financial Times"),
    "The Guardian": ("Guardian",),
    "BBC": ("BBC News", "the BBC"),
    "CNN": (),
    "Fox News": ("Fox",),
    "NBC News": ("NBC",),
    "CBS News": ("CBS",),
    "ABC News": ("ABC",),
    "NPR": ("National Public Radio",),
    "Al Jazeera": (),
    "Politico": (),
    "Axios": (),
    "USA Today": (),
    "Los Angeles Times": ("LA Times", "L.A. Times"),
    "The Times": ("The Times of London",),
    "The Telegraph": ("Daily Telegraph",),
    "Daily Mail": ("Mail Online", "MailOnline"),
    "Sky News": (),
    "Deutsche Welle": ("DW",),
    "Le Monde": (),
    "Der Spiegel": ("Spiegel",),
    "Kyiv Independent": ("The Kyiv Independent",),
    "Ukrainska Pravda": (),
    "Meduza": (),
    "The Economist": ("Economist",),
    "TMZ": (),
    "People": ("People magazine",),
}

#: Last words that make a capitalised name an outlet ("Northern Times", "Riverbank Gazette").
OUTLET_HEADS = frozenset(
    ["times", "post", "news", "herald", "gazette", "tribune", "journal", "courier", "telegraph", "press", "chronicle", "daily", "observer", "independent", "guardian", "express", "mirror", "standard", "review", "voice", "voices", "vistnyk", "visnyk", "pravda", "today", "radio", "tv", "television", "broadcasting", "wire", "magazine", "weekly", "bulletin", "inquirer", "register", "sun", "star", "mail", "examiner", "dispatch", "monitor", "reporter", "insider", "online", "digest", "agency"]
)

_AGENCY_WORDS = frozenset(["agency", "service", "ministry", "department", "administration", "office"])


def looks_like_outlet(name: str) -> bool:
    """Whether a capitalised name has an outlet's shape (``Pryluzhne Vistnyk``, ``NewsFast24``)."""
    words = fold(name).split()
    if not words:
        return False
    if words[0] == "the":
        words = words[1:]
    if len(words) < 1:
        return False
    last = re.sub(r"\W", "", words[-1])
    if last in OUTLET_HEADS and (len(words) > 1 or last in {"reuters"}):
        return True
    return bool(re.search(r"(news|press|post|media)\d*$", last)) and len(last) > 5


def _strip_article(name: str) -> str:
    return re.sub(r"^(?:the)\s+", "", name.strip(), flags=re.IGNORECASE)


@dataclass
class OutletDirectory:
    """Outlets a story can refer to, with their short forms.

    Example:
        >>> d = OutletDirectory.build(["The Northern Times"])
        >>> d.resolve("the Times"), d.resolve("Northern Times"), d.resolve("AP")
        ('The Northern Times', 'The Northern Times', 'Associated Press')
    """

    canonical: dict[str, str] = field(default_factory=dict)
    wires: set[str] = field(default_factory=set)
    heads: dict[str, list[str]] = field(default_factory=dict)
    preferred: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, story_outlets: Iterable[str]) -> OutletDirectory:
        """Directory of the known lists plus the story's own outlets (which win on short forms)."""
        directory = cls()
        for name, aliases in WIRE_SERVICES.items():
            directory.add(name, aliases, wire=True)
        for name, aliases in KNOWN_OUTLETS.items():
            directory.add(name, aliases)
        for name in story_outlets:
            directory.add(name, (), prefer=True)
        return directory

    def add(
        self, name: str, aliases: Iterable[str] = (), wire: bool = False, prefer: bool = False
    ) -> str:
        """Register an outlet; returns its canonical name (an existing one if already known)."""
        key = fold(_strip_article(name))
        canonical = self.canonical.get(key, name)
        if wire:
            self.wires.add(canonical)
        if prefer:
            self.preferred.add(canonical)
        for alias in (name, *aliases):
            for alias_key in (fold(_strip_article(alias)), fold(alias)):
                known = self.canonical.get(alias_key)
                # The story's own outlets win short forms over the general list ("Times").
                if known is None or (prefer and known not in self.preferred):
                    self.canonical[alias_key] = canonical
        words = fold(_strip_article(name)).split()
        if len(words) > 1:
            entries = self.heads.setdefault(words[-1], [])
            if canonical in entries:
                entries.remove(canonical)
            if canonical in self.preferred:
                entries.insert(0, canonical)
            else:
                entries.append(canonical)
        return canonical

    def resolve(self, name: str, recent: Iterable[str] = ()) -> str | None:
        """The canonical outlet for ``name`` as written, or None if it names no known outlet.

        ``recent`` lists outlets already mentioned in the article, latest first: "the Times"
        resolves to the latest mentioned outlet whose name ends in "Times" before any other.
        """
        key = fold(_strip_article(name))
        words = key.split()
        if len(words) == 1:
            # A short form ("the Times") means the outlet this article or story named, before any
            # outlet of the same name in the general list.
            for outlet in recent:
                if fold(outlet).split()[-1:] == words:
                    return outlet
            candidates = self.heads.get(words[0])
            if candidates and candidates[0] in self.preferred:
                return candidates[0]
        if key in self.canonical:
            return self.canonical[key]
        if fold(name) in self.canonical:
            return self.canonical[fold(name)]
        if len(words) == 1:
            candidates = self.heads.get(words[0])
            if candidates:
                return candidates[0]
            acronym = self._by_acronym(key)
            if acronym:
                return acronym
        return None

    def _by_acronym(self, key: str) -> str | None:
        if not key.isalpha() or len(key) < 2:
            return None
        for canonical in dict.fromkeys(self.canonical.values()):
            initials = _initials(canonical)
            if len(initials) >= 2 and initials == key:
                return canonical
        return None

    def is_wire(self, canonical: str) -> bool:
        """Whether the canonical outlet is a wire service (news agency)."""
        return canonical in self.wires or "agency" in fold(canonical).split()


def is_agency_name(name: str) -> bool:
    """Whether a name reads like a (government or news) agency: "State Emergency Service"."""
    return bool(set(fold(name).split()) & _AGENCY_WORDS)


@lru_cache(maxsize=50_000)
def _initials(canonical: str) -> str:
    """The initials of an outlet's name ("The Northern Times" -> "nt"), once per name: an
    unknown short form is tried against every outlet of the directory (a thousand names)."""
    return "".join(w[0] for w in fold(_strip_article(canonical)).split() if w[:1].isalpha())
