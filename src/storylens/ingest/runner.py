"""Ingestion: files -> extracted documents -> clean articles and sentences -> the store.

Each source file is written in one store transaction, after it has been fully parsed; a crash
(even ``kill -9``) loses at most the file being written, and a rerun skips every file already
stored (same path, same bytes) and completes the rest. Parsing runs in a process pool when
``IngestSettings.workers`` is above one; the store is written from the calling process only.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from storylens.config import IngestSettings
from storylens.errors import InputError
from storylens.ingest.base import ExtractedDocument
from storylens.ingest.decode import decode_text, looks_binary
from storylens.ingest.feeds import read_feed
from storylens.ingest.html import HtmlReader
from storylens.ingest.jsonl import iter_json_records, read_json_record
from storylens.ingest.plaintext import read_plain_text
from storylens.ingest.sources import content_type_for, expand_paths, read_source, sha256
from storylens.records import Article, Sentence, article_id_for
from storylens.store.base import SourceRecord, Store
from storylens.text.clean import Cleaner
from storylens.text.language import LangidIdentifier, LanguageIdentifier, shared_langid_model
from storylens.text.segment import RuleSegmenter, Segmenter

__all__ = ["ArticleBuilder", "IngestReport", "ParsedSource", "ingest_paths", "parse_source"]

ProgressCallback = Callable[[int, int, str], None]


@dataclass
class IngestReport:
    """What an ingest run did; ``ok`` is False when any file or record failed."""

    files: int = 0
    unchanged: int = 0
    articles_added: int = 0
    articles_existing: int = 0
    failures: list[InputError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return not self.failures


@dataclass(frozen=True)
class ParsedSource:
    """One source file's articles, sentences and per-record failures."""

    origin: str
    digest: str
    articles: tuple[Article, ...]
    sentences: tuple[Sentence, ...]
    failures: tuple[InputError, ...]


def default_cleaner() -> Cleaner:
    """The best available cleaner: the boilerplate filter when present, else whitespace only."""
    try:
        from storylens.text.boilerplate import BoilerplateCleaner
    except ImportError:
        from storylens.text.clean import WhitespaceCleaner

        return WhitespaceCleaner()
    return BoilerplateCleaner()


class ArticleBuilder:
    """Turns an ``ExtractedDocument`` into an ``Article`` and its sentences."""

    def __init__(
        self,
        settings: IngestSettings,
        cleaner: Cleaner | None = None,
        segmenter: Segmenter | None = None,
        language: LanguageIdentifier | None = None,
    ) -> None:
        self.settings = settings
        self.cleaner = cleaner or default_cleaner()
        self.segmenter = segmenter or RuleSegmenter()
        self.language = language or LangidIdentifier()
        self.html_reader = HtmlReader(settings.min_text_chars)

    def build(self, document: ExtractedDocument) -> tuple[Article, tuple[Sentence, ...]]:
        """Clean, identify and segment one document; ``InputError`` when no story text is left."""
        cleaned = self.cleaner.clean(document)
        text = "\n\n".join(cleaned.paragraphs)
        if len(text) < self.settings.min_text_chars:
            raise InputError(
                document.origin,
                "no-article",
                f"{len(text)} characters of story text after cleaning; at least "
                f"{self.settings.min_text_chars} are needed",
            )
        article_id = article_id_for(document.title, text)
        article = Article(
            id=article_id,
            origin=document.origin,
            title=document.title,
            text=text,
            outlet=document.outlet,
            url=document.url,
            published=document.published,
            published_evidence=document.published_evidence,
            language=document.language or self.language.identify(text),
            authors=document.authors,
            source_format=document.source_format,
            dropped=cleaned.dropped,
            hints=(*document.hints, *cleaned.hints),
        )
        return article, self.segmenter.split(article_id, text)

    def documents(self, data: bytes, origin: str, content_type: str) -> Iterator[ExtractedDocument | InputError]:
        """The documents in one source's bytes (several for JSON lists, JSONL and feeds)."""
        if content_type == "html":
            if looks_binary(data):
                raise InputError(origin, "binary", "the file holds binary data, not HTML")
            yield self.html_reader.read(data, origin)
        elif content_type == "feed":
            yield from read_feed(data, origin)
        elif content_type in ("json", "jsonl"):
            text = decode_text(data, origin)
            for record_origin, value in iter_json_records(text, origin, content_type == "jsonl"):
                if isinstance(value, InputError):
                    yield value
                    continue
                try:
                    yield read_json_record(value, record_origin, self.html_reader)
                except InputError as exc:
                    yield exc
        else:
            yield read_plain_text(decode_text(data, origin), origin)

    def parse(self, data: bytes, origin: str, content_type: str, digest: str) -> ParsedSource:
        """Every article and failure in one source's bytes."""
        articles: list[Article] = []
        sentences: list[Sentence] = []
        failures: list[InputError] = []
        try:
            for item in self.documents(data, origin, content_type):
                if isinstance(item, InputError):
                    failures.append(item)
                    continue
                try:
                    article, article_sentences = self.build(item)
                except InputError as exc:
                    failures.append(exc)
                    continue
                articles.append(article)
                sentences.extend(article_sentences)
        except InputError as exc:
            failures.append(exc)
        except Exception as exc:
            # Reported (and counted in the exit code) with the file named, never swallowed.
            failures.append(InputError(origin, "internal-error", f"{type(exc).__name__}: {exc}"))
            return ParsedSource(origin, digest, (), (), tuple(failures))
        return ParsedSource(origin, digest, tuple(articles), tuple(sentences), tuple(failures))


