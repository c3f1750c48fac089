from __future__ import annotations

import datetime as dt

from storylens.provenance.derivation import ArticleText, article_text, find_derivations
from storylens.provenance.settings import ProvenanceSettings
from storylens.records import Article, Sentence


def _texts(story: list[tuple[Article, tuple[Sentence, ...]]]) -> list[ArticleText]:
    return [
        article_text(a.id, [(s.text, s.paragraph) for s in ss], a.published) for a, ss in story
    ]


def test_kinds_and_directions_on_the_invented_story(story_articles) -> None:  # type: ignore[no-untyped-def]
    links = {(d.derived, d.origin): d for d in find_derivations(_texts(story_articles), ProvenanceSettings())}
    assert links[("spun", "original")].kind == "copies"
    assert links[("rewrite", "original")].kind == "rewrites"
    assert links[("translation", "original")].kind == "translates"
    assert all("independent" not in pair for pair in links)
    spun = links[("spun", "original")]
    assert spun.direction == "published later"
    # Evidence: aligned (derived, origin) sentence pairs that really correspond.
    assert all(p.left.article_id == "spun" and p.right.article_id == "original" for p in spun.pairs)
    assert sum(p.left.index == p.right.index for p in spun.pairs) >= 0.8 * len(spun.pairs)


def test_a_trimmed_copy_on_the_same_day_is_oriented_by_coverage(story_articles) -> None:  # type: ignore[no-untyped-def]
    original, sentences = story_articles[0]
    kept = sentences[:6]
    texts = [
        article_text("original", [(s.text, s.paragraph) for s in sentences], original.published),
        article_text("trimmed", [(s.text, s.paragraph) for s in kept], original.published),
    ]
    (link,) = find_derivations(texts, ProvenanceSettings())
    assert (link.derived, link.origin, link.kind) == ("trimmed", "original", "copies")
    assert link.direction == "more of it is aligned"


def test_a_citation_orients_an_undated_pair(story_articles) -> None:  # type: ignore[no-untyped-def]
    _, sentences = story_articles[0]
    rows = [(s.text, s.paragraph) for s in sentences]
    texts = [article_text("x", rows), article_text("y", rows)]
    (link,) = find_derivations(texts, ProvenanceSettings(), cites={("x", "y")})
    assert (link.derived, link.origin, link.direction) == ("x", "y", "cites the other")


def test_shared_quotes_alone_do_not_link_independent_reports() -> None:
    quote = [
        ("\u201cWe will rebuild every house in this valley before the winter comes,\u201d the "
         "mayor told residents at the town hall.", 0),
        ("\u201cNobody will be left without a roof over their heads, and the state will pay "
         "for all of it,\u201d she said.", 1),
        ("\u201cThe company that ran the dam will answer in court for every life that was "
         "lost,\u201d she added.", 2),
    ]
    first = [("Rain kept falling over the flooded valley on Tuesday morning.", 9), *quote]
    second = [*quote, ("Volunteers unloaded two lorries of bread at the railway station.", 9)]
    texts = [article_text("a", first, dt.date(2024, 5, 1)), article_text("b", second, dt.date(2024, 5, 1))]
    assert find_derivations(texts, ProvenanceSettings()) == []
