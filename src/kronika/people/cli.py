"""``kronika people [QUERY]``: people and units across the archive."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

out = Console()
err = Console(stderr=True)


class PeopleFormat(StrEnum):
    text = "text"
    json = "json"


def people(
    query: Annotated[
        str, typer.Argument(help="Words of a name or call sign (any spelling), or a person id.")
    ] = "",
    db: Annotated[str, typer.Option("--db", help="SQLite file (or database URL).")] = "kronika.db",
    fmt: Annotated[
        PeopleFormat, typer.Option("--format", help="text (a table) or json.")
    ] = PeopleFormat.text,
    kind: Annotated[str, typer.Option("--type", help="PERSON or UNIT.")] = "",
    limit: Annotated[int, typer.Option(help="How many, most documents first.")] = 50,
    anonymous: Annotated[
        bool, typer.Option(help="Also list anonymous sources (one per document).")
    ] = False,
) -> None:
    """People and units across the archive: one identity per person over every
    transliteration, with aliases, call signs, descriptions, documents and quotes."""
    from kronika.cli import store_for
    from kronika.people.read import list_people

    if limit < 1:
        err.print(f"[red]error[/red]: --limit {limit}: must be at least 1")
        raise typer.Exit(2)
    # store_for: a missing, broken or locked store is one line (exit 3), never created.
    with store_for(db) as store, store.engine.connect() as conn:
        total, items = list_people(conn, query, kind, limit, 0, anonymous)
    if fmt is PeopleFormat.json:
        sys.stdout.write(json.dumps({"total": total, "items": items}, ensure_ascii=False) + "\n")
        return
    if not items:
        err.print("no people match" if query else "no people stored yet")
        return
    table = Table(title=f"{total} people and units" + (f" matching {query!r}" if query else ""))
    for column in ("id", "type", "name", "aliases", "call signs", "descriptions", "docs", "quotes"):
        table.add_column(column, overflow="fold", no_wrap=column == "id")
    for p in items:
        table.add_row(
            p["id"], p["type"], p["name"], ", ".join(a for a in p["aliases"] if a != p["name"]),
            ", ".join(p["callsigns"]), "; ".join(p["descriptions"][:3]), str(p["documents"]),
            str(p["quotes"]),
        )  # fmt: skip
    out.print(table)
