"""The ``storylens`` command line: a thin layer over ``storylens.api``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from storylens import api
from storylens.config import DEFAULT_DB, Settings, load_settings
from storylens.errors import StorylensError
from storylens.ingest.runner import IngestReport
from storylens.serialize import article_to_dict, story_to_dict

app = typer.Typer(
    name="storylens",
    help="Read many articles about the same events; tell what actually happened.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True, soft_wrap=True)
out = Console()

DbOption = Annotated[
    str | None,
    typer.Option("--db", help=f"The SQLite store file (default: $STORYLENS_DB or {DEFAULT_DB})."),
]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", help="A storylens.toml settings file.")
]


def _settings(db: str | None, config: Path | None, **overrides: Any) -> Settings:
    values: dict[str, Any] = {k: v for k, v in overrides.items() if v is not None}
    if db:
        values["db"] = db
    return load_settings(config, values)


@contextmanager
def _progress(label: str) -> Iterator[api.Progress]:
    """A rich progress bar when stderr is a terminal; silence otherwise (logs stay clean)."""
    if not console.is_terminal:
        yield lambda done, total, item: None
        return
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int, item: str) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _report_ingest(report: IngestReport) -> None:
    console.print(
        f"[green]{report.articles_added} new article(s)[/green], {report.articles_existing} already "
        f"stored, {report.unchanged} unchanged file(s) skipped, {report.files} file(s) seen"
    )
    for failure in report.failures:
        console.print(f"[red]skipped[/red] {failure}", highlight=False, soft_wrap=True)
    if report.failures:
        console.print(f"[red]{len(report.failures)} input(s) failed[/red]")


def _fail(exc: StorylensError) -> None:
    console.print(f"[red]error:[/red] {exc}", highlight=False)
    raise typer.Exit(2)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or globs.")],
    db: DbOption = None,
    config: ConfigOption = None,
    max_bytes: Annotated[
        int | None, typer.Option(help="Refuse files larger than this many bytes.")
    ] = None,
    workers: Annotated[int | None, typer.Option(help="Parser processes (0 = all cores).")] = None,
) -> None:
    """Read articles into the store. Exit code 1 when any input failed (the rest is stored)."""
    try:
        ingest_overrides = {k: v for k, v in {"max_bytes": max_bytes, "workers": workers}.items() if v is not None}
        settings = _settings(db, config, ingest=ingest_overrides or None)
        with _progress("ingesting") as progress:
            report = api.ingest(paths, settings, progress=progress)
    except StorylensError as exc:
        _fail(exc)
        return
    _report_ingest(report)
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def articles(
    db: DbOption = None,
    config: ConfigOption = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet (case-insensitive).")] = None,
    since: Annotated[str | None, typer.Option(help="Only published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Only published on or before YYYY-MM-DD.")] = None,
    contains: Annotated[str | None, typer.Option(help="Only with this text in title or body.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    limit: Annotated[int, typer.Option(help="At most this many.")] = 1000,
) -> None:
    """List stored articles."""
    try:
        store = api.open_default_store(_settings(db, config))
    except StorylensError as exc:
        _fail(exc)
        return
    shown = 0
    table = Table("id", "published", "outlet", "title", "lang")
    for article in store.articles():
        published = article.published.isoformat() if article.published else ""
        if outlet and (article.outlet or "").casefold() != outlet.casefold():
            continue
        if since and (not published or published < since):
            continue
        if until and (not published or published > until):
            continue
        if contains and contains.casefold() not in f"{article.title} {article.text}".casefold():
            continue
        shown += 1
        if shown > limit:
            break
        if as_json:
            out.print_json(json.dumps(article_to_dict(article, full=False)), indent=None)
        else:
            table.add_row(article.id, published, article.outlet or "", article.title or "", article.language or "")
    store.close()
    if not as_json:
        out.print(table)


@app.command()
def stories(
    db: DbOption = None,
    config: ConfigOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Group stored articles into stories (incrementally) and list them."""
    try:
        settings = _settings(db, config)
        store = api.open_default_store(settings)
        found = api.update_stories(store, settings)
        by_id = {a.id: a for a in store.articles()}
    except StorylensError as exc:
        _fail(exc)
        return
    found.sort(key=lambda s: (-len(s.article_ids), s.id))
    table = Table("story", "headline", "first", "last", "articles", "outlets")
    for story in found:
        outlets = sorted({o for i in story.article_ids if i in by_id and (o := by_id[i].outlet)})
        if as_json:
            out.print_json(json.dumps({**story_to_dict(story), "outlets": outlets}), indent=None)
            continue
        table.add_row(
            story.id,
            story.headline[:70],
            story.first_date.isoformat() if story.first_date else "",
            story.last_date.isoformat() if story.last_date else "",
            str(len(story.article_ids)),
            ", ".join(outlets)[:60],
        )
    store.close()
    if not as_json:
        out.print(table)


