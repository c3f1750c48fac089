"""Benchmark plumbing on invented data: the TimeML loader, TempEval-3 scoring, the TLS summariser,
plus a quality gate on a pinned TimeBank sample (skips without ../shared/data)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from storylens.bench.time import Scores, SystemTimex
from storylens.bench.timeline import detokenise, load_reference
from storylens.bench.timeml import load_timeml
from storylens.time.tls import TlsSentence, baseline_timeline, summarise_timeline

TIMEML = """<?xml version="1.0" ?>
<TimeML><DOCID>x</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2023-09-09" functionInDocument="CREATION_TIME">20230909</TIMEX3></DCT>
<TEXT>The dam <EVENT eid="e1">burst</EVENT> on <TIMEX3 tid="t1" type="DATE" value="2023-09-08">Friday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3W">three weeks</TIMEX3> of rain.</TEXT>
</TimeML>"""


def test_timeml_loader_gives_spans_into_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "doc.tml"
    path.write_text(TIMEML, encoding="utf-8")
    doc = load_timeml(path)
    assert doc.dct == dt.date(2023, 9, 9)
    assert doc.text == "The dam burst on Friday after three weeks of rain."
    assert [(doc.text[t.start : t.end], t.value) for t in doc.timexes] == [
        ("Friday", "2023-09-08"),
        ("three weeks", "P3W"),
    ]


def test_tempeval_scoring() -> None:
    from storylens.bench.timeml import GoldTimex

    gold = [
        GoldTimex(17, 23, "Friday", "DATE", "2023-09-08"),
        GoldTimex(30, 41, "three weeks", "DURATION", "P3W"),
    ]
    system = [
        SystemTimex(14, 23, "2023-09-08"),
        SystemTimex(30, 41, "P2W"),
        SystemTimex(0, 3, "2023"),
    ]
    scores = Scores()
    scores.add(gold, system)
    result = scores.as_dict()
    assert (scores.strict, scores.relaxed, scores.value) == (1, 2, 1)
    assert result["relaxed_p"] == pytest.approx(2 / 3, abs=1e-3)
    assert result["relaxed_r"] == 1.0
    assert result["value_f1"] == pytest.approx(0.4, abs=1e-3)


def test_detokenise_and_reference_loader(tmp_path: Path) -> None:
    assert (
        detokenise("Talks ended on Sept . 10 , officials said .")
        == "Talks ended on Sept. 10, officials said."
    )
    path = tmp_path / "tl.txt"
    path.write_text(
        "2010-05-02\nA spill grows .\n" + "-" * 32 + "\n2010-05-04\nA cap fails .\nWind rises .\n"
    )
    assert load_reference(path) == {
        dt.date(2010, 5, 2): ["A spill grows ."],
        dt.date(2010, 5, 4): ["A cap fails .", "Wind rises ."],
    }


def _sentences() -> list[TlsSentence]:
    d1, d2, d3 = dt.date(2010, 5, 2), dt.date(2010, 5, 4), dt.date(2010, 5, 9)
    rows = [
        ("The rig exploded and sank in the gulf on Sunday night .", d1, (d1,)),
        ("Oil from the sunken rig spread across the gulf on Sunday .", d1, (d1,)),
        ("The weather was mild and sunny across the region this week .", d2, (d1,)),
        ("Engineers tried to cap the leaking well on Tuesday but failed .", d2, (d2,)),
        ("A local fair sold apples and pears to many happy visitors .", d3, ()),
    ]
    return [TlsSentence(text, f"a{i}", pub, 0, dates) for i, (text, pub, dates) in enumerate(rows)]


def test_tls_picks_most_mentioned_dates_and_central_sentences() -> None:
    timeline = summarise_timeline(_sentences(), 1, 1, dt.date(2010, 5, 1), dt.date(2010, 5, 31))
    (date,) = timeline
    assert date == dt.date(2010, 5, 2)
    assert "rig" in timeline[date][0]


def test_tls_baseline_takes_first_mentioning_sentence() -> None:
    timeline = baseline_timeline(_sentences(), 2, 1, dt.date(2010, 5, 1), dt.date(2010, 5, 31))
    assert timeline[dt.date(2010, 5, 2)] == [
        "The rig exploded and sank in the gulf on Sunday night ."
    ]
    assert set(timeline) == {dt.date(2010, 5, 2), dt.date(2010, 5, 4)}


@pytest.mark.data
@pytest.mark.slow
def test_quality_gate_timebank_sample(shared_data: Path) -> None:
    """Value F1 on the first 25 TimeBank documents must not drop below its pinned level."""
    from storylens.bench.time import _storylens_system, score_documents

    paths = sorted((shared_data / "temporal" / "tbaq-cleaned" / "TimeBank").glob("*.tml"))[:25]
    if not paths:
        pytest.skip("TimeBank not present")
    scores, _ = score_documents([load_timeml(p) for p in paths], _storylens_system())
    result = scores.as_dict()
    assert result["relaxed_f1"] >= 0.92  # measured 0.946
    assert result["value_f1"] >= 0.80  # measured 0.828
