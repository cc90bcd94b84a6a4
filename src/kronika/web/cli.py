"""The ``kronika serve`` command."""

from __future__ import annotations

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
) -> None:
    """Serve the web application and JSON API over the store."""
    import os

    import uvicorn

    typer.echo(f"kronika: serving {db} on http://{host}:{port}/ (API docs at /api/docs)", err=True)
    os.environ["KRONIKA_WEB_DB"] = str(db)
    uvicorn.run(
        "kronika.web.app:from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        server_header=False,
    )
