"""`kronika correct`, `kronika corrections`, `kronika show` and the corrections
export, as a person types them, on both backends."""

from __future__ import annotations

import json

from review_record import DOC_ID
from typer.testing import CliRunner

from kronika.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_correct_list_show_and_export(store, db_url, tmp_path, monkeypatch):
    from kronika import cli

    monkeypatch.setattr(cli.out, "width", 200)  # one line per fact in `show`
    done = run("correct", DOC_ID[:8], "quotes/0", "speaker", "Iryna Bondar", "--by", "ann",
               "--note", "the clip", "--db", db_url)  # fmt: skip
    assert done.exit_code == 0, done.output
    assert "correction 1:" in done.output
    assert (
        run("correct", DOC_ID, "places/1", "reject", "--by", "bob", "--db", db_url).exit_code == 0
    )

    shown = run("show", DOC_ID, "--db", db_url)
    assert "✎ speaker by ann" in shown.output and "Rejected by people (1)" in shown.output
    record = json.loads(run("show", DOC_ID, "--format", "json", "--db", db_url).output)
    assert record["quotes"][0]["reviewed"]["by"] == "ann"

    listed = json.loads(run("corrections", "--format", "json", "--db", db_url).output)
    assert [(c["action"], c["by"], c["state"]) for c in listed] == [
        ("speaker", "ann", "exact"),
        ("reject", "bob", "exact"),
    ]
    only_bob = run("corrections", DOC_ID, "--by", "bob", "--db", db_url)
    assert "reject" in only_bob.output and "speaker" not in only_bob.output
    assert "no corrections" in run("corrections", "--orphaned", "--db", db_url).output

    exported = tmp_path / "corrections.jsonl"
    assert (
        run("export", "--format", "corrections", "-o", str(exported), "--db", db_url).exit_code == 0
    )
    assert len(exported.read_text().splitlines()) == 2
    other = tmp_path / "other.db"
    run("correct", "x", "places/0", "reject", "--by", "x", "--db", str(other))  # no store yet
    from kronika.store import Store

    Store(other).close()
    imported = run("corrections", "import", str(exported), "--db", str(other))
    assert imported.exit_code == 0 and "imported 2" in imported.output


def test_each_mistake_gets_one_line_and_a_non_zero_exit(store, db_url):
    for args, reason in [
        (("quotes/7", "speaker", "X"), "quotes/7: no such fact"),
        (("quotes/0", "speaker", "E42"), "unknown entity 'E42'"),
        (("places/0", "coordinates", "12,200"), "longitude 200.0 is off the globe"),
        (("places", "reject"), "say which fact"),
    ]:
        result = run("correct", DOC_ID, *args, "--by", "ann", "--db", db_url)
        assert result.exit_code == 1
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: ") and reason in lines[0], lines
    missing = run("correct", DOC_ID, "places/0", "reject", "--db", db_url)
    assert missing.exit_code == 1 and "author (--by) is empty" in missing.output


def test_corrections_stand_after_reanalyze_force(tmp_path, sample_text, nlp):
    from kronika.ingest import Item
    from kronika.pipeline import analyze
    from kronika.store import Store

    db = str(tmp_path / "k.db")
    doc = analyze(Item(name="sample", text=sample_text, published="2024-11-20"), nlp)
    assert doc.quotes and doc.places, "the sample article should have quotes and places"
    with Store(db) as store:
        store.save(doc)
    assert (
        run(
            "correct", doc.id, "quotes/0", "speaker", "A. Reviewer", "--by", "ann", "--db", db
        ).exit_code
        == 0
    )
    assert run("correct", doc.id, "places/0", "reject", "--by", "bob", "--db", db).exit_code == 0
    rejected = doc.places[0]

    result = run("reanalyze", "--force", "--db", db)
    assert result.exit_code == 0, result.output
    assert "analysed 1" in result.output
    with Store(db) as store:
        again = store.get(doc.id)
        assert again.quotes[0].speaker.name == "A. Reviewer"
        assert again.quotes[0].reviewed.by == "ann"
        assert [(r.fact["start"], r.fact["end"]) for r in again.rejected] == [
            (rejected.start, rejected.end)
        ]
        assert store.get(doc.id, machine=True).quotes[0].speaker.name != "A. Reviewer"
