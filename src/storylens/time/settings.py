"""The time stage's knobs, with the defaults tuned on the demo corpus and Timeline17."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["TimeSettings"]


@dataclass(frozen=True)
class TimeSettings:
    """How the story timeline is built.

    Attributes:
        min_events: a story timeline keeps at least this many entries when it has them.
        max_events: never more than this many entries (a 50-article story: a few dozen).
        events_per_article: entries allowed per article before ``max_events`` caps them.
        merge_similarity: TF-IDF cosine at which two sentences of the same date are the same
            event reported twice (0.45: catches rewrites, keeps distinct facts of one day apart).
        granularities: which resolved values may date a timeline entry.
        event_min_overlap: content words an anchor sentence must share with the event phrase of
            "two days after the dam burst" to date that event (1: reports name the event with
            other verbs, "gave way", "failed"; the votes of all matching sentences decide).
    """

    min_events: int = 8
    max_events: int = 40
    events_per_article: float = 1.0
    merge_similarity: float = 0.45
    granularities: tuple[str, ...] = ("day", "time", "week", "month")
    event_min_overlap: int = 1

    def __post_init__(self) -> None:
        if not 0 < self.merge_similarity <= 1:
            raise ValueError(f"merge_similarity must be in (0, 1], got {self.merge_similarity}")
        if self.min_events < 1 or self.max_events < self.min_events:
            raise ValueError(
                f"need 1 <= min_events <= max_events, got {self.min_events}, {self.max_events}"
            )
