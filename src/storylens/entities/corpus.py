"""Cross-story canonicalisation: one entity per thing over a whole corpus of stories.

The stage resolves one story at a time. ``resolve_corpus`` runs the same resolver over the
mentions of many stories at once: key, GeoNames, full-name and short-form joins work across
stories, while the context-guarded fuzzy tier stays inside a story (each mention carries its
story id in ``NameMention.group``), so a mangled spelling never joins a look-alike from an
unrelated story.
"""

from __future__ import annotations

from collections.abc import Iterable

from storylens.entities.gazetteer import shared_gazetteer
from storylens.entities.mentions import NameMention, NerFixes, extract_mentions
from storylens.entities.resolve import EntityResolver
from storylens.entities.settings import EntitySettings
from storylens.nlp import NlpResources
from storylens.records import Article, Entity, StoryAnalysis

__all__ = ["resolve_corpus"]


def resolve_corpus(
    stories: Iterable[StoryAnalysis],
    resources: NlpResources,
    settings: EntitySettings | None = None,
) -> list[Entity]:
    """Entities of every story at once, most salient first.

    Args:
        stories: the analyses of the stories (only ``story`` and ``articles`` are read).
        resources: the shared spaCy pipeline and parse cache.
        settings: the stage's knobs (defaults if ``None``).

    Example:
        >>> resolve_corpus([], NlpResources())
        []
    """
    settings = settings or EntitySettings()
    gazetteer = shared_gazetteer(settings.gazetteer_population) if settings.use_gazetteer else None
    resolver = EntityResolver(settings, gazetteer)
    mentions: list[NameMention] = []
    articles: dict[str, Article] = {}
    for analysis in stories:
        docs = resources.docs(analysis.articles)
        for article in analysis.articles:
            if article.id in articles:
                continue
            articles[article.id] = article
            mentions.extend(
                extract_mentions(
                    docs[article.id], article.id, analysis.story.id, NerFixes(), gazetteer
                )
            )
    return resolver.resolve(mentions, list(articles.values()))
