"""The HTML briefs in a real headless Chromium: no console errors, every section, working citation
links, layouts at 1280 and 390 pixels (screenshots in ``test-artifacts/``), and no script from a
hostile article ever runs.

Skips with a clear message when Chromium or Playwright is missing (``.ci/run`` installs Debian's
``chromium``; the ``dev`` extra installs Playwright, which drives that browser, downloading nothing).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from render_fixtures import hostile_brief

from storylens import api
from storylens.config import Settings
from storylens.records import Brief
from storylens.render.html import brief_to_html
from storylens.store import MemoryStore

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SECTIONS = ("summary", "timeline", "figures", "quotes", "entities", "provenance", "sources")

pytestmark = pytest.mark.browser

if CHROMIUM is None:
    pytest.skip("no Chromium found (install Debian's chromium package)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (dev extra)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        )
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def demo_briefs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Brief]]:
    out = tmp_path_factory.mktemp("briefs")
    store = MemoryStore()
    settings = Settings()
    api.ingest([api.demo_corpus_path()], settings, store=store)
    api.update_stories(store, settings)
    briefs = api.brief_stories(store, settings)
    api.write_briefs(briefs, out, ["html"])
    return out, briefs


def _open(browser: Any, path: Path, width: int) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
    page.goto(path.as_uri())
    return page, problems


@pytest.mark.parametrize("width", [1280, 390])
def test_demo_brief_renders_every_section(
    browser: Any, demo_briefs: tuple[Path, list[Brief]], width: int
) -> None:
    out, briefs = demo_briefs
    main = briefs[0]  # the largest story: the dam collapse
    page, problems = _open(browser, out / f"{main.story.id}.html", width)
    for section in SECTIONS:
        assert page.locator(f"section#{section}").is_visible(), section
        assert page.locator(f"section#{section} .empty").count() == 0, f"{section} is empty"
    assert page.locator("#timeline svg.axis circle").count() >= 3
    assert page.locator("#provenance svg.graph circle").count() >= len(main.articles)
    assert page.locator("#figures .figure-group").count() >= 3
    unresolved = page.evaluate(
        "Array.from(document.querySelectorAll('a[href^=\"#\"]'))"
        ".map(a => a.getAttribute('href').slice(1)).filter(id => !document.getElementById(id))"
    )
    assert unresolved == []
    page.locator("#summary a.cite").first.click()
    assert page.evaluate("location.hash").startswith("#src-")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page is {overflow}px wider than the {width}px window"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"demo-brief-{width}.png"), full_page=True)
    assert problems == []
    page.close()


def test_index_page_links_every_story(browser: Any, demo_briefs: tuple[Path, list[Brief]]) -> None:
    out, briefs = demo_briefs
    page, problems = _open(browser, out / "index.html", 1280)
    hrefs = page.evaluate("Array.from(document.querySelectorAll('a')).map(a => a.getAttribute('href'))")
    assert sorted(hrefs) == sorted(f"{b.story.id}.html" for b in briefs)
    assert all((out / h).is_file() for h in hrefs)
    page.screenshot(path=str(ARTIFACTS / "demo-index-1280.png"), full_page=True) if ARTIFACTS.is_dir() else None
    assert problems == []
    page.close()


def test_hostile_article_runs_no_script(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    path.write_text(brief_to_html(hostile_brief()), encoding="utf-8")
    page, problems = _open(browser, path, 1280)
    assert page.evaluate("window.__pwned") is None
    assert page.locator("script").count() == 0
    assert page.locator("img").count() == 0
    for section in SECTIONS:
        assert page.locator(f"section#{section}").is_visible()
    assert "<script>" in page.locator("h1").inner_text()  # shown as text, not run
    assert [p for p in problems if not p.startswith("error: Refused")] == []
    page.close()
