"""``kronika gazetteer …``: build the offline index, import a GeoNames dump, look names up."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

gazetteer_app = typer.Typer(
    help="The offline gazetteer behind place resolution.", no_args_is_help=True
)
out = Console()
KINDS = {0: "own name", 1: "other name", 2: "code", 3: "demonym"}


@gazetteer_app.command()
def build() -> None:
    """(Re)build the index from the installed packages."""
    from kronika.gazetteer.index import build_index, default_path

    started = time.perf_counter()
    path = build_index(default_path())
    out.print(f"built {path} in {time.perf_counter() - started:.1f} s", highlight=False)


@gazetteer_app.command("import")
def import_(
    path: Annotated[
        Path,
        typer.Argument(
            help="A GeoNames dump: UA.zip, RU.zip, allCountries.zip, or the .txt inside."
        ),
    ],
) -> None:
    """Add the places of a GeoNames dump (villages, districts, rivers, islands, dams)."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    from kronika.gazetteer.geonames import DumpError, import_dump

    if not path.is_file():
        _fail(path, "no such file")
    console = Console(stderr=True)
    columns = ("{task.description}", BarColumn(), DownloadColumn(), TimeRemainingColumn())
    bar = Progress(*columns, console=console, transient=True, disable=not console.is_terminal)
    try:
        with bar:
            task = bar.add_task(f"importing {path.name}", total=None)
            count = import_dump(
                path, progress=lambda done, size: bar.update(task, completed=done, total=size)
            )
    except DumpError as err:
        _fail(path, f"{err}; nothing was imported")
    out.print(f"imported {count} places from {path}", highlight=False)


def _fail(item: object, reason: str) -> None:
    sys.stderr.write(f"error: {item}: {reason}\n")  # one line, never wrapped
    raise typer.Exit(1)


@gazetteer_app.command()
def info() -> None:
    """Where the index is, how big, how many places and names."""
    from kronika.gazetteer.index import default

    started = time.perf_counter()
    gazetteer = default()
    loaded = time.perf_counter() - started
    for key, value in gazetteer.info().items():
        out.print(f"{key}: {value}", highlight=False)
    out.print(f"load_seconds: {loaded:.3f}", highlight=False)


@gazetteer_app.command()
def lookup(
    name: Annotated[str, typer.Argument(help="A place name, any spelling or script.")],
) -> None:
    """Every place the index knows by that name, likeliest first (as resolution
    ranks them without an article: its own name over a former or other one,
    then size and kind)."""
    from kronika.components.places_resolve import Mention, prior
    from kronika.gazetteer.index import default

    pairs = default().lookup(name)
    mention = Mention(0, len(name), name, pairs)
    found = sorted(pairs, key=lambda pair: -prior(pair[0], pair[1], mention))
    seen = set()
    for entry, kind in found:
        if entry.id in seen:
            continue
        seen.add(entry.id)
        out.print(
            f"{entry.name}\t{entry.feature}\t{entry.country or ''}\t{entry.admin1 or ''}\t"
            f"{entry.lat:.4f},{entry.lon:.4f}\tpop {entry.population}\tgeonameid {entry.geonameid}"
            f"\t{KINDS.get(kind, '')}",
            highlight=False,
        )
    if not found:
        out.print("no place by that name")
