"""One typed settings tree, built the same way by the CLI and the Python API.

Precedence: defaults < a TOML file (``storylens.toml`` in the working directory, or the file
named by ``STORYLENS_CONFIG``) < environment (``STORYLENS_DB``, ``STORYLENS_MAX_BYTES``) < explicit
overrides (CLI flags).

Example:
    >>> settings = load_settings(overrides={"ingest": {"max_bytes": 1_000_000}})
    >>> settings.ingest.max_bytes
    1000000
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storylens.errors import ConfigError

__all__ = [
    "ClusterSettings",
    "IngestSettings",
    "Settings",
    "SummarySettings",
    "load_settings",
]

DEFAULT_DB = "storylens.sqlite"


@dataclass(frozen=True)
class IngestSettings:
    """How sources are read.

    ``max_bytes`` refuses any single file (after decompression) larger than this; real article
    pages stay far below it, while a 50 MB page is a scrape gone wrong. ``workers`` is how many
    processes read and clean files (0 = every core; batches under eight files stay in-process).
    """

    max_bytes: int = 20_000_000
    min_text_chars: int = 80
    workers: int = 0


@dataclass(frozen=True)
class ClusterSettings:
    """Story clustering; the values are tuned on the development data (see docs/clustering.md).

    ``method`` picks the clusterer (``stream``: the default streaming clusterer; ``single-pass``:
    the first batch prototype). An article joins the story whose centroid it matches best when
    the cosine, times ``1 + size_boost * ln(days the story ran)``, reaches ``threshold``. A story
    goes quiet after ``window_days * (1 + window_growth * ln(size))`` days without articles (at most
    ``max_window_days``). ``decay_days`` > 0 discounts similarity by the gap in days.
    ``near_duplicate_threshold`` is the MinHash Jaccard above which an article is a copy.
    ``merge_similarity`` > 0: after each batch, a new story merges into an active story whose
    average-link similarity reaches it (dated stories only within 14 days). ``template_words``:
    the fourth and later copies of a text this short are page furniture, kept as lone stories.
    """

    method: str = "stream"
    threshold: float = 0.18
    window_days: int = 14
    window_growth: float = 2.0
    max_window_days: int = 365
    size_boost: float = 0.8
    decay_days: float = 0.0
    merge_similarity: float = 0.1
    template_words: int = 150
    near_duplicate_threshold: float = 0.8
    num_perm: int = 128


@dataclass(frozen=True)
class SummarySettings:
    """Summary length budget."""

    words: int = 120


@dataclass(frozen=True)
class Settings:
    """The whole settings tree."""

    db: str = DEFAULT_DB
    #: Processes for spaCy parsing and other parallel work (0 = every core).
    processes: int = 0
    ingest: IngestSettings = field(default_factory=IngestSettings)
    cluster: ClusterSettings = field(default_factory=ClusterSettings)
    summary: SummarySettings = field(default_factory=SummarySettings)


def _merge(instance: Any, values: dict[str, Any], where: str) -> Any:
    """Return ``instance`` with ``values`` applied, checking names and types as it goes."""
    known = {f.name: f for f in dataclasses.fields(instance)}
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if key not in known:
            raise ConfigError(f"{where}: unknown setting {key!r}; known: {', '.join(sorted(known))}")
        current = getattr(instance, key)
        if dataclasses.is_dataclass(current):
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: [{key}] must be a table of settings")
            changes[key] = _merge(current, value, f"{where}.{key}")
            continue
        if isinstance(current, bool) or not isinstance(current, (int, float, str)):
            changes[key] = value
            continue
        try:
            changes[key] = type(current)(value)
        except (TypeError, ValueError) as exc:
            raise ConfigError(
                f"{where}: {key} must be a {type(current).__name__}, got {value!r}"
            ) from exc
    return dataclasses.replace(instance, **changes)


def load_settings(
    config_file: str | Path | None = None, overrides: dict[str, Any] | None = None
) -> Settings:
    """Build the settings tree from defaults, a TOML file, the environment and overrides."""
    settings = Settings()
    path = Path(config_file) if config_file else None
    if path is None and os.environ.get("STORYLENS_CONFIG"):
        path = Path(os.environ["STORYLENS_CONFIG"])
    if path is None and Path("storylens.toml").is_file():
        path = Path("storylens.toml")
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read settings ({exc})") from exc
        settings = _merge(settings, data, str(path))
    env: dict[str, Any] = {}
    if os.environ.get("STORYLENS_DB"):
        env["db"] = os.environ["STORYLENS_DB"]
    if os.environ.get("STORYLENS_MAX_BYTES"):
        env["ingest"] = {"max_bytes": os.environ["STORYLENS_MAX_BYTES"]}
    settings = _merge(settings, env, "environment")
    if overrides:
        settings = _merge(settings, overrides, "options")
    return settings