_WORKER_BUILDER: ArticleBuilder | None = None

#: Fewer files are read in this process: starting worker processes costs about 0.3 s, the time
#: to clean some 25 articles, so ten articles joining a story waited four times longer on a pool.
_POOL_MIN_FILES = 48


def _worker_parse(
    settings: IngestSettings, data: bytes, origin: str, content_type: str, digest: str
) -> ParsedSource:
    global _WORKER_BUILDER  # one builder per worker process: models load once, not per file
    if _WORKER_BUILDER is None:
        _WORKER_BUILDER = ArticleBuilder(settings)
    return _WORKER_BUILDER.parse(data, origin, content_type, digest)


def parse_source(path: Path, builder: ArticleBuilder) -> ParsedSource:
    """Read and parse one file in this process (no store involved)."""
    data = read_source(path, builder.settings.max_bytes)
    origin = str(path.resolve())
    return builder.parse(data, origin, content_type_for(path, data), sha256(data))


def _store_parsed(parsed: ParsedSource, store: Store, report: IngestReport) -> None:
    report.failures.extend(parsed.failures)
    if not parsed.articles and parsed.failures:
        return  # nothing usable: leave it unrecorded so that a fixed file is read again
    ids = tuple(a.id for a in parsed.articles)
    added = store.add_source(SourceRecord(parsed.origin, parsed.digest, ids), parsed.articles, parsed.sentences)
    report.articles_added += added
    report.articles_existing += len(set(ids)) - added


def ingest_paths(
    paths: Iterable[str | Path],
    store: Store,
    settings: IngestSettings,
    progress: ProgressCallback | None = None,
    builder: ArticleBuilder | None = None,
) -> IngestReport:
    """Ingest files, folders and globs into ``store``; bad inputs are reported and skipped.

    Example:
        >>> from storylens.store import MemoryStore
        >>> report = ingest_paths(["no/such/dir"], MemoryStore(), IngestSettings())
        >>> [f.reason for f in report.failures]
        ['not-found']
    """
    report = IngestReport()
    files: list[Path] = []
    for item in expand_paths(paths):
        if isinstance(item, InputError):
            report.failures.append(item)
        else:
            files.append(item)
    report.files = len(files)
    workers = settings.workers if settings.workers > 0 else (os.cpu_count() or 1)
    use_pool = workers > 1 and len(files) >= _POOL_MIN_FILES
    # Built at the first new file: a run over files already stored loads no model at all.
    local: ArticleBuilder | None = builder
    pool: ProcessPoolExecutor | None = None
    pending: list[Future[ParsedSource]] = []
    done = 0

    def tick(origin: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, len(files), origin)

    def drain(limit: int) -> None:
        while len(pending) > limit:
            _store_parsed(pending.pop(0).result(), store, report)
            tick("")

    try:
        for path in files:  # resolved by expand_paths
            origin = str(path)
            try:
                data = read_source(path, settings.max_bytes)
            except InputError as exc:
                report.failures.append(exc)
                tick(origin)
                continue
            digest = sha256(data)
            if store.has_source(origin, digest):
                report.unchanged += 1
                tick(origin)
                continue
            content_type = content_type_for(path, data)
            if not use_pool:
                local = local or ArticleBuilder(settings)
                _store_parsed(local.parse(data, origin, content_type, digest), store, report)
                tick(origin)
            else:
                if pool is None:
                    shared_langid_model()  # loaded once here and inherited by the forked workers
                    pool = ProcessPoolExecutor(max_workers=workers)
                pending.append(pool.submit(_worker_parse, settings, data, origin, content_type, digest))
                drain(workers * 4)
        drain(0)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return report
