"""Exact and near-duplicate detection over a sliding time window (MinHash LSH, datasketch).

Exact duplicates are found by a hash of the case- and whitespace-folded text; near duplicates
(republications with a changed headline, a trimmed footer, a few edited words) by MinHash over
word shingles, indexed in a ``datasketch.MinHashLSH`` and confirmed with the MinHash Jaccard
estimate. Only articles of the last ``window_days`` are indexed, so memory follows the window,
not the corpus: a copy is published within days of its original, not months later.

Example:
    >>> from storylens.records import Article
    >>> detector = DuplicateDetector(DedupeSettings())
    >>> text = "The dam upstream of the town burst on Saturday night. " * 5
    >>> detector.check_and_add(Article(id="a", origin="x", title="Dam", text=text)) is None
    True
    >>> detector.check_and_add(Article(id="b", origin="y", title="Copy", text=text)).original
    'a'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import zlib
from collections import deque
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from storylens.errors import ConfigError
from storylens.records import Article

__all__ = ["DedupeSettings", "DuplicateDetector", "DuplicateMatch", "shingle_hashes", "shingles"]

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class DedupeSettings:
    """Duplicate detection knobs.

    Attributes:
        threshold: minimum estimated Jaccard similarity of word shingles for a near duplicate.
        num_perm: MinHash permutations (more = more accurate estimate, slower).
        shingle_words: words per shingle.
        max_words: words of text hashed (long articles: the first part decides).
        min_words: shorter texts are only checked for exact duplicates (too few shingles to judge).
        window_days: how long an article stays in the index, in days of publication date.
    """

    threshold: float = 0.8
    num_perm: int = 128
    shingle_words: int = 3
    max_words: int = 300
    min_words: int = 12
    window_days: int = 7

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise ConfigError(
                f"near-duplicate threshold must be in (0, 1], got {self.threshold}; 0.8 is typical"
            )
        if self.num_perm < 16:
            raise ConfigError(f"num_perm must be at least 16, got {self.num_perm}; 128 is typical")


@dataclass(frozen=True, slots=True)
class DuplicateMatch:
    """``duplicate`` repeats ``original`` (``exact`` when the folded texts are identical)."""

    duplicate: str
    original: str
    similarity: float
    exact: bool


def shingles(text: str, size: int, max_words: int) -> set[bytes]:
    """The set of ``size``-word shingles of the first ``max_words`` words (case-folded)."""
    words = _WORD.findall(text.casefold())[:max_words]
    if len(words) < size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


_MIX = (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1)


def shingle_hashes(text: str, size: int, max_words: int) -> np.ndarray:
    """32-bit hashes of the distinct ``size``-word shingles (what ``shingles`` holds, hashed).

    Words are hashed once (CRC-32) and shingle hashes combined with numpy: about ten times
    faster than hashing every shingle string with SHA-1, datasketch's default.
    """
    words = _WORD.findall(text.casefold())[:max_words]
    if not words:
        return np.zeros(0, dtype=np.uint64)
    hashed = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    width = min(size, len(words))
    combined = np.zeros(len(words) - width + 1, dtype=np.uint64)
    for offset in range(width):
        part = hashed[offset : offset + len(combined)] * np.uint64(_MIX[offset % len(_MIX)])
        combined = (combined * np.uint64(31)) ^ part
    return np.unique(combined & np.uint64(0xFFFFFFFF))


def _identity(value: int) -> int:
    """Shingles arrive already hashed (``shingle_hashes``)."""
    return value


def _originality(article: Article) -> tuple[dt.date | None, int, int]:
    """(publication date, credit score, text length): what marks the original of a copy.

    Credits (byline, wire credit, named authors) count for; a republication notice
    ("originally appeared on", "read the original") counts against.
    """
    credits = sum(1 for hint in article.hints if hint.kind in ("byline", "wire")) + bool(article.authors)
    credits -= 2 * sum(1 for hint in article.hints if hint.kind in ("republished", "original"))
    return article.published, credits, len(article.text)


def _text_digest(article: Article) -> str:
    folded = " ".join(article.text.casefold().split())
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=16).hexdigest()


class DuplicateDetector:
    """Finds each new article's original among the articles of the window, then indexes it.

    Duplicate chains resolve to the first article: if B copies A and C copies B, C's original
    is A, so that a story lists every copy against one original.
    """

    def __init__(self, settings: DedupeSettings) -> None:
        self.settings = settings
        # The index is built for a lower threshold than the one confirmed with the Jaccard
        # estimate: at its own threshold LSH finds only about half of the true pairs.
        self._lsh = MinHashLSH(
            threshold=max(0.3, settings.threshold - 0.2), num_perm=settings.num_perm
        )
        template = MinHash(num_perm=settings.num_perm)
        self._scheme = template.scheme
        self._permutations = template.permutations  # generated once, not per article
        self._signatures: dict[str, np.ndarray] = {}
        self._exact: dict[str, str] = {}
        self._digest_of: dict[str, str] = {}
        self._original_of: dict[str, str] = {}
        self._evidence: dict[str, tuple[dt.date | None, int, int]] = {}
        self._order: deque[tuple[dt.date | None, str]] = deque()

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._digest_of

    def _minhash(self, text: str) -> MinHash | None:
        s = self.settings
        grams = shingle_hashes(text, s.shingle_words, s.max_words)
        if len(grams) < s.min_words:
            return None
        minhash = self._new_minhash()
        minhash.update_batch(grams.tolist())
        return minhash

    def _new_minhash(self, hashvalues: np.ndarray | None = None) -> MinHash:
        return MinHash(
            num_perm=self.settings.num_perm,
            hashfunc=_identity,
            permutations=self._permutations,
            hashvalues=hashvalues,
            scheme=self._scheme,
        )

    def _root(self, article_id: str) -> str:
        return self._original_of.get(article_id, article_id)

    def check_and_add(self, article: Article) -> DuplicateMatch | None:
        """The article's original in the window, or None; the article is indexed either way."""
        digest = _text_digest(article)
        match: DuplicateMatch | None = None
        if digest in self._exact:
            match = DuplicateMatch(article.id, self._root(self._exact[digest]), 1.0, True)
        minhash = self._minhash(article.text)
        if match is None and minhash is not None:
            best, best_score = None, 0.0
            for key in self._lsh.query(minhash):
                candidate = self._new_minhash(self._signatures[key])
                score = float(minhash.jaccard(candidate))
                if score >= self.settings.threshold and (
                    score > best_score or (score == best_score and best and key < best)
                ):
                    best, best_score = key, score
            if best is not None:
                match = DuplicateMatch(article.id, self._root(best), best_score, False)
        if match is not None and self._more_original(article, match.original):
            match = DuplicateMatch(match.original, article.id, match.similarity, match.exact)
            for copy, original in list(self._original_of.items()):
                if original == match.duplicate:
                    self._original_of[copy] = article.id
        if match is not None:
            self._original_of[match.duplicate] = match.original
        self._index(article.id, article.published, digest, minhash)
        self._evidence[article.id] = _originality(article)
        return match

    def _more_original(self, article: Article, earlier_id: str) -> bool:
        """Whether a copy published the same day as ``earlier_id`` is the better original.

        Same-day copies arrive in arbitrary order; the original is the one that keeps its
        credits (byline, wire credit, authors) and has no republication notice; with equal
        credits the first one seen stays the original (length is no guide: copies trim
        datelines but also append notices). A later day's copy is never the original.
        """
        published, credits, _ = self._evidence.get(earlier_id, (None, 0, 0))
        if article.published is not None and published is not None and article.published != published:
            return False
        return _originality(article)[1] > credits

    def _index(
        self, article_id: str, published: dt.date | None, digest: str, minhash: MinHash | None
    ) -> None:
        if article_id in self._digest_of:
            return
        self._exact.setdefault(digest, article_id)
        self._digest_of[article_id] = digest
        if minhash is not None:
            self._signatures[article_id] = np.asarray(minhash.hashvalues)
            self._lsh.insert(article_id, minhash)
        self._order.append((published, article_id))

    def expire(self, today: dt.date) -> None:
        """Forget dated articles published more than ``window_days`` before ``today``.

        Articles arrive in publication order, so the oldest are at the left of the queue.
        An undated article is aged from the first date seen after it arrived (it cannot stay
        forever: memory must follow the window).
        """
        if any(day is None for day, _ in self._order):
            self._order = deque((day or today, article_id) for day, article_id in self._order)
        horizon = today - dt.timedelta(days=self.settings.window_days)
        while self._order and (self._order[0][0] or today) < horizon:
            _, article_id = self._order.popleft()
            self._forget(article_id)

    def _forget(self, article_id: str) -> None:
        digest = self._digest_of.pop(article_id, None)
        if digest is not None and self._exact.get(digest) == article_id:
            del self._exact[digest]
        if self._signatures.pop(article_id, None) is not None:
            self._lsh.remove(article_id)
        self._original_of.pop(article_id, None)
        self._evidence.pop(article_id, None)

    # -- persistence ---------------------------------------------------------------------------

    def export_state(self) -> dict[str, object]:
        """The window's contents as plain lists and arrays (see ``import_state``)."""
        ids = [article_id for _, article_id in self._order]
        signed = [i for i in ids if i in self._signatures]
        return {
            "ids": ids,
            "dates": [d.isoformat() if d else "" for d, _ in self._order],
            "digests": [self._digest_of[i] for i in ids],
            "originals": [self._original_of.get(i, "") for i in ids],
            "evidence": [list(self._evidence.get(i, (None, 0, 0))[1:]) for i in ids],
            "signed": signed,
            "signatures": (
                np.stack([self._signatures[i] for i in signed])
                if signed
                else np.zeros((0, self.settings.num_perm), dtype=np.uint64)
            ),
        }

    def import_state(self, state: dict[str, object]) -> None:
        """Rebuild the window (and its LSH index) from ``export_state`` output."""
        ids = list(state["ids"])  # type: ignore[call-overload]
        dates = list(state["dates"])  # type: ignore[call-overload]
        digests = list(state["digests"])  # type: ignore[call-overload]
        originals = list(state["originals"])  # type: ignore[call-overload]
        signed = list(state["signed"])  # type: ignore[call-overload]
        evidence = list(state["evidence"])  # type: ignore[call-overload]
        signatures = np.asarray(state["signatures"])
        by_id = {article_id: signatures[row] for row, article_id in enumerate(signed)}
        for article_id, day, digest, original, (credits, length) in zip(
            ids, dates, digests, originals, evidence, strict=True
        ):
            minhash = None
            if article_id in by_id:
                minhash = self._new_minhash(by_id[article_id])
            if original:
                self._original_of[article_id] = original
            published = dt.date.fromisoformat(day) if day else None
            self._index(article_id, published, digest, minhash)
            self._evidence[article_id] = (published, int(credits), int(length))
