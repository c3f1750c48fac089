"""Grouping articles into stories."""

from storylens.cluster.base import Clusterer, make_story

__all__ = ["Clusterer", "make_story"]
