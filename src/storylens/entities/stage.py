"""The entities analysis stage: NER, then one canonical entity per real-world thing."""

from __future__ import annotations

import dataclasses
from typing import Any

from storylens.config import Settings
from storylens.entities.gazetteer import shared_gazetteer
from storylens.entities.mentions import (
    NameMention,
    NerFixes,
    extract_mentions,
    pack_mentions,
    unpack_mentions,
)
from storylens.entities.name_hits import KeptNameSearch
from storylens.entities.nominals import article_phrases
from storylens.entities.resolve import EntityResolver
from storylens.entities.settings import EntitySettings
from storylens.memo import code_digest
from storylens.nlp import NlpResources
from storylens.records import Article, StoryAnalysis

__all__ = ["EntitiesAnalyser", "make_analyser"]


class EntitiesAnalyser:
    """Fills ``StoryAnalysis.entities`` from the shared spaCy parses.

    Example:
        >>> analyser = EntitiesAnalyser(NlpResources(), EntitySettings())
        >>> analyser.name
        'entities'
    """

    name = "entities"

    def __init__(
        self,
        resources: NlpResources,
        settings: EntitySettings | None = None,
        fixes: NerFixes | None = None,
    ) -> None:
        self.resources = resources
        self.settings = settings or EntitySettings()
        self.fixes = fixes or NerFixes()
        gazetteer = (
            shared_gazetteer(self.settings.gazetteer_population)
            if self.settings.use_gazetteer
            else None
        )
        self.gazetteer = gazetteer
        self.resolver = EntityResolver(self.settings, gazetteer)

    def mentions(self, analysis: StoryAnalysis) -> list[NameMention]:
        """Every cleaned name mention of the story's articles (see ``_rows``)."""
        story = analysis.story.id
        found = self._rows(analysis)
        return [
            m for article in analysis.articles for m in unpack_mentions(found[article.id], story)
        ]

    def _rows(self, analysis: StoryAnalysis) -> dict[str, dict[str, Any]]:
        """Article id -> the article's kept rows: its mentions and its "the X" phrases.

        Per article, mentions are found once and kept (``NlpResources.memo``), as compact rows
        (``pack_mentions``): re-briefing a grown story neither re-reads the other articles'
        parses nor re-runs NER clean-up, and decoding the rows is cheap. The phrases
        (``article_phrases``, under ``"phrases"``) spare the resolver a regex and the folding of
        every phrase of every text.
        """
        memo = self.resources.memo(
            "entities/mention-rows",
            dict[str, Any],
            "storylens.entities",
            (self.fixes, self.settings),
        )

        def extract(article: Article) -> dict[str, Any]:
            doc = self.resources.docs([article])[article.id]
            packed = pack_mentions(
                extract_mentions(doc, article.id, "", self.fixes, self.gazetteer, article.text)
            )
            packed["phrases"] = article_phrases(article.text)
            return packed

        return memo.get(analysis.articles, extract)

    def _name_hits_kind(self) -> str:
        """The store key of the stories' kept name searches (``name_hits.py``)."""
        version = code_digest(
            "storylens.entities", f"{(self.fixes, self.settings)!r}|{self.resources.artifact_kind}"
        )
        return f"entities/name-hits/{version}"

    def analyse(self, analysis: StoryAnalysis) -> StoryAnalysis:
        """Return ``analysis`` with ``entities`` filled in, most salient first."""
        rows = self._rows(analysis)
        story = analysis.story.id
        mentions = [m for a in analysis.articles for m in unpack_mentions(rows[a.id], story)]
        phrases = {a.id: rows[a.id]["phrases"] for a in analysis.articles}
        search = KeptNameSearch(
            self.resources.store, story, self._name_hits_kind(), analysis.articles
        )
        entities = self.resolver.resolve(mentions, analysis.articles, phrases, search)
        search.save()
        return dataclasses.replace(analysis, entities=tuple(entities))


def make_analyser(settings: Settings, resources: NlpResources) -> EntitiesAnalyser:
    """Build the stage (the ``entities`` entry of ``pipeline.ANALYSERS``)."""
    del settings  # the stage's knobs live in EntitySettings; none is user-settable yet
    return EntitiesAnalyser(resources, EntitySettings())
