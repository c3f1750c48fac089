"""Cue words of attribution and the noun phrase of a speaker, read off a spaCy parse.

The lexicon is hand-written because no installed library ships a reporting-verb list as broad
as news needs (textacy's has 49 verbs and no nouns such as "according to"); it was grown on the
PolNeAR training split (see docs/quotes.md).
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from spacy.tokens import Span, Token

__all__ = [
    "INDIRECT_CUES",
    "PRONOUNS",
    "QUOTE_CUES",
    "ROLE_NOUNS",
    "WEAK_CUES",
    "depth",
    "is_cue",
    "is_person_like",
    "mention_span",
    "speaker_span",
    "subject_of",
]

#: Verbs (lemmas) that introduce a direct quote.
QUOTE_CUES = frozenset(
    [
        "say",
        "tell",
        "add",
        "write",
        "post",
        "tweet",
        "state",
        "claim",
        "insist",
        "warn",
        "explain",
        "note",
        "ask",
        "reply",
        "respond",
        "argue",
        "declare",
        "announce",
        "acknowledge",
        "admit",
        "recall",
        "continue",
        "conclude",
        "suggest",
        "predict",
        "promise",
        "vow",
        "urge",
        "call",
        "describe",
        "complain",
        "joke",
        "quip",
        "shout",
        "scream",
        "yell",
        "testify",
        "report",
        "tell",
        "recount",
        "remark",
        "observe",
        "comment",
        "answer",
        "counter",
        "retort",
        "concede",
        "confirm",
        "deny",
        "agree",
        "boast",
        "brag",
        "charge",
        "emphasize",
        "emphasise",
        "stress",
        "assert",
        "maintain",
        "contend",
        "allege",
        "proclaim",
        "pledge",
        "plead",
        "beg",
        "caution",
        "advise",
        "demand",
        "threaten",
        "whisper",
        "mutter",
        "cry",
        "exclaim",
        "reveal",
        "disclose",
        "recommend",
        "summarize",
        "summarise",
        "put",
        "wonder",
        "muse",
        "lament",
        "bemoan",
        "thunder",
        "chant",
        "sing",
        "read",
        "echo",
        "characterize",
        "characterise",
        "dub",
        "label",
        "term",
        "quote",
        "cite",
        "instruct",
        "order",
        "mention",
        "confess",
        "gush",
        "rave",
        "scoff",
        "sneer",
        "snap",
        "fume",
        "lash",
        "tout",
        "hail",
        "praise",
        "slam",
        "blast",
        "criticize",
        "criticise",
        "mock",
        "rip",
        "decry",
        "dismiss",
        "concur",
        "interject",
        "interrupt",
        "begin",
        "start",
        "finish",
        "end",
        "open",
        "close",
        "repeat",
        "reiterate",
    ]
)

#: Cues that also have ordinary meanings ("the search will continue", "the report found"): they
#: count only with a person-like subject.
WEAK_CUES = frozenset(
    [
        "continue",
        "put",
        "read",
        "call",
        "describe",
        "find",
        "show",
        "echo",
        "order",
        "learn",
        "hear",
        "begin",
        "start",
        "finish",
        "end",
        "open",
        "close",
        "hail",
        "praise",
        "slam",
        "blast",
        "rip",
        "dismiss",
    ]
)

#: Verbs (lemmas) that report an indirect claim with a clause ("said the bridge was safe").
INDIRECT_CUES = frozenset(
    [
        "say",
        "tell",
        "add",
        "state",
        "claim",
        "insist",
        "warn",
        "explain",
        "note",
        "argue",
        "declare",
        "announce",
        "acknowledge",
        "admit",
        "recall",
        "conclude",
        "suggest",
        "predict",
        "promise",
        "vow",
        "report",
        "confirm",
        "deny",
        "agree",
        "assert",
        "maintain",
        "contend",
        "allege",
        "reveal",
        "disclose",
        "testify",
        "estimate",
        "believe",
        "think",
        "fear",
        "hope",
        "indicate",
        "show",
        "write",
        "post",
        "tweet",
        "reply",
        "respond",
        "concede",
        "emphasize",
        "emphasise",
        "stress",
        "caution",
        "complain",
        "charge",
        "boast",
        "learn",
        "hear",
        "find",
        "point",
        "signal",
        "predict",
        "expect",
        "project",
        "forecast",
        "mention",
    ]
)

#: Common nouns that name a role a speaker plays ("the mayor said").
ROLE_NOUNS = frozenset(
    [
        "mayor",
        "minister",
        "president",
        "governor",
        "senator",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "official",
        "officer",
        "chief",
        "director",
        "head",
        "leader",
        "commander",
        "general",
        "secretary",
        "chairman",
        "chairwoman",
        "chair",
        "ambassador",
        "prosecutor",
        "judge",
        "lawyer",
        "attorney",
        "aide",
        "adviser",
        "advisor",
        "analyst",
        "expert",
        "economist",
        "resident",
        "witness",
        "survivor",
        "victim",
        "doctor",
        "nurse",
        "engineer",
        "candidate",
        "nominee",
        "representative",
        "congressman",
        "congresswoman",
        "lawmaker",
        "legislator",
        "manager",
        "executive",
        "ceo",
        "founder",
        "owner",
        "professor",
        "researcher",
        "scientist",
        "investigator",
        "detective",
        "sheriff",
        "deputy",
        "police",
        "agent",
        "source",
        "person",
        "man",
        "woman",
        "student",
        "teacher",
        "worker",
        "farmer",
        "activist",
        "organizer",
        "campaign",
        "rescuer",
        "firefighter",
        "soldier",
        "colonel",
        "captain",
        "major",
        "lieutenant",
        "sergeant",
        "mother",
        "father",
        "pollster",
        "strategist",
        "operative",
        "member",
    ]
)

PRONOUNS = frozenset(["he", "she", "they", "i", "we", "you", "it", "who", "which", "that", "one"])

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CUT_DEPS = frozenset({"relcl", "acl", "punct", "advcl", "cc", "conj", "appos", "parataxis"})


def is_person_like(token: Token) -> bool:
    """Whether a subject can be a speaker: a person or organisation name, a personal pronoun or
    a role noun ("the mayor", "officials")."""
    if token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    if token.pos_ == "PROPN":
        return True
    if token.pos_ == "PRON":
        return token.lower_ in ("he", "she", "they", "i", "we", "you", "who")
    return token.lemma_.lower() in ROLE_NOUNS or token.lemma_.lower() in _GROUP_NOUNS


_GROUP_NOUNS = frozenset(
    [
        "official",
        "authority",
        "government",
        "ministry",
        "agency",
        "department",
        "service",
        "company",
        "police",
        "army",
        "military",
        "administration",
        "campaign",
        "team",
        "office",
        "committee",
        "group",
        "spokesman",
        "statement",
        "report",
        "paper",
        "newspaper",
        "outlet",
        "network",
        "channel",
        "union",
        "council",
        "court",
        # documents speak for their authors ('"...," read the email'; "the letter says")
        "email",
        "letter",
        "memo",
        "release",
        "message",
        "post",
        "tweet",
        "editorial",
        "ad",
        "document",
        "filing",
        "study",
        "survey",
        "poll",
        "transcript",
        "website",
    ]
)


def is_cue(token: Token, lexicon: frozenset[str]) -> bool:
    """Whether ``token`` is a verb of ``lexicon`` (or the "according" of "according to")."""
    if token.lower_ == "according":
        return any(child.lower_ == "to" for child in token.children)
    if token.lemma_.lower() not in lexicon and token.lower_ not in lexicon:
        return False
    if token.pos_ in ("VERB", "AUX"):
        return True
    # a capitalised or mis-tagged verb ("Tweeted") still heads its clause
    return any(child.dep_ == "nsubj" for child in token.children)


def _adjacent_speaker(verb: Token, quoted: AbstractSet[int]) -> Token | None:
    """'"Happy Cinco de Mayo!," he tweeted': the parser took the quote for the subject; the
    speaker is the pronoun or name right next to the cue."""
    doc = verb.doc
    for i in (verb.i - 1, verb.i + 1):
        if 0 <= i < len(doc) and i not in quoted:
            token = doc[i]
            if token.pos_ in ("PRON", "PROPN") or token.lemma_.lower() in ROLE_NOUNS:
                return token
    return None


def depth(token: Token) -> int:
    """How far ``token`` is from its sentence root (the main cue of a sentence has depth 0)."""
    return sum(1 for _ in token.ancestors)


def subject_of(verb: Token, quoted: AbstractSet[int] | None = None, _hops: int = 0) -> Token | None:
    """The speaker token of a cue: its subject, the object of "according to", the passive agent,
    or the subject of the verb it depends on ("arrived and said", "incurred boos upon
    saying")."""
    if verb.lower_ == "according":
        for to in verb.children:
            if to.lower_ == "to":
                for obj in to.children:
                    if obj.dep_ == "pobj":
                        return obj
        return None
    for child in verb.children:
        if child.dep_ in _SUBJECT_DEPS and child.dep_ != "nsubjpass":
            if quoted is not None and child.i in quoted:
                return _adjacent_speaker(verb, quoted)
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    head = verb.head
    if (
        verb.dep_ == "acl"
        and head.i < verb.i
        and verb.i > 0
        and verb.doc[verb.i - 1].text == ","
        and head.pos_ in ("PROPN", "NOUN")
    ):
        return head  # '"...," Nate Silver, the polling guru, tweeted': parsed as a reduced clause
    if _hops < 3 and head.i != verb.i and verb.dep_ in _CLIMB_DEPS:
        while head.dep_ == "prep" and head.head.i != head.i:
            head = head.head  # "upon saying": the preposition's verb
        if head.pos_ in ("VERB", "AUX"):
            for child in head.children:
                if child.dep_ == "nsubjpass" and verb.dep_ == "conj":
                    return child  # "was joined on stage and joked"
            return subject_of(head, quoted, _hops + 1)
    return None


_CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl", "pcomp"})


def speaker_span(token: Token) -> Span:
    """The noun phrase of a speaker without its relative clauses, appositions and punctuation.

    "Mariia Lysenko, a spokeswoman for the service, who ..." -> "Mariia Lysenko";
    "a spokesperson for the ministry" stays whole.
    """
    doc = token.doc
    keep = {token.i}
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.dep_ in _CUT_DEPS:
                continue
            keep.add(child.i)
            stack.append(child)
    # the phrase is the contiguous run of kept tokens around the head
    start = end = token.i
    while start - 1 in keep:
        start -= 1
    while end + 1 in keep:
        end += 1
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    return doc[start : end + 1]


def mention_span(token: Token) -> Span:
    """The whole subject phrase as written, appositions and relative clauses included
    ("Murphy, the head of Right to Rise USA,"): what an annotator marks as the source."""
    doc = token.doc
    indices = [t.i for t in token.subtree]
    start, end = min(indices), max(indices)
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    return doc[start : end + 1]
