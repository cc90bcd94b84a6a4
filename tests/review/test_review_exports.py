"""Through the store: a place and a time corrected by people reach the ACLED and
PLOVER exports with their review marks, on each backend."""

import csv
import io
import json

import pytest
from review_record import DOC_ID, record

from kronika.export import FORMATS
from kronika.review.write import correct


@pytest.fixture
def store(db_url):
    from kronika.store import Store

    machine = record()
    machine.events[0].acled_type = "Explosions/Remote violence"  # an ACLED event
    with Store(db_url) as s:
        s.save(machine)
        yield s


def exported(store, fmt: str) -> str:
    out = io.StringIO()
    FORMATS[fmt](store.documents(), out)
    return out.getvalue()


def test_exports_carry_the_reviewed_place_and_time_with_marks(store):
    correct(store, DOC_ID, "places/0", "coordinates", ["47.12, 34.25"], by="ann", note="shore")
    correct(store, DOC_ID, "times/0", "value", ["2024-09-01"], by="bob")

    (row,) = csv.DictReader(io.StringIO(exported(store, "acled-csv")))
    assert (row["latitude"], row["event_date"]) == ("47.12", "2024-09-01")
    assert row["reviewed_by"] == "ann; bob"
    assert row["review_note"] == "place (coordinates): shore; time (value)"

    (event,) = [json.loads(line) for line in exported(store, "plover").splitlines()]
    assert event["event_loc"]["latitude"] == 47.12 and event["date"] == "2024-09-01"
    place, time = event["reviewed"]["place"], event["reviewed"]["time"]
    assert (place["by"], place["machine"]["lat"]) == ("ann", 47.0)
    assert (time["by"], time["machine"]["value"]) == ("bob", "2024-09-02")


def test_an_unreviewed_store_exports_no_marks(store):
    (row,) = csv.DictReader(io.StringIO(exported(store, "acled-csv")))
    assert row["reviewed_by"] == row["review_note"] == ""
    (event,) = [json.loads(line) for line in exported(store, "plover").splitlines()]
    assert event["reviewed"] is None
