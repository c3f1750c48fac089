"""A headline for the story: the most central clean article title, else the lead summary sentence cut short.

Titles are cleaned of site suffixes ("... - Kyiv Courier", "... | News") and wire prefixes
("UPDATE 2-") and judged by TF-IDF cosine (the summary's vectors) to the story centroid plus their
agreement with the titles of the *other* independent sources (mean over those sources of the best
cosine), so the headline names what the independent sources agree the story is about, not one
outlet's angle (a scoop about a warning letter is central to the story but not its headline). Teasers (questions, all
capitals, fewer than ``MIN_WORDS`` words) are never chosen. With no usable title, the headline is
extractive: the first summary sentence up to its first clause break.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from storylens.records import Article
from storylens.summarize.core import Summary
from storylens.summarize.units import content_stems

__all__ = ["MAX_WORDS", "MIN_WORDS", "choose_headline", "clean_title"]

MIN_WORDS = 4
MAX_WORDS = 18
_PREFIX = re.compile(r"^(?:UPDATE \d+|EXCLUSIVE|BREAKING|WATCH|LIVE|ANALYSIS|CORRECTED)\s*[-:]\s*", re.IGNORECASE)
_SUFFIX = re.compile(r"\s+(?:[-|\u2013\u2014:]|::)\s+(?P<site>[^-|\u2013\u2014]{2,40})$")


def clean_title(title: str, outlet: str | None = None) -> str:
    """``title`` without a trailing site name and with whitespace folded.

    Example:
        >>> clean_title("Dam bursts in Kharkiv region, 40 dead - Kyiv Courier", "Kyiv Courier")
        'Dam bursts in Kharkiv region, 40 dead'
    """
    text = _PREFIX.sub("", " ".join(title.split()))
    match = _SUFFIX.search(text)
    if match:
        site = match["site"].strip()
        if (outlet and site.casefold() == outlet.casefold()) or (len(site.split()) <= 3 and site[:1].isupper()):
            text = text[: match.start()].rstrip()
    return text


def _usable(title: str) -> bool:
    words = title.split()
    letters = [c for c in title if c.isalpha()]
    return (
        MIN_WORDS <= len(words) <= MAX_WORDS
        and not title.rstrip().endswith("?")
        and not (letters and all(c.isupper() for c in letters))
    )


def _from_sentence(text: str) -> str:
    words = text.split()
    if len(words) > MAX_WORDS:
        for match in re.finditer(r"[,;:]\s", text):
            if len(text[: match.start()].split()) >= 6:
                text = text[: match.start()]
                break
    return text.rstrip(" .")


def choose_headline(articles: Sequence[Article], summary: Summary, fallback: str = "") -> str:
    """The story's headline (see the module docstring); ``fallback`` when nothing is usable."""
    titles = [(clean_title(a.title, a.outlet), a) for a in articles if a.title]
    titles = [(t, a) for t, a in titles if _usable(t)]
    if titles and summary.vectorizer is not None and summary.centroid is not None:
        matrix = summary.vectorizer.transform([content_stems(t) for t, _ in titles])
        scores = np.asarray(matrix @ summary.centroid).ravel()
        title_sims = (matrix @ matrix.T).toarray()
        groups = [summary.groups.get(a.id, a.id) for _, a in titles]
        for i in range(len(titles)):
            agreement: dict[str, float] = {}
            for j in range(len(titles)):
                if groups[j] != groups[i]:
                    agreement[groups[j]] = max(agreement.get(groups[j], 0.0), float(title_sims[i, j]))
            if agreement:
                scores[i] += sum(agreement.values()) / len(agreement)
        best = int(np.argmax(scores))
        if scores[best] > 0:
            return titles[best][0]
    if summary.picks:
        return _from_sentence(summary.picks[0].candidate.text)
    return fallback
