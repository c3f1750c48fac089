"""The demo corpus and its answer key agree with each other and with ingestion.

Every later stage is tested against ``src/storylens/demo/answers.json``; a key that names a file
that is not there, or a sentence that is not in its file, would make those tests meaningless.
These tests keep the key honest: every reference resolves, every text occurs verbatim in its
record, every date is valid, and ingesting the corpus stores exactly the articles the key expects
and reports exactly the bad inputs it lists.
"""

from __future__ import annotations

import datetime as dt
import gzip
import html
import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import feedparser
import pytest

import storylens.demo
from storylens.config import IngestSettings
from storylens.errors import InputError
from storylens.ingest import IngestReport, ingest_paths
from storylens.ingest.runner import default_cleaner
from storylens.records import Article
from storylens.store import MemoryStore
from storylens.text.clean import WhitespaceCleaner

DEMO = Path(storylens.demo.__file__).parent
CORPUS = DEMO / "corpus"
KEY: dict[str, Any] = json.loads((DEMO / "answers.json").read_text(encoding="utf-8"))

def _strip_tags(markup: str) -> str:
    markup = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", markup)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _file_part(ref: str) -> str:
    return ref.partition("#")[0]


@cache
def record_text(ref: str) -> str:
    """The visible text of one record: a file, ``file.jsonl#L<n>`` or ``feed.xml#entry<n>``.

    Whitespace is collapsed and HTML entities decoded, so a hard-wrapped sentence in a text file
    and an ``&ldquo;``-quoted one in an HTML page both match the key's plain text.
    """
    name, _, record = ref.partition("#")
    data = (CORPUS / name).read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    text = data.decode("utf-8")
    if record.startswith("L"):
        value = json.loads(text.splitlines()[int(record[1:]) - 1])
        text = "\n".join(str(v) for v in value.values() if isinstance(v, str))
    elif record.startswith("entry"):
        entry = feedparser.parse(data).entries[int(record[5:]) - 1]
        parts = [entry.get("title", ""), *(c.value for c in entry.get("content", []))]
        text = _strip_tags("\n".join(parts))
    elif name.endswith((".html", ".htm")):
        text = _strip_tags(text)
    return _collapse(text)


def corpus_records() -> set[str]:
    """Every record in the corpus folder, named the way ingest names origins."""
    refs: set[str] = set()
    for path in sorted(CORPUS.iterdir()):
        if path.name.endswith(".jsonl"):
            lines = path.read_text(encoding="utf-8").splitlines()
            refs |= {f"{path.name}#L{n}" for n, line in enumerate(lines, 1) if line.strip()}
        elif path.suffix == ".xml":
            entries = feedparser.parse(path.read_bytes()).entries
            refs |= {f"{path.name}#entry{n}" for n in range(1, len(entries) + 1)}
        else:
            refs.add(path.name)
    return refs


def _texts(section: str, field: str = "text") -> Iterator[tuple[str, str]]:
    for item in KEY[section]:
        yield item["file"], item[field]


def all_text_claims() -> Iterator[tuple[str, str, str]]:
    """``(section, record, text)`` for every text the key says occurs in a record."""
    for section in ("boilerplate", "story_text", "not_quotes", "figures", "entity_mentions"):
        for ref, text in _texts(section):
            yield section, ref, text
    for ref, text in _texts("relative_dates", "expression"):
        yield "relative_dates", ref, text
    for ref, text in _texts("not_dates"):
        yield "not_dates", ref, text
    for quote in KEY["quotes"]:
        for variant in quote["variants"]:
            for part in variant.get("parts", [variant["text"]]):
                yield "quotes", variant["file"], part
    for group in (*KEY["figure_groups"], *KEY["not_conflicts"]):
        for member in group["members"]:
            yield "figure_groups", member["file"], member["text"]


def all_record_refs() -> Iterator[str]:
    """Every record reference anywhere in the key."""
    for story in KEY["stories"]:
        yield from story["articles"]
    yield from KEY["unrelated"]
    yield from (b["file"] for b in KEY["bad_inputs"])
    for dup in KEY["duplicates"]:
        yield dup["duplicate"]
        yield dup["original"]
    for _section, ref, _text in all_text_claims():
        yield ref
    for section in ("provenance_hints", "undated_articles", "publication_dates", "articles"):
        yield from (item["file"] for item in KEY[section])
    for link in KEY["provenance"]:
        yield link["from"]
        if link["to"].endswith((".txt", ".html", ".gz")) or "#" in link["to"]:
            yield link["to"]


def test_every_referenced_record_exists() -> None:
    records = corpus_records()
    missing = sorted({ref for ref in all_record_refs() if ref not in records})
    assert not missing


def test_every_text_occurs_verbatim_in_its_record() -> None:
    bad_refs = {b["file"] for b in KEY["bad_inputs"]}
    missing = [
        (section, ref, text)
        for section, ref, text in all_text_claims()
        if ref in bad_refs or _collapse(text) not in record_text(ref)
    ]
    assert not missing


def test_story_text_holds_no_boilerplate_of_its_file() -> None:
    # A sentence that must survive cleaning cannot contain a span that must be dropped.
    boilerplate: dict[str, list[str]] = {}
    for item in KEY["boilerplate"]:
        boilerplate.setdefault(item["file"], []).append(_collapse(item["text"]))
    clashes = [
        (ref, text, span)
        for ref, text in _texts("story_text")
        for span in boilerplate.get(ref, [])
        if span in _collapse(text)
    ]
    assert not clashes


