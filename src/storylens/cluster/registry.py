"""Named clusterer implementations, chosen with ``[cluster] method`` in the settings."""

from __future__ import annotations

import importlib

from storylens.cluster.base import Clusterer
from storylens.config import ClusterSettings
from storylens.errors import ConfigError

__all__ = ["CLUSTERERS", "make_clusterer"]

#: Method name -> ``"module:Class"``; the class takes ``ClusterSettings``.
CLUSTERERS: dict[str, str] = {
    "stream": "storylens.cluster.streaming:StreamingClusterer",
    "single-pass": "storylens.cluster.single_pass:SinglePassClusterer",
}


def make_clusterer(settings: ClusterSettings) -> Clusterer:
    """The clusterer named by ``settings.method``."""
    if settings.method not in CLUSTERERS:
        raise ConfigError(
            f"unknown cluster method {settings.method!r}; available: {', '.join(CLUSTERERS)}"
        )
    module_name, _, attribute = CLUSTERERS[settings.method].partition(":")
    clusterer: Clusterer = getattr(importlib.import_module(module_name), attribute)(settings)
    return clusterer
