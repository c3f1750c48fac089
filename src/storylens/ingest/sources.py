"""Finding source files (file, folder, glob) and reading their bytes safely.

Reading is where bad input is caught first: missing paths, empty files, oversized files and
truncated gzip streams become ``InputError`` with the file and the reason.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import os
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from storylens.errors import InputError

__all__ = ["content_type_for", "expand_paths", "read_source", "sha256"]

_TEXT = {".txt", ".text", ".md"}
_HTML = {".html", ".htm", ".xhtml", ".shtml"}
_JSON = {".json"}
_JSONL = {".jsonl", ".ndjson"}
_FEED = {".rss", ".atom", ".xml", ".feed"}
_KNOWN = _TEXT | _HTML | _JSON | _JSONL | _FEED


def sha256(data: bytes) -> str:
    """Hex SHA-256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def _visible_files(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Every file named by ``paths`` (resolved, each once): files as given, folders recursively,
    globs expanded.

    Hidden files and folders are skipped. A path that matches nothing yields an ``InputError``
    (reason ``not-found``) instead of stopping the run.
    """
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates: Iterable[Path] = _visible_files(path)
        elif path.is_file():
            candidates = [path]
        else:
            matches = sorted(glob.glob(str(raw), recursive=True))
            if not matches:
                yield InputError(str(raw), "not-found", "no such file, folder or glob match")
                continue
            candidates = []
            for match in matches:
                found = Path(match)
                candidates = [*candidates, *(_visible_files(found) if found.is_dir() else [found])]
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved not in seen:
                seen.add(resolved)
                yield resolved


def _gunzip(path: Path, data: bytes, max_bytes: int) -> bytes:
    decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise InputError(str(path), "corrupt-gzip", str(exc)) from exc
    if len(out) > max_bytes:
        raise InputError(str(path), "oversized", f"more than {max_bytes} bytes once decompressed")
    if not decompressor.eof:
        raise InputError(str(path), "truncated-gzip", "the compressed stream ends early")
    return out


def read_source(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, decompressed if it is gzip; refuses empty, oversized or truncated files."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(str(path), "oversized", f"{size} bytes; the limit is {max_bytes}")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), "unreadable", exc.strerror or str(exc)) from exc
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(path, data, max_bytes)
    elif path.suffix == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise InputError(str(path), "corrupt-gzip", str(exc)) from exc
    if not data.strip():
        raise InputError(str(path), "empty", "the file has no content")
    return data


def content_type_for(path: Path, data: bytes) -> str:
    """``text``, ``html``, ``json``, ``jsonl`` or ``feed``: by file suffix, else by sniffing."""
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    suffix = Path(name).suffix
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if suffix in _TEXT:
        return "text"
    if suffix in _HTML:
        return "html"
    if suffix in _JSONL:
        return "jsonl"
    if suffix in _JSON:
        return "json"
    if suffix in _FEED or suffix not in _KNOWN:
        if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
            return "feed"
        if head.startswith(b"<"):
            return "html"
        if head.startswith(b"{") and b"\n{" in data[:65536]:
            return "jsonl"
        if head.startswith((b"{", b"[")):
            return "json"
    return "text"
