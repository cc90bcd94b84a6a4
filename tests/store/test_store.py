"""The store: a plain SQLite file with a versioned schema, full-text search, and
one transaction per document."""

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from kronika.records import Document, Entity, Mention, Repair
from kronika.store import SearchSyntaxError, Store
from kronika.store.migrations import MIGRATIONS
from kronika.store.rows import grid_cell, grid_cells


def make_doc(doc_id="d1", text="Drones struck a depot near Kharkiv, the governor said.", **kw):
    return Document(
        id=doc_id,
        text=text,
        title=kw.pop("title", "Depot struck"),
        published="2024-05-01",
        repairs=[Repair("whitespace", 0, 0, "", "")],
        entities=[Entity("E1", "Kharkiv", "GPE", [Mention(27, 34, "Kharkiv")])],
        **kw,
    )


@pytest.fixture
def store(db_url):
    with Store(db_url) as s:
        yield s


@pytest.fixture
def sqlite_store(tmp_path):
    with Store(tmp_path / "k.db") as s:
        yield s


def test_a_new_store_is_at_the_latest_schema_version(store):
    assert store.schema_version == len(MIGRATIONS)


def test_saving_and_reading_back_a_document(store):
    store.save(make_doc(), "1")
    got = store.get("d1")
    assert got == make_doc()
    assert store.get("d") == got  # a unique id prefix is enough


def test_saving_the_same_document_again_replaces_its_facts(store):
    store.save(make_doc(), "1")
    store.save(make_doc(), "1")
    assert store.count() == 1
    with store.engine.connect() as conn:
        assert conn.execute(text("select count(*) from entities")).scalar() == 1
        assert conn.execute(text("select count(*) from mentions")).scalar() == 1


def test_fact_tables_are_plain_sql(sqlite_store, tmp_path):
    sqlite_store.save(make_doc(), "1")
    con = sqlite3.connect(tmp_path / "k.db")
    row = con.execute("select name, type, start, end from entities where doc_id='d1'").fetchone()
    assert row == ("Kharkiv", "GPE", 27, 34)


def test_full_text_search_with_phrases_and_prefixes(store):
    store.save(make_doc(), "1")
    store.save(make_doc("d2", "Talks in Geneva ended without agreement.", title="Talks"), "1")
    assert [r["id"] for r in store.search("depot")] == ["d1"]
    assert [r["id"] for r in store.search('"without agreement"')] == ["d2"]
    assert [r["id"] for r in store.search("Khark*")] == ["d1"]
    assert "[depot]" in store.search("depot")[0]["snippet"]


def test_malformed_search_syntax_is_a_clear_error(store):
    with pytest.raises(SearchSyntaxError, match="bad search query"):
        store.search('"unclosed AND (')


def test_a_failed_save_keeps_what_was_stored(store):
    store.save(make_doc(), "1")
    broken = make_doc()
    broken.entities[0].mentions = None  # not serialisable as rows
    with pytest.raises(TypeError):
        store.save(broken, "1")
    assert store.get("d1") == make_doc()


def test_reopening_runs_no_migration_twice(db_url):
    Store(db_url).close()
    with Store(db_url) as again:
        assert again.schema_version == len(MIGRATIONS)
        with again.engine.connect() as conn:
            count = conn.execute(text("select count(*) from schema_version")).scalar()
    assert count == len(MIGRATIONS)


def test_a_text_already_stored_by_this_pipeline_version_is_known(store):
    from kronika.store import text_hash

    doc = make_doc()
    assert not store.has(text_hash(doc.text), "1")
    store.save(doc, "1")
    assert store.has(text_hash(doc.text), "1")
    assert not store.has(text_hash(doc.text), "2")
    assert store.ids(stale_for="2") == ["d1"]


def test_a_wire_copy_joins_the_story_of_the_first_report(store):
    report = (
        "Two drones struck a fuel depot near Kharkiv overnight, the regional governor said on "
        "Tuesday. Firefighters worked for six hours to put out the blaze, and no one was hurt. "
        "The governor said air defences shot down four more drones over the region."
    )
    first = store.save(make_doc("a", report, source="Wire"), "1")
    copy = store.save(
        make_doc("b", report.replace("on Tuesday", "on Tuesday morning"), source="Daily"), "1"
    )
    other = store.save(make_doc("c", "Talks in Geneva ended without agreement on prisoners."), "1")
    assert first == copy == "a"
    assert other == "c"
    (story,) = [s for s in store.stories() if s["story"] == "a"]
    assert story["documents"] == ["a", "b"]
    assert story["sources"] == ["Wire", "Daily"]
    # Two reports, one story: its facts count once.
    assert store.count_facts("entities", per="report") == 3
    assert store.count_facts("entities", per="story") == 2


