"""The store: SQLite by default (``./kronika.db``), through SQLAlchemy Core.

Each document is saved in its own transaction, replacing any facts an earlier
analysis of the same text left, so a failure leaves what was stored intact.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, delete, event, insert, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from kronika.records import Document
from kronika.store import schema
from kronika.store.migrations import migrate

DEFAULT_DB = "kronika.db"


class SearchSyntaxError(ValueError):
    """The search query is not valid full-text syntax."""


def engine_for(db: str | Path) -> Engine:
    url = str(db)
    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser()}"
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


class Store:
    def __init__(self, db: str | Path = DEFAULT_DB):
        self.engine = engine_for(db)
        with self.engine.begin() as conn:
            self.schema_version = migrate(conn)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def save(self, doc: Document, pipeline_version: str = "") -> None:
        record = doc.to_dict()
        with self.engine.begin() as conn:
            for table in schema.FACT_TABLES.values():
                conn.execute(delete(table).where(table.c.doc_id == doc.id))
            conn.execute(delete(schema.documents).where(schema.documents.c.id == doc.id))
            conn.execute(insert(schema.documents).values(**_document_row(record, pipeline_version)))
            for name, rows in _fact_rows(record).items():
                if rows:
                    conn.execute(insert(schema.FACT_TABLES[name]), rows)
            if conn.dialect.name == "sqlite":
                conn.execute(text("DELETE FROM documents_fts WHERE doc_id = :id"), {"id": doc.id})
                conn.execute(
                    text("INSERT INTO documents_fts (doc_id, title, text) VALUES (:id, :t, :x)"),
                    {"id": doc.id, "t": doc.title or "", "x": doc.text},
                )

    def get(self, doc_id: str) -> Document | None:
        """A stored document by id, or by a unique id prefix."""
        docs = schema.documents
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(docs.c.record).where(docs.c.id.startswith(doc_id, autoescape=True)).limit(2)
            ).all()
        if len(rows) != 1:
            return None
        return Document.from_dict(json.loads(rows[0].record))

    def documents(self) -> Iterator[Document]:
        docs = schema.documents
        with self.engine.connect() as conn:
            for row in conn.execute(select(docs.c.record).order_by(docs.c.published, docs.c.id)):
                yield Document.from_dict(json.loads(row.record))

    def count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM documents")).scalar() or 0

    def search(self, query: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Full-text search (FTS5 syntax: words, "phrases", prefix*, AND/OR/NOT)."""
        sql = text(
            "SELECT f.doc_id AS id, d.title, d.published, d.source, "
            "snippet(documents_fts, 2, '[', ']', '…', 12) AS snippet "
            "FROM documents_fts f JOIN documents d ON d.id = f.doc_id "
            "WHERE documents_fts MATCH :q ORDER BY bm25(documents_fts) LIMIT :n OFFSET :o"
        )
        try:
            with self.engine.connect() as conn:
                rows = conn.execute(sql, {"q": query, "n": limit, "o": offset}).mappings().all()
        except OperationalError as exc:
            message = str(exc.orig) if exc.orig else str(exc)
            raise SearchSyntaxError(f"bad search query {query!r}: {message}") from None
        return [dict(r) for r in rows]


def _document_row(record: dict[str, Any], pipeline_version: str) -> dict[str, Any]:
    return {
        "id": record["id"],
        "title": record["title"],
        "published": record["published"],
        "source": record["source"],
        "url": record["url"],
        "language": record["language"],
        "text": record["text"],
        "pipeline_version": pipeline_version,
        "analyzed_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "record": json.dumps(record, ensure_ascii=False),
    }


def _fact_rows(record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    doc_id = record["id"]
    rows: dict[str, list[dict[str, Any]]] = {}
    for name, table in schema.FACT_TABLES.items():
        if name in ("entities", "mentions"):
            continue
        columns = set(table.c.keys())
        rows[name] = [
            {**_columns(fact, columns), "doc_id": doc_id, "idx": i, "data": json.dumps(fact)}
            for i, fact in enumerate(record[name])
        ]
    rows["entities"], rows["mentions"] = _entity_rows(record)
    return rows


def _columns(fact: dict[str, Any], columns: set[str]) -> dict[str, Any]:
    row = {k: v for k, v in fact.items() if k in columns and k not in ("doc_id", "idx", "data")}
    speaker = fact.get("speaker")
    if isinstance(speaker, dict):
        row["speaker_name"], row["speaker_entity"] = speaker.get("name"), speaker.get("entity")
    if "text" in columns and "text" not in row:
        row["text"] = fact.get("before", "")
    return row


def _entity_rows(record: dict[str, Any]) -> tuple[list[dict], list[dict]]:
    doc_id, entities, mentions = record["id"], [], []
    for i, ent in enumerate(record["entities"]):
        first = ent["mentions"][0] if ent["mentions"] else {"start": 0, "end": 0}
        entities.append(
            {
                "doc_id": doc_id,
                "idx": i,
                "entity_id": ent["id"],
                "name": ent["name"],
                "type": ent["type"],
                "start": first["start"],
                "end": first["end"],
                "text": ent["name"],
                "data": json.dumps(ent),
            }
        )
        for m in ent["mentions"]:
            mentions.append(
                {
                    **{k: m[k] for k in ("start", "end", "text")},
                    "doc_id": doc_id,
                    "idx": len(mentions),
                    "entity_id": ent["id"],
                    "data": json.dumps(m),
                }
            )
    return entities, mentions


__all__ = ["DEFAULT_DB", "SearchSyntaxError", "Store"]
