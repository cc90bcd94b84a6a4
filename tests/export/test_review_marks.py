"""Exports carry the reviewed record with review marks: an ACLED row or a PLOVER
record says who corrected the event or a fact it uses, when, and why."""

import csv
import io
import json

from kronika.export import FORMATS
from kronika.records import Review

MOVED = Review(
    "ann", "2024-09-03T10:00:00Z", "the depot is on the town's edge", {"lat": 49.7}, "coordinates"
)
RETYPED = Review("bob", "2024-09-04T08:30:00Z", None, {"plover": "COERCE"}, "add")


def acled(document) -> list[dict[str, str]]:
    out = io.StringIO()
    FORMATS["acled-csv"]([document], out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def plover(document) -> list[dict]:
    out = io.StringIO()
    FORMATS["plover"]([document], out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_the_machines_event_has_empty_review_marks(document):
    row = acled(document)[0]
    assert (row["reviewed_by"], row["reviewed_at"], row["review_note"]) == ("", "", "")
    assert [r["reviewed"] for r in plover(document)] == [None, None]


def test_a_corrected_place_marks_the_event_that_uses_it(document):
    document.places[0].reviewed = MOVED
    row = acled(document)[0]
    assert row["reviewed_by"] == "ann" and row["reviewed_at"] == "2024-09-03T10:00:00Z"
    assert row["review_note"] == "place (coordinates): the depot is on the town's edge"
    strike, meeting = plover(document)
    assert strike["reviewed"]["place"]["by"] == "ann"
    assert strike["reviewed"]["place"]["machine"] == {"lat": 49.7}
    assert meeting["reviewed"] is None  # the meeting is in Riga, not at the depot


def test_every_reviewer_and_the_latest_time(document):
    document.places[0].reviewed = MOVED
    document.events[0].reviewed = RETYPED
    document.entities[0].reviewed = Review("cy", "2024-09-01T00:00:00Z", None, None, "merge")
    row = acled(document)[0]
    assert row["reviewed_by"] == "ann; bob; cy"
    assert row["reviewed_at"] == "2024-09-04T08:30:00Z"
    assert row["review_note"].split("; ") == [
        "event (add)",
        "place (coordinates): the depot is on the town's edge",
        "actor E1 (merge)",
    ]
    marks = plover(document)[0]["reviewed"]
    assert set(marks) == {"event", "place", "actors"} and marks["actors"]["E1"]["by"] == "cy"
