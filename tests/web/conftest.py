"""A real SQLite store for the web tests, built from articles written for these tests:
one plain report, hostile ones, a 10 MB single line, and one record whose facts of
every kind are written by hand (so the pages are tested whatever components exist)."""

from __future__ import annotations

import pytest

from kronika.records import (
    Claim,
    Document,
    Entity,
    Event,
    Mention,
    Place,
    Quote,
    Repair,
    Speaker,
    Time,
)

REPORT = """Engineers rebuild a pontoon crossing on the Oskil river

Sappers from a Ukrainian engineering brigade spent the night rebuilding a pontoon crossing on the Oskil river, their commander said on Tuesday. The crossing had been hit twice by glide bombs in a week.

"Every time they break it, we put it back before morning," said Major Dmytro Hrytsenko, who leads the unit. The brigade asked the regional administration for more generators.
"""

HOSTILE = """<script>alert('article')</script> Shelling hit the market square, officials said.

<img src=x onerror="alert('img')"> Colonel Ivan Petrenko said the <b>line</b> held.

Read more at javascript:alert(document.cookie) or <a href="javascript:alert('link')">this link</a>.

Right-to-left override: \u202egnp.exe\u202c and an isolate \u2067inside\u2069 end here.
"""

HOSTILE_TITLE = "<script>alert('title')</script> Hostile & <b>bold</b>"
HOSTILE_SOURCE = "\"><svg onload=alert('source')>"
HOSTILE_URL = "javascript:alert('url')"

HANDMADE_TEXT = (
    'General Olena Marchuk said: "The bridge at Izium was destroyed on 3 March." '
    "Russian forces fired 40 missiles at Kharkiv overnight, the ministry said."
)
HANDMADE_ID = "handmade00000001"
LONG_LINE_ID = "longline00000001"


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def handmade_document() -> Document:
    """A record with every kind of fact, offsets found in its own text."""
    t = HANDMADE_TEXT
    s = {w: _span(t, w) for w in ("Olena Marchuk", "Izium", "3 March", "Kharkiv", "overnight")}
    quote = _span(t, '"The bridge at Izium was destroyed on 3 March."')
    claim = _span(t, "40 missiles")
    event = _span(t, "Russian forces fired 40 missiles at Kharkiv")
    return Document(
        id=HANDMADE_ID,
        text=t,
        title="Handmade record: the Izium bridge",
        published="2024-03-04",
        source="Test Wire",
        url="https://example.org/izium",
        repairs=[Repair("glued_punctuation", 26, 26, "", " ")],
        entities=[
            Entity(
                "E1", "Olena Marchuk", "PERSON", [Mention(*s["Olena Marchuk"], "Olena Marchuk")]
            ),
            Entity("E2", "Izium", "GPE", [Mention(*s["Izium"], "Izium")]),
            Entity("E3", "Kharkiv", "GPE", [Mention(*s["Kharkiv"], "Kharkiv")]),
        ],
        quotes=[
            Quote(
                *quote,
                t[quote[0] : quote[1]],
                True,
                Speaker("Olena Marchuk", "E1", *s["Olena Marchuk"]),
                "said",
            )
        ],
        places=[
            Place(*s["Izium"], "Izium", "Izium", 707753, 49.2128, 37.2569, "UA"),
            Place(*s["Kharkiv"], "Kharkiv", "Kharkiv", 706483, 49.9808, 36.2527, "UA"),
        ],
        times=[
            Time(*s["3 March"], "3 March", "DATE", "2024-03-03"),
            Time(*s["overnight"], "overnight", "TIME", "2024-03-03TNI"),
        ],
        claims=[Claim(*claim, "40 missiles", "40 missiles", 40, 40, speaker="Olena Marchuk")],
        events=[
            Event(
                *event,
                t[event[0] : event[1]],
                "FIGHT",
                "Explosions/Remote violence",
                actors=["Russian forces"],
                recipients=["Kharkiv"],
                place=1,
                time=1,
                confidence=0.9,
            )
        ],
    )


FRONT_LINE_TEXT = (
    "Drones struck an apartment block in Sumy overnight, the regional governor said. "
    "Shelling was reported across the Kharkiv region, and the village of Verbova Balka "
    "lost power."
)
FRONT_LINE_ID = "frontline0000001"


