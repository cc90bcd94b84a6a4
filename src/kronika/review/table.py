"""The corrections table and the reviewed record in the store (plain SQL, both
dialects). The store calls :func:`review_of` on every save, so a re-analysed
document gets its corrections applied again in the same transaction."""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import delete, insert, select, text, update
from sqlalchemy.engine import Connection

from kronika.review.anchors import Anchor
from kronika.review.apply import Reviewed, apply
from kronika.review.corrections import Correction
from kronika.store import schema
from kronika.store.rows import dumps, fact_rows


def _loads(value: str | None) -> Any:
    return orjson.loads(value) if value else None


def from_row(row) -> Correction:
    return Correction(
        id=row.id,
        uid=row.uid,
        doc_id=row.doc_id,
        kind=row.kind,
        action=row.action,
        anchor=Anchor(row.kind, row.start, row.end, row.text, row.context),
        value=_loads(row.value),
        machine=_loads(row.machine),
        by=row.author,
        at=row.at,
        note=row.note,
    )


def load(conn: Connection, doc_id: str) -> list[Correction]:
    c = schema.corrections
    rows = conn.execute(select(c).where(c.c.doc_id == doc_id).order_by(c.c.id))
    return [from_row(r) for r in rows]


def insert_correction(conn: Connection, correction: Correction) -> int:
    a = correction.anchor
    row = {
        "uid": correction.uid,
        "doc_id": correction.doc_id,
        "kind": correction.kind,
        "action": correction.action,
        "start": a.start,
        "end": a.end,
        "text": a.text,
        "context": a.context,
        "value": dumps(correction.value) if correction.value is not None else None,
        "machine": dumps(correction.machine) if correction.machine is not None else None,
        "author": correction.by,
        "at": correction.at,
        "note": correction.note,
    }
    result = conn.execute(insert(schema.corrections).returning(schema.corrections.c.id), row)
    correction.id = result.scalar_one()
    return correction.id


def has_uid(conn: Connection, uid: str) -> bool:
    c = schema.corrections
    return conn.execute(select(c.c.id).where(c.c.uid == uid)).first() is not None


def review_of(conn: Connection, record: dict[str, Any]) -> Reviewed | None:
    """The reviewed record of a machine record, or ``None`` when nobody corrected it."""
    corrections = load(conn, record["id"])
    return apply(record, corrections) if corrections else None


def write_status(conn: Connection, doc_id: str, reviewed: Reviewed | None) -> None:
    status = schema.correction_status
    conn.execute(delete(status).where(status.c.doc_id == doc_id))
    if reviewed and reviewed.found:
        conn.execute(
            insert(status),
            [
                {
                    "correction_id": cid,
                    "doc_id": doc_id,
                    "state": f.state,
                    "idx": f.index,
                    "reason": f.reason or None,
                }
                for cid, f in reviewed.found.items()
            ],
        )


def lock(conn: Connection, doc_id: str) -> bool:
    """Take the document's row for writing (both dialects: an UPDATE locks it), so
    that corrections of one document are applied one after another, never lost."""
    docs = schema.documents
    result = conn.execute(update(docs).where(docs.c.id == doc_id).values(reviewed=docs.c.reviewed))
    return result.rowcount == 1


def machine_record(conn: Connection, doc_id: str) -> dict[str, Any] | None:
    docs = schema.documents
    row = conn.execute(select(docs.c.record).where(docs.c.id == doc_id)).first()
    return orjson.loads(row.record) if row else None


def materialise(conn: Connection, doc_id: str) -> Reviewed | None:
    """Apply the document's corrections again and store the result: the reviewed
    record, its fact rows (what the web's lists and map read) and each correction's
    status. Call inside the transaction that holds :func:`lock`."""
    record = machine_record(conn, doc_id)
    if record is None:
        return None
    reviewed = review_of(conn, record)
    current = reviewed.record if reviewed else record
    docs = schema.documents
    conn.execute(
        update(docs)
        .where(docs.c.id == doc_id)
        .values(reviewed=dumps(current) if reviewed else None)
    )
    for table in schema.FACT_TABLES.values():
        conn.execute(delete(table).where(table.c.doc_id == doc_id))
    for name, rows in fact_rows(current).items():
        if rows:
            conn.execute(insert(schema.FACT_TABLES[name]), rows)
    write_status(conn, doc_id, reviewed)
    return reviewed


def listed(
    conn: Connection, doc_id: str | None = None, by: str | None = None, orphaned: bool = False
) -> list[dict[str, Any]]:
    """Corrections with where each landed, oldest first."""
    c, s = schema.corrections, schema.correction_status
    query = select(c, s.c.state, s.c.idx, s.c.reason).select_from(
        c.outerjoin(s, s.c.correction_id == c.c.id)
    )
    if doc_id:
        query = query.where(c.c.doc_id == doc_id)
    if by:
        query = query.where(c.c.author == by)
    if orphaned:
        query = query.where(s.c.state == "orphaned")
    out = []
    for row in conn.execute(query.order_by(c.c.id)):
        item = from_row(row).to_json()
        state = row.state or ("waiting" if not _has_document(conn, row.doc_id) else "orphaned")
        item.update({"state": state, "index": row.idx, "reason": row.reason})
        out.append(item)
    return out


def _has_document(conn: Connection, doc_id: str) -> bool:
    return (
        conn.execute(text("SELECT 1 FROM documents WHERE id = :id"), {"id": doc_id}).first()
        is not None
    )
