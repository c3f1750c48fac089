"""The PolNeAR scorer on invented annotations, and a quality gate on a pinned dev sample."""

from __future__ import annotations

from pathlib import Path

from storylens.bench.base import BenchOptions
from storylens.bench.quotes import GoldAttribution, Item, gold_direct, load_ann, run, score

TEXT = 'Intro.\n"We will rebuild," the mayor said. The "so-called" plan failed, he said.'


def test_gold_direct_is_quoted_text_inside_content(tmp_path: Path) -> None:
    ann = tmp_path / "a.ann"
    ann.write_text(
        'T1\tSource 27 36\tthe mayor\nT2\tCue 37 41\tsaid\nT3\tContent 7 25\t"We will rebuild,"\n'
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n",
        encoding="utf-8",
    )
    attributions = load_ann(ann)
    assert attributions == [GoldAttribution(((7, 25),), ((27, 36),), ((37, 41),))]
    gold = gold_direct(TEXT, attributions)
    assert [(TEXT[g.start : g.end], g.speaker) for g in gold] == [("We will rebuild,", ((27, 36),))]


def test_score_exact_overlap_and_speaker() -> None:
    gold = [Item(8, 24, ((27, 36),))]
    exact = score(TEXT, [Item(8, 23, ((31, 36),))], gold)  # edge comma ignored, "mayor" overlaps
    assert (exact.exact, exact.overlap, exact.speaker_ok) == (1, 1, 1)
    partial = score(TEXT, [Item(11, 24, ((0, 5),)), Item(48, 58)], gold)
    assert (partial.pred, partial.exact, partial.overlap, partial.speaker_ok) == (2, 0, 1, 0)


def test_quality_gate_on_pinned_dev_sample(shared_data: Path) -> None:
    """First 12 dev articles: storylens stays above these floors and above textacy."""
    result = run(BenchOptions(data=shared_data / "quotes-polnear", limit=12))
    ours, theirs = result.storylens["direct"], result.baseline["direct"]
    assert ours["overlap_f1"] >= 0.85, ours
    assert ours["exact_f1"] >= 0.80, ours
    assert ours["speaker_accuracy"] >= 0.70, ours
    assert ours["overlap_f1"] > theirs["overlap_f1"]
    assert result.storylens["all"]["overlap_f1"] > result.baseline["all"]["overlap_f1"]
