"""Bulk ingest: streamed, resumable, idempotent, parallel, and honest about bad input.

The articles are generated from sentences written for these tests, so each is
distinct unless a test makes a copy on purpose.
"""

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from kronika.bulk import ingest, reanalyze
from kronika.ingest import Defaults, read
from kronika.store import Store

TOWNS = ["Izium", "Sumy", "Odesa", "Dnipro", "Poltava", "Lviv", "Chernihiv", "Mykolaiv", "Uzhhorod"]
VERBS = ["shelled", "struck with drones", "hit with missiles", "attacked at dawn"]


def article(i: int) -> str:
    town, verb = TOWNS[i % len(TOWNS)], VERBS[i % len(VERBS)]
    return (
        f"Report {i}: Russian forces {verb} {town} on day {i} of the month, officials said. "
        f"About {i + 3} people were wounded and {i % 5} buildings destroyed, the mayor of {town} "
        f"told reporters. Residents spent {i % 7 + 1} hours in shelters while crews worked."
    )


def jsonl(path, n, start=0):
    path.write_text(
        "".join(
            json.dumps({"id": f"a{i}", "text": article(i)}) + "\n" for i in range(start, start + n)
        )
    )
    return path


def run(paths, store, **kw):
    return ingest(read([str(p) for p in paths], Defaults()), store, batch_size=4, **kw)


def facts(store):
    return {doc.id: doc.to_dict() for doc in store.documents()}


def test_running_again_skips_what_is_stored(tmp_path, db_url):
    source = jsonl(tmp_path / "a.jsonl", 6)
    with Store(db_url) as store:
        first = run([source], store)
        again = run([source], store)
        assert (first.analysed, first.skipped) == (6, 0)
        assert (again.analysed, again.skipped) == (0, 6)
        assert store.count() == 6


def test_a_wire_copy_is_linked_to_its_story_and_every_source_listed(tmp_path, db_url):
    base = article(1) + " " + article(2)
    rows = [
        {"id": "wire", "text": base, "source": "Wire"},
        {
            "id": "copy",
            "text": base.replace("officials said", "officials said on Monday"),
            "source": "Daily",
        },
    ]
    (tmp_path / "r.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    with Store(db_url) as store:
        summary = run([tmp_path / "r.jsonl"], store)
        assert summary.linked == 1
        story = next(s for s in store.stories() if s["story"] == "wire")
        assert sorted(story["sources"]) == ["Daily", "Wire"]
        assert store.count_facts("entities", per="story") < store.count_facts(
            "entities", per="report"
        )


def test_bad_input_is_reported_with_its_location_and_the_run_goes_on(tmp_path):
    (tmp_path / "good.jsonl").write_text(json.dumps({"text": article(1)}) + "\n{broken\n")
    (tmp_path / "rows.csv").write_text(f'id,text\nc1,"{article(2)}"\nc2,"unclosed quote\n')
    (tmp_path / "notext.jsonl").write_text(json.dumps({"title": "no text"}) + "\n")
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, [article(3), article(4)])
    truncated = tmp_path / "cut.warc.gz"
    truncated.write_bytes(warc.read_bytes()[: warc.stat().st_size * 3 // 4])  # inside record 2
    with Store(tmp_path / "k.db") as store:
        summary = run([tmp_path], store)
    where = sorted(f.name.replace(str(tmp_path) + "/", "") for f in summary.failures)
    assert summary.analysed == 4  # good.jsonl:1, rows.csv c1, both WARC articles
    assert where[0].startswith("cut.warc.gz@")
    assert "good.jsonl:2" in where and "notext.jsonl:1" in where
    assert any(w.startswith("rows.csv:") for w in where)


def test_a_file_that_disappears_mid_run_is_one_failure(tmp_path):
    jsonl(tmp_path / "a.jsonl", 2)
    gone = jsonl(tmp_path / "b.jsonl", 2, start=2)
    items = read([str(tmp_path)], Defaults())
    first = next(items)
    gone.unlink()
    with Store(tmp_path / "k.db") as store:
        summary = ingest([first, *items], store)
    assert summary.analysed == 2
    assert [f.message for f in summary.failures] == ["no such file"]


def test_two_workers_give_the_same_records_as_one(tmp_path):
    source = jsonl(tmp_path / "a.jsonl", 8)
    with Store(tmp_path / "one.db") as one, Store(tmp_path / "two.db") as two:
        run([source], one)
        run([source], two, workers=2)
        assert facts(one) == facts(two)


def test_dask_gives_the_same_records_as_a_single_process(tmp_path, db_url):
    pytest.importorskip("dask.distributed")
    source = jsonl(tmp_path / "a.jsonl", 4)
    with Store(tmp_path / "one.db") as one, Store(db_url) as cluster:
        run([source], one)
        run([source], cluster, dask="local:1")
        assert facts(one) == facts(cluster)


def test_reanalyze_reruns_documents_of_an_older_pipeline_version(tmp_path, db_url):
    source = jsonl(tmp_path / "a.jsonl", 3)
    with Store(db_url) as store:
        run([source], store)
        with store.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE documents SET pipeline_version = '0' WHERE id = 'a1'")
        summary = reanalyze(store, batch_size=4)
        assert summary.analysed == 1
        assert store.ids(stale_for="0") == ["a0", "a1", "a2"]
        assert store.count() == 3


def test_killing_the_ingest_loses_nothing_stored_and_a_rerun_finishes(tmp_path):
    source = jsonl(tmp_path / "a.jsonl", 40)
    db = tmp_path / "k.db"
    cmd = [
        sys.executable,
        "-m",
        "kronika.cli",
        "ingest",
        str(source),
        "--db",
        str(db),
        "--batch-size",
        "2",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and _stored(db) < 4:
        time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    stored_before = _stored(db)
    assert 0 < stored_before < 40
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
    rerun = subprocess.run(cmd, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    con = sqlite3.connect(db)
    assert con.execute("select count(*), count(distinct id) from documents").fetchone() == (40, 40)


def _stored(db) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(db, timeout=1)
        return con.execute("select count(*) from documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def write_warc(path, texts):
    with open(path, "wb") as raw:
        writer = WARCWriter(raw, gzip=True)
        for i, body in enumerate(texts):
            html = f"<html><head><title>Report {i}</title></head><body><article><h1>Report {i}</h1>"
            paragraphs = [body, *(article(100 * (i + 1) + k) for k in range(3))]
            html += "".join(f"<p>{p}</p>" for p in paragraphs) + "</article></body></html>"
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://news.example/{i}",
                "response",
                payload=io.BytesIO(html.encode()),
                http_headers=headers,
            )
            writer.write_record(record)
