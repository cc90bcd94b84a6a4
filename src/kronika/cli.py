"""The ``kronika`` command. Each command mirrors a function of the Python API."""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
import time
from contextvars import ContextVar
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from kronika.ingest import Defaults, Failure, Item, read
from kronika.ingest.values import BadValue, http_url, iso_date, language_code
from kronika.records import Document
from kronika.store import (
    DEFAULT_DB,
    SearchSyntaxError,
    Store,
    StoredDateConflict,
    StoreError,
    describe,
    open_store,
)

EXIT_FAILED, EXIT_USAGE, EXIT_STORE, EXIT_INTERNAL = 1, 2, 3, 70
_current_db: ContextVar[str] = ContextVar("kronika_db", default="store")


class _Commands(typer.core.TyperGroup):
    """Every command runs inside this handler: a store or file problem becomes one
    line, ``error: <what>: <reason>``, with the exit code the README documents,
    never a traceback (``KRONIKA_DEBUG=1`` shows it)."""

    def invoke(self, ctx: typer.Context):
        import os

        from sqlalchemy.exc import SQLAlchemyError

        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except StoreError as exc:
            _fail(str(exc), EXIT_STORE)
        except SQLAlchemyError as exc:
            _fail(f"{_current_db.get()}: {describe(exc)}", EXIT_STORE)
        except OSError as exc:
            where = exc.filename or _current_db.get()
            _fail(f"{where}: {describe(exc) if exc.errno is None else _os_reason(exc)}", EXIT_STORE)
        except KeyboardInterrupt:
            _fail("interrupted", 130)
        except Exception as exc:
            if os.environ.get("KRONIKA_DEBUG"):
                raise
            _fail(
                f"internal error ({type(exc).__name__}: {exc}); KRONIKA_DEBUG=1 shows where",
                EXIT_INTERNAL,
            )


def _os_reason(exc: OSError) -> str:
    import errno

    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    return exc.strerror or str(exc)


def _fail(message: str, code: int):
    message = " ".join(message.split())
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


