"""Resources that record which articles' parses a stage read (issue 12's kept results must not
read old articles' parses on a re-brief). Importable from any test module."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from storylens.nlp import NlpResources
from storylens.records import Article
from storylens.store import MemoryStore

if TYPE_CHECKING:
    from spacy.tokens import Doc


class CountedResources(NlpResources):
    """``NlpResources`` whose ``read`` lists the article ids of every parse asked for."""

    def __init__(self, store: MemoryStore) -> None:
        super().__init__(store=store)
        self.read: list[str] = []

    def docs(self, articles: Sequence[Article]) -> dict[str, Doc]:
        self.read.extend(a.id for a in articles)
        return super().docs(articles)
