"""``kronika correct …`` and ``kronika corrections …``: people correct the record."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from kronika.review.corrections import CorrectionError
from kronika.store import DEFAULT_DB

out = Console()
err = Console(stderr=True)

CORRECT_HELP = """Correct one fact of a stored document. The correction is kept beside the
machine's record (never over it), survives `kronika reanalyze`, and shows on every read.

TARGET is KIND/N with N the fact's index as `kronika show` prints it (quotes/0,
places/2, rejected/0), or KIND alone to add a fact. ACTION and VALUE:

  quotes/N speaker "NAME"        (a name, or an entity id of the document: E3)
  places/N candidate GEONAMEID   (another gazetteer place)
  places/N coordinates LAT,LON
  times/N value TIMEX3           (2024-11-20, 2024-W47, P3D…)
  claims/N claimant "NAME"       claims/N quantity 40-50
  KIND/N reject                  rejected/N restore
  quotes add START:END ["SPEAKER"]   places add START:END [GEONAMEID|LAT,LON]
  claims add START:END [QUANTITY]    times add START:END TIMEX3
  entities/N merge OTHER             entities/N split
"""


def correct(
    doc_id: Annotated[str, typer.Argument(help="Document id (or a unique prefix).")],
    target: Annotated[str, typer.Argument(help="KIND/N as `kronika show` numbers it, or KIND.")],
    action: Annotated[str, typer.Argument(help="speaker, candidate, reject, restore, add…")],
    value: Annotated[list[str] | None, typer.Argument(help="The new value.")] = None,
    by: Annotated[str, typer.Option("--by", help="Who makes the correction.")] = "",
    note: Annotated[str | None, typer.Option("--note", help="Why (kept with it).")] = None,
    db: Annotated[str, typer.Option("--db", help="SQLite file (or database URL).")] = DEFAULT_DB,
) -> None:
    from kronika.review.write import correct as make

    with _store(db) as store:
        try:
            c = make(store, doc_id, target, action, value or [], by=by, note=note)
        except CorrectionError as exc:
            _fail(f"{doc_id} {target} {action}", str(exc))
    out.print(
        f"correction {c.id}: {c.doc_id} {c.kind} {c.action} by {c.by} at {c.at}",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )


correct.__doc__ = CORRECT_HELP


def corrections(
    what: Annotated[
        list[str] | None,
        typer.Argument(help="DOC_ID to list one document's; or `import FILE`."),
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Only this author's.")] = None,
    orphaned: Annotated[
        bool, typer.Option("--orphaned", help="Only those that found no fact after re-analysis.")
    ] = False,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    db: Annotated[str, typer.Option("--db", help="SQLite file (or database URL).")] = DEFAULT_DB,
) -> None:
    """List corrections (where each stands: exact, moved, nearest or orphaned), or
    `kronika corrections import FILE` to add those of an exported JSONL file."""
    from kronika.review import table

    what = what or []
    if what[:1] == ["import"]:
        if len(what) != 2:
            _fail(
                "corrections import",
                "give one FILE (JSONL from `kronika export --format corrections`)",
            )
        _import(Path(what[1]), db)
        return
    if len(what) > 1:
        _fail("corrections", f"give at most one DOC_ID, got {len(what)}")
    if fmt not in ("text", "json"):
        _fail("--format", f"unknown format {fmt!r}; choose text or json")
    with _store(db) as store:
        doc_id = None
        if what:
            doc_id = store.full_id(what[0])
            if doc_id is None:
                _fail(what[0], "no single document with this id")
        with store.engine.connect() as conn:
            rows = table.listed(conn, doc_id, by, orphaned)
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    for r in rows:
        a = r["anchor"]
        words = " ".join(a["text"].split())
        where = f"{r['kind']} {a['start']}:{a['end']} {json.dumps(words[:40] + ('…' if len(words) > 40 else ''), ensure_ascii=False)}"
        value = json.dumps(r["value"], ensure_ascii=False) if r["value"] else ""
        out.print(
            f"{r['id']:>5}  {r['at']}  {r['by']}  {r['doc_id']}  {where} {r['action']} {value}"
            f"  [{r['state']}{': ' + r['reason'] if r['reason'] else ''}]"
            + (f"  note: {r['note']}" if r["note"] else ""),
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
    if not rows:
        err.print("no corrections")


def _import(path: Path, db: str) -> None:
    from kronika.review.exchange import import_lines

    if not path.exists():
        _fail(str(path), "no such file")
    with _store(db) as store, path.open(encoding="utf-8") as fh:
        summary = import_lines(store, fh)
    for problem in summary.problems:
        err.print(
            f"[red]error[/red]: {escape(f'{path}:{problem}')}", highlight=False, soft_wrap=True
        )
    err.print(
        f"imported {summary.added} · already here {summary.present} · "
        f"for documents not in this store {summary.waiting} · failed {len(summary.problems)}",
        highlight=False,
    )
    if summary.problems:
        raise typer.Exit(1)


def _store(db: str):
    from kronika.store import StoreError, open_store

    try:
        return open_store(db)  # a missing store is an error, never created here
    except StoreError as exc:
        _fail(exc.db, exc.reason)


def _fail(item: str, reason: str):
    err.print(f"[red]error[/red]: {escape(f'{item}: {reason}')}", highlight=False, soft_wrap=True)
    raise typer.Exit(1)


users_app = typer.Typer(
    help="Accounts for a shared `kronika serve --review --users FILE`.", no_args_is_help=True
)


@users_app.command("add")
def add_user(
    path: Annotated[Path, typer.Argument(help="The users file (created if missing).")],
    name: Annotated[str, typer.Argument(help="The reviewer's name, as corrections will show it.")],
    reader: Annotated[
        bool, typer.Option("--reader", help="May sign in and read, not write.")
    ] = False,
    password: Annotated[
        str,
        typer.Option(
            prompt=True, hide_input=True, confirmation_prompt=True, help="At least 8 characters."
        ),
    ] = "",
) -> None:
    """Add or replace an account; its password is stored hashed with argon2id."""
    from kronika.web.reviewers import add_account

    try:
        add_account(path, name, password, "reader" if reader else "reviewer")
    except CorrectionError as exc:
        _fail(name, str(exc))
    out.print(
        f"{name}: {'reader' if reader else 'reviewer'} in {path}", highlight=False, markup=False
    )
