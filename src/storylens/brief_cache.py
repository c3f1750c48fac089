"""Finished briefs kept per story, so that a story nothing changed in is not analysed again.

``storylens brief`` analyses every stored story. After ten articles joined one story of a
store that holds a thousand, the other 999 would redo their per-story work (entity
resolution, quote matching, provenance, summary) to produce the briefs they already had. A
brief follows from the story record (its articles, which are never rewritten under the same id,
and its duplicates), the parse model, the settings and the code: that is the cache key. The
artifact kind carries a digest of the whole package's code, the settings (but the store path
and process count) and the stages run; the row's extra key a digest of the story record. A new
row deletes the story's older ones (``memo.superseding``), and ``Store.prune_artifacts`` those
of stories merged away.

Briefs are kept as JSON (the store may be shared; loading must never run code) through the
memo's type-driven encoding, exact to the last float, without the article records (stored
already: the brief keeps their ids in its order and reads them back). Writing a big story's
brief takes a while (0.4 s for 568 articles: 9 MB of JSON), so a story analysed in the calling
process is written by a forked child (``put_in_background``) while the run goes on; story
workers write their own.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
import zlib
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any

from storylens.ahead import detached, shares_with_children
from storylens.config import Settings
from storylens.memo import code_digest, encoder, from_json, superseding
from storylens.records import Brief, Story

if TYPE_CHECKING:
    from storylens.store.base import Store

__all__ = ["BriefCache", "wait_for_kept_briefs"]

_encode_brief = encoder(Brief)
_encode_story = encoder(Story)

#: Children of this process still writing briefs (``BriefCache.put_in_background``).
_WRITERS: list[BaseProcess] = []


def wait_for_kept_briefs() -> None:
    """Wait until the briefs this process handed to background writers are in the store (a
    run calls it first, so that it finds what the previous run of the process kept)."""
    while _WRITERS:
        _WRITERS.pop().join()


class BriefCache:
    """The store's kept briefs for one set of settings, stages and parse model.

    Example:
        >>> from storylens.store import MemoryStore
        >>> cache = BriefCache(MemoryStore(), Settings(), ("summary",), "spacy/model/1")
        >>> cache.get(Story(id="s1", article_ids=(), headline="")) is None
        True
    """

    def __init__(
        self, store: Store, settings: Settings, analyses: tuple[str, ...], parse_kind: str
    ) -> None:
        self.store = store
        what = dataclasses.replace(settings, db="", processes=0)
        self.versioned = "brief/" + code_digest("storylens", f"{what!r}|{analyses!r}|{parse_kind}")

    def kind(self, story: Story) -> str:
        """The artifact kind of ``story``'s brief: the version, then a digest of the story."""
        record = json.dumps(_encode_story(story), sort_keys=True, separators=(",", ":"))
        return f"{self.versioned}/{hashlib.sha1(record.encode('utf-8')).hexdigest()[:16]}"

    def has(self, story: Story) -> bool:
        """Whether a brief of exactly this story is kept (without reading it)."""
        return bool(self.store.artifacts_present([story.id], self.kind(story)))

    def get(self, story: Story) -> Brief | None:
        """The kept brief of exactly this story, or None."""
        payload = self.store.get_artifact(story.id, self.kind(story))
        if not payload:
            return None
        data = json.loads(zlib.decompress(payload))
        order: list[str] = data.pop("article_order")
        brief: Brief = from_json(Brief, data)
        by_id = {a.id: a for a in self.store.articles(order)}
        if len(by_id) != len(order):  # an article left the store: the row is stale
            return None
        return dataclasses.replace(brief, articles=tuple(by_id[i] for i in order))

    def encode(self, story: Story, brief: Brief) -> tuple[str, str, bytes]:
        """The row that keeps ``brief`` (as ``Store.put_artifacts`` takes it)."""
        data: dict[str, Any] = _encode_brief(dataclasses.replace(brief, articles=()))
        data["article_order"] = [a.id for a in brief.articles]
        raw = json.dumps(data, separators=(",", ":")).encode("utf-8")
        return story.id, self.kind(story), zlib.compress(raw, 1)

    def put(self, story: Story, brief: Brief) -> None:
        """Keep ``brief`` as the brief of ``story``, replacing the story's older ones."""
        row = self.encode(story, brief)
        stale = superseding(story.id, self.versioned, row[1], True)
        self.store.put_artifacts([row], [stale] if stale is not None else [])

    def put_in_background(self, story: Story, brief: Brief) -> None:
        """``put`` from a forked child when the store is a file (the caller goes on at once),
        else here. The child is not a daemon: the process waits for it before it exits."""
        if not shares_with_children(self.store):
            self.put(story, brief)
            return
        _WRITERS[:] = [w for w in _WRITERS if w.is_alive()]
        reconnect = self.store.reconnect_in_child  # type: ignore[attr-defined]
        _WRITERS.append(detached(lambda: self._put_quietly(story, brief), reconnect))

    def _put_quietly(self, story: Story, brief: Brief) -> None:
        try:
            self.put(story, brief)
        except Exception as exc:  # only a cache: the brief itself was delivered
            print(f"storylens: the brief of story {story.id} was not kept for the next run "
                  f"({exc})", file=sys.stderr)
