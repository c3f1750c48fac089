"""Shared fixtures for the figures tests: one spaCy pipeline for the whole module."""

from __future__ import annotations

import pytest

from storylens.nlp import NlpResources


@pytest.fixture(scope="session")
def resources() -> NlpResources:
    """The shared spaCy resources (loaded once per test session)."""
    return NlpResources()
