"""`kronika serve` is a command of the CLI, and each uvicorn worker builds the app from
the environment."""

from __future__ import annotations

from typer.testing import CliRunner


def test_serve_is_a_kronika_command():
    from kronika.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--workers"):
        assert option in result.output
    assert "127.0.0.1" in result.output


def test_workers_build_the_app_from_the_environment(web_db, monkeypatch, local_client):
    from kronika.web.app import from_environment

    monkeypatch.setenv("KRONIKA_WEB_DB", web_db)
    client = local_client(from_environment())
    assert client.get("/api/documents").json()["total"] == 4
