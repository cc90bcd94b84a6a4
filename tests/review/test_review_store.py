"""Corrections in the store, on SQLite and PostgreSQL: kept beside the machine's
record, shown on every read, applied again after re-analysis, orphaned (and kept)
when the text under them changes, never lost when two people write at once."""

from __future__ import annotations

import threading

import pytest
from review_record import DOC_ID, TEXT, record
from sqlalchemy import text

from kronika.review import table
from kronika.review.corrections import CorrectionError
from kronika.review.write import correct


def test_a_speaker_correction_shows_on_every_read_and_leaves_the_machine_record(store):
    c = correct(store, DOC_ID, "quotes/0", "speaker", ["E1"], by="ann", note="heard the clip")
    doc = store.get(DOC_ID)
    assert doc.quotes[0].speaker.name == "Iryna Bondar"
    assert doc.quotes[0].speaker.entity == "E1"
    review = doc.quotes[0].reviewed
    assert (review.by, review.note, review.corrections) == ("ann", "heard the clip", [c.id])
    assert review.machine["speaker"]["name"] == "Taras Melnyk"
    assert store.get(DOC_ID, machine=True).quotes[0].speaker.name == "Taras Melnyk"
    assert next(store.documents()).quotes[0].speaker.name == "Iryna Bondar"
    with store.engine.connect() as conn:  # the fact rows the web's lists read
        speaker = conn.execute(text("SELECT speaker_name FROM quotes")).scalar_one()
    assert speaker == "Iryna Bondar"


def test_a_rejected_place_leaves_its_list_and_the_events_follow(store):
    correct(store, DOC_ID, "places/0", "reject", by="bob")
    doc = store.get(DOC_ID)
    assert [p.name for p in doc.places] == ["Dovhe"]
    assert doc.events[0].place is None  # it pointed at the rejected place
    assert doc.rejected[0].kind == "places" and doc.rejected[0].reviewed.by == "bob"
    correct(store, DOC_ID, "rejected/0", "restore", by="cy")
    doc = store.get(DOC_ID)
    assert [p.name for p in doc.places] == ["Vesele", "Dovhe"] and doc.events[0].place == 0
    assert doc.places[0].reviewed.action == "restore" and not doc.rejected


def test_a_rejected_claim_takes_the_death_toll_read_from_it(db_url):
    from kronika.store import Store

    doc = record()
    doc.events[0].fatalities, doc.events[0].fatalities_claim = 14, 0
    with Store(db_url) as store:
        store.save(doc)
        correct(store, DOC_ID, "claims/0", "reject", by="bob")
        event = store.get(DOC_ID).events[0]
        assert (event.fatalities, event.fatalities_claim) == (None, None)


def test_every_kind_of_value(store):
    correct(store, DOC_ID, "places/1", "coordinates", ["48.1, 37.2"], by="d")
    correct(store, DOC_ID, "times/0", "value", ["2024-09-01"], by="d")
    correct(store, DOC_ID, "claims/0", "quantity", ["14-16"], by="d")
    correct(store, DOC_ID, "claims/0", "claimant", ["The regional governor"], by="d")
    correct(
        store, DOC_ID, "quotes", "add", [_span("the landing was shelled at dawn"), "E3"], by="d"
    )
    doc = store.get(DOC_ID)
    assert (doc.places[1].lat, doc.places[1].lon, doc.places[1].geonameid) == (48.1, 37.2, None)
    assert doc.places[1].reviewed.machine["geonameid"] == 222
    assert doc.times[0].value == "2024-09-01"
    assert (doc.claims[0].low, doc.claims[0].high) == (14, 16)
    assert doc.claims[0].speaker == "The regional governor" and doc.claims[0].claimant is None
    assert doc.claims[0].reviewed.machine == {
        "quantity": "14", "low": 14, "high": 14, "speaker": "Taras Melnyk", "claimant": "E2"
    }  # fmt: skip
    added = doc.quotes[1]
    assert added.text == "the landing was shelled at dawn" and added.speaker.entity == "E3"
    assert added.reviewed.machine is None and added.reviewed.action == "add"


def _span(words: str) -> str:
    start = TEXT.index(words)
    return f"{start}:{start + len(words)}"


