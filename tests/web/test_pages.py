"""The pages render, link to each other and show every fact in place."""

from __future__ import annotations

import re
from urllib.parse import quote


def test_the_documents_page_lists_documents(client, ids):
    page = client.get("/")
    assert page.status_code == 200
    assert f'href="/documents/{ids["report"]}"' in page.text
    assert "Engineers rebuild a pontoon crossing" in page.text


def test_search_marks_matches_and_keeps_the_query(client, ids):
    page = client.get("/", params={"q": '"pontoon crossing"'})
    assert page.status_code == 200
    assert f"/documents/{ids['report']}" in page.text
    assert ids["handmade"] not in page.text
    assert "<mark>" in page.text
    assert 'value="&#34;pontoon crossing&#34;"' in page.text


def test_a_malformed_search_is_a_400_page_with_a_message(client):
    page = client.get("/", params={"q": '"unclosed'})
    assert page.status_code == 400
    assert "bad search query" in page.text


def test_filters_by_source_date_person_and_place(client, ids):
    def listed(**params):
        return set(
            re.findall(r'href="/documents/([0-9a-z]+)"', client.get("/", params=params).text)
        )

    assert listed(source="Test Wire") == {ids["handmade"]}
    assert listed(**{"from": "2024-05-01", "to": "2024-05-31"}) == {ids["report"]}
    assert listed(person="Olena Marchuk") == {ids["handmade"]}
    assert listed(place="Izium") == {ids["handmade"]}
    assert listed(place="Atlantis") == set()


def test_the_document_view_highlights_every_kind_of_fact(client, ids):
    page = client.get(f"/documents/{ids['handmade']}")
    assert page.status_code == 200
    html = page.text
    assert 'class="fact entity ent-PERSON quote speaker-0"' in html or "quote speaker-0" in html
    assert 'data-facts="quotes:0' in html
    assert 'href="/map?doc=handmade00000001&amp;place=0"' in html
    assert "DATE: 2024-03-03" in html  # the time's value on hover
    assert "claim" in html and "events:0" in html
    assert 'id="quotes-0"' in html
    assert '<ins class="repair"' in html  # an insertion made by repair
    assert 'href="/entities/Olena%20Marchuk"' in html


def test_the_document_view_keeps_the_text_exactly(client, ids):
    import html as html_lib

    record = client.get(f"/api/documents/{ids['report']}").json()
    page = client.get(f"/documents/{ids['report']}").text
    body = page.split('id="text">', 1)[1].split("</div>", 1)[0]
    shown = html_lib.unescape(re.sub(r"<[^>]+>", "", body))
    assert shown == record["text"]


def test_repairs_show_before_and_after(client, ids):
    record = client.get(f"/api/documents/{ids['report']}").json()
    page = client.get(f"/documents/{ids['report']}").text
    if not record["repairs"]:
        return
    assert "Repairs made before analysis" in page
    assert record["repairs"][0]["kind"] in page


def test_an_unknown_document_is_a_404_page(client):
    page = client.get("/documents/nothing-here")
    assert page.status_code == 404 and "nothing-here" in page.text


def test_the_speaker_page_lists_quotes_and_claims_with_links_back(client, ids):
    page = client.get("/entities/" + quote("Olena Marchuk"))
    assert page.status_code == 200
    assert "The bridge at Izium was destroyed" in page.text
    assert f'href="/documents/{ids["handmade"]}#quotes-0"' in page.text
    assert f'href="/documents/{ids["handmade"]}#claims-0"' in page.text
    assert client.get("/entities/Nobody%20At%20All").status_code == 404


def test_the_entities_page_lists_entities(client):
    page = client.get("/entities")
    assert page.status_code == 200 and "Olena Marchuk" in page.text
    assert "Olena Marchuk" in client.get("/entities?type=PERSON").text