MIRRORS = Path(__file__).resolve().parents[1] / "fixtures" / "written_mirrors"


def test_a_translated_mirror_joins_its_story_and_a_new_report_on_the_same_people_does_not(store):
    # mirror.txt renders original.txt as another translation engine would: hardly a
    # five-word run in common, the same names and numbers. other.txt is a later
    # report on the same region, officials and grid operator.
    first, mirror, other = (
        store.save(make_doc(name, (MIRRORS / f"{name}.txt").read_text(encoding="utf-8")), "1")
        for name in ("original", "mirror", "other")
    )
    assert first == mirror == "original"
    assert other == "other"


def test_a_short_text_has_no_anchor_signature_and_links_by_its_words_alone():
    from kronika import dedup

    short = dedup.Fingerprint.of("Talks in Geneva ended without agreement on prisoners.")
    assert short.anchors is None and len(short.keys) == dedup.BANDS
    text = (MIRRORS / "original.txt").read_text(encoding="utf-8")
    full = dedup.Fingerprint.of(text)
    # A store written before anchors holds word signatures only; they still compare.
    assert full.scores([dedup.to_bytes(full.words)]) == [1 / dedup.THRESHOLD]


def test_events_carry_their_place_and_date_and_older_stores_are_backfilled(db_url):
    from kronika.records import Event, Place, Time

    doc = make_doc()
    doc.places = [Place(27, 34, "Kharkiv", "Kharkiv", 706483, 49.98, 36.25, "UA")]
    doc.times = [Time(0, 6, "Drones", "DATE", "2024-05-01")]
    doc.events = [Event(7, 13, "struck", "ASSAULT", place=0, time=0)]
    with Store(db_url) as store:
        store.save(doc, "1")
        with store.engine.begin() as conn:
            row = conn.execute(text("select date, lat, lon, place_idx, cell from events")).one()
            assert tuple(row) == ("2024-05-01", 49.98, 36.25, 0, grid_cell(49.98, 36.25))
            # As a store written before schema version 2 would have it:
            conn.execute(text("update events set date = null, lat = null, lon = null, cell = null"))
            conn.execute(text("delete from schema_version where version >= 2"))
    with Store(db_url) as reopened, reopened.engine.connect() as conn:
        assert tuple(conn.execute(text("select date, lat, lon, cell from events")).one()) == (
            "2024-05-01",
            49.98,
            36.25,
            grid_cell(49.98, 36.25),  # migration v4 numbers cells as Python does
        )


def test_a_map_box_covers_the_grid_cells_of_every_point_inside_it():
    box = (35.5, 48.2, 38.9, 50.0)
    cells = set(grid_cells(*box, most=100))
    assert len(cells) == 4 * 3
    for lat, lon in [(48.2, 35.5), (50.0, 38.9), (49.1, 37.0)]:
        assert grid_cell(lat, lon) in cells
    assert grid_cell(10.0, 180.0) != grid_cell(11.0, -180.0)
    assert grid_cells(-180, -90, 180, 90, most=400) == []  # too many: read by date


def test_numpy_numbers_in_a_record_are_stored_as_plain_numbers(db_url):
    import numpy as np

    from kronika.records import Place

    doc = make_doc()
    doc.places = [Place(27, 34, "Kharkiv", "Kharkiv", 706483, np.float64(49.98), np.float32(36.25))]
    with Store(db_url) as store:
        store.save(doc, "1")
        (place,) = store.get(doc.id).places
    assert (place.lat, place.lon) == (49.98, 36.25)


def test_finding_a_storys_candidates_reads_the_band_index_not_every_band(tmp_path):
    from sqlalchemy.dialects import sqlite

    from kronika import dedup
    from kronika.store import candidates_query

    keys = dedup.band_keys(dedup.signature("Shelling hit the bridge at dawn, the mayor said."))
    sql = str(
        candidates_query("d1", keys).compile(
            dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}
        )
    )
    with Store(tmp_path / "plan.db") as store, store.engine.connect() as conn:
        plan = [row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql)]
    assert any("ix_bands_key" in step for step in plan)
    assert not any(step.startswith("SCAN bands") for step in plan)