def test_corrections_survive_re_analysis(store):
    correct(store, DOC_ID, "quotes/0", "speaker", ["Iryna Bondar"], by="ann")
    correct(store, DOC_ID, "places/1", "reject", by="bob")
    store.save(record())  # what `kronika reanalyze --force` does with each document
    doc = store.get(DOC_ID)
    assert doc.quotes[0].speaker.name == "Iryna Bondar" and [p.name for p in doc.places] == [
        "Vesele"
    ]
    with store.engine.connect() as conn:
        states = [r["state"] for r in table.listed(conn, DOC_ID)]
    assert states == ["exact", "exact"]


def test_a_fact_whose_extent_changed_is_found_as_the_nearest(store):
    correct(store, DOC_ID, "quotes/0", "speaker", ["Iryna Bondar"], by="ann")
    machine = record()
    q = machine.quotes[0]
    q.start, q.text = q.start + 1, q.text[1:]  # the new pipeline drops the opening mark
    store.save(machine)
    assert store.get(DOC_ID).quotes[0].speaker.name == "Iryna Bondar"
    with store.engine.connect() as conn:
        assert table.listed(conn, DOC_ID)[0]["state"] == "nearest"


def test_moved_text_carries_its_correction_and_rewritten_text_orphans_it(store):
    correct(store, DOC_ID, "quotes/0", "speaker", ["Iryna Bondar"], by="ann")
    correct(store, DOC_ID, "places/1", "reject", by="bob")
    store.save(record("UPDATED:  " + TEXT))  # every offset moves by ten
    doc = store.get(DOC_ID)
    assert doc.quotes[0].speaker.name == "Iryna Bondar" and len(doc.places) == 1
    with store.engine.connect() as conn:
        assert [r["state"] for r in table.listed(conn, DOC_ID)] == ["moved", "moved"]
    rewritten = TEXT.replace("We held the ferry landing", "We kept the ferry landing")
    store.save(record(rewritten))
    doc = store.get(DOC_ID)
    assert doc.quotes[0].speaker.name == "Taras Melnyk"  # the machine's again
    assert len(doc.places) == 1  # the rejection still finds Dovhe
    with store.engine.connect() as conn:
        orphans = table.listed(conn, orphaned=True)
        everything = table.listed(conn)
    assert [o["action"] for o in orphans] == ["speaker"]
    assert "no longer in the text" in orphans[0]["reason"]
    assert len(everything) == 2  # kept, never dropped


@pytest.mark.parametrize(
    ("target", "action", "args", "message"),
    [
        ("quotes/3", "speaker", ["E1"], "quotes/3: no such fact; this document has quotes 0 to 0"),
        ("quotes/-1", "speaker", ["E1"], "no such fact"),
        ("times/0", "speaker", ["E1"], "times cannot be corrected with 'speaker'"),
        ("quotes/0", "speaker", ["E9"], "unknown entity 'E9'"),
        ("places/0", "coordinates", ["91,10"], "latitude 91.0 is off the globe"),
        ("places/0", "coordinates", ["10,180.5"], "longitude 180.5 is off the globe"),
        ("places/0", "coordinates", ["nan,1"], "finite"),
        ("places/0", "candidate", ["Vesele"], "is not a number"),
        ("times/0", "value", ["next week"], "is not TIMEX3"),
        ("claims/0", "quantity", ["many"], "want a number or a range"),
        ("places/0", "restore", [], "is not rejected"),
        ("quotes", "add", ["5:99999"], "is not inside the text"),
        ("rumours/0", "reject", [], "unknown fact kind 'rumours'"),
        ("places/0", "reject", ["now"], "reject takes no value"),
    ],
)
def test_bad_input_is_refused_with_its_reason_and_changes_nothing(
    store, target, action, args, message
):
    with pytest.raises(CorrectionError, match=message.replace("(", r"\(")):
        correct(store, DOC_ID, target, action, args, by="ann")
    with store.engine.connect() as conn:
        assert table.listed(conn) == []
    assert store.get(DOC_ID).to_dict() == store.get(DOC_ID, machine=True).to_dict()


