"""``storylens bench time``: time expression recognition and normalisation, TempEval-3 style.

Data: TempEval-3 TBAQ-cleaned (TimeBank and AQUAINT scored separately) and MEANTIME English.
Systems, all given the document creation time:

- ``storylens``: the grammar + resolver of ``storylens.time`` with spaCy tense;
- ``spacy+dateparser``: spaCy DATE/TIME entities normalised by dateparser (``DateDataParser``
  with the DCT as ``RELATIVE_BASE``; the value keeps dateparser's period: day, week, month, year);
- ``dateparser``: ``dateparser.search.search_dates`` alone (the baseline named in the issue).

Scoring follows the TempEval-3 rules: strict = exact extent, relaxed = any overlap (one-to-one),
value F1 = F1 of relaxed matches whose value is also exactly right.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from storylens.bench.base import BenchOptions, BenchResult, BenchTable, PredictionWriter, data_path
from storylens.bench.timeml import GoldTimex, TimexDocument, load_cat, load_timeml

__all__ = ["Scores", "SystemTimex", "run", "score_documents"]

SYSTEMS = ("storylens", "spacy+dateparser", "dateparser")


@dataclass(frozen=True, slots=True)
class SystemTimex:
    """A system's time expression: span and value."""

    start: int
    end: int
    value: str


@dataclass
class Scores:
    """Counts for TempEval-3 extent and value scores."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0

    def add(self, gold: list[GoldTimex], system: list[SystemTimex]) -> None:
        """Match one document's timexes one-to-one by overlap and count."""
        self.gold += len(gold)
        self.system += len(system)
        used: set[int] = set()
        for g in gold:
            best = None
            for i, s in enumerate(system):
                if i in used or s.end <= g.start or g.end <= s.start:
                    continue
                exact = (s.start, s.end) == (g.start, g.end)
                if best is None or exact:
                    best = i
                    if exact:
                        break
            if best is None:
                continue
            used.add(best)
            s = system[best]
            self.relaxed += 1
            self.strict += (s.start, s.end) == (g.start, g.end)
            self.value += s.value == g.value

    @staticmethod
    def _f1(hits: int, system: int, gold: int) -> tuple[float, float, float]:
        p = hits / system if system else 0.0
        r = hits / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def as_dict(self) -> dict[str, float]:
        """Strict/relaxed/value precision, recall and F1."""
        out: dict[str, float] = {"gold": self.gold, "system": self.system}
        for name, hits in (
            ("strict", self.strict),
            ("relaxed", self.relaxed),
            ("value", self.value),
        ):
            p, r, f = self._f1(hits, self.system, self.gold)
            out.update(
                {f"{name}_p": round(p, 4), f"{name}_r": round(r, 4), f"{name}_f1": round(f, 4)}
            )
        return out


def _datasets(root: Path) -> dict[str, list[Path]]:
    tbaq = root / "tbaq-cleaned" if (root / "tbaq-cleaned").is_dir() else root
    meantime = root / "meantime-en"
    sets = {
        "TimeBank": sorted((tbaq / "TimeBank").glob("*.tml")),
        "AQUAINT": sorted((tbaq / "AQUAINT").glob("*.tml")),
        "MEANTIME": sorted(meantime.glob("intra_cross-doc_annotation/*/*.xml")),
    }
    return {name: paths for name, paths in sets.items() if paths}


def _load(name: str, path: Path) -> TimexDocument:
    return load_cat(path) if name == "MEANTIME" else load_timeml(path)


def _storylens_system() -> Callable[[TimexDocument], list[SystemTimex]]:
    from storylens.nlp import NlpResources
    from storylens.time.tagger import TimeTagger

    nlp = NlpResources().nlp
    tagger = TimeTagger()

    def tag(doc: TimexDocument) -> list[SystemTimex]:
        parsed = nlp(doc.text)
        return [SystemTimex(t.start, t.end, t.value) for t in tagger.tag(doc.text, doc.dct, parsed)]

    return tag


def _period_value(when: dt.datetime, period: str | None) -> str:
    if period == "year":
        return f"{when.year:04d}"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    if period == "week":
        year, week, _ = when.isocalendar()
        return f"{year}-W{week:02d}"
    if period == "time":
        return when.strftime("%Y-%m-%dT%H:%M")
    return when.date().isoformat()


def _spacy_dateparser_system() -> Callable[[TimexDocument], list[SystemTimex]]:
    from dateparser.date import DateDataParser

    from storylens.nlp import NlpResources

    nlp = NlpResources().nlp

    @lru_cache(maxsize=8192)
    def parse(text: str, base: dt.date | None) -> str | None:
        settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}
        if base:
            settings["RELATIVE_BASE"] = dt.datetime(base.year, base.month, base.day)
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
        if data.date_obj is None:
            return None
        return _period_value(data.date_obj, data.period)

    def tag(doc: TimexDocument) -> list[SystemTimex]:
        out = []
        for ent in nlp(doc.text).ents:
            if ent.label_ in {"DATE", "TIME"}:
                start, end = ent.start_char, ent.end_char
                value = parse(ent.text, doc.dct) or ""
                out.append(SystemTimex(start, end, value))
        return out

    return tag


