"""Direct quotes of one article with their local speaker and cue, from the shared spaCy parse.

Quoted regions come from ``marks``; this module drops the ones that are not quotes (headlines,
captions, scare quotes, titles) and finds who said each one: the subject of a cue verb in the
quote's own sentence ("X said", "said X", "X told the outlet", "X wrote on Facebook",
"according to X"), a speaker before a colon, the speaker of the previous quote of the same
paragraph, or a speaker named in the sentence before. Speakers are kept as written here
("he", "the mayor"); ``resolve`` maps them to entities.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storylens.quotes.cues import (
    QUOTE_CUES,
    WEAK_CUES,
    depth,
    is_cue,
    is_person_like,
    mention_span,
    speaker_span,
    subject_of,
)
from storylens.quotes.marks import QuotedRegion, find_quoted_regions, paragraph_spans, strip_marks
from storylens.quotes.settings import QuoteSettings

__all__ = [
    "LocalQuote",
    "SpeakerMention",
    "display_text",
    "extract_quotes",
    "join_segments",
    "speaker_from_cue",
]

_TERMINAL = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s*$|[\"\u201d]\s*$")
#: Words right before a quoted title, headline or sign: what follows is a name, not speech.
_DISPLAY_WORDS = frozenset(
    [
        "headline",
        "headlined",
        "title",
        "titled",
        "entitled",
        "banner",
        "sign",
        "placard",
        "slogan",
        "motto",
        "hashtag",
        "caption",
        "book",
        "film",
        "movie",
        "song",
        "album",
        "show",
        "series",
        "column",
        "editorial",
        "feature",
        "article",
        "poster",
        "reading",
        "read",
        "tagline",
    ]
)
_CAPTION = re.compile(r"^\s*(?:photo|picture|image|video|caption|credit|file photo)\b", re.I)


@dataclass(frozen=True, slots=True)
class SpeakerMention:
    """A speaker as written, its cue, and how it was found (``cue``, ``colon``, ``previous``,
    ``context``)."""

    start: int
    end: int
    text: str
    cue: str | None
    cue_start: int | None
    how: str


@dataclass(frozen=True, slots=True)
class LocalQuote:
    """One direct quote in one article, before matching across articles.

    ``parts`` are the quoted segments (character spans) of a quote interrupted by its
    attribution ('"We will rebuild every house," he said. "But first ..."'); ``start``/``end``
    run from the first part to the last.
    """

    article_id: str
    start: int
    end: int
    text: str
    speaker: SpeakerMention | None
    paragraph: int
    parts: tuple[tuple[int, int], ...] = ()

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """The quoted segments (one for an uninterrupted quote)."""
        return self.parts or ((self.start, self.end),)


def _cue_text(cue: Token) -> str:
    """The cue as a reader would quote it: "said", "has told", "according to", "wrote on"."""
    if cue.lower_ == "according":
        return "according to"
    aux = [t for t in cue.children if t.dep_ in ("aux", "auxpass", "neg") and t.i < cue.i]
    words = [t.text for t in sorted(aux, key=lambda t: t.i)] + [cue.text]
    return " ".join(words)


def speaker_from_cue(cue: Token, quoted: AbstractSet[int] | None = None) -> SpeakerMention | None:
    """The subject of a cue verb as a ``SpeakerMention`` (None when the cue has no subject);
    ``quoted`` holds token indices inside quotation marks, which cannot be the speaker."""
    subject = subject_of(cue, quoted)
    if subject is None or subject.lower_ in ("it", "there", "this", "that"):
        return None
    if cue.lemma_.lower() in WEAK_CUES and not is_person_like(subject):
        return None
    span = speaker_span(subject)
    whole = mention_span(subject)
    if whole.end_char - whole.start_char > 200:
        whole = span
    return SpeakerMention(
        whole.start_char, whole.end_char, span.text, _cue_text(cue), cue.idx, "cue"
    )


def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _is_clause(span: Span) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in span) and len(span) >= 3


def _title_like(span: Span) -> bool:
    """All content words capitalised: a book, film or song title, not speech."""
    words = [t for t in span if t.is_alpha and not t.is_stop]
    return bool(words) and all(t.text[:1].isupper() for t in words) and len(span) <= 8


def _how(mention: SpeakerMention, how: str) -> SpeakerMention:
    return SpeakerMention(
        mention.start, mention.end, mention.text, mention.cue, mention.cue_start, how
    )


class _ArticleQuotes:
    """Per-article state: the parse, the quoted regions and the token positions inside them."""

    def __init__(self, article_id: str, text: str, doc: Doc, title: str | None) -> None:
        self.article_id = article_id
        self.text = text
        self.doc = doc
        self.title = " ".join((title or "").split()).casefold()
        self.paragraphs = paragraph_spans(text)
        self.regions = find_quoted_regions(text)
        self.quoted: set[int] = set()
        for region in self.regions:
            span = _tokens(doc, region.start, region.end)
            if span is not None:
                self.quoted.update(range(span.start, span.end))

    def paragraph_of(self, char: int) -> int:
        for index, (start, end) in enumerate(self.paragraphs):
            if start <= char < end:
                return index
        return max(0, len(self.paragraphs) - 1)

    def is_display_text(self, region: QuotedRegion) -> bool:
        """Headlines, captions and credit lines: quotes there are not reported speech."""
        p_start, p_end = self.paragraphs[self.paragraph_of(region.start)]
        paragraph = self.text[p_start:p_end].strip()
        if self.title and " ".join(paragraph.split()).casefold() == self.title:
            return True
        if _CAPTION.match(paragraph):
            return True
        return not _TERMINAL.search(paragraph) and len(paragraph.split()) <= 30

    def is_named_title(self, span: Span) -> bool:
        """'a feature headlined "The dam that will never break"', 'a banner reading "..."'."""
        i = span.start - 1
        while i >= 0 and (self.doc[i].is_quote or self.doc[i].is_space):
            i -= 1
        for token in self.doc[max(0, i - 2) : i + 1]:
            if token.lower_ in _DISPLAY_WORDS or token.lemma_.lower() in _DISPLAY_WORDS:
                return token.sent == self.doc[span.start].sent
        return False

    def frame(self, span: Span) -> list[Token]:
        """Tokens of the sentences the quote touches, outside every quoted region, within the
        quote's paragraphs."""
        doc = self.doc
        first = doc[span.start].sent
        last = doc[span.end - 1].sent
        p_first = self.paragraph_of(span.start_char)
        p_last = self.paragraph_of(max(span.end_char - 1, span.start_char))
        lo = self.paragraphs[p_first][0]
        hi = self.paragraphs[p_last][1]
        return [
            t
            for t in doc[first.start : last.end]
            if t.i not in self.quoted and lo <= t.idx < hi and not t.is_space
        ]

    def cue_in_frame(
        self, span: Span, frame: list[Token], governing_only: bool = False
    ) -> SpeakerMention | None:
        """The nearest cue verb with a subject; cues that govern the quote come first (only
        those with ``governing_only``)."""
        inside = set(range(span.start, span.end))
        candidates = []
        for token in frame:
            if not is_cue(token, QUOTE_CUES):
                continue
            mention = speaker_from_cue(token, self.quoted)
            if mention is None:
                continue
            distance = min(abs(token.i - span.start), abs(token.i - (span.end - 1)))
            governs = any(t.i in inside for t in token.subtree)
            if governing_only and not governs:
                continue
            # a governing cue: the nearest ancestor wins ("he said ..., Meridian Press
            # reported": "he"); otherwise the nearest cue, the sentence's main one first
            rank = -depth(token) if governs else depth(token)
            candidates.append((not governs, rank, distance, mention))
        if not candidates:
            return None
        candidates.sort(key=lambda c: (c[0], c[1], c[2]))
        return candidates[0][3]

    def governing_cue(self, span: Span) -> bool:
        """Whether a cue verb outside the quote has the quote in its subtree (partial quotes)."""
        # '"Every house," the mayor said, "will be rebuilt."': a cue right after the closing mark
        after = self.doc[span.end : span.end + 6]
        for token in after:
            if (token.i in self.quoted and not token.is_quote) or token.dep_ == "cc":
                break  # another quote, or a new clause ("... and demanded an inquiry")
            if is_cue(token, QUOTE_CUES) and speaker_from_cue(token, self.quoted) is not None:
                return True
        root = span.root
        for ancestor in root.ancestors:
            if ancestor.i in self.quoted:
                continue
            if is_cue(ancestor, QUOTE_CUES):
                return True
        return False

    def colon_speaker(self, span: Span) -> SpeakerMention | None:
        """A quote opened by a colon or a dash: 'Cruz continued:', 'He said:', 'Petrenko: ...'.

        The clause before the colon may be in the paragraph before the quote. Its cue verb's
        subject speaks; failing a cue, the subject of its main verb, or a name right before the
        colon.
        """
        doc = self.doc
        i = span.start - 1
        while i >= 0 and (doc[i].is_quote or doc[i].is_space):
            i -= 1
        if i < 1 or doc[i].text not in (":", "\u2014", "\u2013", "-", "--"):
            return None
        colon = doc[i]
        sent_start = colon.sent.start
        clause = [t for t in doc[sent_start:i] if t.i not in self.quoted]
        cues = [t for t in clause if is_cue(t, QUOTE_CUES)]
        for token in sorted(cues, key=lambda t: (depth(t), -t.i)):
            mention = speaker_from_cue(token, self.quoted)
            if mention is not None:
                return _how(mention, "colon")
        for token in reversed(clause):
            if token.dep_ in ("nsubj", "nsubjpass") and is_person_like(token):
                verb = token.head
                phrase, whole = speaker_span(token), mention_span(token)
                cue = verb.text if verb.pos_ in ("VERB", "AUX") else None
                return SpeakerMention(
                    whole.start_char, whole.end_char, phrase.text, cue, verb.idx, "colon"
                )
        head = doc[i - 1]
        if head.pos_ in ("PROPN", "NOUN") and head.i not in self.quoted:
            phrase = speaker_span(head)
            return SpeakerMention(
                phrase.start_char, phrase.end_char, phrase.text, None, None, "colon"
            )
        return None

    def next_sentence_speaker(self, span: Span) -> SpeakerMention | None:
        """'"...missing." Trump said.': the cue sentence split off after the closing mark."""
        doc = self.doc
        last = doc[span.end - 1].sent
        end = last.end
        while end < len(doc) and (doc[end].is_quote or doc[end].is_space):
            end += 1
        if end >= len(doc) or doc[end].idx - span.end_char > 4:
            return None
        following = doc[end].sent
        if self.paragraph_of(following.start_char) != self.paragraph_of(span.end_char - 1):
            return None
        # the sentence must start with its speaker or its cue ("the presumptive nominee,
        # Donald Trump, tweeted Sunday"), not be a new sentence that happens to have a cue
        opening = following[:3].end_char
        for token in following[:16]:
            if token.i in self.quoted:
                return None
            if is_cue(token, QUOTE_CUES):
                mention = speaker_from_cue(token, self.quoted)
                if mention is not None and (mention.start < opening or token.i == following.start):
                    return _how(mention, "next")
        return None

    def context_speaker(self, span: Span, settings: QuoteSettings) -> SpeakerMention | None:
        """A speaker named in the sentences just before the quote (same or previous paragraph):
        a cue verb with a subject, else the subject of the sentence before if it is a person."""
        sent = self.doc[span.start].sent
        if sent.start > 0 and sent.start < span.start - 1 and not self.doc[sent.start].is_quote:
            return None  # the quote is inside a sentence with no cue: not ours to guess
        previous: list[Span] = []
        cursor = sent.start
        while cursor > 0 and len(previous) < settings.context_sentences:
            prev = self.doc[cursor - 1].sent
            previous.append(prev)
            cursor = prev.start
        for index, prev in enumerate(previous):
            tokens = [t for t in prev if t.i not in self.quoted]
            cues = [t for t in tokens if is_cue(t, QUOTE_CUES)]
            ends_with_colon = any(t.text == ":" for t in prev[-3:])
            for cue in sorted(cues, key=lambda t: (depth(t), -t.i)):
                mention = speaker_from_cue(cue, self.quoted)
                if mention is not None and (ends_with_colon or index == 0):
                    return SpeakerMention(
                        mention.start,
                        mention.end,
                        mention.text,
                        mention.cue,
                        mention.cue_start,
                        "context",
                    )
            if index == 0:
                subject = next(
                    (t for t in tokens if t.dep_ == "nsubj" and t.head.dep_ == "ROOT"), None
                )
                if subject is not None and (
                    subject.ent_type_ == "PERSON" or subject.lower_ in ("he", "she")
                ):
                    phrase = speaker_span(subject)
                    return SpeakerMention(
                        phrase.start_char, phrase.end_char, phrase.text, None, None, "context"
                    )
        return None


