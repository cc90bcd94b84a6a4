"""Read queries for the web application, over the store's tables.

Everything here reads; nothing writes except :func:`save`, which goes through
:class:`kronika.store.Store`. Fact rows come back in the record format of
``kronika analyze`` (the ``data`` column), with the document they belong to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import bindparam, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from kronika.store import SearchSyntaxError
from kronika.store.rows import grid_cells
from kronika.store.search import fts5_query
from kronika.store.snippets import snippet, terms_pattern  # noqa: F401  (re-exported)
from kronika.web.memo import memo_for

PLACE_ENTITY_TYPES = ("GPE", "LOC", "FAC")
# Snippets are cut in Python (see kronika.store.snippets) from the text's first
# SNIPPET_SCAN_CHARS characters.
SNIPPET_SCAN_CHARS = 1_000_000
# Fact lists and searches count their matches up to here: the fact tables have no index
# on date or place, and a common word is in most documents, so exact counts of a large
# store would scan every row on every page.
COUNT_CAP = 10_000
# Events are counted to a lower cap: each map or timeline request has its own date
# range and area, so the count is rarely remembered, and it was half the request.
EVENT_COUNT_CAP = 1_000
# A map area of up to this many 1-degree cells is read cell by cell (store schema v4);
# a larger one by date, as its events are many.
MAX_CELLS = 400
# A search with more matches than this lists them newest first: FTS5 ranks every
# match (7 µs each), and past a thousand the best-ranked few say little anyway.
RANK_LIMIT = 1_000


@dataclass
class Page:
    """One page of results: ``items`` plus what is needed to ask for the next."""

    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    order: str = ""  # for documents: "relevance" or "newest"
    cap: int = COUNT_CAP  # the count stops here: a total this high means "or more"

    @property
    def has_next(self) -> bool:
        return self.offset + len(self.items) < self.total

    @property
    def has_previous(self) -> bool:
        return self.offset > 0


# Documents by review: corrected at all, untouched, or with a fact people rejected (the
# reviewed record's JSON says "rejected":[] when none; in the text a quote is escaped).
REVIEW_CLAUSES = {
    "reviewed": "d.reviewed IS NOT NULL",
    "unreviewed": "d.reviewed IS NULL",
    "rejected": "d.reviewed IS NOT NULL AND d.reviewed NOT LIKE '%\"rejected\":[]%'",
}


@dataclass
class DocumentFilter:
    q: str = ""
    source: str = ""
    date_from: str = ""
    date_to: str = ""
    person: str = ""
    place: str = ""
    review: str = ""  # reviewed, unreviewed or rejected (people's corrections)
    params: dict[str, Any] = field(default_factory=dict)

    def clauses(self) -> list[str]:
        where = []
        if self.q:  # "+" keeps SQLite from looking up every match by id and sorting them
            where.append("+d.id IN (SELECT doc_id FROM documents_fts WHERE documents_fts MATCH :q)")
        if self.source:
            where.append("d.source = :source")
        if self.date_from:
            where.append("d.published >= :date_from")
        if self.date_to:
            where.append("d.published <= :date_to || '~'")
        if self.person:
            where.append(
                "(EXISTS (SELECT 1 FROM entities e WHERE e.doc_id = d.id AND e.name = :person)"
                " OR EXISTS (SELECT 1 FROM quotes qq WHERE qq.doc_id = d.id"
                " AND qq.speaker_name = :person))"
            )
        if self.place:
            types = ", ".join(f"'{t}'" for t in PLACE_ENTITY_TYPES)
            where.append(
                "(EXISTS (SELECT 1 FROM places p WHERE p.doc_id = d.id AND p.name = :place)"
                " OR EXISTS (SELECT 1 FROM entities e2 WHERE e2.doc_id = d.id"
                f" AND e2.name = :place AND e2.type IN ({types})))"
            )
        if self.review in REVIEW_CLAUSES:
            where.append(REVIEW_CLAUSES[self.review])
        return where

    def bind(self) -> dict[str, Any]:
        return {
            "q": fts5_query(self.q) if self.q else "",
            "source": self.source,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "person": self.person,
            "place": self.place,
        }


def _where(clauses: list[str]) -> str:
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""


def _fts(conn, sql: str, params: dict[str, Any]):
    """Run a statement that may contain an FTS5 MATCH; bad syntax becomes SearchSyntaxError."""
    try:
        return conn.execute(text(sql), params)
    except OperationalError as exc:
        if "fts5" not in str(exc.orig).lower() and "syntax" not in str(exc.orig).lower():
            raise
        # fts5_query writes only valid syntax; should FTS5 still refuse it, say so plainly.
        raise SearchSyntaxError("bad search query: the search engine could not read it") from None


def documents(engine: Engine, flt: DocumentFilter, limit: int, offset: int) -> Page:
    """Documents matching the filter: newest first, or best match first when a search
    has at most RANK_LIMIT matches."""
    params = {**flt.bind(), "n": limit, "o": offset}
    filters = flt.clauses()
    if flt.q and len(filters) == 1:
        count = (
            "SELECT count(*) FROM (SELECT 1 FROM documents_fts WHERE documents_fts MATCH :q "
            f"LIMIT {COUNT_CAP})"
        )
    else:
        count = f"SELECT count(*) FROM documents d{_where(filters)}"
    with engine.connect() as conn:
        total = remembered_count(conn, count, params, run=_fts)
        order = "relevance" if flt.q and total <= RANK_LIMIT else "newest"
        if order == "newest" and flt.q and len(filters) == 1:
            order = "added"  # the index's own order: the latest stored first
        rows = _fts(conn, _documents_sql(flt, filters, order), params).mappings().all()
    items = []
    for row in rows:
        item = dict(row)
        item["snippet"] = snippet(item["snippet"], flt.q) if item["snippet"] else None
        items.append(item)
    return Page(items, total, limit, offset, order)


def _documents_sql(flt: DocumentFilter, filters: list[str], order: str) -> str:
    columns = "d.id, d.title, d.published, d.source, d.url"
    text_head = f"substr(d.text, 1, {SNIPPET_SCAN_CHARS})" if flt.q else "NULL"
    if order == "newest" and not (flt.q and len(filters) == 1):
        # The page's rowids first (from the published index alone when nothing else
        # filters; rowid breaks ties), then only its rows: an OFFSET over the table
        # itself read every row it skipped.
        return (
            f"SELECT {columns}, {text_head} AS snippet FROM documents d WHERE d.rowid IN "
            f"(SELECT d.rowid FROM documents d{_where(filters)} "
            "ORDER BY d.published DESC, d.rowid DESC LIMIT :n OFFSET :o) "
            "ORDER BY d.published DESC, d.rowid DESC"
        )
    if len(filters) == 1:  # words only: order in the index, then read one page
        inner = "rank" if order == "relevance" else "rowid DESC"
        return (
            f"SELECT {columns}, {text_head} AS snippet FROM (SELECT doc_id, rank, rowid AS r "
            f"FROM documents_fts WHERE documents_fts MATCH :q ORDER BY {inner} "
            f"LIMIT :n OFFSET :o) f JOIN documents d ON d.id = f.doc_id ORDER BY f.{inner}"
        )
    return (
        f"SELECT {columns}, {text_head} AS snippet FROM documents_fts f "
        "JOIN documents d ON d.id = f.doc_id "
        + _where(["documents_fts MATCH :q", *filters[1:]])
        + " ORDER BY f.rank LIMIT :n OFFSET :o"
    )


def record(engine: Engine, doc_id: str) -> dict[str, Any] | None:
    """The full JSON record of one document: as ``kronika analyze`` made it, with
    people's corrections applied (kronika.review) and each entity's cross-document
    ``person`` joined from the store."""
    from kronika.people import fill

    with engine.connect() as conn:
        row = conn.execute(
            text("SELECT coalesce(reviewed, record) AS record FROM documents WHERE id = :id"),
            {"id": doc_id},
        ).first()
        if row is None:
            return None
        found = orjson.loads(row.record)
        fill(conn, [found])
    return found


def has_document(engine: Engine, doc_id: str) -> bool:
    with engine.connect() as conn:
        found = conn.execute(text("SELECT 1 FROM documents WHERE id = :id"), {"id": doc_id})
        return found.first() is not None


def people(engine: Engine, query: str, kind: str, limit: int, offset: int) -> Page:
    """People and units across documents (kronika.people), most documents first."""
    from kronika.people.read import list_people

    with engine.connect() as conn:
        total, items = list_people(conn, query, kind, limit, offset)
    return Page(items, total, limit, offset)


def person(engine: Engine, person_id: str) -> dict[str, Any] | None:
    """One person or unit with its quotes, claims, events and descriptions."""
    from kronika.people.read import person as read_person

    with engine.connect() as conn:
        return read_person(conn, person_id)


def persons_named(conn, name: str, limit: int = 20) -> list[dict[str, Any]]:
    """The people an entity name is linked to, across documents."""
    rows = conn.execute(
        text(
            "SELECT p.id, p.name, p.documents FROM people p WHERE p.id IN "
            "(SELECT l.person_id FROM entities e JOIN person_links l ON l.doc_id = e.doc_id "
            "AND l.entity_id = e.entity_id WHERE e.name = :name) ORDER BY p.documents DESC "
            "LIMIT :n"
        ),
        {"name": name, "n": limit},
    ).mappings()
    return [dict(r) for r in rows]


def sources(engine: Engine, limit: int = 200) -> list[str]:
    return memo_for(engine).get(("sources", limit), lambda: _sources(engine, limit))


def _sources(engine: Engine, limit: int) -> list[str]:
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT DISTINCT source FROM documents WHERE source IS NOT NULL "
                "ORDER BY source LIMIT :n"
            ),
            {"n": limit},
        )
        return [r.source for r in rows]


def _facts(conn, sql: str, params: dict[str, Any], key: str) -> list[dict[str, Any]]:
    items = []
    for row in conn.execute(text(sql), params).mappings():
        item = {k: v for k, v in row.items() if k != "data"}
        item[key] = orjson.loads(row["data"])
        items.append(item)
    return items


def capped_count(conn, from_where: str, params: dict[str, Any], cap: int = COUNT_CAP) -> int:
    """How many rows match, counting no further than ``cap`` (then says ``cap``)."""
    return remembered_count(
        conn, f"SELECT count(*) FROM (SELECT 1 {from_where} LIMIT {cap})", params
    )


def remembered_count(conn, sql: str, params: dict[str, Any], run=None) -> int:
    """A count, remembered until the store changes; the page's limit and offset are
    not part of what it depends on."""
    key = (sql, tuple(sorted((k, v) for k, v in params.items() if k not in ("n", "o"))))
    execute = run or (lambda c, q, p: c.execute(text(q), p))
    return memo_for(conn.engine).get(key, lambda: execute(conn, sql, params).scalar() or 0)


def _page(conn, select: str, where: list[str], order: str, params, key, limit, offset) -> Page:
    clause = _where(where)
    total = capped_count(conn, f"{select}{clause}", params)
    sql = f"SELECT {_FACT_COLUMNS} {select}{clause} ORDER BY {order} LIMIT :n OFFSET :o"
    items = _facts(conn, sql, {**params, "n": limit, "o": offset}, key) if offset < total else []
    return Page(items, total, limit, offset)


_FACT_COLUMNS = 'x.doc_id, x.idx AS "index", d.title, d.published, x.data'


def quotes(engine: Engine, speaker: str, limit: int, offset: int) -> Page:
    where = ["x.speaker_name = :speaker"] if speaker else []
    with engine.connect() as conn:
        return _page(
            conn,
            "FROM quotes x JOIN documents d ON d.id = x.doc_id",
            where,
            "d.published DESC, x.doc_id, x.idx",
            {"speaker": speaker},
            "quote",
            limit,
            offset,
        )


def claims_by(engine: Engine, speaker: str, limit: int, offset: int) -> Page:
    with engine.connect() as conn:
        return _page(
            conn,
            "FROM claims x JOIN documents d ON d.id = x.doc_id",
            ["x.speaker = :speaker"],
            "d.published DESC, x.doc_id, x.idx",
            {"speaker": speaker},
            "claim",
            limit,
            offset,
        )


@dataclass
class Area:
    """Filters on where and when: a bounding box and a date range (inclusive), and
    optionally one document (a document's own map)."""

    date_from: str = ""
    date_to: str = ""
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    doc: str = ""

    def clauses(self, date: str, lat: str, lon: str) -> list[str]:
        where = ["x.doc_id = :doc"] if self.doc else []
        if self.date_from:
            where.append(f"{date} >= :date_from")
        if self.date_to:
            where.append(f"{date} <= :date_to || '~'")
        if self.bbox:
            where.append(f"{lat} BETWEEN :south AND :north AND {lon} BETWEEN :west AND :east")
        return where

    def cells(self) -> list[int]:
        """The grid cells the box covers, when they are few enough to read one by
        one; empty for no box or a large one."""
        return grid_cells(*self.bbox, most=MAX_CELLS) if self.bbox else []

    def bind(self) -> dict[str, Any]:
        params: dict[str, Any] = {
            "date_from": self.date_from,
            "date_to": self.date_to,
            "doc": self.doc,
        }
        if self.bbox:
            params.update(zip(("west", "south", "east", "north"), self.bbox, strict=True))
        return params


def places(engine: Engine, area: Area, name: str, limit: int, offset: int) -> Page:
    where = ["x.lat IS NOT NULL", *area.clauses("d.published", "x.lat", "x.lon")]
    if name:
        where.append("x.name = :name")
    with engine.connect() as conn:
        return _page(
            conn,
            "FROM places x JOIN documents d ON d.id = x.doc_id",
            where,
            "x.rowid",
            {**area.bind(), "name": name},
            "place",
            limit,
            offset,
        )


# Events carry their date and their place's coordinates (store schema v2), and one
# index holds (date, lat, lon) (v3): pages come in that order, so a filtered page
# reads the index from its first date and stops once it has its rows.
EVENT_ORDER = "x.date, x.lat, x.lon, x.rowid"
_EVENT_JOINS = (
    " JOIN documents d ON d.id = x.doc_id"
    " LEFT JOIN places p ON p.doc_id = x.doc_id AND p.idx = x.place_idx"
    " LEFT JOIN times t ON t.doc_id = x.doc_id AND t.idx = x.time_idx"
)
_PLACE_JOIN = " LEFT JOIN places p ON p.doc_id = x.doc_id AND p.idx = x.place_idx"


def events(engine: Engine, area: Area, actor: str, place: str, limit: int, offset: int) -> Page:
    """Events with the place and time they point to, by date; the date is the event's
    normalised time when it has one, else the document's publication date."""
    where = area.clauses("x.date", "x.lat", "x.lon")
    if actor:  # an actor is an entity id of the document (matched by name) or a name
        where.append(
            "EXISTS (SELECT 1 FROM json_each(x.data, '$.actors') a LEFT JOIN entities en "
            "ON en.doc_id = x.doc_id AND en.entity_id = a.value "
            "WHERE a.value = :actor OR en.name = :actor)"
        )
    if place:
        where.append("p.name = :place")
    params = {**area.bind(), "actor": actor, "place": place, "n": limit, "o": offset}
    cells = area.cells()  # a small area is read by its grid cells
    by_cell = [*where, f"x.cell IN ({', '.join(map(str, cells))})"] if cells else where
    with engine.connect() as conn:
        counted = _events_from(_PLACE_JOIN if place else "", by_cell, bool(cells))
        total = capped_count(conn, counted, params, EVENT_COUNT_CAP)
        # Many events in the area: the date index finds a page of them soonest.
        use_cells = bool(cells) and total < EVENT_COUNT_CAP
        sql = (
            f"SELECT {_FACT_COLUMNS}, x.date AS date, t.data AS time_data, "
            f"t.type AS time_type, p.data AS place_data "
            f"{_events_from(_EVENT_JOINS, by_cell if use_cells else where, use_cells)} "
            f"ORDER BY {EVENT_ORDER} LIMIT :n OFFSET :o"
        )
        rows = conn.execute(text(sql), params).mappings() if offset < total else []
        items = [_event_item(row) for row in rows]
        names = entity_names(conn, {(i["doc_id"], a) for i in items for a in _roles(i["event"])})
    for item in items:
        known = names.get(item["doc_id"], {})
        for role in ("actors", "recipients"):
            item[role] = [known.get(a, a) for a in item["event"].get(role) or []]
    return Page(items, total, limit, offset, cap=EVENT_COUNT_CAP)


def _events_from(joins: str, where: list[str], cells: bool) -> str:
    # SQLite's planner, left alone, took the cells' rows by latitude
    index = " INDEXED BY ix_events_cell_when" if cells else ""
    return f"FROM events x{index}{joins}{_where(where)}"


def _roles(event: dict[str, Any]) -> list[str]:
    return [*(event.get("actors") or []), *(event.get("recipients") or [])]


def _event_item(row) -> dict[str, Any]:
    item = {k: row[k] for k in ("doc_id", "index", "title", "published", "date")}
    item["event"] = orjson.loads(row["data"])
    item["time"] = orjson.loads(row["time_data"]) if row["time_data"] else None
    item["place"] = orjson.loads(row["place_data"]) if row["place_data"] else None
    item["precision"] = date_precision(row["date"])
    return item


def entity_names(conn, wanted: set[tuple[str, str]]) -> dict[str, dict[str, str]]:
    """Names of the (document, entity id) pairs asked for, per document."""
    names: dict[str, dict[str, str]] = {}
    if not wanted:
        return names
    sql = text(
        "SELECT doc_id, entity_id, name FROM entities "
        "WHERE doc_id IN :docs AND entity_id IN :entities"
    ).bindparams(bindparam("docs", expanding=True), bindparam("entities", expanding=True))
    docs, entities = sorted({d for d, _ in wanted}), sorted({e for _, e in wanted})
    for row in conn.execute(sql, {"docs": docs, "entities": entities}):
        names.setdefault(row.doc_id, {})[row.entity_id] = row.name
    return names


def date_precision(value: str | None) -> str:
    """How precise a normalised date is, read from its shape (2024, 2024-11, 2024-W46…)."""
    if not value:
        return "unknown"
    if len(value) == 4 and value.isdigit():
        return "year"
    if len(value) == 7 and value[4] == "-" and value[5:].isdigit():
        return "month"
    if "-W" in value:
        return "week"
    if len(value) >= 10 and value[4] == "-" and value[7] == "-":
        return "day" if len(value) == 10 else "time"
    return "other"


def entity(engine: Engine, name: str, limit: int = 200) -> dict[str, Any]:
    """Everything about one named entity across documents: where it is mentioned,
    what it said (quotes) and what it claimed."""
    with engine.connect() as conn:
        mentions = conn.execute(
            text(
                'SELECT e.doc_id, e.idx AS "index", e.type, e.start, e.end, d.title, '
                "d.published, e.data FROM entities e JOIN documents d ON d.id = e.doc_id "
                "WHERE e.name = :name ORDER BY d.published DESC, e.doc_id LIMIT :n"
            ),
            {"name": name, "n": limit},
        ).mappings()
        appearances = []
        for row in mentions:
            item = {k: v for k, v in row.items() if k != "data"}
            item["mentions"] = len(orjson.loads(row["data"]).get("mentions", []))
            appearances.append(item)
        persons = persons_named(conn, name)
    return {
        "name": name,
        "persons": persons,
        "types": sorted({a["type"] for a in appearances if a["type"]}),
        "appearances": appearances,
        "quotes": quotes(engine, name, limit, 0),
        "claims": claims_by(engine, name, limit, 0),
    }


def entities(engine: Engine, kind: str, limit: int, offset: int) -> Page:
    """Named entities across documents, most documents first."""
    where = ["type = :kind"] if kind else []
    clause = _where(where)
    with engine.connect() as conn:
        total = (
            conn.execute(
                text(f"SELECT count(DISTINCT name) FROM entities{clause}"), {"kind": kind}
            ).scalar()
            or 0
        )
        rows = conn.execute(
            text(
                "SELECT name, min(type) AS type, count(DISTINCT doc_id) AS documents "
                f"FROM entities{clause} GROUP BY name ORDER BY documents DESC, name "
                "LIMIT :n OFFSET :o"
            ),
            {"kind": kind, "n": limit, "o": offset},
        ).mappings()
        return Page([dict(r) for r in rows], total, limit, offset)
