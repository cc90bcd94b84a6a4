"""Who may correct through `kronika serve`: read-only without --review; with it, a
signed-in author, a same-origin POST and the CSRF token, in the browser's forms
and in the JSON API alike. Every refusal is a 4xx that says why, never a 500,
and a refused write leaves nothing behind. Both backends."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from review_record import DOC_ID

from kronika.review import table
from kronika.web import create_app

ORIGIN = "http://127.0.0.1"


def client_for(db_url, review=None) -> TestClient:
    return TestClient(create_app(db_url, review=review), base_url=ORIGIN)


def token(client: TestClient) -> str:
    return client.get("/api/session").json()["csrf_token"]


def sign_in(client: TestClient, name: str, password: str | None = None) -> str:
    csrf = token(client)
    body = {"name": name, **({"password": password} if password else {})}
    response = client.post("/api/session", json=body, headers={"x-csrf-token": csrf})
    assert response.status_code == 200, response.text
    return csrf


def corrections(store) -> list:
    with store.engine.connect() as conn:
        return table.listed(conn)


def form(csrf: str, **fields) -> dict:
    return {"csrf_token": csrf, **fields}


def test_a_read_only_server_refuses_writes_with_403(store, db_url):
    client = client_for(db_url)
    response = client.post(
        f"/documents/{DOC_ID}/corrections", data={"target": "places/0", "action": "reject"}
    )
    assert response.status_code == 403 and "read-only" in response.text
    api = client.post(f"/api/documents/{DOC_ID}/corrections", json={"target": "places/0"})
    assert api.status_code == 403 and "kronika serve --review" in api.json()["error"]
    assert corrections(store) == []


def test_a_reviewer_corrects_in_a_form_and_the_page_shows_who_and_when(store, db_url):
    client = client_for(db_url, review="local")
    page = client.get(f"/documents/{DOC_ID}")
    assert "sign in to correct" in page.text
    csrf = sign_in(client, "Olha Review")
    done = client.post(
        f"/documents/{DOC_ID}/corrections",
        data=form(csrf, target="quotes/0", action="speaker", value="Iryna Bondar", note="video"),
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"].endswith("#corrected-1")
    page = client.get(f"/documents/{DOC_ID}").text
    assert "correcting as <b>Olha Review</b>" in page
    history = page[page.index('id="history"') :]
    assert "Olha Review" in history and re.search(r"<time>\d{4}-\d\d-\d\dT", history)
    assert '"reviewed":{"by":"Olha Review"' in page  # the panel's data
    reviewed = client.get(f"/documents/{DOC_ID}?show=reviewed").text
    assert 'data-facts="quotes:0"' in reviewed and 'data-facts="places' not in reviewed


def test_reject_then_restore_and_the_rejected_filter(store, db_url):
    client = client_for(db_url, review="local")
    csrf = sign_in(client, "Pavlo")
    client.post(
        f"/documents/{DOC_ID}/corrections", data=form(csrf, target="places/0", action="reject")
    )
    page = client.get(f"/documents/{DOC_ID}?show=rejected").text
    assert '"targets":{"places:0":"rejected/0"}' in page
    assert 'rejected by <b class="who">Pavlo</b>' in page
    client.post(
        f"/documents/{DOC_ID}/corrections", data=form(csrf, target="rejected/0", action="restore")
    )
    assert [c["action"] for c in corrections(store)] == ["reject", "restore"]
    assert client.get(f"/documents/{DOC_ID}?show=nonsense").status_code == 400


def test_csrf_less_cross_origin_forged_and_unsigned_writes_are_refused(store, db_url):
    client = client_for(db_url, review="local")
    csrf = sign_in(client, "Olha")
    url = f"/documents/{DOC_ID}/corrections"
    fields = {"target": "places/0", "action": "reject"}
    assert client.post(url, data=fields).status_code == 403  # no token
    assert client.post(url, data=form("0" * 64, **fields)).status_code == 403  # a guessed one
    cross = client.post(url, data=form(csrf, **fields), headers={"origin": "http://evil.example"})
    assert cross.status_code == 403
    site = client.post(url, data=form(csrf, **fields), headers={"sec-fetch-site": "cross-site"})
    assert site.status_code == 403
    forged = client.post(url, data=form(csrf, by="Someone Else", **fields))
    assert forged.status_code == 403 and "signed-in reviewer" in forged.text
    client.cookies.set("kronika_review", "eyJuIjogIk1hbGxvcnkiLCAidCI6IDB9.deadbeef")
    assert client.post(url, data=form(csrf, **fields)).status_code == 403  # tampered session
    api = client.post(f"/api/documents/{DOC_ID}/corrections", json=fields)
    assert api.status_code == 403
    assert corrections(store) == []


def test_the_api_writes_with_the_same_checks_and_says_what_is_wrong(store, db_url):
    client = client_for(db_url, review="local")
    csrf = sign_in(client, "Olha")
    url, headers = f"/api/documents/{DOC_ID}/corrections", {"x-csrf-token": csrf}

    def post(body):
        return client.post(url, json=body, headers=headers)

    made = post(
        {"target": "places/1", "action": "coordinates", "value": "48.2,37.5", "note": "map"}
    )
    assert made.status_code == 201 and made.json()["by"] == "Olha"
    for body, status, reason in [
        ({"target": "places/9", "action": "reject"}, 400, "no such fact"),
        ({"target": "quotes/0", "action": "speaker", "value": "E77"}, 400, "unknown entity"),
        ({"target": "places/0", "action": "coordinates", "value": "-95,10"}, 400, "off the globe"),
        ({"target": "places/0", "action": "reject", "note": "n" * 1_000_000}, 400, "note is"),
        ({"target": "places/0", "action": "reject", "expect": [0, 1]}, 409, "reload"),
        ({"target": "places/0", "action": "reject", "by": "Mallory"}, 403, "signed-in reviewer"),
    ]:
        response = post(body)
        assert response.status_code == status and reason in response.json()["error"], response.text
    assert client.post(url, content=b"[1, 2", headers=headers).status_code == 400
    huge = client.post(url, json={"target": "places/0", "note": "x" * 10_000_000}, headers=headers)
    assert huge.status_code == 413
    missing = client.post("/api/documents/nosuchdoc/corrections", json={"target": "places/0", "action": "reject"}, headers=headers)  # fmt: skip
    assert missing.status_code == 404
    assert [c["action"] for c in corrections(store)] == ["coordinates"]
    listed = client.get(f"/api/documents/{DOC_ID}/corrections").json()["items"]
    assert listed[0]["by"] == "Olha" and listed[0]["state"] == "exact"


@pytest.fixture
def users(tmp_path):
    from kronika.web.reviewers import add_account

    path = tmp_path / "users.jsonl"
    add_account(path, "Editor One", "correct horse battery", "reviewer")
    add_account(path, "Guest", "only reading here", "reader")
    assert "correct horse" not in path.read_text() and "$argon2id$" in path.read_text()
    return path


def test_accounts_sign_in_with_argon2_passwords_and_readers_get_403(store, db_url, users):
    client = client_for(db_url, review=str(users))
    csrf = token(client)
    wrong = client.post("/api/session", json={"name": "Editor One", "password": "nope nope"}, headers={"x-csrf-token": csrf})  # fmt: skip
    assert wrong.status_code == 403
    nobody = client.post("/api/session", json={"name": "Nobody", "password": "whatever1"}, headers={"x-csrf-token": csrf})  # fmt: skip
    assert nobody.status_code == 403

    csrf = sign_in(client, "Guest", "only reading here")
    refused = client.post(f"/documents/{DOC_ID}/corrections", data=form(csrf, target="places/0", action="reject"))  # fmt: skip
    assert refused.status_code == 403 and "read-only account" in refused.text

    csrf = sign_in(client, "Editor One", "correct horse battery")
    done = client.post(f"/documents/{DOC_ID}/corrections", data=form(csrf, target="places/0", action="reject"), follow_redirects=False)  # fmt: skip
    assert done.status_code == 303
    assert [c["by"] for c in corrections(store)] == ["Editor One"]


def test_the_people_page_merges_and_splits(store, db_url):
    from test_review_store import other_document, person_of

    store.save(other_document())
    medic = person_of(store, "reviewtest000002", "E1")
    bondar = person_of(store, DOC_ID, "E1")
    client = client_for(db_url, review="local")
    assert "Sign in</a> to merge or split" in client.get(f"/people/{bondar}").text
    csrf = sign_in(client, "Olha")
    page = client.get(f"/people/{bondar}").text
    assert 'class="add merge"' in page
    merged = client.post(
        f"/people/{bondar}/corrections",
        data=form(csrf, target=f"{DOC_ID}:E1", action="merge", value=medic, note="same"),
        follow_redirects=False,
    )
    assert merged.status_code == 303, merged.text
    assert person_of(store, "reviewtest000002", "E1") == person_of(store, DOC_ID, "E1")
    page = client.get(f"/people/{bondar}").text
    assert page.count("split off") == 2
    split = client.post(
        f"/people/{bondar}/corrections",
        data=form(csrf, target="reviewtest000002:E1", action="split"),
        follow_redirects=False,
    )
    assert split.status_code == 303
    assert person_of(store, "reviewtest000002", "E1") != person_of(store, DOC_ID, "E1")
    bad = client.post(
        f"/people/{bondar}/corrections", data=form(csrf, target="nodoc:E9", action="split")
    )
    assert bad.status_code == 400
    history = client.get("/documents/reviewtest000002").text
    assert "split" in history[history.index('id="history"') :]


def test_the_documents_list_filters_by_review(store, db_url):
    if "://" in db_url:
        pytest.skip("the web's document list reads SQLite's rowid and FTS5 (web/queries.py)")
    from review_record import record

    from kronika.review.write import correct

    other = record()
    other.id = "reviewtest000009"
    store.save(other)
    correct(store, DOC_ID, "places/0", "reject", by="ann")
    client = client_for(
        store.engine.url.render_as_string(hide_password=False).replace("sqlite:///", "")
    )

    def ids(review):
        return [
            d["id"] for d in client.get("/api/documents", params={"review": review}).json()["items"]
        ]

    assert ids("reviewed") == [DOC_ID] and ids("rejected") == [DOC_ID]
    assert ids("unreviewed") == ["reviewtest000009"]
    assert client.get("/api/documents", params={"review": "maybe"}).status_code == 400
    page = client.get("/", params={"review": "rejected"}).text
    assert DOC_ID in page and "reviewtest000009" not in page
    assert client.get("/", params={"review": "maybe"}).status_code == 400
