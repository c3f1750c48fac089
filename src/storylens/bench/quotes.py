"""``storylens bench quotes``: direct quotes and attributions on PolNeAR, beside textacy.

Data: ``quotes-polnear/<split>/text/*.txt`` with brat standoff in ``attributions/`` (one
annotator file per article is used: the first by name). PolNeAR marks every attribution
(source, cue, content) but not which ones are direct; a gold direct quote here is each quoted
region (text between quotation marks) inside an annotated content span, with that attribution's
source. Quoted text outside every content span (scare quotes, titles, headlines) is not a quote.

Metrics, storylens and textacy's ``direct_quotations`` on the same spaCy parse:

* content P/R/F1, exact (same span once quote marks, spaces and edge punctuation are stripped)
  and overlap (any shared character; matching is one-to-one);
* speaker accuracy: of the overlap-matched gold items with a source, the share whose predicted
  speaker span overlaps the annotated source span ("he" for "he said": resolution to a name is
  a separate step PolNeAR does not annotate);
* the same for all attributions (direct + indirect); textacy only finds direct ones.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storylens.bench.base import BenchOptions, BenchResult, BenchTable, PredictionWriter, data_path

__all__ = ["GoldAttribution", "Item", "load_polnear", "run", "score"]

_MARKS = "\"'\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb"
_EDGE = _MARKS + " \t\n,.;:!?\u2014\u2013-\u2026()"
_DOUBLE = '"\u201c\u201d\u201e\u00ab\u00bb'

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    """One PolNeAR attribution: content, source and cue fragments (character spans)."""

    content: Spans
    source: Spans
    cue: Spans


@dataclass(frozen=True)
class Item:
    """A content span with its speaker span (gold or predicted); ``kind`` is direct/indirect."""

    start: int
    end: int
    speaker: Spans = ()
    kind: str = "direct"
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


def _spans(field_text: str) -> Spans:
    out = []
    for part in field_text.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(out)


def load_ann(path: Path) -> list[GoldAttribution]:
    """Attributions of one brat ``.ann`` file."""
    spans: dict[str, Spans] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            offsets = parts[1].partition(" ")[2]
            spans[parts[0]] = _spans(offsets)
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg)
            events.append(roles)
    out = []
    for roles in events:
        if "Content" not in roles or roles["Content"] not in spans:
            continue
        out.append(
            GoldAttribution(
                content=spans[roles["Content"]],
                source=spans.get(roles.get("Source", ""), ()),
                cue=spans.get(roles.get("Cue", ""), ()),
            )
        )
    return out


def load_polnear(root: Path, split: str) -> list[tuple[str, str, list[GoldAttribution]]]:
    """``(name, text, attributions)`` for each article of a split, in file-name order."""
    folder = root / split
    out = []
    for text_path in sorted((folder / "text").glob("*.txt")):
        anns = sorted((folder / "attributions").glob(text_path.stem + "_*.ann"))
        if not anns:
            continue
        text = text_path.read_text(encoding="utf-8")
        out.append((text_path.stem, text, load_ann(anns[0])))
    return out


def gold_direct(text: str, attributions: Iterable[GoldAttribution]) -> list[Item]:
    """Quoted regions inside annotated content spans: the gold direct quotes.

    Marks are paired inside each content span on their own (independently of the extractor):
    marks alternate open/close, and a mark opening a paragraph while a quote is open continues it.
    """
    out = []
    for attribution in attributions:
        for c_start, c_end in attribution.content:
            open_at: int | None = None
            for match in re.finditer(f"[{_DOUBLE}]", text[c_start:c_end]):
                pos = c_start + match.start()
                if open_at is None:
                    open_at = pos
                elif "\n" in text[max(c_start, pos - 3) : pos] and text[pos] != "\u201d":
                    continue  # paragraph-opening mark of a multi-paragraph quote
                else:
                    out.append(Item(open_at + 1, pos, attribution.source))
                    open_at = None
            if open_at is not None:
                out.append(Item(open_at + 1, c_end, attribution.source))
    return [item for item in out if text[item.start : item.end].strip(_EDGE)]


def gold_all(attributions: Iterable[GoldAttribution]) -> list[Item]:
    """Every attribution's content as one span (first to last fragment)."""
    return [
        Item(a.content[0][0], a.content[-1][1], a.source, "any") for a in attributions if a.content
    ]


