"""Versioned schema. Each migration is a function run once, in order; the
version reached is kept in ``schema_version``. Append, never edit."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, text

from kronika.store import schema


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


MIGRATIONS: list[Callable[[Connection], None]] = [_v1]


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