def test_multi_part_quotes_join_to_their_text() -> None:
    # The parts carry quote marks and attributions; stripped of those they must spell the text.
    for quote in KEY["quotes"]:
        for variant in quote["variants"]:
            words = re.findall(r"[\w']+", variant["text"].lower())
            part_words = re.findall(r"[\w']+", " ".join(variant.get("parts", [])).lower())
            assert all(w in part_words for w in words), (quote["speaker"], variant["file"])


def test_records_are_partitioned_into_stories_unrelated_and_bad_inputs() -> None:
    story_refs = [ref for story in KEY["stories"] for ref in story["articles"]]
    listed = story_refs + KEY["unrelated"] + [b["file"] for b in KEY["bad_inputs"]]
    assert len(listed) == len(set(listed)), "a record is listed twice"
    assert set(listed) == corpus_records()
    assert KEY["expected_stored_articles"] == len(story_refs) + len(KEY["unrelated"]) - sum(
        1 for d in KEY["duplicates"] if d["kind"] == "exact"
    )


def _valid_date_value(value: str) -> bool:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            dt.date.fromisoformat(value)
        elif re.fullmatch(r"\d{4}-\d{2}", value):
            dt.date.fromisoformat(f"{value}-01")
        elif match := re.fullmatch(r"(\d{4})-W(\d{2})", value):
            dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        elif not re.fullmatch(r"\d{4}", value):
            return False
    except ValueError:
        return False
    return True


def test_dates_in_the_key_are_valid() -> None:
    published = {a["file"]: a["published"] for a in KEY["articles"]}
    undated = {u["file"]: u["inferred_date"] for u in KEY["undated_articles"]}
    for item in KEY["relative_dates"]:
        assert _valid_date_value(item["value"]), item
        anchor = item["anchor_date"]
        dt.date.fromisoformat(anchor)
        assert anchor == (published[item["file"]] or undated[item["file"]]), item
    for ref, date in published.items():
        assert date is None or dt.date.fromisoformat(date), ref
        assert (date is None) == (ref in undated), ref


def test_weekday_expressions_resolve_to_that_weekday() -> None:
    # "on Saturday", "last Tuesday", "Friday night": the value must fall on the named day.
    days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    checked = 0
    for item in KEY["relative_dates"]:
        named = [d for d in days if d in item["expression"].lower()]
        if len(named) == 1 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", item["value"]):
            assert dt.date.fromisoformat(item["value"]).weekday() == days.index(named[0]), item
            checked += 1
    assert checked > 40


def test_figure_group_members_are_listed_figures() -> None:
    figures = {(f["file"], f["text"]) for f in KEY["figures"]}
    statuses = set()
    for group in KEY["figure_groups"]:
        statuses.add(group["status"])
        for member in group["members"]:
            assert (member["file"], member["text"]) in figures, member
    assert statuses == {"agree", "updated", "conflict"}


def test_distinct_names_are_entities_or_speakers() -> None:
    names = {e["name"] for e in KEY["entities"]} | {q["speaker"] for q in KEY["quotes"]}
    for group in KEY["distinct"]:
        assert len(group) >= 2
        assert set(group) <= names, group


@pytest.fixture(scope="module")
def ingested() -> tuple[IngestReport, list[Article]]:
    store = MemoryStore()
    report = ingest_paths([CORPUS], store, IngestSettings())
    return report, store.articles()


def _ref_of(origin: str) -> str:
    path, hash_, record = origin.partition("#")
    return Path(path).name + hash_ + record


def _tag_page_passes_as_article() -> bool:
    """True when ingest runs without the boilerplate cleaner (``storylens.text.boilerplate``).

    The tag index page's extracted text is navigation ("Home", "|", "Older posts", link titles),
    about 100 characters: only the boilerplate cleaner removes it and leaves too little to be an
    article. With the plain whitespace cleaner the page is stored, so the expectations shift.
    """
    return isinstance(default_cleaner(), WhitespaceCleaner)


def _failures(report: IngestReport) -> set[tuple[str, str]]:
    return {(_ref_of(f.origin), f.reason) for f in report.failures if isinstance(f, InputError)}


def test_ingest_stores_every_article_once(ingested: tuple[IngestReport, list[Article]]) -> None:
    report, articles = ingested
    stored = {_ref_of(a.origin) for a in articles}
    if _tag_page_passes_as_article():
        stored.discard("bad-tag-index.html")
    exact = {d["duplicate"] for d in KEY["duplicates"] if d["kind"] == "exact"}
    expected = {ref for s in KEY["stories"] for ref in s["articles"]} | set(KEY["unrelated"])
    assert stored == expected - exact
    assert len(stored) == KEY["expected_stored_articles"]
    assert report.articles_existing == len(exact)


def test_ingest_reports_exactly_the_bad_inputs(
    ingested: tuple[IngestReport, list[Article]],
) -> None:
    report, _ = ingested
    expected = {(b["file"], b["reason"]) for b in KEY["bad_inputs"]}
    if _tag_page_passes_as_article():
        expected.discard(("bad-tag-index.html", "no-article"))
    assert _failures(report) == expected


def test_ingest_reads_the_publication_dates_in_the_key(
    ingested: tuple[IngestReport, list[Article]],
) -> None:
    _, articles = ingested
    by_ref = {_ref_of(a.origin): a for a in articles}
    exact = {d["duplicate"] for d in KEY["duplicates"] if d["kind"] == "exact"}
    for item in KEY["articles"]:
        ref = item["file"]
        if ref in exact:
            continue
        published = by_ref[ref].published
        assert (published.isoformat() if published else None) == item["published"], ref


def test_day_first_header_date(ingested: tuple[IngestReport, list[Article]]) -> None:
    _, articles = ingested
    by_ref = {_ref_of(a.origin): a for a in articles}
    published = by_ref["eastern-herald-2023-09-12-dam-toll.txt"].published
    assert published == dt.date(2023, 9, 12)
