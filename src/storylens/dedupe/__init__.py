"""Exact and near-duplicate detection, run ahead of story clustering."""

from storylens.dedupe.minhash import (
    DedupeSettings,
    DuplicateDetector,
    DuplicateMatch,
    shingle_hashes,
    shingles,
)

__all__ = ["DedupeSettings", "DuplicateDetector", "DuplicateMatch", "shingle_hashes", "shingles"]
