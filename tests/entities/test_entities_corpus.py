"""Cross-story canonicalisation: exact and GeoNames joins cross stories, fuzzy ones do not.

Article ids are unique across the test session: the shared parse cache is keyed by id.
"""

from __future__ import annotations

from storylens.entities.corpus import resolve_corpus
from storylens.nlp import NlpResources
from storylens.records import Article, Story, StoryAnalysis


def _story(story_id: str, article_id: str, text: str) -> StoryAnalysis:
    article = Article(id=article_id, origin=f"{article_id}.txt", title=None, text=text)
    return StoryAnalysis(story=Story(story_id, (article_id,), "x"), articles=(article,))


def test_corpus_joins_across_stories_with_precision(resources: NlpResources) -> None:
    first = _story(
        "s1",
        "corpus-1",
        "Mayor Oleg Petrenko flew to Kiev on Monday. Officials in the village of Zelenyi Hai "
        "said the road to Pryluzhne was open.",
    )
    second = _story(
        "s2",
        "corpus-2",
        "Oleg Petrenko met the minister in Kyiv on Tuesday. Residents of the village of Selenyi Gaj, "
        "far away in another region, held a fair.",
    )
    entities = resolve_corpus([first, second], resources)
    by_alias = {alias: e for e in entities for alias in e.aliases}
    assert by_alias["Kiev"] is by_alias["Kyiv"]
    assert by_alias["Oleg Petrenko"].sources == ("corpus-1", "corpus-2")
    # A fuzzy spelling match in an unrelated story is not context: no join across stories.
    assert by_alias["Zelenyi Hai"] is not by_alias["Selenyi Gaj"]
