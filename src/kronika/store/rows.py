"""Rows for the store's tables, built from a document's JSON record."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import orjson

from kronika.hashing import text_hash
from kronika.store import schema


def dumps(value: Any) -> str:
    """JSON text of a record or a fact (orjson: dataclasses as they are, and 5–8×
    faster than the standard library, which was a tenth of storing a document)."""
    return orjson.dumps(value, option=_OPTIONS).decode()


# numpy numbers (a coordinate from a gazetteer array, say) as plain JSON numbers.
_OPTIONS = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS


def document_row(
    record: dict[str, Any], pipeline_version: str, story: str, raw: str | None = None
) -> dict[str, Any]:
    """The documents row; ``raw`` is the record's JSON text when already written."""
    return {
        "id": record["id"],
        "text_hash": text_hash(record["text"]),
        "story_id": story,
        "title": record["title"],
        "published": record["published"],
        "source": record["source"],
        "url": record["url"],
        "language": record["language"],
        "text": record["text"],
        "pipeline_version": pipeline_version,
        "analyzed_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "record": raw if raw is not None else dumps(record),
    }


def fact_rows(record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    doc_id = record["id"]
    rows: dict[str, list[dict[str, Any]]] = {}
    for name, table in schema.FACT_TABLES.items():
        if name in ("entities", "mentions"):
            continue
        columns = set(table.c.keys())
        if name == "events":  # filled from the event's place and time below
            columns -= {c.name for c in schema.EVENT_LOCATION_COLUMNS}
        rows[name] = [
            {**_columns(fact, columns), "doc_id": doc_id, "idx": i, "data": dumps(fact)}
            for i, fact in enumerate(record[name])
        ]
    rows["entities"], rows["mentions"] = _entity_rows(record)
    for row, extra in zip(rows["events"], event_locations(record), strict=True):
        row.update(extra)
    return rows


def event_locations(record: dict[str, Any]) -> list[dict[str, Any]]:
    """For each event: its place and time indexes, its place's coordinates, and its
    date (the normalised time when it names a date, else the publication date)."""
    places, times = record.get("places") or [], record.get("times") or []
    out = []
    for event in record.get("events") or []:
        place = _at(places, event.get("place"))
        time = _at(times, event.get("time"))
        value = (time or {}).get("value") or ""
        out.append(
            {
                "place_idx": event.get("place"),
                "time_idx": event.get("time"),
                "date": value if value[:1].isdigit() else record.get("published"),
                "lat": (place or {}).get("lat"),
                "lon": (place or {}).get("lon"),
                "cell": grid_cell((place or {}).get("lat"), (place or {}).get("lon")),
            }
        )
    return out


# 1-degree cells numbered row by row; 361 columns, so that longitude 180 has its own.
GRID_COLUMNS = 361


def grid_cell(lat: float | None, lon: float | None) -> int | None:
    """The cell a point falls in. Migration v4 computes the same in SQL."""
    if lat is None or lon is None:
        return None
    return int((lat + 90) // 1) * GRID_COLUMNS + int((lon + 180) // 1)


def grid_cells(west: float, south: float, east: float, north: float, most: int) -> list[int]:
    """The cells a box covers; empty when there would be more than ``most``."""
    rows = range(int((south + 90) // 1), int((north + 90) // 1) + 1)
    columns = range(int((west + 180) // 1), int((east + 180) // 1) + 1)
    if len(rows) * len(columns) > most:
        return []
    return [r * GRID_COLUMNS + c for r in rows for c in columns]


def _at(items: list, index: int | None) -> dict | None:
    return items[index] if isinstance(index, int) and 0 <= index < len(items) else None


def _columns(fact: dict[str, Any], columns: set[str]) -> dict[str, Any]:
    # Every row of a bulk insert needs the same keys: absent columns are NULL.
    row = {c: fact.get(c) for c in columns if c not in ("doc_id", "idx", "data")}
    speaker = fact.get("speaker")
    if "speaker_name" in columns:
        is_record = isinstance(speaker, dict)
        row["speaker_name"] = speaker.get("name") if is_record else None
        row["speaker_entity"] = speaker.get("entity") if is_record else None
    if "text" in columns and row.get("text") is None:
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
                "data": dumps(ent),
            }
        )
        for m in ent["mentions"]:
            mentions.append(
                {
                    **{k: m[k] for k in ("start", "end", "text")},
                    "doc_id": doc_id,
                    "idx": len(mentions),
                    "entity_id": ent["id"],
                    "data": dumps(m),
                }
            )
    return entities, mentions
