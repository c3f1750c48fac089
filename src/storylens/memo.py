"""Per-article stage results, computed once and kept in the store.

Re-briefing a story after ten articles join it should not redo the per-article work of the
other 490 (issue 12): each stage's per-article result (name mentions, time expressions, quote
candidates, figures) is saved as a store artifact keyed by the stage, its version and what the
result depends on, and read back next time. Results are JSON, not pickle: a store may be shared
or come from elsewhere, and loading it must never run code.

``to_json`` / ``from_json`` turn the project's frozen dataclasses (with tuples, frozensets,
dates, optional and nested records) into JSON values and back, guided by their type hints, so a
stage declares its result type and needs no hand-written serialiser.

Kinds carry a digest of code and settings, and some a key of story-level inputs, so every
upgrade and every re-brief of a growing story would leave rows no run reads again. A memo's new
row therefore deletes, in the same transaction, the rows it makes unreachable (``superseding``):
the article's rows of the stage under other digests and, for ``ONE_PER_ARTICLE`` stages, under
other keys. Rows of stories that no longer exist go with ``Store.prune_artifacts``.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import importlib.util
import json
import re
import types
import typing
import zlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from storylens.records import Article

if TYPE_CHECKING:
    from storylens.store.base import Store

__all__ = [
    "ONE_PER_ARTICLE",
    "ArticleMemo",
    "StoryCache",
    "code_digest",
    "encoder",
    "from_json",
    "glob_literal",
    "pack_json",
    "pack_words",
    "superseding",
    "to_json",
    "unpack_json",
]

T = TypeVar("T")

#: Memo stages (``NlpResources.memo`` names) whose extra key has one value per article at a
#: time: it is a digest of what the article's result reads from its story (figures: the
#: claimant lookups' answers; time: the anchor date) or of its sentences (summary, provenance),
#: and an article belongs to one story. A row under a new key makes the article's other rows
#: of the stage unreachable, so it replaces them. A stage keeping several live rows per article
#: (``provenance/labels``: one per span) must not be listed: of its rows, only those of other
#: code or settings digests are replaced.
ONE_PER_ARTICLE = frozenset({
    "figures/figures",
    "provenance/attribution",
    "provenance/sentences",
    "summary/units",
    "time/timexes",
})

_DIGEST = re.compile(r"[0-9a-f]{12}")
_DIGEST_GLOB = "[0-9a-f]" * 12


def glob_literal(text: str) -> str:
    """``text`` as a GLOB pattern matching itself alone (SQLite GLOB and ``fnmatchcase``)."""
    return "".join(f"[{c}]" if c in "[*?" else c for c in text)


def superseding(owner: str, versioned: str, kind: str, one_per_owner: bool) -> tuple[str, str, str] | None:
    """What a new artifact makes unreachable, as ``Store.put_artifacts`` takes it.

    ``versioned`` is the producer's "<stage>/<digest of code and settings>" and ``kind`` the
    row's full kind (``versioned``, then "/<extra key>" if any). The current code and settings
    never read another digest's rows of the stage, so those go; with ``one_per_owner`` so do
    the rows of the same digest under another extra key. None when ``versioned`` does not end
    in a ``code_digest``: a hand-made kind ("demo/pairs/1") says nothing of what else is stale.

    Example:
        >>> superseding("a1", "figures/figures/0123456789ab", "figures/figures/0123456789ab/x", True)[2]
        'figures/figures/0123456789ab/x'
    """
    stage, _, version = versioned.rpartition("/")
    if not stage or not _DIGEST.fullmatch(version):
        return None
    family = f"{glob_literal(stage)}/{_DIGEST_GLOB}*"
    keep = glob_literal(kind) if one_per_owner else f"{glob_literal(versioned)}*"
    return owner, family, keep


def pack_words(items: Sequence[str]) -> str | list[str]:
    """Words for a compact memo row: one space-joined string when that splits back
    (``.split(" ")``) to exactly ``items``, else the list. No items stay a list (so that a string
    always splits), as do items with a space in them (``anyascii`` can produce one). Rows of
    thousands of sentences decode several times faster as strings than as JSON lists.

    Example:
        >>> pack_words(["dam", "burst"]), pack_words(["new york"]), pack_words([])
        ('dam burst', ['new york'], [])
    """
    joined = " ".join(items)
    return joined if items and joined.split(" ") == list(items) else list(items)


@cache
def code_digest(package: str, extra: str = "") -> str:
    """A short digest of a package's Python sources (and ``extra``): changes with the code."""
    spec = importlib.util.find_spec(package)
    digest = hashlib.sha256(extra.encode("utf-8"))
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        for path in sorted(Path(folder).rglob("*.py")):
            digest.update(path.name.encode("utf-8"))
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def to_json(value: Any) -> Any:
    """A JSON-ready value: dataclasses become dicts, tuples and sets lists, dates ISO strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((to_json(v) for v in value), key=repr)
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


@cache
def encoder(kind: Any) -> Callable[[Any], Any]:
    """``to_json`` for values of type ``kind``, compiled once from its type hints (a story's
    memo results are millions of small values; ``to_json`` inspects each one's type)."""
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) != 1:
            return to_json
        inner = encoder(options[0])
        return lambda v: None if v is None else inner(v)
    if origin is tuple or origin is list:
        if origin is list or (len(args) == 2 and args[1] is Ellipsis):
            item = encoder(args[0])
            return lambda v: [item(x) for x in v]
        items = [encoder(a) for a in args]
        return lambda v: [f(x) for f, x in zip(items, v, strict=True)]
    if origin in (frozenset, set):
        member = encoder(args[0])
        return lambda v: sorted((member(x) for x in v), key=repr)
    if origin is dict:
        key, val = encoder(args[0]), encoder(args[1])
        return lambda v: {str(key(k)): val(x) for k, x in v.items()}
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        fields = [(f.name, encoder(hints[f.name])) for f in dataclasses.fields(kind)]

        def encode(v: Any) -> Any:
            if type(v) is not kind:
                return to_json(v)
            return {name: enc(getattr(v, name)) for name, enc in fields}

        return encode
    if kind in (str, int, float, bool, type(None)):
        return _identity
    return to_json


