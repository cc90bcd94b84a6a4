"""PLOVER JSONL: the fields of the PLOVER manual's JSON records."""

import io
import json

from kronika.export import FORMATS

REQUIRED = {"id", "date", "actor", "event"}
FIELDS = {"id", "date", "actor", "recipient", "event", "mode", "context", "event_loc", "event_text",
          "text_info", "cite_info"}  # fmt: skip
CATEGORIES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE",
    "DEMAND", "ACCUSE", "REJECT", "SANCTION", "THREATEN", "PROTEST", "MOBILIZE", "COERCE",
    "ASSAULT",
}  # fmt: skip


def export(document):
    out = io.StringIO()
    count = FORMATS["plover"]([document], out)
    return count, [json.loads(line) for line in out.getvalue().splitlines()]


def test_records_have_the_manual_fields(document):
    count, records = export(document)
    assert count == 1
    for record in records:
        assert set(record) >= FIELDS
        assert isinstance(record["actor"], list) and isinstance(record["recipient"], list)
        assert set(record["event"]) <= CATEGORIES
        assert len(record["date"]) == 10 and record["date"][4] == "-"
        info = record["text_info"]
        assert document.text[info["start"] : info["end"]] == record["event_text"][0]
        assert {"url", "title", "language", "publication", "coder", "codebook"} <= set(
            record["cite_info"]
        )
    assert len({r["id"] for r in records}) == len(records)


def test_only_events_that_happened_are_exported(document):
    _, records = export(document)
    assert [r["event"] for r in records] == [["ASSAULT"], ["CONSULT"]]


def test_actor_date_and_location(document):
    _, records = export(document)
    strike = records[0]
    assert strike["date"] == "2023-05-03"
    assert (
        strike["actor"][0]["actor_text"] == "Russia" and strike["actor"][0]["identifier_id"] == "E1"
    )
    assert strike["recipient"][0]["actor_text"] == "Kupiansk"
    assert (
        strike["event_loc"]["geonameid"] == 704147 and strike["event_loc"]["country code"] == "UA"
    )
    assert strike["mode"] == "aerial"
    consult = records[1]
    assert consult["date"] == "2023-05-04"  # no time of its own: the publication date


def test_a_part_of_day_keeps_its_day_and_the_toll_is_carried(document):
    document.times[0].value = "2023-05-03TAF"
    _, records = export(document)
    strike = records[0]
    assert strike["date"] == "2023-05-03" and strike["time_value"] == "2023-05-03TAF"
    assert strike["fatalities"] == 4
