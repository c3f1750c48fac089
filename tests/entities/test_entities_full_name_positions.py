"""A surname alone joins the person last named in full before it (issue 12: positions are
gathered once per person, not rescanned per surname); checked against the plain scan."""

from __future__ import annotations

import random

from storylens.entities.mentions import NameMention
from storylens.entities.people import PersonCluster, _FullNamePositions


def _scan(owners: list[PersonCluster], mention: NameMention) -> PersonCluster | None:
    best: tuple[int, PersonCluster] | None = None
    for owner in owners:
        for other in owner.mentions:
            if (
                other.article_id == mention.article_id
                and other.start < mention.start
                and len(other.tokens) > 1
                and (best is None or other.start > best[0])
            ):
                best = (other.start, owner)
    return best[1] if best else None


def _mention(article_id: str, start: int, key: str) -> NameMention:
    return NameMention(article_id, start, start + len(key), key, "PERSON", key=key)


def test_last_named_before_agrees_with_a_scan() -> None:
    rng = random.Random(7)
    owners = [
        PersonCluster(
            [
                _mention(rng.choice("xyz"), rng.randrange(0, 200, 5), rng.choice(keys))
                for _ in range(rng.randrange(1, 12))
            ]
        )
        for keys in (["oleg petrenko", "petrenko"], ["ivan petrenko"], ["petrenko", "o petrenko"])
    ]
    positions = _FullNamePositions()
    for _ in range(300):
        mention = _mention(rng.choice("xyzw"), rng.randrange(0, 210), "petrenko")
        chosen = rng.sample(owners, rng.randrange(1, len(owners) + 1))
        assert positions.last_named_before(chosen, mention) is _scan(chosen, mention)


def test_ties_go_to_the_first_owner() -> None:
    first = PersonCluster([_mention("a", 10, "oleg petrenko")])
    second = PersonCluster([_mention("a", 10, "ivan petrenko")])
    later = _mention("a", 50, "petrenko")
    positions = _FullNamePositions()
    assert positions.last_named_before([first, second], later) is first
    assert positions.last_named_before([second, first], later) is second
    assert positions.last_named_before([first], _mention("a", 10, "petrenko")) is None
