"""Optional WordNet synonyms for matching translated and paraphrased quotes.

"We will rebuild every house" and "We are going to reconstruct each home" share no content
word; WordNet knows that *rebuild*/*reconstruct* share a sense and that a *house* is a kind of
*dwelling*/*home*. NLTK cannot download its WordNet here and refuses paths outside its data
folders, so this module reads the WordNet 3.0 database files directly (the ``index.*`` and
``data.*`` files of Debian's ``wordnet-base`` package, or an NLTK ``corpora/wordnet`` folder).

Looked up, in order: ``$STORYLENS_WORDNET``, ``/usr/share/wordnet``, ``~/nltk_data/corpora/
wordnet``. When none is there, ``WordNet.load()`` returns ``None`` and matching falls back to
wording alone (see docs/quotes.md).
"""

from __future__ import annotations

import bisect
import os
from functools import lru_cache
from pathlib import Path

__all__ = ["HYPERNYM_WEIGHT", "SYNONYM_WEIGHT", "WordNet", "soft_overlap"]

_POS = ("noun", "verb", "adj", "adv")
#: Senses per word that count, by part of speech: rarer senses join unrelated words ("house"
#: as a dynasty; verbs are the most polysemous, "pay" and "ask" meet in their fourth senses).
_SENSES = {"n": 3, "v": 2, "a": 2, "r": 2}
#: What a synonym and a hypernym pair count for, against 1 for the same lemma.
SYNONYM_WEIGHT = 0.9
HYPERNYM_WEIGHT = 0.7


class _Lines:
    """One database file's lines (licence header dropped), found by their first field.

    WordNet's files are sorted (index files by lemma, data files by offset), so a line is found
    by bisection without parsing the file; a file out of order is indexed by a dict instead.
    """

    def __init__(self, path: Path) -> None:
        text = path.read_text(encoding="utf-8", errors="replace")
        lines = [line for line in text.split("\n") if line and not line.startswith(" ")]
        self._sorted = lines == sorted(lines)
        self._lines = lines
        self._by_key: dict[str, list[str]] = {}
        if not self._sorted:
            for line in lines:
                self._by_key.setdefault(line.split(None, 1)[0], []).append(line)

    def find(self, key: str) -> list[str]:
        """The lines whose first field is ``key``, in file order."""
        if not self._sorted:
            return self._by_key.get(key, [])
        prefix = key + " "
        lines = self._lines
        at = bisect.bisect_left(lines, prefix)
        out: list[str] = []
        while at < len(lines) and lines[at].startswith(prefix):
            out.append(lines[at])
            at += 1
        return out


