"""Shared fixtures of the entities tests: one spaCy pipeline and one analyser per session."""

from __future__ import annotations

import pytest

from storylens.entities.stage import EntitiesAnalyser
from storylens.nlp import NlpResources


@pytest.fixture(scope="session")
def resources() -> NlpResources:
    """The shared spaCy pipeline (loaded once)."""
    return NlpResources()


@pytest.fixture(scope="session")
def analyser(resources: NlpResources) -> EntitiesAnalyser:
    """The entities stage with default settings."""
    return EntitiesAnalyser(resources)
