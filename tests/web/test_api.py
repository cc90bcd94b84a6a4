"""The JSON API answers in the record format of `kronika analyze`, paginated."""

from __future__ import annotations

import pytest


def test_documents_are_listed_newest_first_with_paging(client):
    body = client.get("/api/documents?limit=2").json()
    assert body["total"] == 4
    assert [d["published"] for d in body["items"]] == ["2024-06-01", "2024-05-14"]
    assert body["next"].endswith("offset=2") or "offset=2" in body["next"]
    rest = client.get(body["next"]).json()
    assert rest["offset"] == 2 and len(rest["items"]) == 2 and rest["next"] is None


def test_a_document_is_its_full_record(client, ids):
    from kronika.records import Document

    record = client.get(f"/api/documents/{ids['handmade']}").json()
    doc = Document.from_dict(record)
    assert doc.to_dict() == record
    assert record["quotes"][0]["speaker"]["name"] == "Olena Marchuk"
    for kind in ("quotes", "places", "times", "claims", "events"):
        for fact in record[kind]:
            assert record["text"][fact["start"] : fact["end"]] == fact["text"]


def test_lists_can_carry_full_records(client, ids):
    body = client.get("/api/search", params={"q": "Izium", "full": "true"}).json()
    assert [d["record"] for d in body["items"]] == [
        client.get(f"/api/documents/{ids['handmade']}").json()
    ]


def test_an_unknown_document_is_404_in_json(client):
    response = client.get("/api/documents/nope")
    assert response.status_code == 404
    assert "nope" in response.json()["error"]


def test_quotes_by_speaker(client, ids):
    body = client.get("/api/quotes", params={"speaker": "Olena Marchuk"}).json()
    assert body["total"] == 1
    item = body["items"][0]
    assert item["doc_id"] == ids["handmade"] and item["index"] == 0
    assert item["quote"]["text"].startswith('"The bridge at Izium')
    assert client.get("/api/quotes", params={"speaker": "Nobody"}).json()["total"] == 0


def test_places_carry_coordinates_and_filter_by_bbox(client):
    everything = client.get("/api/places").json()
    assert {p["place"]["name"] for p in everything["items"]} >= {"Izium", "Kharkiv"}
    east_of_37 = client.get("/api/places", params={"bbox": "37,48,40,51"}).json()
    assert [p["place"]["name"] for p in east_of_37["items"]] == ["Izium"]


def test_events_filter_by_time_and_bbox(client):
    params = {"from": "2024-03-01", "to": "2024-03-31", "bbox": "35,49,38,51"}
    body = client.get("/api/events", params=params).json()
    assert body["total"] == 1
    event = body["items"][0]
    assert event["event"]["plover"] == "FIGHT"
    assert event["place"]["name"] == "Kharkiv"
    assert event["date"].startswith("2024-03-03")
    assert client.get("/api/events", params={"from": "2025-01-01"}).json()["total"] == 0
    assert client.get("/api/events", params={"bbox": "0,0,1,1"}).json()["total"] == 0


def test_places_and_events_filter_by_document(front_line_client, ids):
    doc = {"doc": "frontline0000001"}
    places = front_line_client.get("/api/places", params=doc).json()
    assert {i["doc_id"] for i in places["items"]} == {"frontline0000001"}
    # each at its own coordinates and precision; the village not placed is no marker
    assert [(i["place"]["name"], i["place"]["precision"]) for i in places["items"]] == [
        ("Sumy", 1),
        ("Kharkivska Oblast", 3),
    ]
    events = front_line_client.get("/api/events", params=doc).json()
    assert [e["place"]["name"] for e in events["items"]] == ["Sumy"]
    other = front_line_client.get("/api/places", params={"doc": ids["handmade"]}).json()
    assert {i["place"]["name"] for i in other["items"]} == {"Izium", "Kharkiv"}


@pytest.mark.parametrize("doc", ["'; DROP TABLE places", "a/b", "x" * 65])
def test_a_malformed_document_id_is_a_400(client, doc):
    for path in ("/api/places", "/api/events", "/map"):
        assert client.get(path, params={"doc": doc}).status_code == 400, (path, doc)


def test_an_unknown_document_filter_is_a_404(client):
    for path in ("/api/places", "/api/events", "/map"):
        response = client.get(path, params={"doc": "nosuchdocument"})
        assert response.status_code == 404 and "nosuchdocument" in response.text


def test_a_bad_bbox_is_a_400_with_a_message(client):
    for bbox in ("1,2,3", "a,b,c,d", "10,0,5,1"):
        response = client.get("/api/events", params={"bbox": bbox})
        assert response.status_code == 400
        assert "bbox" in response.json()["error"]


def test_search_finds_phrases_and_prefixes(client, ids):
    phrase = client.get("/api/search", params={"q": '"pontoon crossing"'}).json()
    assert [d["id"] for d in phrase["items"]] == [ids["report"]]
    marked = [piece["text"] for piece in phrase["items"][0]["snippet"] if piece["match"]]
    assert [m.lower() for m in marked] == ["pontoon", "crossing"]
    prefix = client.get("/api/search", params={"q": "generat*"}).json()
    assert [d["id"] for d in prefix["items"]] == [ids["report"]]


def test_malformed_search_is_a_400_with_a_message_not_a_500(client):
    for q in ('"unclosed', "AND", "NEAR(", "*", "(("):
        response = client.get("/api/search", params={"q": q})
        assert response.status_code == 400, q
        assert "bad search query" in response.json()["error"]


def test_what_people_type_is_searched_not_refused(client):
    for q in ("title:", "Kharkiv: strike", "Zelenskiy's", "U.S.", "3,000", "Shahed-type", "-"):
        response = client.get("/api/search", params={"q": q})
        if q == "-":
            assert response.status_code == 400 and "nothing to search for" in response.text
            continue
        assert response.status_code == 200, (q, response.text)
        page = client.get("/", params={"q": q})
        assert page.status_code == 200 and "bad search query" not in page.text


def test_paging_limits_are_checked(client):
    assert client.get("/api/documents?limit=0").status_code == 400
    assert client.get("/api/documents?limit=501").status_code == 400
    assert client.get("/api/documents?offset=-1").status_code == 400


def test_openapi_describes_every_endpoint(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/quotes",
        "/api/places",
        "/api/events",
        "/api/search",
    ):
        assert path in paths
    page = client.get("/api/docs")
    assert page.status_code == 200 and "/api/events" in page.text


def test_a_search_ranks_its_matches_until_there_are_too_many(client, monkeypatch):
    from kronika.web import queries

    ranked = client.get("/api/search", params={"q": "said"}).json()
    assert ranked["order"] == "relevance" and ranked["total"] >= 2
    monkeypatch.setattr(queries, "RANK_LIMIT", 1)
    latest = client.get("/api/search", params={"q": "said"}).json()
    assert latest["order"] == "added"
    assert {d["id"] for d in latest["items"]} == {d["id"] for d in ranked["items"]}
    page = client.get("/", params={"q": "said"})
    assert "Too many matches to rank" in page.text
