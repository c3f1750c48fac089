"""The fine matcher's verdicts on a story's sentence pairs, kept between runs (issue 12).

Scoring candidate sentence pairs (:func:`~storylens.provenance.align.score_pair`) is most of the
alignment's time, and a story that grew by ten articles proposes mostly the same pairs again.
A verdict depends on the two sentences' features and the floor alone, so it is stored under the
story (:class:`~storylens.memo.StoryCache`), keyed by each article's fingerprint (a digest of its
id and sentences, from which the features follow), the sentence indices and the floor; the
store kind carries a digest of the provenance package's code and settings. Pairs scored below
the floor keep only that verdict (``0``), since alignment drops them; aligned pairs keep their
whole :class:`~storylens.provenance.align.PairScore`, so the links come out identical.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from storylens.memo import StoryCache, code_digest
from storylens.provenance.align import PairScore, score_pair
from storylens.provenance.features import SentenceFeatures
from storylens.provenance.settings import ProvenanceSettings
from storylens.records import Sentence

if TYPE_CHECKING:
    from storylens.store.base import Store

__all__ = ["PairScoreCache", "sentences_fingerprint", "spans_fingerprint"]


def sentences_fingerprint(article_id: str, sentences: Sequence[tuple[str, int]]) -> str:
    """A short digest of what an article's sentence features follow from: its id and its
    (sentence text, paragraph) pairs in order."""
    digest = hashlib.sha1(article_id.encode("utf-8"))
    for text, paragraph in sentences:
        digest.update(f"\x00{paragraph}\x01".encode())
        digest.update(text.encode("utf-8"))
    return digest.hexdigest()[:16]


def spans_fingerprint(sentences: Sequence[Sentence]) -> str:
    """A short digest of an article's sentences with their offsets (what its attribution
    matches follow from)."""
    digest = hashlib.sha1()
    for sentence in sentences:
        digest.update(f"\x00{sentence.start}\x01".encode())
        digest.update(sentence.text.encode("utf-8"))
    return digest.hexdigest()[:16]


class PairScoreCache:
    """``score_pair`` verdicts of one story's sentence pairs, read from and saved to the store.

    Example:
        >>> from storylens.provenance.features import sentence_features as sf
        >>> cache = PairScoreCache(None, "story", ProvenanceSettings(), {"a": "fa", "b": "fb"})
        >>> left, right = sf("a", 0, "Rockets hit the port at dawn."), sf("b", 0, "Rockets hit the port at dawn.")
        >>> cache.score(left, right, 0.72).score
        1.0
    """

    def __init__(
        self,
        store: Store | None,
        story_id: str,
        settings: ProvenanceSettings,
        fingerprints: Mapping[str, str],
    ) -> None:
        version = code_digest("storylens.provenance", repr(settings))
        self.cache = StoryCache(store, story_id, f"provenance/pairs/{version}")
        self.fingerprints = fingerprints

    def score(self, left: SentenceFeatures, right: SentenceFeatures, floor: float) -> PairScore | None:
        """``score_pair(left, right, floor)`` when it reaches ``floor``, else ``None``."""
        key = (
            f"{self.fingerprints[left.article_id]}{left.index}:"
            f"{self.fingerprints[right.article_id]}{right.index}:{floor!r}"
        )
        found = self.cache.get(key)
        if found is not None:
            return PairScore(*found) if found else None
        similarity = score_pair(left, right, floor=floor)
        if similarity.score < floor:
            self.cache.put(key, 0)
            return None
        self.cache.put(key, [
            similarity.score, similarity.char, similarity.tokens, similarity.content,
            similarity.skeleton, similarity.names_total, similarity.names_respelled,
        ])
        return similarity

    def save(self) -> None:
        """Store this run's verdicts (see ``StoryCache.save``)."""
        self.cache.save()
