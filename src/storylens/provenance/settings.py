"""The provenance stage's knobs, with the values tuned on the derivation benchmark's dev split.

Every threshold here was chosen on the dev half of ``storylens bench provenance`` (seeded,
generated from real articles) and then checked on the test half; docs/provenance.md has the
numbers. They are a frozen dataclass so that the stage, the benchmark and tests build the same
configuration the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ProvenanceSettings"]


@dataclass(frozen=True)
class ProvenanceSettings:
    """How sentences are aligned and article pairs are linked.

    Attributes:
        block_max_df: a blocking key shared by more than this share of the story's sentences is
            not used to propose candidates (it is a topic word, not evidence of copying).
        block_min_df_cap: ... but never cap below this many sentences (small stories).
        candidates_per_sentence: how many candidate partners per sentence the fine matcher sees.
        block_min_cosine: candidate pairs below this blocking cosine are not scored.
        sentence_threshold: fine-matcher score from which two sentences are aligned.
        min_aligned: an article pair needs at least this many aligned sentences ...
        min_share: ... and this share of the smaller article's sentences aligned (or
            ``min_aligned_alone`` aligned sentences whatever the share).
        min_aligned_alone: aligned sentences that link a pair whatever the share (partial copies).
        min_order: share of aligned pairs that must lie on one monotone chain.
        copy_char: mean character similarity of the aligned pairs from which a derivation is a
            copy (verbatim, trimmed, lightly edited).
        copy_position_gap: ... or by how much the character similarity exceeds the stem overlap
            for a spun or round-tripped copy (words swapped in place); rewrites and translations
            keep words but move them, so their gap is negative.
        cited_sentence_threshold: sentence threshold between two articles when one credits the
            other (the credit is evidence already; paraphrased sentences then suffice).
        translate_name_share: share of aligned proper names spelled differently from which a
            rewrite is a translation (names change spelling with the language they pass through).
        quote_weight: how much an aligned pair of quoted sentences counts towards ``min_aligned``
            and ``min_share`` (independent reports quote the same words).
        min_run: consecutive aligned unquoted sentences (in both articles) that make a copied
            passage: such a run links a pair whatever the share.
    """

    block_max_df: float = 0.005
    block_min_df_cap: int = 40
    candidates_per_sentence: int = 6
    block_min_cosine: float = 0.08
    sentence_threshold: float = 0.72
    min_aligned: int = 3
    min_share: float = 0.25
    min_aligned_alone: int = 8
    min_order: float = 0.7
    copy_char: float = 0.9
    copy_position_gap: float = 0.04
    cited_sentence_threshold: float = 0.5
    translate_name_share: float = 0.2
    quote_weight: float = 0.2
    min_run: int = 4
