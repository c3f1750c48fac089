"""Which texts of a story hold an outlet's lower-cased name, kept between runs (issue 12).

The nominal rules (``nominals.py``) look for each outlet's multi-word name written in lower case
("meridian press" for "Meridian Press"). Only texts holding the lower-cased name can have such a
use, and whether a text holds a string depends on that text and string alone; searching every
text of a 568-article story for each of its sixty-odd outlet names cost a re-brief about 0.1 s.
``KeptNameSearch`` keeps, under the story (``memo.StoryCache``), the texts it searched and, per
name, those that held it; a later run searches only the texts it has not searched before (and
every text for a name it has not searched for). Texts are named by their article id and a CRC
of the text itself, so an article whose text changed under the same id is searched again.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from storylens.memo import StoryCache
from storylens.records import Article

if TYPE_CHECKING:
    from storylens.store.base import Store

__all__ = ["KeptNameSearch"]

#: The cache entry listing the texts searched (every name's entry covers exactly those).
_SEARCHED = "searched"


def _text_key(article: Article) -> str:
    return f"{article.id}:{zlib.crc32(article.text.encode('utf-8')):08x}"


class KeptNameSearch:
    """A ``nominals.NameSearch`` whose answers are kept under the story between runs.

    ``kind`` is the store key and must carry a digest of the entities code (see ``code_digest``).

    Example:
        >>> from storylens.store import MemoryStore
        >>> store = MemoryStore()
        >>> a = Article("a1", "a1.txt", None, "Read the meridian press today.")
        >>> search = KeptNameSearch(store, "story", "entities/name-hits/x", [a])
        >>> search.articles_with("meridian press", [a])
        {'a1'}
        >>> search.save()
        >>> KeptNameSearch(store, "story", "entities/name-hits/x", [a]).searched == 0
        True
    """

    def __init__(
        self, store: Store | None, story_id: str, kind: str, articles: Sequence[Article]
    ) -> None:
        self.cache = StoryCache(store, story_id, kind)
        self._keys = {a.id: _text_key(a) for a in articles}
        before = self.cache.get(_SEARCHED)
        self._before = set(before) if isinstance(before, list) else set()
        self._now = sorted(set(self._keys.values()))
        #: Texts read in this run (a kept answer reads none).
        self.searched = 0

    def articles_with(self, needle: str, articles: Sequence[Article]) -> set[str]:
        """Ids of ``articles`` whose text holds ``needle``."""
        kept = self.cache.get("n:" + needle) if self._before else None
        known = set(kept) if isinstance(kept, list) else None
        holding: set[str] = set()
        for article in articles:
            key = self._keys.get(article.id) or _text_key(article)
            if known is not None and key in self._before:
                found = key in known
            else:
                self.searched += 1
                found = needle in article.text
            if found:
                holding.add(key)
        if known is None or holding != known:
            self.cache.put("n:" + needle, sorted(holding))
        keys = {self._keys.get(a.id) or _text_key(a): a.id for a in articles}
        return {keys[k] for k in holding}

    def save(self) -> None:
        """Store this run's answers: the texts searched now are those of this run's articles."""
        if self._before != set(self._now):
            self.cache.put(_SEARCHED, self._now)
        self.cache.save()