app = typer.Typer(
    cls=_Commands,
    help="Turn war and conflict reporting into a sourced record: who said what, what "
    "happened where and when, which numbers were claimed, every fact pinned to its words.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Measure accuracy on public gold data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

out = Console()
err = Console(stderr=True, soft_wrap=True)  # one line per message, whatever the width

DbOption = Annotated[str, typer.Option("--db", help="SQLite file (or database URL) of the store.")]
RedateOption = Annotated[
    bool,
    typer.Option(
        help="Let a new publication date replace the stored one of a document already "
        "in the store (otherwise that document is refused, its record left as it was)."
    ),
]


class Format(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


@app.command()
def analyze(
    paths: Annotated[
        list[str], typer.Argument(help="Files, directories, or - for JSONL on stdin.")
    ],
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD.")] = None,
    title: Annotated[str | None, typer.Option(help="Title, for plain inputs.")] = None,
    source: Annotated[str | None, typer.Option(help="Source (outlet), for plain inputs.")] = None,
    url: Annotated[str | None, typer.Option(help="URL, for plain inputs.")] = None,
    lang: Annotated[str | None, typer.Option(help="Language code, for plain inputs.")] = None,
    fmt: Annotated[
        Format | None,
        typer.Option("--format", help="text (default on a terminal), json or jsonl."),
    ] = None,
    db: DbOption = DEFAULT_DB,
    store: Annotated[bool, typer.Option(help="Store the results in --db.")] = True,
    max_chars: Annotated[
        int, typer.Option(min=1, help="Skip documents longer than this.")
    ] = 2_000_000,
    redate: RedateOption = False,
) -> None:
    """Analyse articles, print their records and store them."""
    from kronika.pipeline import analyze_many, load
    from kronika.pipeline_version import PIPELINE_VERSION

    fmt = fmt or (Format.text if out.is_terminal else Format.jsonl)
    published = _checked_option("--published", published, iso_date)
    lang = _checked_option("--lang", lang, language_code)
    url = _checked_option("--url", url, http_url)
    defaults = Defaults(title, published, source, url, lang, max_chars)
    failures: list[Failure] = []
    target = store_for(db, create=True) if store else None
    nlp = load()
    with _progress() as progress:
        task = progress.add_task("analysing", total=None)
        for doc in analyze_many(_good(read(paths, defaults), failures), nlp):
            if isinstance(doc, Failure):  # nothing but site furniture
                list(_good([doc], failures))
                continue
            if target:
                try:
                    target.save(doc, PIPELINE_VERSION, redate=redate)
                except StoredDateConflict as exc:
                    failures.append(Failure(doc.id, str(exc)))
                    err.print(f"[red]error[/red]: {failures[-1]}", highlight=False, soft_wrap=True)
                    continue
            _emit(doc, fmt)
            progress.advance(task)
    if target:
        target.close()
    _finish(failures)


def _checked_option(name: str, value: str | None, check) -> str | None:
    """A CLI option's value checked like the same field of a record (exit 2 if bad)."""
    if value is None:
        return None
    try:
        return check(value)
    except BadValue as exc:
        _fail(f"{name}: {exc}", EXIT_USAGE)


def store_for(db: str, create: bool = False) -> Store:
    """The store a command works on, checked (see ``kronika.store.open_store``): a
    reader passes ``create=False`` and a missing store is one clear error line."""
    _current_db.set(db)  # for the error line of a problem met later, mid-command
    return open_store(db, create=create)


def _good(items, failures: list[Failure]):
    for item in items:
        if isinstance(item, Item):
            yield item
        else:
            failures.append(item)
            err.print(f"[red]error[/red]: {item}", highlight=False, soft_wrap=True)


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


def _emit(doc: Document, fmt: Format) -> None:
    if fmt is Format.text:
        from kronika.report import print_report

        print_report(doc, out)
    elif fmt is Format.json:
        sys.stdout.write(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _finish(failures: list[Failure]) -> None:
    if failures:
        err.print(f"{len(failures)} input(s) failed", highlight=False)
        raise typer.Exit(1)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words, "a phrase", prefix*, AND/OR/NOT.')],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="How many results.")] = 20,
) -> None:
    """Full-text search over stored documents."""
    with store_for(db) as store:
        try:
            rows = store.search(query, limit=limit)
        except SearchSyntaxError as exc:
            _fail(str(exc), EXIT_USAGE)
    for row in rows:
        out.print(f"[bold]{row['id']}[/bold]  {row['published'] or ''}  {row['title'] or ''}")
        out.print(f"    {row['snippet']}", highlight=False)
    if not rows:
        err.print("no matches")


@app.command()
def show(
    doc_id: Annotated[str, typer.Argument(help="Document id (or a unique prefix).")],
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[Format, typer.Option("--format", help="text, json or jsonl.")] = Format.text,
) -> None:
    """Show one stored document with its facts."""
    with store_for(db) as store:
        doc = store.get(doc_id)
    if doc is None:
        err.print(f"[red]error[/red]: no single document with id {doc_id!r}")
        raise typer.Exit(1)
    _emit(doc, fmt)


@app.command()
def export(
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="jsonl, plover (PLOVER JSONL), acled-csv (ACLED columns), geojson "
            "(RFC 7946 FeatureCollection) or corrections (people's corrections, JSONL).",
        ),
    ] = "jsonl",
    db: DbOption = DEFAULT_DB,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="File (default stdout).")
    ] = None,
) -> None:
    """Export every stored document (as reviewed: people's corrections applied)."""
    from kronika.export import FORMATS

    choices = [*FORMATS, *(["corrections"] if _has_module("kronika.review.exchange") else [])]
    if fmt not in choices:
        err.print(f"[red]error[/red]: unknown format {fmt!r}; choose from {', '.join(choices)}")
        raise typer.Exit(2)
    if fmt == "corrections":  # the corrections themselves, from the store
        from kronika.review.exchange import export_lines

        with store_for(db) as store:
            if output:
                with output.open("w", encoding="utf-8", newline="") as fh:
                    count = export_lines(store, fh)
            else:
                count = export_lines(store, sys.stdout)
        err.print(f"exported {count} correction(s)")
        return
    with store_for(db) as store:
        try:
            if output:
                with output.open("w", encoding="utf-8", newline="") as fh:
                    count = FORMATS[fmt](store.documents(), fh)
            else:
                count = FORMATS[fmt](store.documents(), sys.stdout)
        except OSError as exc:
            exc.filename = exc.filename or str(output or "<stdout>")  # name it in the error line
            raise
    err.print(f"exported {count} document(s)")


@app.command()
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(help="Files, directories (.txt .html .jsonl .csv .warc[.gz]), or -."),
    ],
    db: DbOption = DEFAULT_DB,
    workers: Annotated[int, typer.Option(min=1, help="Analysis processes.")] = 1,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per nlp.pipe batch.")] = 32,
    dask: Annotated[
        str | None, typer.Option(help="Run on Dask: local:N, or a scheduler tcp://HOST:PORT.")
    ] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date for plain inputs.")
    ] = None,
    source: Annotated[str | None, typer.Option(help="Source for plain inputs.")] = None,
    max_chars: Annotated[
        int, typer.Option(min=1, help="Skip documents longer than this.")
    ] = 2_000_000,
    count: Annotated[bool, typer.Option(help="Count inputs first, for an ETA.")] = True,
    redate: RedateOption = False,
) -> None:
    """Stream an archive into the store: resumable, parallel, skipping what is stored."""
    from kronika.bulk import ingest as run_ingest
    from kronika.ingest.count import count_items

    published = _checked_option("--published", published, iso_date)
    store = store_for(db, create=True)
    total = count_items(paths) if count else None
    items = read(paths, Defaults(published=published, source=source, max_chars=max_chars))
    with store, _bulk_progress(total) as progress:
        summary = run_ingest(
            items,
            store,
            workers=workers,
            batch_size=batch_size,
            dask=dask,
            progress=progress,
            redate=redate,
        )
    _print_summary(summary)


