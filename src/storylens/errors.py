"""One exception tree for storylens.

```
StorylensError            anything storylens raises on purpose
 +-- InputError           a source file cannot be read as articles (names the file and the reason)
 +-- StoreError           the store cannot be opened, migrated or written
 +-- StageError           an analysis stage failed on a story
 +-- ConfigError          a setting or CLI option has a value that cannot work
 +-- BenchDataError       benchmark data is missing or not in the expected format
```

Every message says what went wrong and, where there is one, how to fix it.
"""

from __future__ import annotations

__all__ = [
    "BenchDataError",
    "ConfigError",
    "InputError",
    "StageError",
    "StoreError",
    "StorylensError",
]


class StorylensError(Exception):
    """Base class of every error storylens raises on purpose."""


class InputError(StorylensError):
    """A source could not be turned into articles.

    Attributes:
        origin: the file path or URL that failed.
        reason: a short machine-friendly reason code (``empty``, ``binary``, ``oversized``, ...).
    """

    def __init__(self, origin: str, reason: str, detail: str = "") -> None:
        self.origin = origin
        self.reason = reason
        self.detail = detail
        message = f"{origin}: {reason}"
        if detail:
            message += f" ({detail})"
        super().__init__(message)

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str, str]]:
        # Failures travel back from ingest worker processes: keep them picklable.
        return (InputError, (self.origin, self.reason, self.detail))


class StoreError(StorylensError):
    """The store could not be opened, migrated or written."""


class StageError(StorylensError):
    """An analysis stage failed on a story."""


class ConfigError(StorylensError):
    """A setting has a value that cannot work."""


class BenchDataError(StorylensError):
    """Benchmark data is missing or malformed; the message names the path expected."""