def _run_brief(paths: list[str], settings: Settings, formats: list[str], out_dir: Path) -> api.BriefRun:
    store = api.open_default_store(settings)
    try:
        report = IngestReport()
        if paths:
            with _progress("ingesting") as progress:
                report = api.ingest(paths, settings, store=store, progress=progress)
            _report_ingest(report)
        found = api.update_stories(store, settings)
        console.print(f"{len(found)} stor{'y' if len(found) == 1 else 'ies'}")
        with _progress("analysing stories") as progress:
            briefs = api.iter_briefs(store, settings, progress=progress)
            run = api.write_briefs(briefs, out_dir, formats, keep=False)
        store.prune_artifacts()  # caches of stories merged away (memos replace their own rows)
    finally:
        store.close()
    if not report.ok:
        raise _PartialFailure(run)
    return run


class _PartialFailure(Exception):
    def __init__(self, run: api.BriefRun) -> None:
        self.run = run


def _print_run(run: api.BriefRun) -> None:
    for story in run.stories:
        console.print(f"  {story.id}  {story.articles:3d} articles  {story.headline[:70]}")
    console.print(f"[green]briefs written to {run.out_dir}[/green] ({len(run.files)} files)")
    index = run.out_dir / "index.html" if run.out_dir else None
    if index and index.exists():
        console.print(f"open {index} in a browser")


FormatOption = Annotated[
    list[str], typer.Option("--format", "-f", help="json, md or html; repeat for several.")
]


@app.command()
def brief(
    paths: Annotated[list[str] | None, typer.Argument(help="Files, folders or globs to ingest first.")] = None,
    db: DbOption = None,
    config: ConfigOption = None,
    fmt: FormatOption = ["json", "md"],  # noqa: B006 - typer reads the default
    out_dir: Annotated[Path, typer.Option("--out", help="Where to write the briefs.")] = Path("briefs"),
) -> None:
    """The main job: ingest, group into stories, analyse, write one brief per story."""
    try:
        run = _run_brief(list(paths or []), _settings(db, config), fmt, out_dir)
    except _PartialFailure as partial:
        _print_run(partial.run)
        raise typer.Exit(1) from None
    except StorylensError as exc:
        _fail(exc)
        return
    _print_run(run)


@app.command()
def demo(
    out_dir: Annotated[Path, typer.Option("--out", help="Where to write the briefs.")] = Path("storylens-out/demo"),
    fmt: FormatOption = ["json", "md"],  # noqa: B006
) -> None:
    """Run the main job on the bundled demo corpus into a fresh store next to the briefs."""
    out_dir.mkdir(parents=True, exist_ok=True)
    db_path = out_dir / "demo.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    settings = load_settings(overrides={"db": str(db_path)})
    console.print(f"demo corpus: {api.demo_corpus_path()}")
    try:
        run = _run_brief([str(api.demo_corpus_path())], settings, fmt, out_dir)
    except _PartialFailure as partial:
        # The demo corpus deliberately holds bad inputs; their report is part of the show.
        run = partial.run
    except StorylensError as exc:
        _fail(exc)
        return
    _print_run(run)


@app.command()
def bench(
    task: Annotated[str, typer.Argument(help="ingest, extract, cluster, entities, time, ...")],
    data: Annotated[Path | None, typer.Option(help="Data folder or file (default: ../shared/data/...).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as one JSON object.")] = False,
    predictions: Annotated[Path | None, typer.Option(help="Write raw outputs, one JSON line per item.")] = None,
    limit: Annotated[int | None, typer.Option(help="Use at most this many items.")] = None,
    option: Annotated[list[str] | None, typer.Option("--set", help="Task option KEY=VALUE.")] = None,
) -> None:
    """Measure quality and speed on real data, side by side with a baseline."""
    from storylens.bench import BenchOptions, run_task

    extra = dict(item.split("=", 1) for item in (option or []) if "=" in item)
    try:
        with _progress(f"bench {task}") as progress:
            result = run_task(task, BenchOptions(data, predictions, limit, progress, extra))
    except StorylensError as exc:
        _fail(exc)
        return
    if as_json:
        sys.stdout.write(json.dumps(result.to_json(), indent=2, default=str) + "\n")
        return
    from rich.markdown import Markdown

    out.print(Markdown(f"## storylens bench {task}\n\n" + result.to_markdown()))


def main() -> None:
    """Entry point of the ``storylens`` script."""
    app()


if __name__ == "__main__":
    main()
