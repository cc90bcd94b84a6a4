"""The command line, run as a user would run it."""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "front-line-report.txt"


def kronika(*args, cwd=None, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "kronika.cli", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin,
    )


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    db = tmp_path_factory.mktemp("cli") / "k.db"
    run = kronika("analyze", SAMPLE, "--published", "2024-11-20", "--format", "jsonl", "--db", db)
    return run, db


def test_analyze_writes_one_jsonl_record_per_document(analysed):
    run, _ = analysed
    assert run.returncode == 0, run.stderr
    (line,) = run.stdout.splitlines()
    record = json.loads(line)
    assert record["published"] == "2024-11-20"
    assert record["text"] == SAMPLE.read_text(encoding="utf-8")
    for entity in record["entities"]:
        for m in entity["mentions"]:
            assert record["text"][m["start"] : m["end"]] == m["text"]


def test_analyze_stores_the_document(analysed):
    _, db = analysed
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from documents").fetchone() == (1,)


def test_analysing_again_replaces_rather_than_duplicates(analysed):
    _, db = analysed
    again = kronika("analyze", SAMPLE, "--published", "2024-11-20", "--format", "jsonl", "--db", db)
    assert again.returncode == 0
    assert sqlite3.connect(db).execute("select count(*) from documents").fetchone() == (1,)


def stored(db) -> list[tuple]:
    return sqlite3.connect(db).execute("select id, published, record from documents").fetchall()


def test_a_bad_date_is_refused_and_nothing_stored_changes(analysed):
    _, db = analysed
    before = stored(db)
    for value, reason in (
        ("notadate", "'notadate' is not a date (give a date as YYYY-MM-DD)"),
        ("2024-02-30", "'2024-02-30' is not a date in the calendar"),
        ("May 26, 2024", "'May 26, 2024' is not a date (give a date as YYYY-MM-DD)"),
    ):
        run = kronika("analyze", SAMPLE, "--published", value, "--db", db)
        assert run.returncode == 2
        assert run.stderr.strip() == f"error: --published: {reason}"
    bad_lang = kronika("ingest", SAMPLE, "--published", "2024-13-01", "--db", db)
    assert bad_lang.returncode == 2 and "--published" in bad_lang.stderr
    assert stored(db) == before


def test_a_new_date_for_a_stored_document_needs_redate(analysed):
    _, db = analysed
    before = stored(db)
    run = kronika("analyze", SAMPLE, "--published", "2024-12-01", "--format", "jsonl", "--db", db)
    assert run.returncode == 1
    (line,) = [ln for ln in run.stderr.splitlines() if ln.startswith("error:")]
    assert "already stored with publication date 2024-11-20" in line
    assert "this input gives 2024-12-01 (pass --redate to change it)" in line
    assert stored(db) == before
    undated = kronika("analyze", SAMPLE, "--format", "jsonl", "--db", db)
    assert undated.returncode == 1 and "gives none" in undated.stderr
    redated = kronika(
        "analyze", SAMPLE, "--published", "2024-12-01", "--redate", "--format", "jsonl", "--db", db
    )
    assert redated.returncode == 0
    assert [row[1] for row in stored(db)] == ["2024-12-01"]
    back = kronika(
        "analyze", SAMPLE, "--published", "2024-11-20", "--redate", "--format", "jsonl", "--db", db
    )
    assert back.returncode == 0 and stored(db)[0][1] == "2024-11-20"


def test_search_show_and_export(analysed):
    _, db = analysed
    found = kronika("search", '"front line"', "--db", db)
    assert found.returncode == 0 and "Volunteers from abroad" in found.stdout
    doc_id = found.stdout.split()[0]
    shown = kronika("show", doc_id, "--format", "json", "--db", db)
    assert json.loads(shown.stdout)["id"] == doc_id
    exported = kronika("export", "--format", "jsonl", "--db", db)
    assert [json.loads(x)["id"] for x in exported.stdout.splitlines()] == [doc_id]


def test_a_bad_search_is_one_clear_line(analysed):
    _, db = analysed
    bad = kronika("search", '"unclosed', "--db", db)
    assert bad.returncode == 2
    assert bad.stderr.strip().startswith("error: bad search query")
    assert "Traceback" not in bad.stderr


def test_a_batch_with_bad_items_reports_each_and_keeps_going(tmp_path, analysed):
    _, db = analysed
    (tmp_path / "good.txt").write_text("Shelling hit the port of Odesa overnight, officials said.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "bad.jsonl").write_text('{"text": "A convoy reached Sumy."}\n{oops\n')
    run = kronika("analyze", tmp_path, "--format", "jsonl", "--db", db)
    assert run.returncode == 1
    errors = [ln for ln in run.stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) == 3
    assert any("empty.txt: empty" in e for e in errors)
    assert any("blob.txt: binary" in e for e in errors)
    assert any("bad.jsonl:2: not JSON" in e for e in errors)
    assert len(run.stdout.splitlines()) == 2
    # The document stored earlier is still there, next to the two new ones.
    assert sqlite3.connect(db).execute("select count(*) from documents").fetchone() == (3,)


def test_jsonl_on_standard_input(tmp_path):
    line = json.dumps(
        {"id": "w1", "text": "Air raid sirens sounded in Lviv.", "published": "2024-02-02"}
    )
    run = kronika(
        "analyze", "-", "--format", "jsonl", "--no-store", stdin=line + "\n", cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["id"] == "w1"
    assert not (tmp_path / "kronika.db").exists()


def test_the_text_report_is_readable(tmp_path):
    run = kronika("analyze", SAMPLE, "--format", "text", "--db", tmp_path / "k.db")
    assert run.returncode == 0
    assert "Repairs" in run.stdout and "Entities" in run.stdout


def test_help_describes_the_commands():
    run = kronika("--help")
    for command in ("analyze", "search", "show", "export", "eval"):
        assert command in run.stdout
