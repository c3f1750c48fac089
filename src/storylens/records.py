"""The typed, immutable records that flow between pipeline stages.

Stages never mutate a record: they build new ones (``dataclasses.replace``). Every derived fact
keeps its evidence (article id and character span) so that a brief can be audited down to the
sentence it came from.

Flow: ``RawDocument -> Article -> Sentence -> Story -> StoryAnalysis -> Brief``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "Article",
    "ArticleProvenance",
    "Attribution",
    "Brief",
    "DroppedSpan",
    "Entity",
    "FactProvenance",
    "Figure",
    "FigureGroup",
    "Mention",
    "ProvenanceHint",
    "ProvenanceLink",
    "Quote",
    "QuoteVariant",
    "RawDocument",
    "Sentence",
    "Story",
    "StoryAnalysis",
    "SummarySentence",
    "TimeMention",
    "TimelineEvent",
    "article_id_for",
    "publication_order",
]

ProvenanceKind = Literal["cites", "republishes", "copies", "rewrites", "translates"]
FigureStatus = Literal["agree", "updated", "conflict"]


def publication_order(article: Article) -> tuple[bool, dt.date, str]:
    """Sort key: dated articles by date (then id), undated ones last."""
    return (article.published is None, article.published or dt.date.min, article.id)


def article_id_for(title: str | None, text: str) -> str:
    """Stable content hash of an article: the same title and text give the same id anywhere.

    Whitespace is folded first so that a re-wrapped export of the same article is the same article.
    """
    normalised = " ".join(((title or "") + "\n" + text).split()).casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """Bytes read from one source, before any parsing.

    ``origin`` is the path (``archive.jsonl.gz`` stays one origin; a JSONL line adds ``#L12``).
    """

    origin: str
    data: bytes
    content_type: Literal["text", "html", "json", "jsonl", "feed"]


@dataclass(frozen=True, slots=True)
class DroppedSpan:
    """A piece of source text the cleaner removed, with the rule that removed it (for audits)."""

    text: str
    rule: str


@dataclass(frozen=True, slots=True)
class ProvenanceHint:
    """A provenance statement found by the extraction stage and taken out of the text.

    ``kind`` is ``byline`` ("By Jane Roe, Reuters"), ``wire`` (an "(AP)" credit),
    ``republished`` ("This article originally appeared on X"), ``original`` ("Read the original
    article on X") or ``translated`` ("Translated from Russian. The original interview was
    published by X"). ``outlet`` is the outlet named, ``author`` the person where given.
    """

    kind: str
    outlet: str | None
    text: str
    author: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One news article after extraction and cleaning.

    ``text`` holds the clean story text, paragraphs separated by one blank line; every character
    offset in later records points into it. ``published_evidence`` says where the publication date
    came from (``header``, ``metadata``, ``path``, ``url``, ``json``, ``feed``, ...); a missing date
    stays ``None``: storylens never invents one.
    """

    id: str
    origin: str
    title: str | None
    text: str
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    published_evidence: str | None = None
    language: str | None = None
    authors: tuple[str, ...] = ()
    source_format: str = "text"
    dropped: tuple[DroppedSpan, ...] = ()
    hints: tuple[ProvenanceHint, ...] = ()

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The clean text's paragraphs, in order."""
        return tuple(p for p in self.text.split("\n\n") if p.strip())

    @property
    def label(self) -> str:
        """A short human label: outlet and title, or the origin's file name."""
        name = self.title or self.origin.rsplit("/", 1)[-1]
        return f"{self.outlet}: {name}" if self.outlet else name


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article, with its character span in ``Article.text``."""

    article_id: str
    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Story:
    """A group of articles about one story.

    ``duplicates`` maps a duplicate article id to the id of the article it duplicates; duplicates
    are members of the story too (they appear in ``article_ids``).
    """

    id: str
    article_ids: tuple[str, ...]
    headline: str
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    duplicates: tuple[tuple[str, str], ...] = ()

    @property
    def duplicate_of(self) -> dict[str, str]:
        """Duplicate article id -> original article id."""
        return dict(self.duplicates)


@dataclass(frozen=True, slots=True)
class Mention:
    """Where something was said or written: an article and a character span in its text."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world thing with every spelling it appeared under."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    roles: tuple[str, ...] = ()

    @property
    def sources(self) -> tuple[str, ...]:
        """Article ids that mention the entity, in first-mention order."""
        return tuple(dict.fromkeys(m.article_id for m in self.mentions))


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression normalised to a TIMEX3-style value against its article's date."""

    article_id: str
    start: int
    end: int
    text: str
    value: str
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    granularity: Literal["day", "week", "month", "year", "time", "other"] = "day"
    anchor: str | None = None


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """A dated event of the story, merged across the sources that report it."""

    date: str
    granularity: str
    text: str
    sources: tuple[str, ...]
    expression: str | None = None
    evidence: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    """One source's wording of a quote.

    ``start``/``end`` cover the quoted words (without the quotation marks). ``speaker`` is the
    speaker as this source wrote it ("he", "the mayor", "Oleg Petrenko") and ``speaker_start``/
    ``speaker_end`` its span; ``cue`` is this source's cue verb ("said", "told", "according to").
    """

    text: str
    article_id: str
    start: int
    end: int
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote with its speaker, matched across the sources that carry it."""

    id: str
    text: str
    speaker: str | None
    speaker_id: str | None
    cue: str | None
    variants: tuple[QuoteVariant, ...]
    earliest_source: str | None = None

    @property
    def sources(self) -> tuple[str, ...]:
        """Article ids that carry the quote, in variant order."""
        return tuple(dict.fromkeys(v.article_id for v in self.variants))


@dataclass(frozen=True, slots=True)
class Attribution:
    """An indirect (reported) claim: "the minister said the bridge was safe".

    Kept apart from direct quotes: the words are the reporter's, not the speaker's. ``content``
    is the reported claim as written, at ``start``/``end``; ``speaker`` the source as written at
    ``speaker_start``/``speaker_end`` and ``speaker_id`` its canonical entity when resolved.
    """

    id: str
    article_id: str
    content: str
    start: int
    end: int
    speaker: str | None
    speaker_id: str | None
    cue: str | None
    speaker_start: int | None = None
    speaker_end: int | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    """A number claimed in the story: what it counts, who claimed it, and as of when."""

    id: str
    value: float
    unit: str | None
    approx: str | None
    counts: str
    counts_key: str
    claimant: str | None
    date: str | None
    article_id: str
    start: int
    end: int
    text: str
    value_max: float | None = None
    scope: str | None = None
    sources: tuple[str, ...] = ()
    kind: str | None = None  # casualties, people, money, distance, area, percentage, ... (figures stage)
    predicate: str | None = None  # the verb saying what happened to the counted things ("flood")


@dataclass(frozen=True, slots=True)
class FigureGroup:
    """Comparable figures across sources, and whether they agree, update or conflict."""

    about: str
    status: FigureStatus
    figure_ids: tuple[str, ...]
    explanation: str


@dataclass(frozen=True, slots=True)
class ProvenanceLink:
    """``source`` cites, republishes, copies, rewrites or translates ``target``.

    ``target`` is an article id or an outlet name. ``evidence`` holds the sentence pairs or the
    attribution phrase that support the link.
    """

    source: str
    target: str
    kind: ProvenanceKind
    evidence: tuple[str, ...]
    score: float | None = None
    pairs: tuple[tuple[int, int, float], ...] = ()
    direction: str | None = None
    spans: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class ArticleProvenance:
    """How much of an article is its own reporting, and where the rest came from.

    ``original_share`` is the share of the article's sentences not derived from an earlier story
    article (1.0 for wholly original reporting, 0.0 for a republication); ``derived_sentences``
    lists the indices of the derived ones. ``group`` names the article's independent-source group
    (articles that copy, rewrite, translate or republish each other share one group).
    """

    article_id: str
    original_share: float
    derived_from: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    first_hand: bool = False
    derived_sentences: tuple[int, ...] = ()
    group: str = ""


@dataclass(frozen=True, slots=True)
class FactProvenance:
    """Who carries one fact (a quote or a figure) and who reported it first.

    ``groups`` partitions ``sources`` into independent groups (copies of one report are one
    group); ``original`` is the earliest reporter where determinable.
    """

    fact_id: str
    kind: str
    sources: tuple[str, ...]
    groups: tuple[tuple[str, ...], ...]
    original: str | None = None


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """A sentence of the story summary and every article that supports it."""

    text: str
    sources: tuple[str, ...]
    origin: Mention | None = None


@dataclass(frozen=True, slots=True)
class StoryAnalysis:
    """A story's articles and everything the analysis stages found in them so far.

    Each stage receives one of these and returns a new one with its own section filled in, so that
    later stages can use earlier results (quotes use entities; the summary uses provenance).
    """

    story: Story
    articles: tuple[Article, ...]
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    time_mentions: tuple[TimeMention, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    figure_groups: tuple[FigureGroup, ...] = ()
    provenance: tuple[ProvenanceLink, ...] = ()
    summary: tuple[SummarySentence, ...] = ()
    analyses: tuple[str, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    article_provenance: tuple[ArticleProvenance, ...] = ()
    fact_provenance: tuple[FactProvenance, ...] = ()

    def article(self, article_id: str) -> Article:
        """The story's article with that id (KeyError if it is not in the story)."""
        for article in self.articles:
            if article.id == article_id:
                return article
        raise KeyError(article_id)

    def sentences_of(self, article_id: str) -> tuple[Sentence, ...]:
        """The sentences of one article, in order."""
        return tuple(s for s in self.sentences if s.article_id == article_id)


@dataclass(frozen=True, slots=True)
class Brief:
    """What storylens tells a reader about one story: the JSON contract's ``stories[]`` item."""

    story: Story
    headline: str
    articles: tuple[Article, ...]
    summary: tuple[SummarySentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    quotes: tuple[Quote, ...] = ()
    figures: tuple[Figure, ...] = ()
    figure_groups: tuple[FigureGroup, ...] = ()
    provenance: tuple[ProvenanceLink, ...] = ()
    analyses: tuple[str, ...] = field(default_factory=tuple)
    attributions: tuple[Attribution, ...] = ()
    article_provenance: tuple[ArticleProvenance, ...] = ()
    fact_provenance: tuple[FactProvenance, ...] = ()
