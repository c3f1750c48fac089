"""Fixtures for the clustering tests (the texts live in ``story_fixtures``)."""

from story_fixtures import articles, gold

__all__ = ["articles", "gold"]
