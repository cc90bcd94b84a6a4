"""The ``kronika serve`` command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kronika.store import DEFAULT_DB


def serve(
    db: Annotated[str, typer.Option("--db", help="SQLite file of the store.")] = DEFAULT_DB,
    host: Annotated[
        str, typer.Option("--host", help="Address to bind; local only by default.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option("--workers", help="Worker processes.")] = 1,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="Another Host name browsers may use to reach the server (repeatable); "
            "127.0.0.1, localhost, ::1 and --host are always allowed.",
        ),
    ] = None,
    review: Annotated[
        bool,
        typer.Option(
            "--review",
            help="Let people correct the record (read-only without it); each signs in "
            "with a name, or with an account of --users.",
        ),
    ] = False,
    users: Annotated[
        Path | None,
        typer.Option(
            "--users",
            help="Accounts for a shared server (`kronika users add FILE NAME`); needs --review.",
        ),
    ] = None,
) -> None:
    """Serve the web application and JSON API over the store."""
    import os
    import secrets

    import uvicorn

    from kronika.cli import store_for
    from kronika.web.security import SECRET_ENV, allowed_hosts

    store_for(db).close()  # a typo must not create and serve an empty store
    hosts = allowed_hosts(host, allowed_host or ())
    if users is not None and not review:
        typer.echo(
            "error: --users: give --review too (the server is read-only without it)", err=True
        )
        raise typer.Exit(2)
    if users is not None:
        from kronika.web.reviewers import Accounts

        try:
            Accounts(users)
        except (OSError, ValueError) as exc:
            typer.echo(f"error: --users: {exc}", err=True)
            raise typer.Exit(2) from None
    os.environ["KRONIKA_WEB_REVIEW"] = (
        (str(users.resolve()) if users else "local") if review else ""
    )
    typer.echo(f"kronika: serving {db} on http://{host}:{port}/ (API docs at /api/docs)", err=True)
    os.environ["KRONIKA_WEB_DB"] = str(db)
    os.environ["KRONIKA_WEB_HOSTS"] = ",".join(sorted(hosts))
    # One signing key for every worker, so a form from one worker posts to another.
    os.environ.setdefault(SECRET_ENV, secrets.token_hex(32))
    uvicorn.run(
        "kronika.web.app:from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        server_header=False,
    )
