"""The baseline a user would reach for: TF-IDF (scikit-learn) + average-link agglomerative
clustering with a cosine distance threshold (SciPy's hierarchy, the same algorithm as
``sklearn.cluster.AgglomerativeClustering(metric="cosine", linkage="average")``).

The linkage is computed once and cut at several thresholds, so the benchmark can report the
baseline at its best threshold per data set (tuned on the gold labels: an upper bound for it).
BERTopic is not part of the comparison: it needs sentence embeddings (torch, a model download),
which cannot be installed offline here.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer

from storylens.records import Article

__all__ = ["BASELINE_THRESHOLDS", "agglomerative_labels", "tfidf_matrix"]

#: Cosine-distance cuts tried for the baseline.
BASELINE_THRESHOLDS = (0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.95, 0.97)


def tfidf_matrix(articles: Sequence[Article]) -> object:
    """Sublinear TF-IDF rows (L2-normalised) over title and text, English stop words removed."""
    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1)
    return vectorizer.fit_transform([f"{a.title or ''}\n{a.text}" for a in articles])


def agglomerative_labels(
    articles: Sequence[Article], thresholds: Sequence[float]
) -> dict[float, list[str]]:
    """Cluster labels per distance threshold (average link, cosine distance)."""
    if len(articles) < 2:
        return {t: ["0"] * len(articles) for t in thresholds}
    matrix = tfidf_matrix(articles)
    similarity = (matrix @ matrix.T).toarray()  # type: ignore[attr-defined]
    distance = np.clip(1.0 - similarity, 0.0, 2.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    return {
        t: [str(label) for label in fcluster(tree, t=t, criterion="distance")] for t in thresholds
    }