@app.command()
def reanalyze(
    db: DbOption = DEFAULT_DB,
    workers: Annotated[int, typer.Option(min=1, help="Analysis processes.")] = 1,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per nlp.pipe batch.")] = 32,
    force: Annotated[
        bool, typer.Option("--force", help="Re-run every document, current version too.")
    ] = False,
) -> None:
    """Re-run, in place, documents analysed by an older pipeline version (people's
    corrections are applied again to the new records)."""
    from kronika.bulk import reanalyze as run_reanalyze
    from kronika.pipeline_version import PIPELINE_VERSION

    stale = None if force else PIPELINE_VERSION
    with store_for(db) as store, _bulk_progress(store.count(stale_for=stale)) as progress:
        summary = run_reanalyze(
            store, workers=workers, batch_size=batch_size, progress=progress, force=force
        )
    _print_summary(summary)


class _bulk_progress:
    """A rich progress bar for bulk runs: documents/s, ETA, errors so far."""

    def __init__(self, total: int | None):
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:.1f} docs/s"),
            TimeRemainingColumn(),
            TextColumn("[red]{task.fields[errors]} errors"),
            console=err,
            disable=not err.is_terminal,
        )
        self.task = self.bar.add_task("ingesting", total=total, rate=0.0, errors=0)
        self.started = time.perf_counter()

    def __enter__(self):
        self.bar.start()
        return self

    def __exit__(self, *exc) -> None:
        self.bar.stop()

    def __call__(self, summary, failure: Failure | None) -> None:
        if failure is not None:
            err.print(f"[red]error[/red]: {failure}", highlight=False, soft_wrap=True)
        done = summary.analysed + summary.skipped + summary.failed
        rate = summary.analysed / max(time.perf_counter() - self.started, 1e-9)
        self.bar.update(self.task, completed=done, rate=rate, errors=summary.failed)


def _print_summary(summary) -> None:
    rate = summary.analysed / summary.seconds if summary.seconds else 0.0
    err.print(
        f"read {summary.read:,} · analysed {summary.analysed:,} · skipped (already stored) "
        f"{summary.skipped:,} · linked to an existing story {summary.linked:,} · failed "
        f"{summary.failed:,} · {summary.seconds:.1f} s ({rate:.1f} docs/s)",
        highlight=False,
    )
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def init(db: DbOption = DEFAULT_DB) -> None:
    """Create an empty store (analyze and ingest create one too; readers never do)."""
    existed = "://" in db or Path(db).exists()
    with store_for(db, create=True) as store:
        count = store.count()
    what = f"already a store with {count:,} document(s)" if existed else "created an empty store"
    err.print(f"{db}: {what}", highlight=False, soft_wrap=True)


def _has_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # the parent package is absent
        return False


def _eval_command(kind: str, help_text: str) -> None:
    def command(
        path: Annotated[Path, typer.Argument(help="Gold data (file or directory).")],
        limit: Annotated[int | None, typer.Option(help="Score only the first N documents.")] = None,
    ) -> None:
        module = importlib.import_module(f"kronika.eval.{kind}")
        if not path.exists():
            err.print(f"[red]error[/red]: {path}: no such file or directory")
            raise typer.Exit(1)
        scores = module.evaluate(path, limit=limit)
        out.print(scores.table())
        for note in scores.notes:
            out.print(note, style="dim")

    command.__doc__ = help_text
    eval_app.command(kind)(command)


for _kind, _help in {
    "entities": "Entities on CoNLL-2003 (four-column IOB), kronika next to plain spaCy.",
    "quotes": "Quotes and speakers on PolNeAR (brat standoff), kronika next to textacy.",
    "places": "Toponym resolution on LGL/GeoWebNews XML, or on kronika's war-reporting annotations of the news CSV, next to a naive baseline.",
    "times": "Time expressions on TimeML (.tml), kronika next to dateparser.",
    "claims": "Numeric claims on kronika's own annotations of the news CSV.",
    "events": "Events on kronika's own annotations of the news CSV.",
    "speakers": "Named-speaker accuracy (PolNeAR dir, news CSV or fixtures), beside textacy.",
    "boilerplate": "Site furniture, line level, on kronika's written gold set (or lines removed "
    "from a CSV of real articles), kronika next to jusText.",
    "html": "Main-text extraction on the Zyte article benchmark, kronika next to trafilatura.",
}.items():
    if _has_module(f"kronika.eval.{_kind}"):
        _eval_command(_kind, _help)


def _mount_optional() -> None:
    """Commands whose modules land with later capabilities (gazetteer, people, web)."""
    if _has_module("kronika.gazetteer.cli"):
        from kronika.gazetteer.cli import gazetteer_app

        app.add_typer(gazetteer_app, name="gazetteer")
    if _has_module("kronika.people.cli"):
        from kronika.people.cli import people

        app.command("people")(people)
    if _has_module("kronika.web.cli"):
        from kronika.web.cli import serve

        app.command("serve")(serve)
    if _has_module("kronika.review.cli"):
        from kronika.review.cli import correct, corrections, users_app

        app.command("correct", no_args_is_help=True)(correct)
        app.command("corrections")(corrections)
        app.add_typer(users_app, name="users")


_mount_optional()


if __name__ == "__main__":
    app()
