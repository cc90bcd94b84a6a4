"""No traceback from any command: every way a store can be unusable is one line on
stderr, ``error: <store>: <reason>``, and exit code 3 (README, "Exit codes"); a
reader never creates a store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kronika import store as store_module
from kronika.cli import app

ARTICLE = "Rain fell on the city overnight, the mayor said on Monday."
COMMANDS = [
    "analyze",
    "ingest",
    "reanalyze",
    "init",
    "search",
    "show",
    "export",
    "serve",
    "people",
]
WRITERS = {"analyze", "ingest", "reanalyze", "init"}


def commands(tmp_path: Path, db: str) -> dict[str, list[str]]:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    args = [str(article), "--published", "2024-05-01"]
    return {
        "analyze": ["analyze", *args, "--format", "jsonl", "--db", db],
        "ingest": ["ingest", *args, "--db", db],
        "reanalyze": ["reanalyze", "--db", db],
        "init": ["init", "--db", db],
        "search": ["search", "rain", "--db", db],
        "show": ["show", "abc", "--db", db],
        "export": ["export", "--db", db],
        "serve": ["serve", "--db", db],
        "people": ["people", "--db", db],
    }


def run(args: list[str]):
    return CliRunner().invoke(app, args)


def assert_one_line(result, *words: str) -> None:
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 3, (result.exit_code, result.stderr, result.exception)
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output + result.stderr
    for word in words:
        assert word in lines[0], lines[0]


@pytest.fixture(autouse=True)
def no_server(monkeypatch):
    """``serve`` must fail before it starts; if it ever got that far, it returns."""
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)


@pytest.fixture
def good_store(tmp_path) -> str:
    db = str(tmp_path / "k.db")
    assert run(["init", "--db", db]).exit_code == 0
    return db


BROKEN = {
    "missing folder": (lambda tmp: str(tmp / "nowhere" / "k.db"), "no such directory"),
    "a directory": (lambda tmp: str(tmp), "is a directory"),
    "not a database": (
        lambda tmp: _write(tmp / "notes.db", b"plain text\n" * 50),
        "not a kronika store",
    ),
    "another program's database": (
        lambda tmp: _other_sqlite(tmp / "other.db"),
        "not a kronika store",
    ),
}


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def _other_sqlite(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE birds (name TEXT)")
    return str(path)


@pytest.mark.parametrize("case", BROKEN)
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_refuses_an_unusable_store_in_one_line(tmp_path, case, command):
    make, reason = BROKEN[case]
    db = make(tmp_path)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    assert_one_line(run(commands(tmp_path, db)[command]), db, reason)
    after = sorted(p.name for p in tmp_path.rglob("*") if p.name != "article.txt")
    assert after == [n for n in before if n != "article.txt"]


@pytest.mark.parametrize("command", sorted(set(COMMANDS) - WRITERS))
def test_readers_refuse_a_missing_store_and_create_none(tmp_path, command):
    db = tmp_path / "typo.db"
    assert_one_line(run(commands(tmp_path, str(db))[command]), "no store here", "kronika init")
    assert not db.exists()


def test_init_analyze_and_ingest_create_a_store(tmp_path):
    for command in ("init", "analyze", "ingest"):
        db = tmp_path / f"{command}.db"
        result = run(commands(tmp_path, str(db))[command])
        assert result.exit_code == 0, result.stderr
        assert db.exists()


def test_a_locked_store_is_one_line(tmp_path, good_store, monkeypatch):
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(good_store)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("CREATE TABLE IF NOT EXISTS hold (x)")
    try:
        for command, args in commands(tmp_path, good_store).items():
            assert_one_line(run(args), good_store, "locked by another program"), command
    finally:
        holder.rollback()
        holder.close()


def test_a_read_only_store_can_be_read_but_not_written(tmp_path, good_store, monkeypatch):
    assert run(commands(tmp_path, good_store)["analyze"]).exit_code == 0
    monkeypatch.setattr(store_module, "EXTRA_PRAGMAS", ["PRAGMA query_only=ON"])
    for command, args in commands(tmp_path, good_store).items():
        if command in ("analyze", "ingest"):
            (tmp_path / "article.txt").write_text(ARTICLE + f" {command}.", encoding="utf-8")
            assert_one_line(run(args), good_store, "read-only")
        else:  # nothing to write: reading a read-only store works
            result = run(args)
            assert result.exit_code in (0, 1), (command, result.stderr)
            assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) <= 1


def test_a_full_disk_is_one_line(tmp_path, good_store, monkeypatch):
    assert run(commands(tmp_path, good_store)["analyze"]).exit_code == 0
    pages = sqlite3.connect(good_store).execute("PRAGMA page_count").fetchone()[0]
    monkeypatch.setattr(store_module, "EXTRA_PRAGMAS", [f"PRAGMA max_page_count={pages}"])
    for command in ("analyze", "ingest"):
        args = commands(tmp_path, good_store)[command]
        (tmp_path / "article.txt").write_text(ARTICLE * 200 + command, encoding="utf-8")
        assert_one_line(run(args), good_store, "the disk is full")
    monkeypatch.setattr(store_module, "EXTRA_PRAGMAS", [])
    if Path("/dev/full").exists():
        result = run(["export", "--db", good_store, "-o", "/dev/full"])
        assert_one_line(result, "/dev/full", "the disk is full")
