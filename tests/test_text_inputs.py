"""Text as it really arrives: site furniture, glued bylines, menu-line titles,
and inputs that are nothing but furniture or absurdly large, end to end."""

import json
import subprocess
import sys
import time

import pytest

from kronika.ingest import Item
from kronika.titles import headline

BODY = (
    "Drones struck a fuel depot on the edge of the port overnight, the governor said, "
    "and a fire burned there until the morning."
)


def kronika(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "kronika.cli", *map(str, args)],
        capture_output=True,
        text=True,
        input=stdin,
    )


@pytest.mark.parametrize(
    "text, title",
    [
        (f"Depot burns after drone strike\n\n{BODY}", "Depot burns after drone strike"),
        (f"{BODY}\n\n{BODY}", None),  # the first line is a sentence of the body
        (BODY, None),  # one line: all body, no headline
        (f"By Olena Marchenko\n\n{BODY}", None),
    ],
)
def test_the_headline_is_the_first_line_only_when_it_reads_like_one(text, title):
    assert headline(text) == title


def test_the_stored_title_is_never_a_menu_line_or_the_site_name(nlp):
    from kronika.pipeline import analyze

    text = f"Skip to content\nThe Harbour Herald\nMenu\nDepot burns after drone strike\n\n{BODY}"
    doc = analyze(Item(name="t", text=text), nlp)
    assert doc.title == "Depot burns after drone strike"
    assert {r.kind for r in doc.repairs} == {"boilerplate", "whitespace"} or "boilerplate" in {
        r.kind for r in doc.repairs
    }


def test_a_byline_glued_to_its_timestamp_gives_the_person_without_the_time(nlp):
    from kronika.pipeline import analyze

    text = f"Depot burns after drone strike\nOlena Marchenko14:05, 12.03.24\n\n{BODY}"
    doc = analyze(Item(name="t", text=text), nlp)
    names = {e.name for e in doc.entities}
    assert not any("14:05" in n for n in names)
    (split,) = [r for r in doc.repairs if r.kind == "glued_words"]
    assert text[split.start - 9 : split.start] == "Marchenko"


def test_a_text_of_only_furniture_is_a_bad_item_not_an_empty_record(tmp_path):
    (tmp_path / "menu.txt").write_text("Skip to content\nShare on Facebook\nTweet\n5 min read\n")
    (tmp_path / "good.txt").write_text(f"Depot burns\n\n{BODY}")
    db = tmp_path / "k.db"
    run = kronika("analyze", tmp_path, "--format", "jsonl", "--db", db)
    assert run.returncode == 1
    assert [ln for ln in run.stderr.splitlines() if ln.startswith("error:")] == [
        f"error: {tmp_path / 'menu.txt'}: no article text: only site furniture (menus, share "
        "lines, captions)"
    ]
    assert len(run.stdout.splitlines()) == 1
    import sqlite3

    assert sqlite3.connect(db).execute("select count(*) from documents").fetchone() == (1,)


def test_bulk_ingest_reports_a_furniture_only_record_and_stores_the_rest(tmp_path):
    from kronika.bulk import ingest
    from kronika.store import Store

    items = [
        Item(name="a:1", text="Share | Tweet | Email\nADVERTISEMENT"),
        Item(name="a:2", text=BODY),
    ]
    with Store(str(tmp_path / "k.db")) as store:
        summary = ingest(items, store)
        assert (summary.analysed, summary.failed) == (1, 1)
        assert summary.failures[0].name == "a:1"
        assert store.count() == 1


def test_a_line_recurring_across_an_ingest_run_is_removed_from_every_document(tmp_path):
    from kronika.bulk import ingest
    from kronika.store import Store

    footer = "Harbour Herald - your window on the south since 1998"
    items = [
        Item(name=str(i), text=f"Story {i}\n\n{BODY} Day {i}.\n\n{footer}", source="herald")
        for i in range(6)
    ]
    with Store(str(tmp_path / "k.db")) as store:
        ingest(items, store, batch_size=2)
        docs = list(store.documents())
    assert len(docs) == 6
    for doc in docs:
        assert any(r.kind == "boilerplate" and footer in r.before for r in doc.repairs)


def test_a_100_mb_single_line_is_refused_at_once_with_a_clear_line(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("w") as fh:
        for _ in range(100):
            fh.write("Shelling resumed at dawn. " * 40_000)  # ~1 MB a write, no newline
    started = time.perf_counter()
    run = kronika("analyze", big, "--no-store", "--format", "jsonl")
    assert time.perf_counter() - started < 60
    assert run.returncode == 1
    assert "too large" in run.stderr and "Traceback" not in run.stderr


def test_mixed_scripts_and_right_to_left_text_give_a_clear_record(nlp):
    from kronika.pipeline import analyze

    text = (
        "Shelling resumes near the river\n\n"
        f"{BODY}\n\nقال مسؤولون إن القصف استمر طوال الليل.\n\n"
        "Війська відійшли з села після тижня боїв.\n\nשלום"
    )
    doc = analyze(Item(name="mixed", text=text), nlp)
    assert not [r for r in doc.repairs if r.kind == "boilerplate"]
    json.dumps(doc.to_dict(), ensure_ascii=False)
