"""Reading sources into articles: files, folders, globs, ``.gz``, text, HTML, JSON(L), feeds."""

from storylens.ingest.base import ExtractedDocument
from storylens.ingest.runner import ArticleBuilder, IngestReport, ingest_paths, parse_source

__all__ = ["ArticleBuilder", "ExtractedDocument", "IngestReport", "ingest_paths", "parse_source"]
