"""The summariser on invented stories: independent-source salience, redundancy, budget, citations."""

from __future__ import annotations

import dataclasses
import datetime as dt

from storylens.summarize.core import SourceDocument, Summarizer, take_within_budget
from storylens.summarize.settings import SummarizerSettings
from storylens.text.segment import RuleSegmenter

SEG = RuleSegmenter()

WIRE = (
    "A ferry carrying 212 passengers ran aground off the island of Korsa on Sunday morning, the coast guard said.\n\n"
    "The harbour master blamed a broken rudder for the grounding near the northern pier.\n\n"
    "Tugs from the mainland port of Velo reached the ferry by the afternoon."
)
INDEPENDENT_1 = (
    "The coast guard said a ferry with 212 passengers on board ran aground near Korsa island on Sunday.\n\n"
    "All passengers were taken ashore in lifeboats and nobody was hurt, rescuers said.\n\n"
    "The ferry operator Korsa Lines said it would pay for hotel rooms in the town."
)
INDEPENDENT_2 = (
    "Nobody was hurt when a ferry ran aground off Korsa on Sunday, rescuers said, and all passengers were taken ashore.\n\n"
    "A local fisherman filmed the lifeboats leaving the stranded ship in heavy rain.\n\n"
    "The island's only hotel opened its conference hall to stranded travellers overnight."
)


def _docs(**texts: str) -> list[SourceDocument]:
    return [SourceDocument(name, SEG.split(name, text)) for name, text in texts.items()]


def _copies(text: str, n: int) -> dict[str, str]:
    return {f"copy{k}": text for k in range(n)}


def test_budget_rule() -> None:
    assert take_within_budget([10, 10, 10], 15, 0.15) == [0]  # 20 words would overshoot 15 by 33%
    assert take_within_budget([10, 7, 10], 15, 0.15) == [0, 1]  # 17 words: within 15%
    assert take_within_budget([10, 30, 5], 15, 0.15) == [0, 2]
    assert take_within_budget([40], 15, 0.15) == [0]  # the first sentence is always taken


def test_cites_every_supporting_article_not_only_its_own() -> None:
    summary = Summarizer(SummarizerSettings(words=50)).summarize(
        _docs(wire=WIRE, one=INDEPENDENT_1, two=INDEPENDENT_2))
    grounding = [p for p in summary.picks if "212" in p.candidate.text]
    assert len(grounding) == 1
    assert set(grounding[0].sources) == {"wire", "one"}  # "two" has no passenger count
    assert grounding[0].sources[0] == grounding[0].candidate.article_id


def test_a_different_number_is_not_support() -> None:
    other = WIRE.replace("212", "180")
    summary = Summarizer(SummarizerSettings(words=20)).summarize(_docs(a=WIRE, b=other))
    grounding = next(p for p in summary.picks if "aground" in p.candidate.text)
    assert len(grounding.sources) == 1


def test_independent_confirmation_outweighs_copies() -> None:
    """The nobody-hurt fact, reported by two independent outlets, beats the rudder detail that five
    sites copied from one wire story, once the copies are recognised as one source."""
    texts = {"one": INDEPENDENT_1, "two": INDEPENDENT_2, **_copies(WIRE, 5)}
    settings = SummarizerSettings(words=45, position_weight=0.0)
    summary = Summarizer(settings).summarize(_docs(**texts))
    assert set(summary.groups[f"copy{k}"] for k in range(5)) == {summary.groups["copy0"]}
    chosen = summary.text
    assert "nobody was hurt" in chosen.lower()


def test_no_near_repeats_and_budget_respected() -> None:
    settings = SummarizerSettings(words=40)
    summary = Summarizer(settings).summarize(_docs(wire=WIRE, one=INDEPENDENT_1, two=INDEPENDENT_2))
    texts = [p.candidate.text for p in summary.picks]
    assert sum(len(t.split()) for t in texts) <= 40 * (1 + settings.overshoot) or len(texts) == 1
    assert len([t for t in texts if "212" in t]) == 1  # the wire's and "one"'s grounding sentence: once


def test_chronological_order_when_the_story_spans_days() -> None:
    docs = _docs(first=WIRE, later=INDEPENDENT_2)
    docs = [dataclasses.replace(docs[0], published=dt.date(2024, 5, 2)),
            dataclasses.replace(docs[1], published=dt.date(2024, 5, 1))]
    summary = Summarizer(SummarizerSettings(words=60)).summarize(docs)
    dates = ["later" if p.candidate.article_id == "later" else "first" for p in summary.picks]
    assert dates == sorted(dates, key=lambda d: d != "later")  # 1 May's article first


def test_dependent_sentence_comes_right_after_its_antecedent() -> None:
    text = (
        "Mayor Oleg Petrenko promised on Saturday that every flooded house in the town would be rebuilt.\n\n"
        "He said the state would pay for new roofs before the first frost of the winter."
    )
    summary = Summarizer(SummarizerSettings(words=40, position_weight=0.0)).summarize(_docs(a=text))
    indices = [p.candidate.index for p in summary.picks]
    if 1 in indices:
        assert indices.index(0) == indices.index(1) - 1


def test_empty_input() -> None:
    assert Summarizer().summarize(_docs(a="Too short.")).picks == []


def test_large_story_caps_candidates_by_position() -> None:
    texts = {f"a{k}": INDEPENDENT_1 + "\n\n" + WIRE for k in range(4)}
    summary = Summarizer(SummarizerSettings(words=40, max_candidates=8)).summarize(_docs(**texts))
    assert len(summary.candidates) <= 8
    assert summary.picks
