"""Entities: one canonical entity per real-world thing, across spellings, with no false merges.

Public API (see docs/entities.md):

- ``EntityIndex``: look up the entity behind a span, a name or a role (for quotes, figures,
  provenance).
- ``resolve_corpus``: resolve the entities of many stories at once (cross-story canonicalisation).
- ``EntityResolver``, ``EntitySettings``, ``NameMention``, ``extract_mentions``: the building
  blocks, for callers with their own mentions (the coreference benchmark feeds gold mentions).
- ``fold_name``, ``spelling_score``, ``Gazetteer``: spelling keys and the GeoNames index.
"""

from storylens.entities.corpus import resolve_corpus
from storylens.entities.fold import fold_name, normalise_exact, phonetic_key, spelling_score
from storylens.entities.gazetteer import Gazetteer, Place, shared_gazetteer
from storylens.entities.index import EntityIndex
from storylens.entities.mentions import NameMention, NerFixes, extract_mentions
from storylens.entities.resolve import EntityResolver, salience_key
from storylens.entities.settings import EntitySettings

__all__ = [
    "EntityIndex",
    "EntityResolver",
    "EntitySettings",
    "Gazetteer",
    "NameMention",
    "NerFixes",
    "Place",
    "extract_mentions",
    "fold_name",
    "normalise_exact",
    "phonetic_key",
    "resolve_corpus",
    "salience_key",
    "shared_gazetteer",
    "spelling_score",
]
