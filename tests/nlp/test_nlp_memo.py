"""Per-article stage results: JSON round trips and compute-once behaviour."""

from __future__ import annotations

import datetime as dt

from storylens.entities.mentions import NameMention
from storylens.memo import ArticleMemo, code_digest, from_json, to_json
from storylens.records import Article
from storylens.store import MemoryStore
from storylens.time.tagger import Timex


def _article(article_id: str, text: str) -> Article:
    return Article(id=article_id, origin=f"{article_id}.txt", title=None, text=text)


def test_records_survive_a_json_round_trip() -> None:
    mention = NameMention(
        article_id="a1",
        start=4,
        end=15,
        text="Oleg Petrenko",
        label="PERSON",
        cues=frozenset({"PERSON", "ORG"}),
        roles=("mayor",),
        introduced=True,
        sentence=2,
        key="oleg petrenko",
        context=frozenset({"kyiv"}),
    )
    timex = Timex(3, 11, "Saturday", "DATE", "2024-05-04", "weekday", relation=("before", "x"))
    assert from_json(NameMention, to_json(mention)) == mention
    restored = from_json(tuple[Timex, ...], to_json((timex,)))
    assert restored == (timex,)
    assert restored[0].relation == ("before", "x")
    assert from_json(dt.date | None, to_json(dt.date(2024, 5, 4))) == dt.date(2024, 5, 4)


def test_results_are_computed_once_and_read_back_from_the_store() -> None:
    store = MemoryStore()
    articles = [_article("a1", "one two three"), _article("a2", "four five")]
    calls: list[str] = []

    def count_words(article: Article) -> tuple[int, ...]:
        calls.append(article.id)
        return (len(article.text.split()),)

    first = ArticleMemo(store, "test/words/1", tuple[int, ...]).get(articles, count_words)
    # a new process (a new memo over the same store) reads the stored results
    second = ArticleMemo(store, "test/words/1", tuple[int, ...]).get(articles, count_words)
    assert first == second == {"a1": (3,), "a2": (2,)}
    assert calls == ["a1", "a2"]
    # another version, or another anchor, is another result
    ArticleMemo(store, "test/words/2", tuple[int, ...]).get(articles[:1], count_words)
    ArticleMemo(store, "test/words/1", tuple[int, ...]).get(
        articles[:1], count_words, lambda a: "2024-05-04"
    )
    assert calls == ["a1", "a2", "a1", "a1"]


def test_code_digest_changes_with_the_extra_key() -> None:
    assert code_digest("storylens.time") == code_digest("storylens.time")
    assert code_digest("storylens.time", "a") != code_digest("storylens.time", "b")
