"""The quotes stage's knobs, tuned on the PolNeAR training split (see docs/quotes.md)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["QuoteSettings"]


@dataclass(frozen=True)
class QuoteSettings:
    """How quotes are found, attributed and matched.

    Attributes:
        extractor: the registered ``QuoteExtractor`` to use (``rules``).
        min_fragment_words: a quoted fragment shorter than this (and not a clause) counts only
            when a cue verb governs it ("called it 'a total failure'"); otherwise it is a scare
            quote or a title.
        min_unattributed_words: a quote with no speaker anywhere near is kept only if it has at
            least this many words (a real sentence quoted without attribution, which is rare).
        context_sentences: how many sentences before a quote may name its speaker.
        indirect: extract indirect attributions ("the minister said the bridge was safe").
        min_claim_words: shortest reported claim kept as an indirect attribution.
        match_threshold: lowest similarity (0-1) for two variants of different sources to be
            one quote whatever their speakers.
        same_speaker_threshold: lower similarity that suffices when both variants have the same
            resolved speaker (translations share few words but keep the speaker).
        other_speaker_threshold: similarity needed when both variants have resolved speakers
            and they differ (a quote misattributed by one source).
        use_wordnet: count WordNet synonyms as shared words when WordNet is installed.
    """

    extractor: str = "rules"
    min_fragment_words: int = 4
    min_unattributed_words: int = 5
    context_sentences: int = 2
    indirect: bool = True
    min_claim_words: int = 3
    match_threshold: float = 0.6
    same_speaker_threshold: float = 0.5
    other_speaker_threshold: float = 0.75
    use_wordnet: bool = True
