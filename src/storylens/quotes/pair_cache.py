"""WordNet soft-overlap verdicts of a story's quote pairs, kept between runs (issue 12).

Quote matching scores every candidate pair of a story's quotes; the character n-gram cosine
depends on the whole story (its TF-IDF is fitted on the story's quotes), but the WordNet soft
overlap (:func:`~storylens.quotes.wordnet.soft_overlap`, most of the matching time on a large
story) depends only on the two lemma strings, the bar asked for and the WordNet database. Its
verdicts are stored under the story (:class:`~storylens.memo.StoryCache`), keyed by digests of
both strings and the bar, along with the WordNet concepts of the story's words (``prime``:
reading them from the database files took a re-brief about 0.1 s); the store kind carries a
digest of the quotes package's code, its settings and the WordNet files, so a change anywhere
recomputes them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from storylens.memo import StoryCache, code_digest
from storylens.quotes.settings import QuoteSettings
from storylens.quotes.wordnet import WordNet, soft_overlap

if TYPE_CHECKING:
    from storylens.store.base import Store

__all__ = ["OverlapCache"]


class OverlapCache:
    """``soft_overlap`` of lemma-string pairs, read from and saved to the store.

    Example:
        >>> from pathlib import Path
        >>> wordnet = WordNet(Path("tests/quotes/fixtures/wordnet"))  # doctest: +SKIP
        >>> OverlapCache(None, "story", QuoteSettings(), wordnet).overlap(
        ...     "rebuild house", "reconstruct home", 0.5)  # doctest: +SKIP
        0.8
    """

    def __init__(
        self, store: Store | None, story_id: str, settings: QuoteSettings, wordnet: WordNet
    ) -> None:
        version = code_digest("storylens.quotes", f"{settings!r}|{wordnet.fingerprint}")
        self.cache = StoryCache(store, story_id, f"quotes/overlap/{version}")
        self.wordnet = wordnet
        self._ids: dict[str, str] = {}

    def _id(self, text: str) -> str:
        found = self._ids.get(text)
        if found is None:
            found = self._ids[text] = hashlib.blake2b(
                text.encode("utf-8"), digest_size=8
            ).hexdigest()
        return found

    def overlap(self, x: str, y: str, floor: float) -> float:
        """``soft_overlap(x.split(), y.split(), wordnet, floor)``, computed once per story."""
        key = f"{self._id(x)}{self._id(y)}{floor!r}"
        found = self.cache.get(key)
        if found is not None:
            return float(found)
        value = soft_overlap(x.split(), y.split(), self.wordnet, floor)
        self.cache.put(key, value)
        return value

    def prime(self, words: Iterable[str]) -> None:
        """Make the WordNet concepts of ``words`` (a story's lemmas) known to ``wordnet``,
        from this story's kept lookups where the WordNet has not looked them up itself, and
        keep those of words looked up now. Entries ``"c:" + word`` hold the sorted senses and
        hypernyms (the kind carries the WordNet files' fingerprint, so they are the files')."""
        for word in words:
            key = "c:" + word
            kept = self.cache.get(key)
            if kept is None:
                senses, broader = self.wordnet.concepts(word)
                self.cache.put(key, [sorted(senses), sorted(broader)])
            elif not self.wordnet.knows(word):
                self.wordnet.remember(word, (frozenset(kept[0]), frozenset(kept[1])))

    def save(self) -> None:
        """Store this run's verdicts (see ``StoryCache.save``)."""
        self.cache.save()