class WordNet:
    """Lemma -> senses and sense -> hypernyms, read from WordNet database files.

    The files are only split into lines when loaded; a line is parsed when a story first asks
    for its word. Parsing all 270,000 lines up front cost about 0.6 s per process, most of a
    re-briefed story's quote matching (issue 12), while a story asks for a few thousand words.
    """

    def __init__(self, root: Path) -> None:
        #: Which database this is (kept results of its lookups name it).
        self.fingerprint = f"{root.resolve()}:" + ",".join(
            str((root / f"{kind}.{pos}").stat().st_size)
            for kind in ("index", "data")
            for pos in _POS
        )
        self._index = [(pos[0], _Lines(root / f"index.{pos}")) for pos in _POS]
        self._data = {pos[0]: _Lines(root / f"data.{pos}") for pos in _POS if pos[0] in "nv"}
        self._memo: dict[str, tuple[frozenset[str], frozenset[str]]] = {}

    def senses_of(self, lemma: str) -> list[str]:
        """A lemma's first senses (``_SENSES`` per part of speech) as ``pos + offset`` keys."""
        out: list[str] = []
        if lemma.split() != [lemma]:
            return out  # empty or with white space: no line's first field
        for pos, lines in self._index:
            for line in lines.find(lemma):
                fields = line.split()
                count = int(fields[2])
                out.extend(pos + o for o in fields[-count:][: _SENSES[pos]])
        return out

    def hypernyms_of(self, sense: str) -> tuple[str, ...]:
        """The direct hypernyms (``@`` and instance ``@i`` pointers) of a noun or verb sense."""
        lines = self._data[sense[0]].find(sense[1:]) if sense[:1] in self._data else []
        if not lines:
            return ()
        fields = lines[-1].split()
        words = int(fields[3], 16)
        at = 4 + 2 * words
        pointers = int(fields[at])
        ups = []
        for k in range(pointers):
            symbol, offset, target_pos = fields[at + 1 + 4 * k : at + 4 + 4 * k]
            if symbol in ("@", "@i"):
                ups.append(target_pos[0] + offset)
        return tuple(ups)

    def concepts(self, lemma: str) -> tuple[frozenset[str], frozenset[str]]:
        """A lemma's first senses (all parts of speech) and their direct hypernyms, memoised:
        matching asks for the same words over and over."""
        found = self._memo.get(lemma)
        if found is None:
            senses = frozenset(self.senses_of(lemma.lower().replace(" ", "_")))
            broader = frozenset(h for sense in senses for h in self.hypernyms_of(sense))
            found = self._memo[lemma] = (senses, broader)
        return found

    def knows(self, lemma: str) -> bool:
        """Whether ``concepts(lemma)`` is already at hand (looked up or ``remember``-ed)."""
        return lemma in self._memo

    def remember(self, lemma: str, concepts: tuple[frozenset[str], frozenset[str]]) -> None:
        """Take ``concepts(lemma)`` as kept by an earlier run on the same database files (see
        ``pair_cache.OverlapCache.prime``): looking up a story's few thousand words in the
        files cost a re-brief about 0.1 s."""
        self._memo[lemma] = concepts

    @staticmethod
    @lru_cache(maxsize=1)
    def load() -> WordNet | None:
        """The WordNet found on this machine (read once per process), or None."""
        candidates = [
            os.environ.get("STORYLENS_WORDNET", ""),
            "/usr/share/wordnet",
            str(Path.home() / "nltk_data" / "corpora" / "wordnet"),
        ]
        for candidate in candidates:
            if candidate and (Path(candidate) / "index.noun").is_file():
                return WordNet(Path(candidate))
        return None


def soft_overlap(a: list[str], b: list[str], wordnet: WordNet, floor: float = 0.0) -> float:
    """Dice overlap of two lemma lists where a synonym (shared sense) counts 0.9 of a shared
    word and a hypernym pair ("house" under "dwelling, home") 0.7. Lists of one word score 0:
    a single shared or related word says nothing about two quotes. Below ``floor`` the result
    may be returned as 0 without the full pairing."""
    if len(a) < 2 or len(b) < 2:
        return 0.0
    concepts_b = [wordnet.concepts(w) for w in b]
    if floor > 0:
        # an upper bound first: most pairs of a story share too little to be worth the pairing
        words_b = set(b)
        senses_b = frozenset().union(*(c[0] for c in concepts_b))
        broader_b = frozenset().union(*(c[1] for c in concepts_b))
        possible = 0
        for word in a:
            mine, mine_broader = wordnet.concepts(word)
            if word in words_b or mine & senses_b or mine & broader_b or mine_broader & senses_b:
                possible += 1
        if 2 * min(possible, len(b)) / (len(a) + len(b)) < floor:
            return 0.0
    used: set[int] = set()
    matched = 0.0
    for word in a:
        mine, mine_broader = wordnet.concepts(word)
        best, best_j = 0.0, -1
        for j, other in enumerate(b):
            if j in used:
                continue
            if word == other:
                weight = 1.0
            elif mine & concepts_b[j][0]:
                weight = SYNONYM_WEIGHT
            elif mine & concepts_b[j][1] or mine_broader & concepts_b[j][0]:
                weight = HYPERNYM_WEIGHT
            else:
                continue
            if weight > best:
                best, best_j = weight, j
        if best_j >= 0:
            used.add(best_j)
            matched += best
    return 2 * matched / (len(a) + len(b))