def front_line_document() -> Document:
    """A front-line report's places as the places component leaves them: a town at
    town level, a region at region level, and a village the gazetteer lacks."""
    t = FRONT_LINE_TEXT
    s = {w: _span(t, w) for w in ("Sumy", "Kharkiv region", "Verbova Balka", "overnight")}
    event = _span(t, "Drones struck an apartment block in Sumy")
    village = "Verbova Balka"
    return Document(
        id=FRONT_LINE_ID,
        text=t,
        title="Drones hit Sumy overnight",
        published="2024-06-10",
        source="Test Wire",
        places=[
            Place(*s["Sumy"], "Sumy", "Sumy", 692194, 50.9216, 34.8003, "UA", precision=1),
            Place(
                *s["Kharkiv region"],
                "Kharkiv region",
                "Kharkivska Oblast",
                706482,
                49.5,
                36.5,
                "UA",
                feature="ADM1",
                precision=3,
            ),
            Place(
                *s[village],
                village,
                village,
                resolved=False,
                reason="not in the gazetteer (import a GeoNames country dump)",
                candidates=["Verbivka (UA, 41 km)"],
            ),
        ],
        times=[Time(*s["overnight"], "overnight", "TIME", "2024-06-10TNI")],
        events=[
            Event(
                *event,
                t[event[0] : event[1]],
                "ATTACK",
                "Explosions/Remote violence",
                actors=["Drones"],
                place=0,
                time=0,
                confidence=0.8,
            )
        ],
    )


def long_line_document() -> Document:
    """Ten million characters on one line, with a script tag at each end."""
    body = (
        "<script>alert('long')</script> " + "drone " * 1_666_660 + " <img src=x onerror=alert(1)>"
    )
    return Document(id=LONG_LINE_ID, text=body, title=None, published="2024-01-01")


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, nlp) -> str:
    """The store the web tests read: analysed articles plus hand-built records."""
    from kronika.ingest import Item
    from kronika.pipeline import analyze
    from kronika.store import Store

    path = tmp_path_factory.mktemp("web") / "web.db"
    report = Item(name="report", text=REPORT, published="2024-05-14", source="Field Notes")
    hostile = Item(
        name="hostile",
        text=HOSTILE,
        published="2024-06-01",
        title=HOSTILE_TITLE,
        source=HOSTILE_SOURCE,
        url=HOSTILE_URL,
    )
    with Store(path) as store:
        for item in (report, hostile):
            store.save(analyze(item, nlp))
        store.save(handmade_document())
        store.save(long_line_document())
    return str(path)


@pytest.fixture(scope="session")
def app(web_db):
    from kronika.web import create_app

    return create_app(web_db)


def _local_client(app, **options):
    """A test client that reaches the app by a name it serves (127.0.0.1)."""
    from fastapi.testclient import TestClient

    return TestClient(app, base_url="http://127.0.0.1", **options)


def _with_token(client, **fields) -> dict:
    """The form fields plus the CSRF token of a freshly loaded add form (whose
    response also gives the client its CSRF cookie)."""
    import re

    page = client.get("/add").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return {**fields, "csrf_token": token}


@pytest.fixture(scope="session")
def local_client():
    """``local_client(app)``: a TestClient for an app of the test's own."""
    return _local_client


@pytest.fixture(scope="session")
def with_token():
    """``with_token(client, **fields)``: form fields plus a valid CSRF token."""
    return _with_token


@pytest.fixture(scope="session")
def client(app):
    return _local_client(app)


@pytest.fixture(scope="session")
def ids() -> dict[str, str]:
    """The id of each test document, by what it is."""
    from kronika.pipeline import document_id

    return {
        "report": document_id(REPORT),
        "hostile": document_id(HOSTILE),
        "handmade": HANDMADE_ID,
        "long": LONG_LINE_ID,
    }


@pytest.fixture(scope="session")
def front_line() -> Document:
    return front_line_document()


@pytest.fixture(scope="session")
def front_line_client(web_db, tmp_path_factory, front_line):
    """A client of the web tests' store plus the front-line report (its own copy, so
    the shared store's counts stay as the other tests know them)."""
    import shutil

    from kronika.store import Store
    from kronika.web import create_app

    path = tmp_path_factory.mktemp("front") / "front.db"
    shutil.copy(web_db, path)
    with Store(path) as store:
        store.save(front_line)
    return _local_client(create_app(str(path)))
