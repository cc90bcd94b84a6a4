"""Reading people: the list (``kronika people``, ``/api/people``) and everything the
archive holds about one person (``/people/{id}``, ``/api/people/{id}``)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import orjson
from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from kronika.people.identity import fold, normalise
from kronika.store.schema import PERSON_KEYS_SEARCHED

SHOWN = 10  # aliases, call signs and descriptions shown per person in a list
MOST_LINKS = 500  # documents gathered on one person's page, newest first


def _expanding(sql: str, *names: str):
    return text(sql).bindparams(*(bindparam(n, expanding=True) for n in names))


def list_people(
    conn: Connection,
    query: str = "",
    kind: str = "",
    limit: int = 50,
    offset: int = 0,
    anonymous: bool = False,
) -> tuple[int, list[dict[str, Any]]]:
    """(total, one page of people and units), most documents first. ``query`` matches
    a person id, or words of a name or call sign in any transliteration."""
    where, params = [], {"n": limit, "o": offset}
    if kind:
        where.append("p.type = :kind")
        params["kind"] = kind.upper()
    if not anonymous:
        where.append("p.anonymous = :no")
        params["no"] = False
    if query:
        ids = _matching(conn, query)
        where.append("p.id IN :ids")
        params["ids"] = sorted(ids) or [""]
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    expanding = ("ids",) if query else ()
    total = conn.execute(_expanding(f"SELECT count(*) FROM people p{clause}", *expanding), params)
    rows = conn.execute(
        _expanding(
            "SELECT p.id, p.type, p.name, p.anonymous, p.documents, p.quotes FROM people p"
            f"{clause} ORDER BY p.documents DESC, p.quotes DESC, p.id LIMIT :n OFFSET :o",
            *expanding,
        ),
        params,
    ).mappings()
    items = [{**r, "anonymous": bool(r["anonymous"])} for r in rows]
    _describe(conn, items)
    return total.scalar() or 0, items


def _matching(conn: Connection, query: str) -> set[str]:
    # persons are searched by their folded words (attributes "sur:…", "cs:…"), units
    # by their folded names
    words = [normalise(w) for w in fold(query)]
    exact = conn.execute(text("SELECT id FROM people WHERE id = :q"), {"q": query.strip()})
    found = set(exact.scalars())
    if found or not words:
        return found
    ids: set[str] | None = None
    for word in words:
        rows = conn.execute(
            text(
                "SELECT DISTINCT person_id FROM person_keys "
                f"WHERE {PERSON_KEYS_SEARCHED} AND value LIKE :w"  # as its index says
            ),
            {"w": f"%{word}%"},
        )
        these = set(rows.scalars())
        ids = these if ids is None else ids & these
    return ids or set()


def _describe(conn: Connection, items: list[dict[str, Any]]) -> None:
    """Aliases, call signs and descriptions of each listed person, most documents first."""
    for item in items:
        item.update(aliases=[], callsigns=[], descriptions=[])
    if not items:
        return
    by_id = {item["id"]: item for item in items}
    rows = conn.execute(
        _expanding(
            "SELECT person_id, kind, value, docs FROM person_keys WHERE person_id IN :ids "
            "AND kind IN ('alias', 'cstext', 'desc') ORDER BY docs DESC, value",
            "ids",
        ),
        {"ids": sorted(by_id)},
    )
    field = {"alias": "aliases", "cstext": "callsigns", "desc": "descriptions"}
    for person, kind, value, _ in rows:
        shown = by_id[person][field[kind]]
        if len(shown) < SHOWN:
            shown.append(value)


def person(conn: Connection, person_id: str) -> dict[str, Any] | None:
    """One person or unit with every quote, claim, event and description the archive
    holds of it, each with its document, outlet and span."""
    row = (
        conn.execute(
            text("SELECT id, type, name, anonymous, documents, quotes FROM people WHERE id = :p"),
            {"p": person_id},
        )
        .mappings()
        .first()
    )
    if row is None:
        return None
    found = {**row, "anonymous": bool(row["anonymous"])}
    _describe(conn, [found])
    links = (
        conn.execute(
            text(
                "SELECT l.doc_id, l.entity_id, l.name, l.reason, d.title, d.published, d.source, "
                "d.url FROM person_links l JOIN documents d ON d.id = l.doc_id "
                "WHERE l.person_id = :p ORDER BY d.published DESC, l.doc_id LIMIT :n"
            ),
            {"p": person_id, "n": MOST_LINKS},
        )
        .mappings()
        .all()
    )
    found["links"] = [dict(link) for link in links]
    found["outlets"] = sorted({link["source"] for link in links if link["source"]})
    entities = defaultdict(set)
    for link in links:
        entities[link["doc_id"]].add(link["entity_id"])
    docs = {link["doc_id"]: link for link in links}
    found.update(_facts(conn, entities, docs))
    return found


def _facts(conn: Connection, entities: dict[str, set[str]], docs) -> dict[str, list]:
    """Quotes by, claims of, events with, and descriptions of the linked entities."""
    out: dict[str, list] = {"quotes": [], "claims": [], "events": [], "descriptions": []}
    out["mentions"] = []
    if not entities:
        return out
    names = defaultdict(set)  # a claim names its claimant by the quote's speaker name
    for doc_id, doc in docs.items():
        names[doc_id].add(doc["name"])
    ids = sorted(entities)

    def where(doc_id: str, index: int, **extra) -> dict[str, Any]:
        doc = docs[doc_id]
        return {
            "doc_id": doc_id,
            "index": index,
            "title": doc["title"],
            "published": doc["published"],
            "source": doc["source"],
            **extra,
        }

    for table in ("quotes", "claims", "events", "entities"):
        rows = conn.execute(
            _expanding(f"SELECT doc_id, idx, data FROM {table} WHERE doc_id IN :ids", "ids"),
            {"ids": ids},
        )
        for doc_id, idx, data in rows:
            fact = orjson.loads(data)
            mine = entities[doc_id]
            if table == "quotes" and (fact.get("speaker") or {}).get("entity") in mine:
                out["quotes"].append(where(doc_id, idx, quote=fact))
            elif table == "claims" and (
                fact.get("claimant") in mine or fact.get("speaker") in names[doc_id]
            ):
                out["claims"].append(where(doc_id, idx, claim=fact))
            elif table == "events":
                roles = [r for r in ("actors", "recipients") if mine & set(fact.get(r) or [])]
                if roles:
                    out["events"].append(where(doc_id, idx, event=fact, roles=roles))
            elif table == "entities" and fact.get("id") in mine:
                for d in fact.get("descriptions") or []:
                    out["descriptions"].append(where(doc_id, idx, description=d))
                out["mentions"].append(
                    where(doc_id, idx, name=fact.get("name"), mentions=fact.get("mentions") or [])
                )
    order = {doc_id: n for n, doc_id in enumerate(docs)}
    for items in out.values():
        items.sort(key=lambda f: (order[f["doc_id"]], f["index"]))
    return out