def test_a_10_mb_note_an_empty_author_and_an_unknown_document_are_refused(store):
    with pytest.raises(CorrectionError, match="note is 10,000,000 characters long"):
        correct(store, DOC_ID, "places/0", "reject", by="ann", note="x" * 10_000_000)
    with pytest.raises(CorrectionError, match="author"):
        correct(store, DOC_ID, "places/0", "reject", by="  ")
    with pytest.raises(CorrectionError, match="no single document"):
        correct(store, "nosuchdoc", "places/0", "reject", by="ann")


def test_two_people_correcting_one_fact_at_once_are_recorded_in_sequence(store):
    names, errors = ["Iryna Bondar", "Taras Melnyk"], []
    barrier = threading.Barrier(2)

    def write(name):
        barrier.wait()
        try:
            correct(store, DOC_ID, "quotes/0", "speaker", [name], by=f"by {name}")
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with store.engine.connect() as conn:
        rows = table.listed(conn, DOC_ID)
    assert len(rows) == 2 and all(r["state"] == "exact" for r in rows)
    last = max(rows, key=lambda r: r["id"])
    quote = store.get(DOC_ID).quotes[0]
    assert quote.speaker.name == last["value"]["name"]
    assert len(quote.reviewed.corrections) == 2


def test_corrections_move_to_another_store(store, tmp_path):
    import io

    from kronika.review.exchange import export_lines, import_lines
    from kronika.store import Store

    correct(store, DOC_ID, "quotes/0", "speaker", ["Iryna Bondar"], by="ann")
    correct(store, DOC_ID, "places/0", "reject", by="bob")
    lines = io.StringIO()
    assert export_lines(store, lines) == 2
    with Store(tmp_path / "other.db") as other:
        first = import_lines(other, lines.getvalue().splitlines())
        assert (first.added, first.waiting) == (2, 2)  # the document is not there yet
        other.save(record())  # it arrives: its corrections apply
        assert other.get(DOC_ID).quotes[0].speaker.name == "Iryna Bondar"
        again = import_lines(other, [*lines.getvalue().splitlines(), '{"kind": 1}', "not json"])
        assert (again.added, again.present, len(again.problems)) == (0, 2, 2)


def other_document():
    from kronika.records import Document, Entity, Mention

    text = "Oksana Hrytsenko, a medic, said the road to the river was mined."
    name = "Oksana Hrytsenko"
    return Document(
        id="reviewtest000002",
        text=text,
        published="2024-09-03",
        entities=[Entity("E1", name, "PERSON", [Mention(0, len(name), name)])],
    )


def person_of(store, doc_id: str, entity_id: str) -> str:
    from kronika.people.store import persons_of

    with store.engine.connect() as conn:
        return persons_of(conn, [doc_id])[doc_id][entity_id]


def test_merge_and_split_of_people_are_corrections_that_hold_through_re_analysis(store):
    store.save(other_document())
    bondar, medic = person_of(store, DOC_ID, "E1"), person_of(store, "reviewtest000002", "E1")
    assert bondar != medic

    correct(store, DOC_ID, "entities/0", "merge", [medic], by="ann", note="same medic")
    assert person_of(store, "reviewtest000002", "E1") == person_of(store, DOC_ID, "E1")
    assert store.get(DOC_ID).entities[0].reviewed.action == "merge"
    store.save(record())  # re-analysis of both documents
    store.save(other_document())
    assert person_of(store, "reviewtest000002", "E1") == person_of(store, DOC_ID, "E1")

    correct(store, DOC_ID, "entities/0", "split", by="bob")
    assert person_of(store, "reviewtest000002", "E1") != person_of(store, DOC_ID, "E1")
    with pytest.raises(CorrectionError, match="unknown person or unit 'Nobody Known'"):
        correct(store, DOC_ID, "entities/0", "merge", ["Nobody Known"], by="ann")
    with pytest.raises(CorrectionError, match="cannot be merged"):  # a unit with a person
        correct(store, DOC_ID, "entities/0", "merge", [f"{DOC_ID}/entities/2"], by="ann")
    with store.engine.connect() as conn:  # refused by people: not recorded either
        assert [c["action"] for c in table.listed(conn)] == ["merge", "split"]
