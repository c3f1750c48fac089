"""Nominal references ("the mayor", "the port authority") from kept phrases (issue 12): the
entities stage keeps each article's "the X" phrases; the rules answer as from the texts."""

from __future__ import annotations

from dataclasses import dataclass, field

from storylens.entities.fold import fold_name
from storylens.entities.mentions import NameMention
from storylens.entities.nominals import article_phrases, nominal_mentions
from storylens.records import Article

_TEXTS = {
    "a1": "Mayor Oleg Petrenko spoke. The mayor, in turn, said the Vendholm Port Authority would "
    "help. Later the port authority, and then the mayor, agreed.",
    "a2": "The mayor was absent. Oleg Petrenko, the mayor, wrote to the Port Authority.",
    "a3": "Nobody named the mayor here; the port authority said nothing.",
}


@dataclass
class _Cluster:
    type: str
    mentions: list[NameMention] = field(default_factory=list)


def _mention(article_id: str, name: str, label: str, roles: tuple[str, ...] = ()) -> NameMention:
    text = _TEXTS[article_id]
    start = text.index(name)
    return NameMention(
        article_id, start, start + len(name), name, label, roles=roles, key=fold_name(name)
    )


def _clusters() -> list[_Cluster]:
    mayor = _Cluster(
        "PERSON",
        [
            _mention("a1", "Oleg Petrenko", "PERSON", ("Mayor",)),
            _mention("a2", "Oleg Petrenko", "PERSON", ("the mayor",)),
        ],
    )
    port = _Cluster("ORG", [_mention("a1", "Vendholm Port Authority", "ORG")])
    return [mayor, port]


def _articles() -> list[Article]:
    return [Article(id=k, origin=f"{k}.txt", title=None, text=v) for k, v in _TEXTS.items()]


def _found(phrases: dict[str, list[int | str]] | None) -> list[tuple[str, int, str, int]]:
    clusters = _clusters()
    return [
        (m.article_id, m.start, m.text, clusters.index(c))  # type: ignore[arg-type]
        for m, c in nominal_mentions(clusters, _articles(), phrases)
    ]


def test_article_phrases_are_flat_start_end_key() -> None:
    text = "The mayor met the Port Authority; the union, too."
    assert article_phrases(text) == [0, 17, fold_name("mayor met the"), 34, 43, "union"]


def test_kept_phrases_resolve_as_the_texts_do() -> None:
    fresh = _found(None)
    kept = _found({k: article_phrases(v) for k, v in _TEXTS.items()})
    assert kept == fresh
    # references only after the antecedent is named in the same article
    assert ("a1", _TEXTS["a1"].index("The mayor"), "The mayor", 0) in fresh
    assert ("a2", 0, "The mayor", 0) not in fresh
    assert not [f for f in fresh if f[0] == "a3"]
    later = _TEXTS["a1"].index("the port authority")
    assert ("a1", later, "the port authority", 1) in fresh


def test_kept_phrases_are_what_is_read() -> None:
    """The rules read the kept phrases, not the text's: an empty list finds nothing."""
    assert _found({k: [] for k in _TEXTS}) == []
