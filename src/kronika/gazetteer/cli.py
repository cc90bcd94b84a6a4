"""``kronika gazetteer …``: build the offline index, import a GeoNames dump, look names up."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

gazetteer_app = typer.Typer(
    help="The offline gazetteer behind place resolution.", no_args_is_help=True
)
out = Console()


@gazetteer_app.command()
def build() -> None:
    """(Re)build the index from the installed packages."""
    from kronika.gazetteer.index import build_index, default_path

    started = time.perf_counter()
    path = build_index(default_path())
    out.print(f"built {path} in {time.perf_counter() - started:.1f} s", highlight=False)


@gazetteer_app.command("import")
def import_(
    path: Annotated[Path, typer.Argument(help="A GeoNames dump: allCountries.txt or e.g. UA.txt.")],
) -> None:
    """Add the places of a GeoNames dump (villages, districts, rivers, peninsulas)."""
    from kronika.gazetteer.geonames import import_dump

    if not path.exists():
        out.print(f"[red]error[/red]: {path}: no such file")
        raise typer.Exit(1)
    count = import_dump(path)
    out.print(f"imported {count} places from {path}", highlight=False)


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
    """Every place the index knows by that name, most populous first."""
    from kronika.gazetteer.index import default

    found = sorted(default().lookup(name), key=lambda pair: -pair[0].population)
    seen = set()
    for entry, _ in found:
        if entry.id in seen:
            continue
        seen.add(entry.id)
        out.print(
            f"{entry.name}\t{entry.feature}\t{entry.country or ''}\t{entry.admin1 or ''}\t"
            f"{entry.lat:.4f},{entry.lon:.4f}\tpop {entry.population}\tgeonameid {entry.geonameid}",
            highlight=False,
        )
    if not found:
        out.print("no place by that name")
