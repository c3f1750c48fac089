"""A single-pass TF-IDF clusterer: each article, in publication order, joins the most similar
recent story or starts a new one.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from storylens.cluster.base import make_story
from storylens.config import ClusterSettings
from storylens.records import Article, Story, publication_order
from storylens.store.base import Store

__all__ = ["SinglePassClusterer", "article_features_text"]


def article_features_text(article: Article) -> str:
    """Title twice and the first paragraphs: the lead carries the story's who/what/where."""
    lead = " ".join(article.paragraphs[:4])
    title = article.title or ""
    return f"{title} {title} {lead}"


class SinglePassClusterer:
    """Batch single-pass clustering over all stored articles, by publication order."""

    name = "single-pass"

    def __init__(self, settings: ClusterSettings) -> None:
        self.settings = settings

    def cluster(self, articles: Sequence[Article]) -> list[Story]:
        """Group ``articles`` into stories."""
        if not articles:
            return []
        ordered = sorted(articles, key=publication_order)
        vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1)
        matrix = vectorizer.fit_transform([article_features_text(a) for a in ordered])
        centroids: list[np.ndarray] = []
        members: list[list[int]] = []
        last_seen: list[Article] = []
        for index, article in enumerate(ordered):
            vector = matrix[index].toarray().ravel()
            best, best_score = -1, 0.0
            for story_index, centroid in enumerate(centroids):
                last = last_seen[story_index]
                if (
                    article.published
                    and last.published
                    and (article.published - last.published).days > self.settings.window_days
                ):
                    continue
                norm = float(np.linalg.norm(centroid)) or 1.0
                score = float(centroid @ vector) / norm
                if score > best_score:
                    best, best_score = story_index, score
            if best >= 0 and best_score >= self.settings.threshold:
                members[best].append(index)
                centroids[best] = centroids[best] + vector
                last_seen[best] = article
            else:
                centroids.append(vector.copy())
                members.append([index])
                last_seen.append(article)
        return [make_story([ordered[i] for i in group]) for group in members]

    def update(self, store: Store) -> list[Story]:
        """Re-cluster every stored article; story ids stay stable through their seed article."""
        stories = self.cluster(store.articles())
        old = {s.id for s in store.stories()}
        store.save_stories(stories, removed=old - {s.id for s in stories})
        return stories
