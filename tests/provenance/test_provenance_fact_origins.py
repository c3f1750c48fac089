"""A fact's independent groups from origins the caller already traced are the groups the
report traces itself (the stage traces each mention once, for the groups and the earliest)."""

from __future__ import annotations

import pytest

from storylens.provenance.report import ProvenanceReport
from storylens.records import Mention, ProvenanceLink


def test_given_origins_give_the_same_groups() -> None:
    links = [
        ProvenanceLink("b", "a", "copies", (), pairs=((0, 0, 1.0), (1, 1, 1.0))),
        ProvenanceLink("e", "a", "rewrites", (), pairs=((2, 0, 0.6),)),
    ]
    report = ProvenanceReport(["a", "b", "e"], links, {x: [(0, 10), (11, 20), (21, 30)] for x in "abe"})
    mentions = [Mention("e", 22, 25, ""), Mention("b", 0, 10, ""), Mention("e", 0, 5, ""),
                Mention("a", 11, 20, "")]
    origins = [report.origin_of(m) for m in mentions]
    assert origins == ["a", "a", "e", "a"]
    assert report.independent_sources_for(mentions, origins) == report.independent_sources_for(
        iter(mentions)) == [("e", "b", "a"), ("e",)]
    with pytest.raises(ValueError):
        report.independent_sources_for(mentions, origins[:2])
