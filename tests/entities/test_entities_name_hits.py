"""Kept searches for outlets' lower-cased names (issue 12): a later run reads only new texts
and answers as reading every text would."""

from __future__ import annotations

from storylens.entities.name_hits import KeptNameSearch
from storylens.entities.nominals import TextSearch
from storylens.records import Article
from storylens.store import MemoryStore

KIND = "entities/name-hits/test"


def _article(article_id: str, text: str) -> Article:
    return Article(article_id, f"{article_id}.txt", None, text)


OLD = [
    _article("a1", "As the meridian press reported, Meridian Press was first."),
    _article("a2", "Nothing here but the Meridian Press."),
    _article("a3", "The daily herald and the meridian press agreed."),
]
NAMES = ["meridian press", "daily herald", "north star"]


def _run(store: MemoryStore, articles: list[Article], names: list[str]) -> tuple[list[set[str]], int]:
    search = KeptNameSearch(store, "story", KIND, articles)
    found = [search.articles_with(name, articles) for name in names]
    search.save()
    return found, search.searched


def _plain(articles: list[Article], names: list[str]) -> list[set[str]]:
    return [TextSearch().articles_with(name, articles) for name in names]


def test_first_run_reads_every_text_and_answers_as_plain_search() -> None:
    found, searched = _run(MemoryStore(), OLD, NAMES)
    assert found == _plain(OLD, NAMES)
    assert found[0] == {"a1", "a3"}
    assert searched == len(OLD) * len(NAMES)


def test_grown_story_reads_only_new_texts() -> None:
    store = MemoryStore()
    _run(store, OLD, NAMES)
    grown = [*OLD, _article("a4", "Per the north star and the meridian press.")]
    found, searched = _run(store, grown, NAMES)
    assert found == _plain(grown, NAMES)
    assert searched == len(NAMES)  # only a4, once per name
    again, searched = _run(store, grown, NAMES)
    assert again == found and searched == 0


def test_new_name_changed_text_and_departed_article() -> None:
    store = MemoryStore()
    _run(store, OLD, NAMES)
    changed = [_article("a1", "As the MERIDIAN PRESS reported."), OLD[2]]  # a2 left, a1 changed
    names = [*NAMES, "the daily"]
    found, searched = _run(store, changed, names)
    assert found == _plain(changed, names)
    assert found[0] == {"a3"}
    # a1's new text for every name, and "the daily" in both texts
    assert searched == len(names) + 1
    back, _ = _run(store, OLD, names)  # a2 returns: searched again, answers exact
    assert back == _plain(OLD, names)


def test_without_a_store_answers_are_plain() -> None:
    search = KeptNameSearch(None, "story", KIND, OLD)
    assert [search.articles_with(n, OLD) for n in NAMES] == _plain(OLD, NAMES)
    search.save()
