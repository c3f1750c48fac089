"""The fine matcher's verdicts on a story's sentence pairs, kept between runs (issue 12).

Scoring candidate sentence pairs (:func:`~storylens.provenance.align.score_pair`) is most of the
alignment's time, and a story that grew by ten articles proposes mostly the same pairs again.
A verdict depends on the two sentences' features and the floor alone, so it is stored under the
story (like :class:`~storylens.memo.StoryCache`, but written in two parts: see
:class:`PairScoreCache`), keyed by each article's fingerprint (a digest of its
id and sentences, from which the features follow), the sentence indices and the floor; the
store kind carries a digest of the provenance package's code and settings. Pairs scored below
the floor keep only that verdict (``0``), since alignment drops them; aligned pairs keep their
whole :class:`~storylens.provenance.align.PairScore`, so the links come out identical.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from storylens.memo import code_digest, superseding
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

    The verdicts are kept in two artifacts: the story's ``base`` and the ``new`` ones since the
    base was last written. A re-brief of a grown story adds a few thousand verdicts to a hundred
    thousand: rewriting them all each time cost more than scoring the new pairs, and on a
    stream (a story re-briefed at every growth) the writes grew with the square of its size.
    So ``save`` writes only the new verdicts, until they (with the base's verdicts this run did
    not use: pairs of articles that left the story or changed) reach ``rewrite_share`` of the
    used base; then it writes the used verdicts as the new base. A verdict follows from its key
    alone, so a kept unused one is never wrong, only dead weight that the next rewrite drops.

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
        rewrite_share: float = 0.25,
    ) -> None:
        if rewrite_share < 0.0:
            raise ValueError(f"rewrite_share must be >= 0 (got {rewrite_share}); 0 rewrites every time")
        version = code_digest("storylens.provenance", repr(settings))
        self.store = store
        self.story_id = story_id
        self.kind = f"provenance/pairs/{version}"
        self.fingerprints = fingerprints
        self.rewrite_share = rewrite_share
        self._base = self._load(self.kind)  # what is left of it: the verdicts not used yet
        self._stored_new = self._load(f"{self.kind}/new")
        self._kept: dict[str, Any] = {}  # the base's verdicts used in this run
        self._new: dict[str, Any] = {}  # verdicts not in the base: read from ``new`` or computed
        self.computed = 0
        self._tails: dict[float, str] = {}  # each floor's key ending, formatted once

    def _load(self, kind: str) -> dict[str, Any]:
        payload = self.store.get_artifact(self.story_id, kind) if self.store is not None else None
        if not payload:
            return {}
        loaded = json.loads(zlib.decompress(payload))
        return loaded if isinstance(loaded, dict) else {}

    def _get(self, key: str) -> Any | None:
        """The verdict under ``key`` outside the unused base (see ``score``)."""
        found = self._kept.get(key)
        if found is None:
            found = self._new.get(key)
        if found is None:
            found = self._stored_new.get(key)
            if found is not None:
                self._new[key] = found
        return found

    def sentence_keys(self, sentences: Sequence[SentenceFeatures]) -> list[str]:
        """Each sentence's part of a verdict's key (its article's fingerprint and its index),
        for :meth:`score_keyed`: formatted once per sentence, not once per candidate pair."""
        prints = self.fingerprints
        return [f"{prints[s.article_id]}{s.index}" for s in sentences]

    def score(self, left: SentenceFeatures, right: SentenceFeatures, floor: float) -> PairScore | None:
        """``score_pair(left, right, floor)`` when it reaches ``floor``, else ``None``."""
        prints = self.fingerprints
        return self.score_keyed(left, right, f"{prints[left.article_id]}{left.index}",
                                f"{prints[right.article_id]}{right.index}", floor)

    def score_keyed(self, left: SentenceFeatures, right: SentenceFeatures, left_key: str,
                    right_key: str, floor: float) -> PairScore | None:
        """:meth:`score` with the sentences' keys given (see :meth:`sentence_keys`)."""
        tail = self._tails.get(floor)
        if tail is None:
            tail = self._tails[floor] = f":{floor!r}"
        key = f"{left_key}:{right_key}{tail}"
        # Most verdicts of a re-brief come from the base: looked up inline (100,000 a story).
        found = self._base.pop(key, None)
        if found is not None:
            self._kept[key] = found
        else:
            found = self._get(key)
        if found is not None:
            return PairScore(*found) if found else None
        similarity = score_pair(left, right, floor=floor)
        self.computed += 1
        if similarity.score < floor:
            self._new[key] = 0
            return None
        self._new[key] = [
            similarity.score, similarity.char, similarity.tokens, similarity.content,
            similarity.skeleton, similarity.names_total, similarity.names_respelled,
        ]
        return similarity

    def save(self) -> None:
        """Store this run's new verdicts, or all the verdicts it used when that is due (see the
        class docstring); nothing if nothing changed."""
        if self.store is None:
            return
        unused = len(self._base)
        if unused + len(self._new) > self.rewrite_share * len(self._kept):
            self._kept.update(self._new)
            # The base rewrite also drops the story's caches of older code or settings.
            stale = superseding(self.story_id, self.kind, self.kind, False)
            self.store.put_artifacts(
                [
                    (self.story_id, self.kind, _pack(self._kept)),
                    (self.story_id, f"{self.kind}/new", b""),
                ],
                [stale] if stale is not None else [],
            )
            self._base, self._stored_new, self._kept, self._new = self._kept, {}, {}, {}
        elif self.computed or len(self._new) != len(self._stored_new):
            self.store.put_artifacts([(self.story_id, f"{self.kind}/new", _pack(self._new))])
            self._base.update(self._kept)
            self._stored_new, self._kept, self._new = self._new, {}, {}
        self.computed = 0


def _pack(entries: Mapping[str, Any]) -> bytes:
    return zlib.compress(json.dumps(entries, separators=(",", ":")).encode("utf-8"), 3)
