"""The archive view of people: four outlets quote one call-sign drone operator; his
person page, the API and `kronika people` gather every quote under one id.
Articles: tests/fixtures/written_people_archive (written for these tests)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from kronika.cli import app as cli
from kronika.ingest import Item
from kronika.pipeline import analyze
from kronika.store import Store
from kronika.web.app import create_app

ARTICLES = sorted((Path(__file__).parents[1] / "fixtures/written_people_archive").glob("*.txt"))
OUTLETS = {"River Wire", "East Daily", "Translated Portal", "Weekly Review"}


@pytest.fixture(scope="module")
def analysed(nlp):
    docs = []
    for path, outlet in zip(ARTICLES, sorted(OUTLETS, key=_order), strict=True):
        item = Item(name=path.name, text=path.read_text(), published="2024-12-01", source=outlet)
        docs.append(analyze(item, nlp))
    return docs


def _order(outlet: str) -> int:
    return ["River Wire", "East Daily", "Translated Portal", "Weekly Review"].index(outlet)


@pytest.fixture
def archive(db_url, analysed):
    with Store(db_url) as store:
        for doc in analysed:
            store.save(doc)
    return db_url


def zubr_quotes(analysed) -> list[tuple[str, int]]:
    return [
        (doc.id, i)
        for doc in analysed
        for i, q in enumerate(doc.quotes)
        if q.speaker and q.speaker.name == "Zubr" and q.speaker.entity
    ]


def test_the_person_page_of_a_call_sign_speaker_lists_every_quote_from_every_outlet(
    archive, analysed
):
    with TestClient(create_app(archive), base_url="http://127.0.0.1") as client:
        listed = client.get("/people", params={"q": "zubr"})
        ids = set(re.findall(r'href="/people/(P[0-9a-f]+)"', listed.text))
        assert len(ids) == 1
        (person,) = ids
        page = client.get(f"/people/{person}")
        assert page.status_code == 200
        linked = set(re.findall(r'href="/documents/([0-9a-f]+)#quotes-(\d+)"', page.text))
        assert {(d, int(i)) for d, i in linked} == set(zubr_quotes(analysed))
        assert len(linked) >= 4
        for outlet in OUTLETS:
            assert outlet in page.text
        doc_id, index = sorted(linked)[0]
        assert f'id="quotes-{index}"' in client.get(f"/documents/{doc_id}").text


def test_the_api_gives_people_and_one_person(archive, analysed):
    with TestClient(create_app(archive), base_url="http://127.0.0.1") as client:
        found = client.get("/api/people", params={"q": "Zubr"}).json()
        assert found["total"] == 1
        person = found["items"][0]
        assert person["documents"] == 4 and person["quotes"] == len(zubr_quotes(analysed))
        one = client.get(f"/api/people/{person['id']}").json()
        assert {q["source"] for q in one["quotes"]} == OUTLETS
        assert all(q["quote"]["speaker"]["name"] == "Zubr" for q in one["quotes"])
        units = client.get("/api/people", params={"type": "UNIT", "q": "68th"}).json()
        assert units["total"] == 1 and units["items"][0]["documents"] == 4
        assert client.get("/api/people/Pnothere").status_code == 404


def test_show_and_export_carry_the_person_id(archive, analysed):
    runner = CliRunner()
    with Store(archive) as store:
        person = store.get(analysed[0].id).entities[1].person
    shown = runner.invoke(cli, ["show", analysed[0].id, "--db", archive, "--format", "text"])
    assert person and person in shown.output
    exported = runner.invoke(cli, ["export", "--db", archive])
    records = [json.loads(line) for line in exported.output.splitlines() if line.startswith("{")]
    zubr = {e["person"] for r in records for e in r["entities"] if e["name"] == "Zubr"}
    assert zubr == {person}


def test_kronika_people_lists_with_aliases_documents_and_quotes(archive):
    runner = CliRunner()
    result = runner.invoke(cli, ["people", "zubr", "--db", archive, "--format", "json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    assert listed["total"] == 1 and listed["items"][0]["name"] == "Zubr"
    text = runner.invoke(cli, ["people", "--db", archive])
    assert "Zubr" in text.output and "68th" in text.output
    missing = runner.invoke(cli, ["people", "--db", "/nonexistent/k.db"])
    assert (
        missing.exit_code == 3 and "error: /nonexistent/k.db" in missing.output
    )  # README: exit codes
