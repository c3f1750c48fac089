"""Where articles, sentences and stories live: a ``Store`` protocol and its implementations.

``SQLiteStore`` (one file, WAL, numbered migrations) is the default; ``MemoryStore`` serves tests.
"""

from storylens.store.base import SourceRecord, Store
from storylens.store.memory import MemoryStore
from storylens.store.sqlite import SQLiteStore, open_store

__all__ = ["MemoryStore", "SQLiteStore", "SourceRecord", "Store", "open_store"]
