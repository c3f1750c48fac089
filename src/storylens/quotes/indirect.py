"""Indirect attributions ("the minister said the bridge was safe") from the shared parse.

Three dependency patterns, each requiring a person-like source and a clause as content:

* ``X said (that) CLAUSE`` — the cue verb's clausal complement;
* ``CLAUSE, X said`` — the cue hangs off the main clause (``parataxis``/``ccomp``);
* ``according to X, CLAUSE`` — the clause that "according to X" modifies.

A claim that lies almost wholly inside quotation marks is a direct quote and is left to
``extract``; mixed claims (reported speech with a quoted phrase) are kept here.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from storylens.quotes.cues import INDIRECT_CUES, WEAK_CUES, is_cue, is_person_like
from storylens.quotes.extract import SpeakerMention, speaker_from_cue

__all__ = ["LocalClaim", "extract_claims"]

_CLAUSE_DEPS = frozenset({"ccomp", "xcomp"})
_QUESTION_WORDS = frozenset(
    ["why", "whether", "how", "what", "who", "whom", "which", "where", "when", "if"]
)


@dataclass(frozen=True, slots=True)
class LocalClaim:
    """One reported claim in one article, before speaker resolution."""

    article_id: str
    start: int
    end: int
    text: str
    speaker: SpeakerMention


def _trim(doc: Doc, start: int, end: int) -> Span | None:
    """Token span ``[start, end)`` without punctuation, quote marks or conjunctions at its ends."""
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ == "cc"):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end] if end > start else None


def _subtree_span(token: Token, exclude: Token | None = None) -> tuple[int, int]:
    """Token range of ``token``'s subtree, leaving out ``exclude``'s subtree at either edge."""
    indices = sorted(t.i for t in token.subtree)
    if exclude is not None:
        removed = {t.i for t in exclude.subtree}
        indices = [i for i in indices if i not in removed]
    if not indices:
        return token.i, token.i + 1
    start, end = indices[0], indices[-1] + 1
    if exclude is not None:
        # keep the contiguous run on the side of ``token``
        ex = sorted(t.i for t in exclude.subtree)
        if ex and ex[0] > token.i:
            end = min(end, ex[0])
        elif ex and ex[-1] < token.i:
            start = max(start, ex[-1] + 1)
    return start, end


def _content(cue: Token) -> Span | None:
    """The reported clause of a cue, or None when the cue has none."""
    doc = cue.doc
    if cue.lower_ == "according":
        head = cue.head
        while head.dep_ in ("advcl", "pcomp") and head.head.i != head.i:
            head = head.head  # "are dead after a dam collapsed, according to X": the main clause
        if head.pos_ == "ADP":
            head = head.head
        if head.pos_ not in ("VERB", "AUX"):
            return None
        start, end = _subtree_span(head, exclude=cue)
        return _trim(doc, start, end)
    for child in cue.children:
        if child.dep_ in _CLAUSE_DEPS and child.pos_ in ("VERB", "AUX"):
            if child.i < cue.i and child.dep_ != "ccomp":
                continue  # only a clausal complement may come first ("X is safe, Y said")
            if child.dep_ == "xcomp" and not any(c.dep_ == "nsubj" for c in child.children):
                continue  # "promised to help": a plan, not a reported claim
            start, end = _subtree_span(child)
            return _trim(doc, start, end)
    if cue.dep_ in ("parataxis", "ccomp") and cue.head.i < cue.i:
        head = cue.head
        if head.pos_ in ("VERB", "AUX"):
            start, end = _subtree_span(head, exclude=cue)
            end = min(end, cue.i)
            return _trim(doc, start, end)
    return None


def extract_claims(
    article_id: str,
    doc: Doc,
    quoted: list[tuple[int, int]],
    min_words: int = 3,
) -> list[LocalClaim]:
    """Indirect attributions of one article.

    Args:
        article_id: the article's id.
        doc: the article's parse.
        quoted: character spans of the article's direct quotes (claims inside them are skipped).
        min_words: shortest claim kept.
    """
    out: list[LocalClaim] = []
    seen: set[tuple[int, int]] = set()
    for token in doc:
        if not is_cue(token, INDIRECT_CUES):
            continue
        if any(s <= token.idx < e for s, e in quoted):
            continue
        mention = speaker_from_cue(token)
        if mention is None:
            continue
        subject = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if subject is None or not is_person_like(subject.root):
            continue
        if token.lemma_.lower() in WEAK_CUES and subject.root.pos_ not in ("PROPN", "PRON"):
            continue
        if any(child.dep_ == "neg" for child in token.children):
            continue  # "has not explained", "did not say": no claim is reported
        content = _content(token)
        if content is None or len([t for t in content if t.is_alpha]) < min_words:
            continue
        if content[0].lower_ in _QUESTION_WORDS:
            continue  # an indirect question ("explained why the dam failed"), not a claim
        if not any(t.pos_ in ("VERB", "AUX") for t in content):
            continue
        start, end = content.start_char, content.end_char
        if mention.start < end and start < mention.end:
            continue  # the speaker inside its own claim: a bad parse
        inside = sum(max(0, min(end, e) - max(start, s)) for s, e in quoted)
        if inside > 0.6 * (end - start):
            continue  # a direct quote
        if (start, end) in seen:
            continue
        seen.add((start, end))
        out.append(LocalClaim(article_id, start, end, content.text, mention))
    return out
