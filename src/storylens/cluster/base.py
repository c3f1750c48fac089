"""The ``Clusterer`` protocol and helpers shared by clusterer implementations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from storylens.records import Article, Story, publication_order
from storylens.store.base import Store
from storylens.text.provenance import lead_start

__all__ = ["Clusterer", "make_story"]


class Clusterer(Protocol):
    """Assigns stored articles to stories, incrementally, and persists the stories."""

    def update(self, store: Store) -> list[Story]:
        """Assign every stored article not yet in a story; return all stories."""
        ...


def _opening(text: str, length: int = 80) -> str:
    """The start of an untitled article's text as a headline, without the page furniture a
    scraped page glues before it (a time stamp, a wire header: ``lead_start``), cut at a word."""
    body = text[lead_start(text) :].strip()
    if len(body) <= length:
        return body
    cut = body.rfind(" ", 0, length + 1)
    return body[: cut if cut > length // 2 else length]


def make_story(
    members: Sequence[Article], duplicates: Sequence[tuple[str, str]] = (), story_id: str | None = None
) -> Story:
    """A ``Story`` for these member articles (in publication order).

    The id comes from the first member (the seed), so that adding articles later keeps the id.
    The headline is the seed's title (the summary stage may offer a better one).
    """
    ordered = sorted(members, key=publication_order)
    dates = [a.published for a in ordered if a.published]
    seed = ordered[0]
    headline = next((a.title for a in ordered if a.title), None) or _opening(seed.text)
    return Story(
        id=story_id or f"st-{seed.id[:12]}",
        article_ids=tuple(a.id for a in ordered),
        headline=headline,
        first_date=min(dates) if dates else None,
        last_date=max(dates) if dates else None,
        duplicates=tuple(duplicates),
    )
