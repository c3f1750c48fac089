"""The WordNet reader finds lines by bisection in sorted files and by a dict otherwise; both
must give the same concepts (the real database is sorted, the test fixture is not)."""

from __future__ import annotations

from pathlib import Path

from storylens.quotes.wordnet import WordNet

FIXTURE = Path(__file__).parent / "fixtures" / "wordnet"
WORDS = ("house", "home", "dwelling", "building", "rebuild", "reconstruct", "ask", "pay",
         "unknown", "", "ho", "house home", "House")


def test_sorted_and_unsorted_files_give_the_same_concepts(tmp_path: Path) -> None:
    for path in FIXTURE.iterdir():
        lines = path.read_text(encoding="utf-8").split("\n")
        header = [line for line in lines if line.startswith(" ")]
        body = sorted(line for line in lines if line and not line.startswith(" "))
        (tmp_path / path.name).write_text("\n".join(header + body) + "\n", encoding="utf-8")
    unsorted, bisected = WordNet(FIXTURE), WordNet(tmp_path)
    assert not unsorted._index[0][1]._sorted and bisected._index[0][1]._sorted
    for word in WORDS:
        assert bisected.concepts(word) == unsorted.concepts(word), word
    assert bisected.concepts("house")[0]
