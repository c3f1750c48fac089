"""Shared fixtures: the project's own invented articles, and the optional shared data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from storylens.bench.base import default_data_root

SHARED_DATA = default_data_root()


@pytest.fixture
def shared_data() -> Path:
    """``../shared/data``; tests that need it skip cleanly when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared evaluation data not found at {SHARED_DATA}")
    return SHARED_DATA