def _normal(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _speaker_ok(predicted: Spans, gold: Spans) -> bool:
    return any(_overlap(p, g) > 0 for p in predicted for g in gold)


@dataclass
class Counts:
    """Running counts for one system and one item kind."""

    pred: int = 0
    gold: int = 0
    exact: int = 0
    overlap: int = 0
    speaker_gold: int = 0
    speaker_ok: int = 0

    def add(self, other: Counts) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def metrics(self) -> dict[str, float]:
        def f1(hit: int) -> tuple[float, float, float]:
            p = hit / self.pred if self.pred else 0.0
            r = hit / self.gold if self.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        ep, er, ef = f1(self.exact)
        op, orr, of = f1(self.overlap)
        acc = self.speaker_ok / self.speaker_gold if self.speaker_gold else 0.0
        return {
            "exact_p": ep,
            "exact_r": er,
            "exact_f1": ef,
            "overlap_p": op,
            "overlap_r": orr,
            "overlap_f1": of,
            "speaker_accuracy": acc,
            "predicted": self.pred,
            "gold": self.gold,
        }


def score(text: str, predicted: Sequence[Item], gold: Sequence[Item]) -> Counts:
    """One-to-one matching of predicted to gold spans (largest overlap first)."""
    counts = Counts(pred=len(predicted), gold=len(gold))
    pairs = []
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            shared = _overlap((p.start, p.end), (g.start, g.end))
            if shared > 0:
                pairs.append((shared, i, j))
    pairs.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        p, g = predicted[i], gold[j]
        counts.overlap += 1
        if _normal(text, p.start, p.end) == _normal(text, g.start, g.end):
            counts.exact += 1
        if g.speaker:
            counts.speaker_gold += 1
            counts.speaker_ok += _speaker_ok(p.speaker, g.speaker)
    return counts


def _textacy_items(doc: Any) -> list[Item]:
    """textacy's direct quotations on the same parse; per paragraph when the article as a whole
    has an odd number of quote marks (textacy refuses such documents)."""
    from textacy.extract.triples import direct_quotations

    def triples(d: Any, offset: int) -> list[Item]:
        found = []
        for triple in direct_quotations(d):
            content = triple.content
            speaker = (
                triple.speaker[0].idx + offset,
                triple.speaker[-1].idx + len(triple.speaker[-1].text) + offset,
            )
            found.append(
                Item(content.start_char + offset + 1, content.end_char + offset - 1, (speaker,))
            )
        return found

    try:
        return triples(doc, 0)
    except ValueError:
        out: list[Item] = []
        text = doc.text
        for match in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None:
                continue
            try:
                out.extend(triples(span.as_doc(), span.start_char))
            except ValueError:
                continue
        return out


def _storylens_items(article_id: str, text: str, doc: Any) -> tuple[list[Item], list[Item]]:
    """storylens's direct quotes and all attributions for one parsed article."""
    from storylens.quotes.extract import extract_quotes
    from storylens.quotes.indirect import extract_claims
    from storylens.quotes.settings import QuoteSettings

    settings = QuoteSettings()
    title = text.split("\n", 1)[0]
    quotes = extract_quotes(article_id, text, doc, settings, title)
    direct = []
    for q in quotes:
        speaker = ((q.speaker.start, q.speaker.end),) if q.speaker else ()
        direct.append(Item(q.start, q.end, speaker, "direct", {"cue": q.speaker and q.speaker.cue}))
    claims = extract_claims(
        article_id, doc, [(q.start, q.end) for q in quotes], settings.min_claim_words
    )
    merged: list[Item] = []
    for q, item in zip(quotes, direct, strict=True):
        last = merged[-1] if merged else None
        if (
            last is not None
            and q.speaker is not None
            and last.speaker == item.speaker
            and last.extra.get("cue_start") == q.speaker.cue_start
            and q.speaker.cue_start is not None
        ):
            merged[-1] = Item(last.start, item.end, last.speaker, "direct", last.extra)
            continue
        merged.append(
            Item(
                item.start,
                item.end,
                item.speaker,
                "direct",
                {"cue_start": q.speaker.cue_start if q.speaker else None},
            )
        )
    merged.extend(
        Item(c.start, c.end, ((c.speaker.start, c.speaker.end),), "indirect") for c in claims
    )
    return direct, merged


def run(options: BenchOptions) -> BenchResult:
    """Score storylens and textacy on the PolNeAR split named by ``--extra split=`` (dev)."""
    from storylens.nlp import NlpResources
    from storylens.records import Article

    root = data_path(options, "quotes-polnear")
    split = options.extra.get("split", "dev")
    articles = load_polnear(root, split)
    if options.limit:
        articles = articles[: options.limit]
    resources = NlpResources()
    systems = {"storylens": (Counts(), Counts()), "textacy": (Counts(), Counts())}
    seconds = {"storylens": 0.0, "textacy": 0.0, "parse": 0.0}
    with PredictionWriter(options.predictions) as writer:
        for index, (name, text, attributions) in enumerate(articles):
            started = time.perf_counter()
            doc = resources.docs([Article(id=name, origin=name, title=None, text=text)])[name]
            seconds["parse"] += time.perf_counter() - started
            g_direct, g_all = gold_direct(text, attributions), gold_all(attributions)
            started = time.perf_counter()
            s_direct, s_all = _storylens_items(name, text, doc)
            seconds["storylens"] += time.perf_counter() - started
            started = time.perf_counter()
            t_direct = _textacy_items(doc)
            seconds["textacy"] += time.perf_counter() - started
            systems["storylens"][0].add(score(text, s_direct, g_direct))
            systems["storylens"][1].add(score(text, s_all, g_all))
            systems["textacy"][0].add(score(text, t_direct, g_direct))
            systems["textacy"][1].add(score(text, t_direct, g_all))
            writer.write(
                {
                    "article": name,
                    "gold_direct": [(g.start, g.end, g.speaker) for g in g_direct],
                    "storylens_direct": [(p.start, p.end, p.speaker) for p in s_direct],
                    "storylens_all": [(p.start, p.end, p.speaker, p.kind) for p in s_all],
                    "textacy": [(p.start, p.end, p.speaker) for p in t_direct],
                }
            )
            if options.progress:
                options.progress(index + 1, len(articles), name)
    results: dict[str, dict[str, Any]] = {
        system: {
            "direct": d.metrics(),
            "all": a.metrics(),
            "articles_per_second": len(articles) / max(seconds[system], 1e-9),
        }
        for system, (d, a) in systems.items()
    }
    tables = []
    for kind, title in (
        ("direct", "Direct quotes"),
        ("all", "All attributions (direct + indirect)"),
    ):
        rows = []
        for metric in (
            "exact_p",
            "exact_r",
            "exact_f1",
            "overlap_p",
            "overlap_r",
            "overlap_f1",
            "speaker_accuracy",
            "predicted",
            "gold",
        ):
            rows.append(
                [metric, results["storylens"][kind][metric], results["textacy"][kind][metric]]
            )
        tables.append(
            BenchTable(f"{title}, PolNeAR {split}", ["metric", "storylens", "textacy"], rows)
        )
    notes = [
        f"Extraction speed on the shared parse: storylens (direct quotes and indirect claims) "
        f"{results['storylens']['articles_per_second']:.0f} articles/s, textacy "
        f"{results['textacy']['articles_per_second']:.0f} articles/s (spaCy parse "
        f"{len(articles) / max(seconds['parse'], 1e-9):.1f} articles/s, shared by both).",
        "Gold direct quote = quoted region inside an annotated content span; speaker accuracy is "
        "over overlap-matched gold items that have an annotated source.",
        "textacy refuses a document with an odd number of quote marks; such articles are given "
        "to it paragraph by paragraph.",
    ]
    return BenchResult(
        task="quotes",
        data=f"{root.name}/{split}",
        items=len(articles),
        storylens=results["storylens"],
        baseline=results["textacy"],
        tables=tables,
        notes=notes,
    )
