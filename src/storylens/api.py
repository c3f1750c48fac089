"""The Python API: everything the CLI (and any web layer) does, as plain functions.

Example:
    >>> from storylens import api
    >>> from storylens.store import MemoryStore
    >>> store = MemoryStore()
    >>> report = api.ingest([api.demo_corpus_path()], store=store)  # doctest: +SKIP
    >>> run = api.brief_stories(store, out_dir="briefs")  # doctest: +SKIP
"""

from __future__ import annotations

import importlib.resources
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from storylens.brief import build_brief
from storylens.brief_cache import BriefCache, wait_for_kept_briefs
from storylens.cluster.registry import make_clusterer
from storylens.config import Settings, load_settings
from storylens.errors import ConfigError
from storylens.ingest.runner import IngestReport, ingest_paths
from storylens.nlp import NlpResources
from storylens.parallel import StoryPool, worker_count
from storylens.pipeline import AnalysisRunner
from storylens.records import Brief, Story
from storylens.render.json import briefs_to_json
from storylens.render.markdown import brief_to_markdown
from storylens.store.base import Store
from storylens.store.sqlite import open_store

__all__ = [
    "FORMATS",
    "BriefRun",
    "WrittenStory",
    "brief_stories",
    "demo_corpus_path",
    "ingest",
    "iter_briefs",
    "open_default_store",
    "update_stories",
    "write_briefs",
]

Progress = Callable[[int, int, str], None]

#: Output formats ``write_briefs`` knows.
FORMATS = ("json", "md", "html")


@dataclass(frozen=True, slots=True)
class WrittenStory:
    """One line about a story a run wrote: its id, article count and headline."""

    id: str
    articles: int
    headline: str


@dataclass
class BriefRun:
    """What a brief run produced: the briefs (unless not kept), one line per story and the
    files written."""

    briefs: list[Brief] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    out_dir: Path | None = None
    stories: list[WrittenStory] = field(default_factory=list)


def demo_corpus_path() -> Path:
    """The folder of the bundled demo corpus (invented articles written by the project)."""
    return Path(str(importlib.resources.files("storylens.demo") / "corpus"))


def open_default_store(settings: Settings | None = None) -> Store:
    """The SQLite store named by the settings (``storylens.sqlite`` by default)."""
    return open_store((settings or load_settings()).db)


