"""Name groups: mentions with one folded key, typed by the evidence of all their mentions.

A single mention's spaCy label is weak evidence (the model calls the invented village "Zelenyi
Hai" a PERSON in every article of the demo corpus). The type of a name is therefore voted over
all its mentions: each spaCy label counts 1, each context cue ("the village of X", "X, 58,",
"local outlet X") counts 3, a known outlet name wins outright, an organisation head word ("...
Service", "... Union") counts 2, an outlet head word ("... Times", "... Press") 2.5 unless the
name is ever tagged PERSON, and a GeoNames hit counts 1.5 (0.5 for a name tagged ORG: "Air
France") unless a person cue says otherwise; a *weak* hit (an alternate name or a loose-fold
match, see gazetteer.py) only 0.5, a tie-breaker that never outvotes one PERSON label ("Julia" is
an alternate name of Plovdiv, "Willie" folds like the Texan town Wylie). A single kind of cue on at least a quarter of the
mentions decides outright. On MEANTIME's gold names the voted type is as accurate as spaCy's label
(0.934 both, ``storylens bench entities``): the voting does not cost accuracy on clean wire
text, and it is what types the demo corpus's invented names right. Names that only ever appear as NORP (nationalities) are dropped; one-word names seen
only at the start of sentences ("Schools", "Librarians") are marked ``weak`` and dropped later
unless they turn out to be a surname or a short form of another name.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from anyascii import anyascii
from rapidfuzz import fuzz

from storylens.entities.fold import fold_name
from storylens.entities.gazetteer import Gazetteer, Place
from storylens.entities.mentions import NameMention
from storylens.entities.roles import ORG_HEADS, OUTLET_HEADS, wordset

__all__ = [
    "CORPORATE_SUFFIXES",
    "NameGroup",
    "build_groups",
    "confirm_weak_places",
    "corporate_stem",
    "match_place",
    "vote_type",
]

_LABEL_WEIGHT: dict[str, tuple[str, float]] = {
    "PERSON": ("PERSON", 1.0),
    "PLACE": ("PLACE", 1.0),
    "ORG": ("ORG", 1.0),
    "FAC": ("FACILITY", 0.8),
    "NORP": ("PLACE", 0.3),
}


#: Legal-form words that end a company's name ("Transocean Ltd", "Halliburton Co"): the name
#: without them is the company's short name ("Transocean"), folded as ``fold_name`` folds it.
CORPORATE_SUFFIXES: frozenset[str] = frozenset(
    fold_name(w)
    for w in wordset(
        "inc incorporated ltd limited corp corporation co plc llc lp llp gmbh ag nv spa"
    )
)


def corporate_stem(tokens: Sequence[str]) -> str | None:
    """The folded key of a company name without its legal form ("transocean" for "Transocean
    Ltd"), or ``None`` when the name has no legal form or nothing else."""
    if len(tokens) >= 2 and tokens[-1] in CORPORATE_SUFFIXES:
        return " ".join(tokens[:-1])
    return None


@dataclass
class NameGroup:
    """All mentions sharing one folded key, with the type voted for them."""

    key: str
    mentions: list[NameMention]
    type: str = "OTHER"
    place: Place | None = None
    outlet: str | None = None
    votes: dict[str, float] = field(default_factory=dict)
    weak: bool = False
    #: Whether ``place`` is an exact (own-name) match; a weak one must be confirmed by the story
    #: (``confirm_weak_places``), and ``weak_places`` holds every weak candidate for that.
    exact_place: bool = False
    weak_places: tuple[Place, ...] = ()
    #: What backs ``place``: "exact", "place" (another name of the story resolves exactly to
    #: it), "country" (a spelling of it, in a country the story names) or "" (no place).
    place_evidence: str = ""
    matched: bool = False

    @property
    def tokens(self) -> list[str]:
        """Folded words of the key."""
        return self.key.split()

    @property
    def cues(self) -> set[str]:
        """Every context cue seen on any mention."""
        return {cue for m in self.mentions for cue in m.cues}

    _common: tuple[int, str] | None = field(default=None, repr=False, compare=False)

    def most_common_text(self) -> str:
        """The most frequent spelling, preferring one that is not all capitals.

        Remembered until mentions are added (groups only ever grow): place matching asks for
        it once per pair of groups.
        """
        if self._common is not None and self._common[0] == len(self.mentions):
            return self._common[1]
        counts = Counter(m.text for m in self.mentions)
        text = max(counts, key=lambda t: (not t.isupper(), counts[t], -len(t)))
        self._common = (len(self.mentions), text)
        return text


def vote_type(group: NameGroup, gazetteer: Gazetteer | None) -> str:
    """Decide a group's type from its mentions' labels and cues (see the module docstring)."""
    votes: defaultdict[str, float] = defaultdict(float)
    for mention in group.mentions:
        label, weight = _LABEL_WEIGHT.get(mention.label, ("OTHER", 0.5))
        votes[label] += weight
        for cue in mention.cues:
            votes[cue] += 3.0
    if group.outlet is not None:
        votes["OUTLET"] += 100.0
    if group.tokens and group.tokens[-1] in ORG_HEADS and len(group.tokens) > 1:
        votes["ORG"] += 2.0
    if corporate_stem(group.tokens) is not None:
        # A legal form ends only a company's name: "Halliburton Co" is no person, whatever
        # the NER said of its mentions.
        votes["ORG"] += 5.0
    last_word = group.most_common_text().split()[-1].lower() if group.mentions else ""
    if len(group.tokens) > 1 and last_word in OUTLET_HEADS:
        # "Jim Press" is a person: the head word counts only for names never tagged PERSON.
        votes["OUTLET"] += 0.0 if any(m.label == "PERSON" for m in group.mentions) else 2.5
    if gazetteer is not None and not group.matched:
        match_place(group, gazetteer)
    if group.place is not None:
        # A tie-breaker for names the NER calls a person or a place; an organisation
        # named after a town ("Aer Lingus", "Air France") keeps its ORG label, and a weak
        # match that only the story's countries back never outvotes a PERSON label.
        organisation = any(m.label == "ORG" for m in group.mentions)
        votes["PLACE"] += 0.5 if organisation or group.place_evidence == "country" else 1.5
    group.votes = dict(votes)
    if not votes:
        return "OTHER"
    cue_types = group.cues
    if len(cue_types) == 1 and group.outlet is None:
        # The words around an unknown name beat the NER's guesses at it, when they are
        # consistent and not drowned out ("in Jobs' view" once against 33 PERSON labels).
        cued = sum(1 for m in group.mentions if m.cues)
        if cued * 4 >= len(group.mentions):
            return next(iter(cue_types))
    best = max(sorted(votes), key=lambda t: votes[t])
    if best == "PLACE" and _called_a_company(group, gazetteer):
        return "ORG"
    if best == "PLACE" and all(m.label == "NORP" for m in group.mentions):
        # A nationality stays one although a few of its mentions carry a cue ("Mexicans"
        # once after "residents of"): it would otherwise join a look-alike town (Mexicali).
        cued = sum(1 for m in group.mentions if m.cues)
        if cued * 2 < len(group.mentions):
            return "NORP"
    return best


def _called_a_company(group: NameGroup, gazetteer: Gazetteer | None) -> bool:
    """Whether a name the NER keeps calling a place is an organisation the text calls one:
    "Halliburton, the oilfield services company" (115 GPE labels in one story). It takes two
    such mentions, no word around any mention calling it a place, and no place of that name
    in the gazetteer."""
    if "PLACE" in group.cues or group.place is not None or group.weak_places:
        return False
    if group.most_common_text().endswith("."):
        return False  # "Gulf Shores, Ala., the real estate firm ...": a state, abbreviated
    if sum(1 for m in group.mentions if "ORG" in m.cues) < 2:
        return False
    return gazetteer is None or not gazetteer.names_a_town(group.most_common_text())


#: Smallest rapidfuzz ratio of a written name and a place's own name for a weak match to stand
#: for that place on the strength of its country alone (*Kiev* / *Kyiv* 75, *Nikolaev* /
#: *Mykolayiv* 71; *Keith* / *Bay Shore*, *Newtown* / *Tallahassee* are other names, not spellings).
#: The same floor as the variant model's (``variants.MIN_RATIO``).
WEAK_MATCH_RATIO = 60.0


def match_place(group: NameGroup, gazetteer: Gazetteer) -> None:
    """Look the group's name up: an exact match becomes ``place`` at once, weak candidates wait
    for ``confirm_weak_places``. A name with a person cue is never looked up."""
    group.matched = True
    if "PERSON" in group.cues:
        return
    exact, weak = gazetteer.match(group.most_common_text())
    group.exact_place = bool(exact)
    group.weak_places = () if exact else weak
    group.place = exact[0] if exact else None
    group.place_evidence = "exact" if exact else ""


def confirm_weak_places(groups: Sequence[NameGroup], gazetteer: Gazetteer) -> None:
    """Give a group a weak GeoNames match only when the story confirms it.

    A weak match (an alternate name, or a primary name equal only after the loose fold) is kept
    when another name of the resolution resolves exactly to the same place (*Kiev* beside
    *Kyiv*), or another name of the same story weakly too (*Nikolaev* beside *Mykolaiv*, the
    place's own name being *Mykolayiv*), or when the written name is a spelling of the place's own name (ratio >=
    ``WEAK_MATCH_RATIO``) and the place lies in a country that an exact match tagged as a
    place names in the same story. It is never kept when the written name is the own name of
    some GeoNames town (*Newtown*: the Welsh town, not Tallahassee, whose old name it is). A
    name without a confirmed match stays as written, with no GeoNames id: it neither borrows a
    far-away place's name for display nor makes or vetoes joins through that place.
    """
    for group in groups:
        if not group.matched:
            match_place(group, gazetteer)
    ids: set[int] = set()
    countries: dict[str, set[str]] = {}
    for group in groups:
        if not group.exact_place or group.place is None:
            continue
        ids.add(group.place.geonameid)
        if "PLACE" in group.cues or any(m.label == "PLACE" for m in group.mentions):
            for story in {m.group for m in group.mentions}:
                countries.setdefault(story, set()).add(group.place.country)
    open_groups = [
        g
        for g in groups
        if not g.exact_place
        and g.weak_places
        and not gazetteer.names_a_town(anyascii(g.most_common_text()).casefold())
    ]
    # Two different names of one story that can both name a place corroborate each other
    # (*Nikolaev* and *Mykolaiv*, neither of them the own name of Mykolayiv).
    weak_counts: Counter[tuple[str, int]] = Counter(
        (story, place.geonameid)
        for g in open_groups
        for story in {m.group for m in g.mentions}
        for place in g.weak_places
    )
    corroborated = {pair for pair, count in weak_counts.items() if count > 1}
    for group in open_groups:
        text = anyascii(group.most_common_text()).casefold()
        stories = {m.group for m in group.mentions}
        story_countries = set().union(*(countries.get(s, set()) for s in stories))
        for place in group.weak_places:
            named = place.geonameid in ids or any(
                (s, place.geonameid) in corroborated for s in stories
            )
            spelled = fuzz.ratio(text, anyascii(place.name).casefold()) >= WEAK_MATCH_RATIO
            if named or (spelled and place.country in story_countries):
                group.place = place
                group.place_evidence = "place" if named else "country"
                break


def _sentence_initial_only(group: NameGroup, texts: dict[str, str]) -> bool:
    """A one-word name seen only at the start of sentences is likely a capitalised common noun."""
    if len(group.tokens) != 1 or group.outlet is not None:
        return False
    for mention in group.mentions:
        text = texts.get(mention.article_id)
        if not text:
            return False
        before = text[max(0, mention.start - 3) : mention.start].rstrip(" \"“'")
        if before and before[-1] not in ".!?\n:":
            return False
    return True


#: Labels a mention's kind is read from when two spellings of one folded key are compared.
_KINDS = {"PERSON": "PERSON", "ORG": "ORG", "PLACE": "PLACE", "NORP": "NORP", "FAC": "ORG"}


def _kinds(mentions: Sequence[NameMention]) -> frozenset[str]:
    return frozenset(_KINDS[m.label] for m in mentions if m.label in _KINDS)


def _split_collisions(by_key: dict[str, list[NameMention]]) -> dict[str, list[NameMention]]:
    """Split a folded key whose spellings begin with different letters and whose NER labels
    never meet: the fold's *h* = *g* (Ukrainian *Hai*, Russian *Gai*) also makes "Herald" (an
    outlet, ORG) one name with "Gerald" (a person) and "Herrman" with "German" (NORP). Two
    spellings with any label in common (one place spelled both ways) stay one name.

    The spellings of the minority first letter get a key of their own (the key with that
    letter first), so that every later rule sees two names.
    """
    out: dict[str, list[NameMention]] = {}
    for key, mentions in by_key.items():
        texts = {m.text for m in mentions}
        letters = {text: anyascii(text[:2])[:1].casefold() for text in texts}
        if len(set(letters.values())) < 2:
            out[key] = mentions  # one first letter: the common case, decided per spelling
            continue
        by_letter: dict[str, list[NameMention]] = {}
        for mention in mentions:
            by_letter.setdefault(letters[mention.text], []).append(mention)
        main = max(by_letter, key=lambda letter: (len(by_letter[letter]), letter))
        kinds = {letter: _kinds(group) for letter, group in by_letter.items()}
        # Spellings whose NER labels never meet (ORG and PERSON "Herrmann", NORP "German")
        # are two names; any label in common keeps them one.
        apart = {
            letter
            for letter in by_letter
            if letter != main and kinds[letter] and kinds[main] and not kinds[letter] & kinds[main]
        }
        if not apart:
            out[key] = mentions
            continue
        out.setdefault(key, []).extend(
            m for letter in by_letter if letter not in apart for m in by_letter[letter]
        )
        for letter in apart:
            group = by_letter[letter]
            own = letter + key[1:] if key[:1] != letter else key + letter
            out.setdefault(own, []).extend(dataclasses.replace(m, key=own) for m in group)
    return out


def build_groups(
    mentions: Iterable[NameMention],
    outlets: Sequence[tuple[str, str]],
    gazetteer: Gazetteer | None,
    texts: dict[str, str] | None = None,
    keep_norp: bool = False,
) -> list[NameGroup]:
    """Group mentions by folded key and type each group.

    Args:
        mentions: every name mention of the story (or corpus).
        outlets: ``(folded key, display name)`` of outlets known from article metadata.
        gazetteer: GeoNames index, or ``None`` to type without it.
        texts: article id -> text, for the sentence-initial check (skipped when absent).
        keep_norp: keep nationality-only groups.
    """
    by_key: dict[str, list[NameMention]] = {}
    for mention in mentions:
        by_key.setdefault(mention.key, []).append(mention)
    by_key = _split_collisions(by_key)
    outlet_names = dict(outlets)
    groups: list[NameGroup] = []
    made = [NameGroup(key=k, mentions=m, outlet=outlet_names.get(k)) for k, m in by_key.items()]
    if gazetteer is not None:
        confirm_weak_places(made, gazetteer)
    for group in made:
        members = group.mentions
        group.type = vote_type(group, gazetteer)
        if group.type == "NORP" and not keep_norp:
            continue
        if texts is not None and not group.cues and group.place is None:
            # A lone surname opening its sentences ("Petrov said") is kept; a plural common
            # noun the NER calls a person ("Schools", "Librarians") is not.
            person = any(m.label == "PERSON" for m in members)
            plural = group.most_common_text().endswith("s")
            group.weak = (plural or not person) and _sentence_initial_only(group, texts)
        groups.append(group)
    return groups
