"""Exact and near-duplicate detection, run ahead of story clustering."""

from storylens.dedupe.minhash import DedupeSettings, DuplicateDetector, DuplicateMatch, shingles

__all__ = ["DedupeSettings", "DuplicateDetector", "DuplicateMatch", "shingles"]