def extract_quotes(
    article_id: str, text: str, doc: Doc, settings: QuoteSettings, title: str | None = None
) -> list[LocalQuote]:
    """The direct quotes of one article with their local speakers.

    Example:
        >>> import spacy  # doctest: +SKIP
        >>> text = '"We will rebuild every house," the mayor said.'
        >>> quotes = extract_quotes("a1", text, nlp(text), QuoteSettings())  # doctest: +SKIP
        >>> quotes[0].speaker.text  # doctest: +SKIP
        'the mayor'
    """
    state = _ArticleQuotes(article_id, text, doc, title)
    out: list[LocalQuote] = []
    last_in_paragraph: dict[int, SpeakerMention] = {}
    for region in state.regions:
        span = _tokens(doc, region.content_start, region.content_end)
        if span is None or len(span) == 0 or state.is_display_text(region):
            continue
        if state.is_named_title(span):
            continue
        paragraph = state.paragraph_of(region.start)
        words = len(strip_marks(text[region.content_start : region.content_end]).split())
        fragment = words < settings.min_fragment_words and not _is_clause(span)
        if fragment and (_title_like(span) or not state.governing_cue(span)):
            continue  # scare quote or title
        frame = state.frame(span)
        after = [
            t
            for t in frame
            if t.i >= span.start and not (t.dep_ == "conj" and t.head.i < span.start)
        ]
        speaker = (
            state.cue_in_frame(span, frame, governing_only=True)
            or state.cue_in_frame(span, after)
            or state.colon_speaker(span)
            or state.cue_in_frame(span, frame)
            or state.next_sentence_speaker(span)
        )
        if speaker is None:
            inherited = last_in_paragraph.get(paragraph)
            p_start = state.paragraphs[paragraph][0]
            if inherited is None and not text[p_start : region.start].strip():
                # a paragraph that opens with a quote continues the previous paragraph's speaker
                inherited = last_in_paragraph.get(paragraph - 1)
            if inherited is not None and not fragment:
                speaker = SpeakerMention(
                    inherited.start,
                    inherited.end,
                    inherited.text,
                    inherited.cue,
                    inherited.cue_start,
                    "previous",
                )
            elif not fragment:
                speaker = state.context_speaker(span, settings)
        if speaker is None and words < settings.min_unattributed_words:
            continue
        content = display_text(strip_marks(text[region.content_start : region.content_end]))
        out.append(
            LocalQuote(
                article_id, region.content_start, region.content_end, content, speaker, paragraph
            )
        )
        if speaker is not None:
            last_paragraph = state.paragraph_of(max(region.end - 1, region.start))
            last_in_paragraph[last_paragraph] = speaker
    return out


