from storylens.provenance.report import ProvenanceReport
from storylens.records import Mention, ProvenanceLink


def _report() -> ProvenanceReport:
    links = [
        ProvenanceLink("b", "a", "copies", (), pairs=((0, 0, 1.0), (1, 1, 1.0))),
        ProvenanceLink("c", "b", "rewrites", (), pairs=((0, 1, 0.8), (1, 2, 0.7))),
        # e took one sentence of a (with a credit): one fact derived, not the same source.
        ProvenanceLink("e", "a", "rewrites", (), pairs=((2, 0, 0.6),)),
        ProvenanceLink("d", "Reuters", "cites", ("according to Reuters",)),
    ]
    spans = {x: [(0, 10), (11, 20), (21, 30)] for x in "abcde"}
    return ProvenanceReport(["a", "b", "c", "d", "e"], links, spans)


def test_independent_sources_merge_derivation_chains_not_citations() -> None:
    report = _report()
    assert report.independent_sources(["e", "c", "a", "d", "b"]) == [("a", "b", "c"), ("d",), ("e",)]
    assert report.group_of("c") == "a"


def test_sentence_level_origin_follows_the_alignment_chain() -> None:
    report = _report()
    # c's first sentence was rewritten from b's second, which b copied from a.
    assert report.origin_of(Mention("c", 0, 10, "")) == "a"
    # c's third sentence is its own reporting, although c rewrites b elsewhere.
    assert report.origin_of(Mention("c", 21, 30, "")) == "c"
    groups = report.independent_sources_for(
        [Mention("a", 11, 20, ""), Mention("c", 0, 10, ""), Mention("c", 21, 30, ""), Mention("e", 0, 5, "")])
    assert groups == [("a", "c"), ("c",), ("e",)]
    # e's third sentence came from a: for that fact, e is not an independent source.
    assert report.independent_sources_for([Mention("a", 0, 10, ""), Mention("e", 22, 25, "")]) == [
        ("a", "e")]
    assert report.earliest(["c", "e", "b"]) == "b"


def test_original_share_from_aligned_pairs() -> None:
    report = _report()
    assert report.original_share("a") == 1.0
    assert report.original_share("b") == 1 - 2 / 3
    assert report.original_share("e") == 1 - 1 / 3


def test_sentence_lookup_matches_a_linear_scan() -> None:
    """The bisected lookup (spans in order) and the scan (spans out of order) agree with the
    plain definition: the first sentence overlapping the passage."""
    ordered = [(0, 10), (11, 30), (30, 31), (35, 60)]
    shuffled = [(35, 60), (0, 10), (11, 30)]
    for spans in (ordered, shuffled, []):
        report = ProvenanceReport(["a"], [], {"a": spans})
        for start in range(-2, 64):
            for end in range(start, 66):
                expected = next((i for i, (s, e) in enumerate(spans) if s < end and start < e), None)
                assert report._sentence_index("a", start, end) == expected, (spans, start, end)
    assert ProvenanceReport(["a"], [], {"a": ordered}).origin_of(Mention("a", 12, 14, "x")) == "a"
