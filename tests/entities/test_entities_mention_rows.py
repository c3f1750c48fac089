"""The stage's compact per-article memo rows (issue 12): packing then unpacking (through JSON, as
the store does) gives back every mention field for field, ``key`` and ``context`` included, and
the stage's mentions are the same whether read from the memo or extracted afresh."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from storylens.entities.mentions import (
    NameMention,
    extract_mentions,
    pack_mentions,
    unpack_mentions,
)
from storylens.entities.stage import EntitiesAnalyser
from storylens.nlp import NlpResources
from storylens.records import Article, Story, StoryAnalysis
from storylens.store import MemoryStore

TEXT = (
    "Mayor Oleg Petrenko of Zelenyi Hai met Lt. Gen. Oleh Sirenko in Kyiv on Tuesday. "
    "Petrenko said the Bilyanka dam had failed.\n\nThe Kyiv Courier reported that Sirenko, "
    "58, toured the village of Pryluzhne with Petrenko."
)


def _fields(mention: NameMention) -> tuple[object, ...]:
    """Every field, the ones equality skips (``key``, ``context``) too."""
    return tuple(getattr(mention, f.name) for f in dataclasses.fields(mention))


def _roundtrip(mentions: list[NameMention], group: str) -> list[NameMention]:
    return unpack_mentions(json.loads(json.dumps(pack_mentions(mentions))), group)


def test_rows_give_back_every_field(resources: NlpResources) -> None:
    doc = resources.nlp(TEXT)
    mentions = extract_mentions(doc, "a1", "", text=TEXT)
    assert len(mentions) >= 6 and any(m.context for m in mentions)
    back = _roundtrip(mentions, "story-1")
    expected = [dataclasses.replace(m, group="story-1") for m in mentions]
    assert [_fields(m) for m in back] == [_fields(m) for m in expected]


def test_a_context_not_of_its_sentence_is_kept_as_is() -> None:
    # A context holding the mention's own name (never so from ``extract_mentions``) cannot be
    # rebuilt from its sentence's words: its row keeps it.
    first = NameMention("a1", 0, 4, "Kyiv", "PLACE", sentence=0, key="kiiv",
                        context=frozenset({"met", "mayor"}))  # fmt: skip
    odd = NameMention("a1", 30, 34, "Lviv", "PLACE", sentence=1, key="lviv",
                      context=frozenset({"lviv", "bridge"}))  # fmt: skip
    packed = pack_mentions([first, odd])
    assert [index for index, _ in packed["own"]] == [1]
    back = _roundtrip([first, odd], "g")
    assert [m.context for m in back] == [first.context, odd.context]
    assert [m.group for m in back] == ["g", "g"]


def test_no_mentions_pack_to_nothing() -> None:
    assert _roundtrip([], "g") == []


def test_cues_and_roles_round_trip() -> None:
    mentions = [
        NameMention("a1", 0, 4, "Kyiv", "PLACE", cues=frozenset({"PLACE"}), key="kiiv"),
        NameMention(
            "a1", 9, 21, "Oleg Petrenko", "PERSON", roles=("Mayor", "the mayor"), introduced=True,
            sentence=1, key="oleg petrenko",
        ),
        NameMention("a1", 30, 34, "Lviv", "PLACE", cues=frozenset({"PLACE", "ORG"}), key="lviv"),
    ]
    back = _roundtrip(mentions, "g")
    expected = [dataclasses.replace(m, group="g") for m in mentions]
    assert [_fields(m) for m in back] == [_fields(m) for m in expected]


def test_stage_mentions_from_memo_equal_fresh(resources: NlpResources) -> None:
    article = Article("a1", "a1.txt", None, TEXT, published=dt.date(2023, 9, 12))
    analysis = StoryAnalysis(story=Story("s1", ("a1",), "Dam"), articles=(article,))
    store = MemoryStore()
    fresh = EntitiesAnalyser(NlpResources(store=store)).mentions(analysis)
    read = EntitiesAnalyser(NlpResources(store=store)).mentions(analysis)  # from the store
    assert [_fields(m) for m in read] == [_fields(m) for m in fresh]
    assert {m.group for m in read} == {"s1"}