def join_segments(quotes: list[LocalQuote]) -> list[LocalQuote]:
    """One quote per statement: segments of one paragraph split around their attribution
    ('"A," he said, "B."' or '"A," he said. "B."') become the parts of one quote."""
    out: list[LocalQuote] = []
    for quote in quotes:
        last = out[-1] if out else None
        if (
            last is not None
            and quote.speaker is not None
            and last.speaker is not None
            and quote.paragraph == last.paragraph
            and quote.speaker.start == last.speaker.start
            and (
                quote.speaker.how == "previous" or quote.speaker.cue_start == last.speaker.cue_start
            )
        ):
            out[-1] = LocalQuote(
                last.article_id,
                last.start,
                quote.end,
                _join(last.text, quote.text),
                last.speaker,
                last.paragraph,
                (*last.spans, (quote.start, quote.end)),
            )
            continue
        out.append(quote)
    return out


def _join(first: str, second: str) -> str:
    """Two quoted segments as one statement: '"A," he said. "B."' reads "A. B."."""
    first = first.rstrip(" ,;:\u2014\u2013-")
    if second[:1].isupper() and first[-1:] not in (".", "!", "?", "\u2026"):
        return f"{first}. {second}"
    if second[:1].isupper():
        return f"{first} {second}"
    return f"{first}, {second}"


def display_text(text: str) -> str:
    """A quote as a reader sees it: no comma left over from the attribution that followed."""
    return text.rstrip(" ,;:\u2014\u2013-")
