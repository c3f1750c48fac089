"""Each input format yields articles with the metadata it carries."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

from storylens.config import IngestSettings
from storylens.ingest import ingest_paths
from storylens.ingest.plaintext import read_plain_text, split_byline
from storylens.store import MemoryStore

BODY = (
    "Engineers in Millbrook finished repairs to the old stone bridge on Friday, two weeks after "
    "a barge struck one of its piers.\n\n"
    "The council said traffic would resume on Monday morning once inspectors had signed off."
)

FEED = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Millbrook Courier</title><language>en-gb</language>
<item><title>Bridge reopens</title><link>https://courier.example/2024/05/03/bridge</link>
<pubDate>Fri, 03 May 2024 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>{BODY.split(chr(10))[0]}</p><p>{BODY.split(chr(10))[-1]}</p>]]></content:encoded>
</item>
<item><title>Headline only</title><link>https://courier.example/x</link></item>
</channel></rss>"""


def _one(tmp_path: Path, name: str, data: bytes | str) -> MemoryStore:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    store = MemoryStore()
    ingest_paths([path], store, IngestSettings())
    return store


def test_plain_text_headers(tmp_path: Path) -> None:
    text = (
        "Bridge reopens after barge strike\nDate: 3 May 2024\nSource: Millbrook Courier\n"
        "URL: https://courier.example/bridge\nBy Jane Roe, Example Wire\n\n" + BODY
    )
    (article,) = _one(tmp_path, "bridge.txt", text).articles()
    assert article.title == "Bridge reopens after barge strike"
    assert article.published == dt.date(2024, 5, 3)
    assert article.published_evidence == "header"
    assert article.outlet == "Millbrook Courier"
    assert article.url == "https://courier.example/bridge"
    assert article.authors == ("Jane Roe",)
    assert [(h.kind, h.outlet) for h in article.hints] == [("byline", "Example Wire")]
    assert article.text.startswith("Engineers in Millbrook")
    assert article.language == "en"


def test_short_date_header_and_path_date(tmp_path: Path) -> None:
    doc = read_plain_text("date 2021-05-04\n\n" + BODY, "/x/a.txt")
    assert doc.published == dt.date(2021, 5, 4) and doc.title is None
    dated = read_plain_text(BODY, "/corpus/2010-06-24/965.htm.txt")
    assert (dated.published, dated.published_evidence) == (dt.date(2010, 6, 24), "path")


def test_hard_wrapped_lines_join_and_sentence_lines_split() -> None:
    wrapped = read_plain_text("The council met on\nMonday to vote.\nIt passed the budget.", "x")
    assert wrapped.paragraphs == ("The council met on Monday to vote.", "It passed the budget.")


def test_byline_split() -> None:
    assert split_byline("Jane Roe and John Poe, Reuters") == (("Jane Roe", "John Poe"), "Reuters")
    assert split_byline("Jane Roe") == (("Jane Roe",), None)


def test_gzip_text_and_same_article_twice(tmp_path: Path) -> None:
    text = "Bridge reopens\nDate: 2024-05-03\n\n" + BODY
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(text.encode()))
    (tmp_path / "copy-of-a.txt").write_text(text, encoding="utf-8")
    store = MemoryStore()
    report = ingest_paths([tmp_path], store, IngestSettings())
    assert report.ok and store.count_articles() == 1
    assert (report.articles_added, report.articles_existing) == (1, 1)


def test_rss_feed_with_embedded_content(tmp_path: Path) -> None:
    store = MemoryStore()
    path = tmp_path / "courier.rss"
    path.write_text(FEED, encoding="utf-8")
    report = ingest_paths([path], store, IngestSettings())
    (article,) = store.articles()
    assert article.title == "Bridge reopens"
    assert article.outlet == "Millbrook Courier"
    assert article.published == dt.date(2024, 5, 3)
    assert article.origin.endswith("courier.rss#entry1")
    assert len(article.paragraphs) == 2
    assert [f.reason for f in report.failures] == ["no-article"]


def test_html_page_with_copyright_footer_has_no_invented_date(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{p} This sentence adds detail number {i}.</p>" for i, p in enumerate(BODY.split("\n\n") * 3))
    html = (
        "<html><head><title>Bridge reopens | Courier</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Bridge reopens</h1>{paragraphs}</article>"
        "<footer>© 2022 Millbrook Courier. All rights reserved.</footer></body></html>"
    )
    (article,) = _one(tmp_path, "bridge.html", html).articles()
    assert article.published is None
    assert "Engineers in Millbrook" in article.text
    assert "All rights reserved" not in article.text


def test_sentences_have_offsets_into_text(tmp_path: Path) -> None:
    store = _one(tmp_path, "b.txt", "Bridge reopens\n\n" + BODY)
    (article,) = store.articles()
    sentences = store.sentences([article.id])
    assert len(sentences) == 2
    for sentence in sentences:
        assert article.text[sentence.start : sentence.end] == sentence.text


def test_treebank_tokenised_text_is_detokenised() -> None:
    from storylens.ingest.plaintext import detokenise

    tokenised = "Jackson 's doctor , Conrad Murray -LRB- 57 -RRB- , said `` I did n't '' ."
    assert detokenise(tokenised) == "Jackson's doctor, Conrad Murray (57), said “I didn't”."
    prose = "Plain prose , with 's here and a 'quote' -- left alone."
    assert detokenise(prose) == prose