def _dateparser_system() -> Callable[[TimexDocument], list[SystemTimex]]:
    from dateparser.search import search_dates

    def tag(doc: TimexDocument) -> list[SystemTimex]:
        settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
        if doc.dct:
            settings["RELATIVE_BASE"] = dt.datetime(doc.dct.year, doc.dct.month, doc.dct.day)
        found = search_dates(doc.text, languages=["en"], settings=settings) or []
        out, cursor = [], 0
        for surface, when in found:
            start = doc.text.find(surface, cursor)
            if start < 0:
                continue
            cursor = start + len(surface)
            has_time = bool(when.hour or when.minute) and any(c.isdigit() for c in surface)
            value = when.strftime("%Y-%m-%dT%H:%M") if has_time else when.date().isoformat()
            out.append(SystemTimex(start, cursor, value))
        return out

    return tag


def _without_excluded(doc: TimexDocument, found: list[SystemTimex]) -> list[SystemTimex]:
    return [t for t in found if not any(t.start < e and s < t.end for s, e in doc.excluded)]


def score_documents(
    docs: list[TimexDocument], tag: Callable[[TimexDocument], list[SystemTimex]]
) -> tuple[Scores, list[list[SystemTimex]]]:
    """Tag every document and score it against the gold timexes."""
    scores = Scores()
    outputs = []
    for doc in docs:
        found = _without_excluded(doc, tag(doc))
        scores.add(list(doc.timexes), found)
        outputs.append(found)
    return scores, outputs


def _iter_limited(paths: list[Path], limit: int | None) -> Iterator[Path]:
    yield from paths[:limit] if limit else paths


def _prediction(
    dataset: str, system: str, doc: TimexDocument, found: list[SystemTimex]
) -> dict[str, Any]:
    return {
        "dataset": dataset,
        "system": system,
        "doc": doc.name,
        "dct": doc.dct,
        "gold": [
            {"start": t.start, "end": t.end, "text": t.text, "value": t.value} for t in doc.timexes
        ],
        "found": [
            {"start": t.start, "end": t.end, "text": doc.text[t.start : t.end], "value": t.value}
            for t in found
        ],
    }


def run(options: BenchOptions) -> BenchResult:
    """Score storylens, spaCy+dateparser and search_dates on each dataset."""
    root = data_path(options, "temporal")
    datasets = _datasets(root)
    wanted = options.extra.get("systems", ",".join(SYSTEMS)).split(",")
    builders = {
        "storylens": _storylens_system,
        "spacy+dateparser": _spacy_dateparser_system,
        "dateparser": _dateparser_system,
    }
    systems = {name: builders[name]() for name in SYSTEMS if name in wanted}
    results: dict[str, dict[str, dict[str, float]]] = {name: {} for name in systems}
    rows, items = [], 0
    with PredictionWriter(options.predictions) as writer:
        for set_name, paths in datasets.items():
            docs = [_load(set_name, p) for p in _iter_limited(paths, options.limit)]
            items += len(docs)
            for system_name, tag in systems.items():
                began = time.perf_counter()
                scores, outputs = score_documents(docs, tag)
                seconds = time.perf_counter() - began
                summary = scores.as_dict() | {"seconds": round(seconds, 1)}
                results[system_name][set_name] = summary
                rows.append(
                    [
                        set_name,
                        system_name,
                        len(docs),
                        scores.gold,
                        summary["strict_f1"],
                        summary["relaxed_f1"],
                        summary["value_f1"],
                        summary["seconds"],
                    ]
                )
                for doc, found in zip(docs, outputs, strict=True):
                    writer.write(_prediction(set_name, system_name, doc, found))
    table = BenchTable(
        "TIMEX3 extent and value F1 (TempEval-3 rules)",
        [
            "dataset",
            "system",
            "docs",
            "gold timexes",
            "strict F1",
            "relaxed F1",
            "value F1",
            "seconds",
        ],
        rows,
    )
    notes = [
        "Goal: value F1 >= 0.80 on TimeBank (HeidelTime 0.792, strict 0.849, relaxed 0.916).",
        "MEANTIME: the creation date written in the text is excluded from scoring (it is the DCT).",
        "seconds include spaCy parsing for storylens and spacy+dateparser.",
    ]
    baseline = results.get("dateparser", {})
    return BenchResult(
        "time",
        str(root),
        items,
        {k: v for k, v in results.items() if k != "dateparser"},
        baseline,
        [table],
        notes,
    )