def pack_json(value: Any) -> str:
    """A JSON-ready value as compressed text, for a memo whose result type is ``str``.

    Rows of sentence features repeat each sentence's words three or four times: stored as
    plain JSON they took more room than the article's compressed spaCy parse. Base64 keeps the
    memo's JSON a plain string.
    """
    raw = json.dumps(value, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(zlib.compress(raw, 6)).decode("ascii")


def unpack_json(text: str) -> Any:
    """The inverse of :func:`pack_json`."""
    return json.loads(zlib.decompress(base64.b64decode(text)))


def from_json(kind: Any, value: Any) -> Any:
    """Rebuild a value of type ``kind`` from ``to_json`` output."""
    return _decoder(kind)(value)


def _identity(value: Any) -> Any:
    return value


@cache
def _decoder(kind: Any) -> Callable[[Any], Any]:
    """A decoding function for one type, built once: a grown story decodes hundreds of
    thousands of values, and re-inspecting type hints for each costs more than the decoding."""
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        inner = _decoder(options[0]) if len(options) == 1 else _identity
        return lambda v: None if v is None else inner(v)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            return lambda v: tuple(map(item, v))
        items = [_decoder(a) for a in args]
        return lambda v: tuple(f(x) for f, x in zip(items, v, strict=True))
    if origin in (frozenset, set, list):
        item = _decoder(args[0])
        return lambda v: origin(map(item, v))
    if origin is dict:
        key, val = _decoder(args[0]), _decoder(args[1])
        return lambda v: {key(k): val(x) for k, x in v.items()}
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        fields = [(f.name, _decoder(hints[f.name])) for f in dataclasses.fields(kind) if f.init]

        def build(v: dict[str, Any]) -> Any:
            return kind(**{name: decode(v[name]) for name, decode in fields if name in v})

        return build
    if kind is dt.datetime:
        return dt.datetime.fromisoformat
    if kind is dt.date:
        return dt.date.fromisoformat
    return _identity


class ArticleMemo(Generic[T]):
    """One stage's per-article results: in memory (bounded), in the store, else computed.

    ``kind`` names the stage and its version ("entities/mentions/3"); bump the version whenever
    the stage's per-article output changes, so stale results are recomputed rather than read.
    ``key`` adds what else the result depends on (a publication date used as anchor, say).

    Example:
        >>> from storylens.store import MemoryStore
        >>> memo = ArticleMemo(MemoryStore(), "demo/lengths/1", tuple[int, ...])
        >>> memo.kind_for("2024-05-04")
        'demo/lengths/1/2024-05-04'
    """

    def __init__(
        self, store: Store | None, kind: str, result_type: Any, memory_size: int = 2000
    ) -> None:
        self.store = store
        self.kind = kind
        self.result_type = result_type
        self._encode = encoder(result_type)
        self.memory_size = memory_size
        self._memory: OrderedDict[tuple[str, str], T] = OrderedDict()
        self.computed = 0
        self.reused = 0

    def kind_for(self, extra: str = "") -> str:
        """The artifact kind under which a result is stored (the store keys it by article)."""
        return f"{self.kind}/{extra}" if extra else self.kind

    def get(
        self,
        articles: Sequence[Article],
        compute: Callable[[Article], T],
        extra: Callable[[Article], str] | None = None,
    ) -> dict[str, T]:
        """Each article's result, computing (and saving) only the missing ones."""
        out: dict[str, T] = {}
        fresh: list[tuple[str, str, bytes]] = []
        for article in articles:
            kind = self.kind_for(extra(article) if extra else "")
            slot = (article.id, kind)
            found = self._memory.get(slot)
            if found is None and self.store is not None:
                payload = self.store.get_artifact(article.id, kind)
                if payload is not None:
                    found = from_json(self.result_type, json.loads(payload))
            if found is None:
                found = compute(article)
                self.computed += 1
                if self.store is not None:
                    encoded = json.dumps(self._encode(found)).encode("utf-8")
                    fresh.append((article.id, kind, encoded))
            else:
                self.reused += 1
            self._remember(slot, found)
            out[article.id] = found
        if fresh and self.store is not None:
            self.store.put_artifacts(fresh, self._superseded(fresh))
        return out

    def _superseded(self, fresh: Sequence[tuple[str, str, bytes]]) -> list[tuple[str, str, str]]:
        """The rows this run's new ones replace (see ``superseding``), deleted as they are
        written: re-briefing a growing story, or upgrading, otherwise leaves them forever."""
        one = self.kind.rpartition("/")[0] in ONE_PER_ARTICLE
        found = (superseding(article_id, self.kind, kind, one) for article_id, kind, _ in fresh)
        return [s for s in found if s is not None]

    def _remember(self, slot: tuple[str, str], value: T) -> None:
        self._memory[slot] = value
        self._memory.move_to_end(slot)
        while len(self._memory) > self.memory_size:
            self._memory.popitem(last=False)


class StoryCache:
    """One story's pairwise results (pairs of articles, of sentences, of quotes), kept in the
    store between runs so that a story that grew by ten articles computes only the new pairs.

    Per-story work compares every article with every other; its results per pair depend on the
    two items alone, so they are saved under the story (``store`` artifact keyed by the story id
    and ``kind``) as one JSON object: ``key -> value``. ``kind`` must carry a digest of the code
    and settings that produce the values (see ``code_digest``), and ``key`` what the value
    depends on (content fingerprints of both items), so stale results are never read. ``save``
    keeps only the entries this run used: articles that left the story take theirs with them.

    Example:
        >>> from storylens.store import MemoryStore
        >>> store = MemoryStore()
        >>> cache = StoryCache(store, "story-1", "demo/pairs/1")
        >>> cache.get("a|b") is None
        True
        >>> cache.put("a|b", 0.5)
        >>> cache.save()
        >>> StoryCache(store, "story-1", "demo/pairs/1").get("a|b")
        0.5
    """

    def __init__(self, store: Store | None, story_id: str, kind: str) -> None:
        self.store = store
        self.story_id = story_id
        self.kind = kind
        self._previous: dict[str, Any] = {}
        self._current: dict[str, Any] = {}
        self.computed = 0
        self.reused = 0
        payload = store.get_artifact(story_id, kind) if store is not None else None
        if payload is not None:
            loaded = json.loads(zlib.decompress(payload))
            if isinstance(loaded, dict):
                self._previous = loaded

    def get(self, key: str) -> Any | None:
        """The value stored under ``key`` by an earlier run (``None`` if there is none)."""
        found = self._previous.get(key)
        if found is not None:
            self._current[key] = found
            self.reused += 1
        return found

    def put(self, key: str, value: Any) -> None:
        """Record a value computed in this run (JSON-ready, never ``None``)."""
        self._current[key] = value
        self.computed += 1

    def save(self) -> None:
        """Write the entries used in this run, if anything changed."""
        if self.store is None or (not self.computed and len(self._current) == len(self._previous)):
            return
        payload = zlib.compress(json.dumps(self._current, separators=(",", ":")).encode("utf-8"), 3)
        # the story's rows of this cache under other code or settings are never read again
        stale = superseding(self.story_id, self.kind, self.kind, one_per_owner=True)
        self.store.put_artifacts([(self.story_id, self.kind, payload)], [stale] if stale else [])
        self._previous = self._current
        self._current = {}
        self.computed = self.reused = 0