def ingest(
    paths: Iterable[str | Path],
    settings: Settings | None = None,
    store: Store | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Ingest files, folders or globs; bad inputs are reported in the result, never raised."""
    settings = settings or load_settings()
    own_store = store is None
    target = store or open_default_store(settings)
    try:
        return ingest_paths(paths, target, settings.ingest, progress=progress)
    finally:
        if own_store:
            target.close()


def update_stories(store: Store, settings: Settings | None = None) -> list[Story]:
    """Group every stored article into stories (incrementally) and persist them."""
    settings = settings or load_settings()
    return make_clusterer(settings.cluster).update(store)


def brief_stories(
    store: Store,
    settings: Settings | None = None,
    stories: Sequence[Story] | None = None,
    analyses: Sequence[str] | None = None,
    progress: Progress | None = None,
    runner: AnalysisRunner | None = None,
    timings: dict[str, float] | None = None,
    reuse: bool = True,
) -> list[Brief]:
    """Analyse stories (all stored ones by default) and return their briefs, largest first.

    The list form of ``iter_briefs`` (same arguments); a run over a large stream should
    iterate instead, so that finished briefs need not all be held in memory.
    """
    return list(iter_briefs(store, settings, stories, analyses, progress, runner, timings, reuse))


def iter_briefs(
    store: Store,
    settings: Settings | None = None,
    stories: Sequence[Story] | None = None,
    analyses: Sequence[str] | None = None,
    progress: Progress | None = None,
    runner: AnalysisRunner | None = None,
    timings: dict[str, float] | None = None,
    reuse: bool = True,
) -> Iterator[Brief]:
    """Analyse stories (all stored ones by default) and yield their briefs, largest first.

    Parses every article once (batched, on all cores, stored for reuse), then analyses the
    stories: on a pool of processes when the store is a SQLite file and there are enough stories
    to share out, else in this process. Briefs are yielded as soon as they and every brief
    before them are done. ``timings`` (if given) accumulates seconds per stage (summed over
    workers), and under ``parse`` the wall seconds spent parsing. A story whose brief was kept
    by an earlier run and that has not changed since is read back, not analysed (``reuse=False``
    analyses every story; its brief is kept all the same).
    """
    settings = settings or load_settings()
    processes = worker_count(settings)
    if runner is None:
        runner = AnalysisRunner(settings, analyses, NlpResources(store=store, n_process=processes))
    chosen = list(stories if stories is not None else store.stories())
    chosen.sort(key=lambda s: (-len(s.article_ids), s.id))
    db_path = getattr(store, "path", None)
    # Briefs of stories unchanged since they were last analysed are read back, not redone.
    wait_for_kept_briefs()
    cache = (
        BriefCache(store, settings, runner.names, runner.resources.artifact_kind)
        if runner.names
        else None
    )
    to_analyse = sum(1 for s in chosen if cache is None or not reuse or not cache.has(s))
    use_pool = (
        processes > 1
        and runner.names
        and isinstance(db_path, str)
        and db_path != ":memory:"
        and to_analyse >= 2 * processes
    )
    done = 0
    spent = timings if timings is not None else {}

    def finished(story: Story) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, len(chosen), story.headline)

    # Workers of a long run retire after a number of stories (their memory grows with the
    # strings and results they have cached); a short run keeps its workers to the end.
    recycle = _WORKER_STORIES if len(chosen) > _WORKER_STORIES * processes else None
    pool_context = (
        StoryPool(str(db_path), settings, runner.names, processes, recycle)
        if use_pool
        else nullcontext()
    )
    with pool_context as pool:
        pending: deque[tuple[Story, Future[tuple[Brief, dict[str, float]]]]] = deque()

        def collect(wait: bool) -> Iterator[Brief]:
            while pending and (wait or pending[0][1].done()):
                story, future = pending.popleft()
                brief, stage_seconds = future.result()
                for name, seconds in stage_seconds.items():
                    spent[name] = spent.get(name, 0.0) + seconds
                finished(story)
                yield brief

        for batch in _story_batches(chosen, _PARSE_BATCH):
            kept = _kept_briefs(cache, batch) if reuse else {}
            fresh = [s for s in batch if s.id not in kept]
            # One spaCy batch for several stories: parsing runs on every core and is stored.
            # Stages read the parses they still need from the store (most per-article results
            # are kept, so a re-briefed story reads few), never all of a batch up front.
            if runner.names and fresh:
                members = store.articles(i for s in fresh for i in s.article_ids)
                started = time.perf_counter()
                runner.resources.parse(members, keep=False)
                spent["parse"] = spent.get("parse", 0.0) + time.perf_counter() - started
            if isinstance(pool, StoryPool):
                # Analysed while the next batch is parsed: a big story's worker does not leave
                # the other core idle until the batch is done (workers keep their own briefs).
                futures = iter(pool.submit(fresh))
                pending.extend((s, kept[s.id] if s.id in kept else next(futures)) for s in batch)
                yield from collect(wait=False)
                continue
            for story in batch:
                if story.id in kept:
                    pending.append((story, kept[story.id]))
                    yield from collect(wait=True)
                    continue
                before = dict(runner.timings)
                articles = store.articles(story.article_ids)
                sentences = store.sentences(story.article_ids)
                # A story analysed here has the other cores to itself: stages run ahead there.
                brief = build_brief(runner.run(story, articles, sentences, ahead=processes > 1))
                for name, seconds in runner.timings.items():
                    spent[name] = spent.get(name, 0.0) + seconds - before.get(name, 0.0)
                if cache is not None:
                    cache.put_in_background(story, brief)
                finished(story)
                yield brief
        yield from collect(wait=True)


def _kept_briefs(
    cache: BriefCache | None, stories: Sequence[Story]
) -> dict[str, Future[tuple[Brief, dict[str, float]]]]:
    """The kept briefs of those stories that have one, as finished results (no stage time)."""
    out: dict[str, Future[tuple[Brief, dict[str, float]]]] = {}
    for story in stories:
        brief = cache.get(story) if cache is not None else None
        if brief is not None:
            done: Future[tuple[Brief, dict[str, float]]] = Future()
            done.set_result((brief, {}))
            out[story.id] = done
    return out


#: Articles parsed together before their stories are analysed (bounds memory; feeds both cores).
_PARSE_BATCH = 400

#: Stories a worker of a long run analyses before a fresh process replaces it.
_WORKER_STORIES = 150


def _story_batches(stories: Sequence[Story], size: int) -> Iterator[list[Story]]:
    batch: list[Story] = []
    count = 0
    for story in stories:
        if batch and count + len(story.article_ids) > size:
            yield batch
            batch, count = [], 0
        batch.append(story)
        count += len(story.article_ids)
    if batch:
        yield batch


def _renderer(fmt: str, json_text: Callable[[Brief], str]) -> Callable[[Brief], str]:
    if fmt == "json":
        return lambda b: briefs_to_json([b], text=json_text)
    if fmt == "md":
        return brief_to_markdown
    if fmt == "html":
        try:
            from storylens.render.html import brief_to_html
        except ImportError as exc:
            raise ConfigError("the HTML renderer is not available in this build") from exc
        return brief_to_html
    raise ConfigError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")


def write_briefs(
    briefs: Iterable[Brief], out_dir: str | Path, formats: Sequence[str], keep: bool = True
) -> BriefRun:
    """Write one file per story and format, plus ``briefs.json`` with every story (and
    ``index.html`` with the HTML format), one brief at a time as they come.

    ``keep=False`` does not keep the briefs in the returned run (only ``stories``, one line
    each), so memory stays flat however many stories a run writes.
    """
    from storylens.render.json import brief_to_json, write_briefs_json

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    run = BriefRun(out_dir=out)
    last: list[tuple[Brief, str]] = []

    def json_text(brief: Brief) -> str:
        """A brief's JSON item, encoded once for its own file and for ``briefs.json``."""
        if not last or last[0][0] is not brief:
            last[:] = [(brief, brief_to_json(brief))]
        return last[0][1]

    renderers = {fmt: _renderer(fmt, json_text) for fmt in formats}
    index_items: list[str] = []
    index_item: Callable[[Brief], str] | None = None
    if "html" in formats:
        from storylens.render.html import index_item as html_index_item

        index_item = html_index_item

    def written(stream: Iterable[Brief]) -> Iterator[Brief]:
        for brief in stream:
            for fmt, render in renderers.items():
                path = out / f"{brief.story.id}.{fmt}"
                path.write_text(render(brief), encoding="utf-8")
                run.files.append(path)
            if index_item is not None:
                index_items.append(index_item(brief))
            run.stories.append(WrittenStory(brief.story.id, len(brief.articles), brief.headline))
            if keep:
                run.briefs.append(brief)
            yield brief

    everything = out / "briefs.json"
    partial = everything.with_name(everything.name + ".partial")
    try:
        with partial.open("w", encoding="utf-8") as handle:
            write_briefs_json(written(briefs), handle, text=json_text)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(everything)  # never a half-written briefs.json beside finished briefs
    run.files.append(everything)
    if index_item is not None:
        from storylens.render.html import index_page

        index = out / "index.html"
        index.write_text(index_page(index_items), encoding="utf-8")
        run.files.append(index)
    return run