def test_the_map_page_points_at_the_place_api_and_leaflet(client):
    page = client.get("/map?doc=handmade00000001&place=0")
    assert page.status_code == 200
    assert 'src="/vendor/leaflet/leaflet.js"' in page.text
    assert 'data-focus-lat="49.2128"' in page.text
    assert client.get("/vendor/leaflet/leaflet.js").status_code == 200
    assert client.get("/vendor/markercluster/leaflet.markercluster.js").status_code == 200


def test_the_basemap_is_natural_earth_countries(client):
    geo = client.get("/basemap.geojson").json()
    names = {f["properties"]["name"] for f in geo["features"]}
    assert {"Ukraine", "Russia", "France"} <= names


def test_the_timeline_shows_events_with_date_and_precision(client, ids):
    page = client.get("/timeline")
    assert page.status_code == 200
    assert "FIGHT" in page.text and "2024-03-03" in page.text
    assert f"/documents/{ids['handmade']}#events-0" in page.text
    assert "FIGHT" in client.get("/timeline", params={"actor": "Russian forces"}).text
    assert "FIGHT" not in client.get("/timeline", params={"actor": "Nobody"}).text
    assert "FIGHT" in client.get("/timeline", params={"place": "Kharkiv"}).text


def test_the_add_form_rejects_what_it_cannot_take(client, with_token):
    assert client.get("/add").status_code == 200
    empty = client.post(
        "/add", data=with_token(client, **{"text": "  ", "published": "2024-01-01"})
    )
    assert empty.status_code == 400 and "paste the article" in empty.text
    undated = client.post(
        "/add", data=with_token(client, **{"text": "Some words.", "published": "yesterday"})
    )
    assert undated.status_code == 400 and "YYYY-MM-DD" in undated.text
    binary = client.post(
        "/add",
        data=with_token(client, **{"published": "2024-01-01"}),
        files={"file": ("x.txt", b"\x00\x01\x02")},
    )
    assert binary.status_code == 400 and "not text" in binary.text


def test_an_added_article_is_analysed_and_shown(web_db, nlp, tmp_path, local_client, with_token):
    import shutil

    from kronika.web import create_app

    db = tmp_path / "copy.db"
    shutil.copy(web_db, db)
    client = local_client(create_app(db))
    text = (
        "Volunteers in Dnipro repaired a school roof on Friday.\n\nThe city council thanked them."
    )
    upload = client.post(
        "/add",
        data=with_token(client, published="2024-09-06", source="Form Test"),
        files={"file": ("roof.txt", text.encode("utf-8"), "text/plain")},
        follow_redirects=False,
    )
    assert upload.status_code == 303
    page = client.get(upload.headers["location"])
    assert page.status_code == 200 and "repaired a school roof" in page.text
    pasted = client.post(
        "/add", data=with_token(client, **{"published": "2024-09-07", "text": text + " Again."})
    )
    assert pasted.status_code == 200 and "Again." in pasted.text


def test_a_documents_map_lists_its_places_and_the_names_not_placed(client):
    html = client.get("/map?doc=handmade00000001").text
    assert "Places of" in html and "2 placed · 0 not placed" in html
    assert "data-focus-lat" not in html  # the map fits all its places, none singled out


def test_a_front_line_documents_map_shows_only_its_places_and_lists_the_unplaced(
    front_line_client,
):
    html = front_line_client.get("/map?doc=frontline0000001").text
    # the map's data come from the document's own places and events, not the archive's
    assert 'data-places="/api/places?doc=frontline0000001"' in html
    assert 'data-events="/api/events?doc=frontline0000001"' in html
    assert 'data-doc="frontline0000001"' in html
    assert "2 placed · 1 not placed" in html
    beside = html.split('class="doc-places unplaced-side"', 1)[1].split("</aside>", 1)[0]
    assert "<strong>Verbova Balka</strong>: not in the gazetteer" in beside
    assert "considered: Verbivka (UA, 41 km)" in beside
    placed = html.split("<h2>Placed</h2>", 1)[1]
    assert "<td>Sumy</td><td>Sumy (UA)</td><td>town</td>" in placed
    assert "<td>Kharkivska Oblast (UA)</td><td>region or country</td>" in placed
