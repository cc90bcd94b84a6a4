"""Versioned schema. Each migration is a function run once, in order; the
version reached is kept in ``schema_version``. Append, never edit."""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import Connection, text

from kronika.store import schema
from kronika.store.rows import GRID_COLUMNS


def _v1(conn: Connection) -> None:
    schema.metadata.create_all(conn)
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
                "doc_id UNINDEXED, title, text, tokenize='unicode61 remove_diacritics 2')"
            )
        )
    elif conn.dialect.name == "postgresql":
        conn.execute(
            text(
                "ALTER TABLE documents ADD COLUMN tsv tsvector GENERATED ALWAYS AS "
                "(to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED"
            )
        )
        conn.execute(text("CREATE INDEX ix_documents_tsv ON documents USING gin (tsv)"))


def _v2(conn: Connection) -> None:
    """Events carry their place's coordinates and their date, indexed."""
    from sqlalchemy import inspect

    have = {c["name"] for c in inspect(conn).get_columns("events")}
    for column in schema.EVENT_LOCATION_COLUMNS:
        if column.name not in have:
            kind = column.type.compile(conn.dialect)
            conn.execute(text(f'ALTER TABLE events ADD COLUMN "{column.name}" {kind}'))
    for name, columns in (
        ("ix_events_date", "date"),
        ("ix_events_lat_lon", "lat, lon"),
        ("ix_places_lat_lon", "lat, lon"),
    ):
        table = "places" if name.startswith("ix_places") else "events"
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})"))
    _backfill_event_locations(conn)


def _backfill_event_locations(conn: Connection) -> None:
    from kronika.store.rows import event_locations

    rows = conn.execute(text("SELECT id, record FROM documents")).all()
    for doc_id, record in rows:
        for idx, values in enumerate(event_locations(json.loads(record))):
            conn.execute(
                text(
                    "UPDATE events SET place_idx = :place_idx, time_idx = :time_idx, "
                    "date = :date, lat = :lat, lon = :lon WHERE doc_id = :d AND idx = :i"
                ),
                {**values, "d": doc_id, "i": idx},
            )


def _v3(conn: Connection) -> None:
    """Events by date, then place, in one index: a date range filters the map area in
    the index and a page in date order stops after its rows (with two indexes a
    whole region was read for a 90-day window)."""
    conn.execute(text("DROP INDEX IF EXISTS ix_events_date"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_events_when_where ON events (date, lat, lon)"))


def _v4(conn: Connection) -> None:
    """Events by grid cell, then date: a small map area over a long period reads the
    events of its cells, where the date index read every event of the period."""
    from sqlalchemy import inspect

    if "cell" not in {c["name"] for c in inspect(conn).get_columns("events")}:
        conn.execute(text('ALTER TABLE events ADD COLUMN "cell" INTEGER'))
    floor = "CAST({} AS INTEGER)" if conn.dialect.name == "sqlite" else "floor({})::integer"
    cell = f"{floor.format('lat + 90')} * {GRID_COLUMNS} + {floor.format('lon + 180')}"
    conn.execute(text(f"UPDATE events SET cell = {cell} WHERE lat IS NOT NULL AND lon IS NOT NULL"))
    conn.execute(
        text("CREATE INDEX IF NOT EXISTS ix_events_cell_when ON events (cell, date, lat, lon)")
    )
    conn.execute(text("DROP INDEX IF EXISTS ix_events_lat_lon"))  # the cells do its work


def _review(conn: Connection) -> None:
    """People's corrections (kronika.review): their tables, and the reviewed record
    beside the machine's. Idempotent: safe in any order with other migrations."""
    from sqlalchemy import inspect

    if "reviewed" not in {c["name"] for c in inspect(conn).get_columns("documents")}:
        conn.execute(text('ALTER TABLE documents ADD COLUMN "reviewed" TEXT'))
    schema.corrections.create(conn, checkfirst=True)
    schema.correction_status.create(conn, checkfirst=True)


def _people(conn: Connection) -> None:
    """People and units across documents (kronika.people): the tables, then links
    for the documents already stored, oldest first. Idempotent: tables are created
    only when absent, and only documents without links are linked."""
    import orjson

    from kronika.people.store import link_document
    from kronika.records import Document

    for table in schema.PEOPLE_TABLES:
        table.create(conn, checkfirst=True)
    rows = conn.execute(
        text(
            "SELECT id, story_id, record FROM documents d WHERE NOT EXISTS "
            "(SELECT 1 FROM person_links l WHERE l.doc_id = d.id) ORDER BY published, id"
        )
    ).all()
    for row in rows:
        link_document(conn, Document.from_dict(orjson.loads(row.record)), row.story_id)


def _person_keys_partial(conn: Connection) -> None:
    """person_keys indexed by value only for the keys found by value (lookups) and
    searched (words, attributes): a save then writes no index entry for its "seen
    with" and display keys (docs/people.md, Speed). Idempotent and order-independent:
    a store whose people tables came from schema.py already has both indexes."""
    from sqlalchemy import inspect

    if not inspect(conn).has_table("person_keys"):
        return  # _people makes the tables later, with schema.py's indexes
    for name, columns, where in (
        ("ix_person_keys_k", "value", schema.PERSON_KEYS_LOOKUP),
        ("ix_person_keys_search", "kind, value", schema.PERSON_KEYS_SEARCHED),
    ):
        conn.execute(
            text(f"CREATE INDEX IF NOT EXISTS {name} ON person_keys ({columns}) WHERE {where}")
        )
    conn.execute(text("DROP INDEX IF EXISTS ix_person_keys_lookup"))


# _people is v5 on stores made before review landed; _review after it, so they get it.
MIGRATIONS: list[Callable[[Connection], None]] = [
    _v1,
    _v2,
    _v3,
    _v4,
    _people,
    _review,
    _person_keys_partial,
]


def current_version(conn: Connection) -> int:
    conn.execute(text("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"))
    row = conn.execute(text("SELECT max(version) FROM schema_version")).scalar()
    return int(row or 0)


def migrate(conn: Connection) -> int:
    """Bring the schema up to date; returns the version reached."""
    version = current_version(conn)
    for number, step in enumerate(MIGRATIONS, start=1):
        if number > version:
            step(conn)
            conn.execute(text("INSERT INTO schema_version (version) VALUES (:v)"), {"v": number})
            version = number
    return version
