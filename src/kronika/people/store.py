"""Linking a document's people and units to identities across the archive.

:func:`link_document` runs inside :meth:`kronika.store.Store.save`'s transaction.
It takes the document's old links off their people (a re-saved document), then, for
each person and unit entity, looks its candidates up by indexed keys (never a scan
of all people) and links it to the best one, or to a new person, recording why.
Units are linked first, then full names and call signs, then one-word names, so a
one-word name can lean on the units and people the same document shares with a
candidate. A new person's id is a hash of the document and the entity's folded
name, and a matched person keeps its id: saving a document again gives the same ids.

Manual decisions (:func:`merge_people`, :func:`split_person`) are appended to
``person_overrides`` and pin the entities they move (``person_pins``, by document and
folded name), so they hold when a document is analysed again.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache, partial
from typing import Any

import orjson
from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection, Engine

from kronika.people import identity
from kronika.people.identity import NEEDS_SUPPORT, STRENGTH, Profile
from kronika.store.schema import PERSON_KEYS_LOOKUP

LOOKUP_KINDS = ("f", "sn", "s1", "c", "u")
LOCAL_KINDS = (
    "g",
)  # found only among the people of the same document or story  # how people of the same document are found
ATTRIBUTE_KINDS = ("sur", "given", "single", "cs", "uname", "unit", "age")


def _sql(statement: str, *expanding: str):
    query = text(statement)
    if expanding:
        query = query.bindparams(*(bindparam(name, expanding=True) for name in expanding))
    return query


def _driver(conn: Connection, sql: str, params=(), many: bool = False):
    """A statement straight to the database driver: ``?`` marks, lists expanded by
    the caller. Linking runs a dozen statements per saved document, and SQLAlchemy's
    compiling of expanding IN lists cost as much as SQLite's work."""
    if conn.dialect.name != "sqlite":
        sql = sql.replace("?", "%s")
    return conn.exec_driver_sql(sql, list(params) if many else tuple(params))


def _rows(conn: Connection, sql: str, params=()) -> list[tuple]:
    """All rows of a read, fetched at once (row by row through SQLAlchemy was a
    fifth of linking)."""
    if conn.dialect.name != "sqlite":
        sql = sql.replace("?", "%s")
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.execute(sql, tuple(params))
        return cursor.fetchall()
    finally:
        cursor.close()


def _marks(n: int) -> str:
    return ", ".join(["?"] * n)


def _padded(values: Sequence[str]) -> list[str]:
    """``values`` padded with "" (no key or person id is empty) to a few fixed
    lengths, so that a statement with a list in it has one of a few texts: SQLite
    and psycopg keep the prepared statement of a text they saw before, and preparing
    the candidates query anew cost more than running it."""
    n = len(values)
    size = max(8, -(-n // 8) * 8) if n <= 64 else 1 << (n - 1).bit_length()
    return [*values, *[""] * (size - n)]


def stored_keys(p: Profile) -> list[tuple[str, str]]:
    """The entity's keys as the store holds them: lookups under kind ``k`` and
    attributes under ``a`` (each "kind:value", so one IN list finds them all), display
    forms under their own kind; each value cut to ``MOST_VALUE_CHARS``. Worked out
    once per profile (profiles are shared by entities alike)."""
    if p.stored is None:
        p.stored = _stored_keys(p)
    return p.stored


def _stored_keys(p: Profile) -> list[tuple[str, str]]:
    out = set()
    for kind, value in p.given_keys():
        if kind in LOOKUP_KINDS:
            out.add(("k", f"{kind}:{value}"[: identity.MOST_VALUE_CHARS]))
        elif kind in ATTRIBUTE_KINDS:
            out.add(("a", f"{kind}:{value}"[: identity.MOST_VALUE_CHARS]))
        elif kind not in LOCAL_KINDS:
            out.add((kind, value[: identity.MOST_VALUE_CHARS]))
    return sorted(out)


# Read through the driver (_rows): SQLAlchemy's own execute cost more than the reads.
_OLD_LINKS_SQL = "SELECT person_id, quotes, keys FROM person_links WHERE doc_id = ?"
_DROP_LINKS = _sql("DELETE FROM person_links WHERE doc_id = :d")
_PINS_SQL = "SELECT entity_key, person_id FROM person_pins WHERE doc_id = ? ORDER BY override_id"
_IN_STORY_SQL = "SELECT DISTINCT person_id FROM person_links WHERE story_id = ?"
_NEW_PERSON_SQL = (
    "INSERT INTO people (id, type, name, anonymous, documents, quotes) "
    "VALUES (?, ?, ?, ?, 0, 0) ON CONFLICT (id) DO NOTHING"
)
_LINK_SQL = (
    "INSERT INTO person_links (doc_id, entity_id, person_id, story_id, name, entity_key, "
    "reason, quotes, keys) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_ADD_KEY_SQL = (
    "INSERT INTO person_keys (person_id, kind, value, docs) VALUES (?, ?, ?, 1) "
    "ON CONFLICT (person_id, kind, value) DO UPDATE SET docs = person_keys.docs + 1"
)
_SUB_KEY_SQL = (
    "UPDATE person_keys SET docs = docs - 1 WHERE person_id = ? AND kind = ? AND value = ?"
)
_COUNT_SQL = "UPDATE people SET documents = documents + ?, quotes = quotes + ? WHERE id = ?"
# Counts and, when this document gives a name of more words, the name, in one
# statement (the name's words are its spaces plus one, so it need not be read).
_COUNT_AND_NAME_SQL = (
    "UPDATE people SET documents = documents + 1, quotes = quotes + ?, name = CASE WHEN "
    "length(name) - length(replace(name, ' ', '')) + 1 < ? THEN ? ELSE name END WHERE id = ?"
)
_NEW_PERSON = _sql(
    "INSERT INTO people (id, type, name, anonymous, documents, quotes) "
    "VALUES (:id, :type, :name, :anonymous, 0, 0) ON CONFLICT (id) DO NOTHING"
)
_DROP_KEYS = _sql("DELETE FROM person_keys WHERE person_id IN :ids AND docs <= 0", "ids")
_DROP_PEOPLE = _sql(
    "DELETE FROM people WHERE id IN :ids AND documents <= 0 "
    "AND NOT EXISTS (SELECT 1 FROM person_links l WHERE l.person_id = people.id)",
    "ids",
)


@dataclass(slots=True)
class Candidate:
    id: str
    name: str = ""
    type: str = ""
    attrs: dict[str, set[str]] = field(default_factory=partial(defaultdict, set))


@dataclass
class _Linking:
    """The state of linking one document."""

    conn: Connection
    doc_id: str
    story: str
    candidates: dict[str, Candidate] = field(default_factory=dict)
    by_lookup: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    in_story: set[str] = field(default_factory=set)
    common: set[tuple[str, str]] = field(default_factory=set)  # keys too many people share
    # stored candidate -> the units of this document it was seen with (asked once)
    seen_with: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    asked: bool = False
    # People of this document and of its story, by the keys first names are found by.
    local: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    here: dict[str, Candidate] = field(default_factory=dict)  # people linked in this doc
    created: dict[str, tuple[str, str, bool]] = field(default_factory=dict)


def link_document(conn: Connection, doc, story: str) -> dict[str, str]:
    """Link the document's people and units; sets ``Entity.person`` on ``doc`` and
    returns {entity id: person id}. Runs in the caller's transaction."""
    touched = _unlink(conn, doc.id)
    profiles = [(e, p) for e in doc.entities if (p := identity.profile(e)) is not None]
    if not profiles:
        _forget(conn, touched)
        return {}
    state = _Linking(conn, doc.id, story)
    _load(state, profiles)
    quotes = Counter(q.speaker.entity for q in doc.quotes if q.speaker and q.speaker.entity)
    pins = dict(_rows(conn, _PINS_SQL, (doc.id,)))  # the latest override last, so it wins
    links = []
    for entity, p in sorted(profiles, key=lambda pair: _order(pair[1])):
        if p.key in pins:
            person, reason = pins[p.key], "manual decision (person_overrides)"
            state.created.setdefault(person, (p.type, p.name, p.anonymous))
        else:
            person, reason = _choose(state, p)
        _remember(state, person, p)
        entity.person = person
        links.append((entity, p, person, reason))
    _write(state, links, quotes)
    _forget(conn, touched - {person for _, _, person, _ in links})
    return {entity.id: person for entity, _, person, _ in links}


def _order(p: Profile) -> int:
    """Units first, then names that stand alone, then one-word names."""
    if p.type == "UNIT":
        return 0
    return 2 if p.single and not p.callsigns else 1


# A key this common (a frequent surname or call sign) says little: its people are
# candidates only when the story already has them.
MOST_CANDIDATES = 20


def _load(state: _Linking, profiles: list[tuple[Any, Profile]]) -> None:
    """Candidates of every entity of the document, with their attributes: four
    indexed queries for the whole document."""
    conn = state.conn
    state.in_story = {r[0] for r in _rows(conn, _IN_STORY_SQL, (state.story,))}
    lookups = set().union(*(p.lookups() for _, p in profiles))
    asked = {f"{kind}:{value}": (kind, value) for kind, value in lookups}  # as stored
    found = []
    if asked:
        values = _padded(sorted(asked))
        sql = _candidates_sql(len(values), conn.dialect.name)
        found = [(value, ids) for value, ids in _rows(conn, sql, values) if ids]
    # A candidate's type is in the key that found it ("PERSON|…"); a person of the
    # story found by no key is a unit when it has a unit's name.
    for value, ids in found:
        key = asked[value]
        if ids.count(",") >= MOST_CANDIDATES:  # too common to say who: the story decides
            state.common.add(key)
            continue
        state.by_lookup[key] = people = set(ids.split(","))
        kind = key[1].split("|", 1)[0]
        for pid in people:
            if pid not in state.candidates:
                state.candidates[pid] = Candidate(pid, type=kind)
    for pid in state.in_story:
        state.candidates.setdefault(pid, Candidate(pid))
    if not state.candidates:
        return
    ids = _padded(sorted(state.candidates))
    sql = f"SELECT person_id, value FROM person_keys WHERE kind = 'a' AND person_id IN ({_marks(len(ids))})"
    candidates = state.candidates
    for person, value in _rows(conn, sql, ids):
        kind, _, rest = value.partition(":")
        candidates[person].attrs[kind].add(rest)
    for candidate in state.candidates.values():
        if not candidate.type:
            candidate.type = "UNIT" if candidate.attrs.get("uname") else "PERSON"
    for pid in state.in_story & set(state.candidates):
        _index_locally(state, state.candidates[pid])


@lru_cache(maxsize=256)
def _candidates_sql(values: int, dialect: str) -> str:
    """People having each lookup key, at most MOST_CANDIDATES + 1 per key: each key
    read from the index up to its limit, so a common first name or surname costs no
    more than a rare one. One row per key, its people joined by commas: a common
    key's 21 rows cost Python as much as the rest of the document's candidates."""
    joined = "group_concat(person_id, ',')" if dialect == "sqlite" else "string_agg(person_id, ',')"
    if values > MOST_KEYS_AT_ONCE:  # SQLite's compound SELECT holds 500: count them all
        return (
            f"SELECT value, {joined} FROM (SELECT value, person_id, row_number() OVER "
            f"(PARTITION BY value) AS n FROM person_keys WHERE {LOOKUP} AND value IN "
            f"({_marks(values)})) t WHERE n <= {MOST_CANDIDATES + 1} GROUP BY value"
        )
    # min(value): the key itself (NULL when no one has it), as PostgreSQL wants it
    one = (
        f"SELECT min(value), {joined} FROM (SELECT value, person_id FROM person_keys "
        f"WHERE {LOOKUP} AND value = ? LIMIT {MOST_CANDIDATES + 1}) t"
    )
    return " UNION ALL ".join(f"{one}{n}" for n in range(values))


MOST_KEYS_AT_ONCE = 200
LOOKUP = PERSON_KEYS_LOOKUP  # the term its partial index is made with, as it is


def _index_locally(state: _Linking, candidate: Candidate) -> None:
    t = candidate.type
    for given in candidate.attrs.get("given", ()):
        state.local[("g", f"{t}|{identity.skeleton(given)}")].add(candidate.id)
    for single in candidate.attrs.get("single", ()):
        state.local[("s1", f"{t}|{identity.skeleton(single)}")].add(candidate.id)


def _choose(state: _Linking, p: Profile) -> tuple[str, str]:
    """The person this entity is, and why: the strongest name match whose context
    does not disagree, supported by the archive when the name alone is too weak."""
    if p.anonymous:
        return _new(state, p), "new: an anonymous source is never merged across documents"
    lookups = p.lookups()
    pool = {pid for key in lookups for pid in state.by_lookup.get(key, ())}
    if lookups & state.common:
        pool |= state.in_story
    pool |= {pid for key in p.lookups(local=True) for pid in state.local.get(key, ())}
    scored, refused = [], []
    for pid in sorted(pool):
        candidate = state.here.get(pid) or state.candidates.get(pid)
        if candidate is None or candidate.type != p.type:
            continue
        match = identity.name_match(p, candidate.attrs)
        if match is None:
            continue
        why_not = identity.conflict(p, candidate.attrs)
        if why_not:
            refused.append(f"{pid} ({why_not})")
            continue
        scored.append((match, candidate))
    weak = [c.id for (kind, _), c in scored if kind in NEEDS_SUPPORT or kind == "surname"]
    support = _support(state, p, weak) if weak else {}
    ranked = []
    for (kind, reason), candidate in scored:
        backing = support.get(candidate.id, [])
        if kind in NEEDS_SUPPORT and not backing:
            refused.append(f"{candidate.id} (only the name is shared)")
            continue
        ranked.append(((STRENGTH[kind], -len(backing)), kind, reason, backing, candidate))
    if not ranked:
        note = f"; not merged with {', '.join(refused)}" if refused else ""
        return _new(state, p), "new" + note
    ranked.sort(key=lambda r: (r[0], r[4].id))
    best = ranked[0]
    rivals = [r for r in ranked[1:] if r[0] == best[0]]
    if rivals and best[1] != "unit":
        others = ", ".join(r[4].id for r in [best, *rivals])
        return _new(state, p), f"new: the {best[1].replace('_', ' ')} fits several ({others})"
    reason = best[2] + (f" + {', '.join(best[3])}" if best[3] else "")
    return best[4].id, reason


def _support(state: _Linking, p: Profile, ids: list[str]) -> dict[str, list[str]]:
    """What the archive says for each candidate: the same story, a shared unit, or a
    unit the candidate's documents share with this one. People seen with the
    candidate do not count: a commander quoted everywhere would join every Andriy."""
    found: dict[str, list[str]] = defaultdict(list)
    here_units = {pid for pid, c in state.here.items() if c.type == "UNIT"}
    seen_with = _seen_with(state, here_units)
    for pid in ids:
        if pid in state.here or pid in state.in_story:
            found[pid].append("same story")
        candidate = state.here.get(pid) or state.candidates.get(pid)
        attrs = candidate.attrs if candidate else {}
        units = attrs.get("unit")
        if p.units and units and any(identity._same_unit(a, b) for a in p.units for b in units):
            found[pid].append("same unit")
        shared = sorted(here_units & seen_with.get(pid, set()))
        found[pid].extend(f"shares unit {u}" for u in shared)
    return found


def _seen_with(state: _Linking, units: set[str]) -> dict[str, set[str]]:
    """For the stored candidates, which of this document's units each was seen with:
    one query per document, by primary key, asked once the units are linked (all
    are linked before any person). Only people known by a one-word name are asked:
    "seen with" keys are written for one-word names, beside their ``single``."""
    if not state.asked:
        state.asked = True
        ids = sorted(pid for pid, c in state.candidates.items() if "single" in c.attrs)
        if ids and units:
            ids, wanted = _padded(ids), sorted(units)  # a document has few units
            sql = (
                f"SELECT person_id, value FROM person_keys WHERE person_id IN ({_marks(len(ids))}) "
                f"AND kind = 'w' AND value IN ({_marks(len(wanted))})"
            )
            for person, unit in _rows(state.conn, sql, [*ids, *wanted]):
                state.seen_with[person].add(unit)
    return state.seen_with


def _new(state: _Linking, p: Profile) -> str:
    """A new person: its id is a hash of the document and the folded name, so that
    saving the document again gives the same id."""
    for n in range(1000):
        seed = f"{state.doc_id}|{p.key}|{n}".encode()
        pid = "P" + hashlib.blake2b(seed, digest_size=5).hexdigest()
        if pid not in state.created and pid not in state.here:
            break
    state.created[pid] = (p.type, p.name, p.anonymous)
    return pid


def _remember(state: _Linking, person: str, p: Profile) -> None:
    """What this entity adds to its person, for the document's later entities."""
    candidate = state.here.get(person)
    if candidate is None:
        stored = state.candidates.get(person)
        candidate = Candidate(person, p.name, type=p.type)
        if stored:
            for kind, values in stored.attrs.items():
                candidate.attrs[kind] |= values
        state.here[person] = candidate
    attributes, local = _remembered(p)
    for kind, value in attributes:
        candidate.attrs[kind].add(value)
    for key in local:
        state.local[key].add(person)


def _remembered(p: Profile) -> tuple[list, list]:
    """The entity's attributes, and the keys later entities of the document find it
    by; worked out once per profile (profiles are shared by entities alike)."""
    if p.remembered is None:
        keys = p.given_keys()
        p.remembered = (
            [(kind, value) for kind, value in keys if kind in ATTRIBUTE_KINDS],
            [(kind, value) for kind, value in keys if kind in LOOKUP_KINDS or kind in LOCAL_KINDS],
        )
    return p.remembered


def _write(state: _Linking, links, quotes: Counter) -> None:
    conn = state.conn
    if state.created:
        rows = [(i, t, n, a) for i, (t, n, a) in state.created.items()]
        _driver(conn, _NEW_PERSON_SQL, rows, many=True)
    keys: dict[str, set[tuple[str, str]]] = defaultdict(set)
    counts: Counter = Counter()
    rows = []
    units = sorted({person for _, p, person, _ in links if p.type == "UNIT"})
    for entity, p, person, reason in links:
        own = stored_keys(p)
        if p.single and not p.anonymous:
            # the units a one-word name was seen with: what links it later (kind w,
            # read only for the units of a document, see _seen_with)
            own = own + [("w", unit) for unit in units]  # a new list: p is shared
        keys[person].update(own)
        counts[person] += quotes.get(entity.id, 0)
        rows.append(
            (state.doc_id, entity.id, person, state.story, p.name, p.key, reason,
             quotes.get(entity.id, 0), orjson.dumps(own).decode())
        )  # fmt: skip
    _driver(conn, _LINK_SQL, rows, many=True)
    _driver(conn, _ADD_KEY_SQL, [(pid, k, v) for pid, ks in keys.items() for k, v in ks], many=True)
    names = _fullest_names(state, links)
    rows = [(counts[pid], *names.get(pid, (0, "")), pid) for pid in keys]
    _driver(conn, _COUNT_AND_NAME_SQL, rows, many=True)


def _fullest_names(state: _Linking, links) -> dict[str, tuple[int, str]]:
    """A stored person is shown by its fullest name: {person: (words, name)} of the
    first of its names here with the most words, which replaces a stored name of
    fewer words (a new person has its first name already)."""
    best: dict[str, tuple[int, str]] = {}
    for _, p, person, _ in links:
        words = p.name.count(" ") + 1
        if person not in state.created and words > best.get(person, (0, ""))[0]:
            best[person] = (words, p.name)
    return best


def _unlink(conn: Connection, doc_id: str) -> set[str]:
    """Take a document's links off their people; returns the people touched."""
    old = _rows(conn, _OLD_LINKS_SQL, (doc_id,))
    if not old:
        return set()
    keys: dict[str, set[tuple[str, str]]] = defaultdict(set)
    counts: Counter = Counter()
    for person, quotes, own in old:
        keys[person].update(tuple(k) for k in orjson.loads(own))
        counts[person] += quotes
    _driver(conn, _SUB_KEY_SQL, [(pid, k, v) for pid, ks in keys.items() for k, v in ks], many=True)
    _driver(conn, _COUNT_SQL, [(-1, -counts[pid], pid) for pid in keys], many=True)
    conn.execute(_DROP_LINKS, {"d": doc_id})
    conn.execute(_DROP_KEYS, {"ids": sorted(keys)})
    return set(keys)


def _forget(conn: Connection, people: set[str]) -> None:
    """People no document links to any more are deleted (their ids may come back:
    they are hashes of the document that founded them)."""
    if people:
        conn.execute(_DROP_PEOPLE, {"ids": sorted(people)})


# Reading -------------------------------------------------------------------------

_PERSONS_OF = _sql(
    "SELECT doc_id, entity_id, person_id FROM person_links WHERE doc_id IN :docs", "docs"
)


def persons_of(conn: Connection, doc_ids: Sequence[str]) -> dict[str, dict[str, str]]:
    """{document id: {entity id: person id}} for the documents asked for."""
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for start in range(0, len(doc_ids), 500):
        chunk = list(doc_ids[start : start + 500])
        for doc_id, entity_id, person in conn.execute(_PERSONS_OF, {"docs": chunk}):
            found[doc_id][entity_id] = person
    return found


def fill(conn: Connection, records: Iterable[dict[str, Any]]) -> None:
    """Set each entity's ``person`` in JSON records read from the store (joined at
    read time, so a merge or split shows at once without rewriting records)."""
    records = list(records)
    if not records:
        return
    known = persons_of(conn, [r["id"] for r in records])
    for record in records:
        persons = known.get(record["id"], {})
        for entity in record.get("entities") or []:
            entity["person"] = persons.get(entity.get("id"), entity.get("person"))


# Manual decisions ------------------------------------------------------------------


class PeopleError(ValueError):
    """A merge or split that cannot be done (unknown person, mixed types…)."""


@contextmanager
def _connection(target):
    """A connection in a transaction from a Store, an Engine or a Connection (whose
    transaction stays the caller's)."""
    if isinstance(target, Connection):
        yield target
        return
    engine: Engine = getattr(target, "engine", target)
    with engine.begin() as conn:
        yield conn


def merge_people(target, a: str, b: str, by: str, note: str | None = None) -> str:
    """Merge person ``b`` into ``a`` (``a`` keeps its id); recorded in
    ``person_overrides`` and held through re-analysis. Returns ``a``."""
    with _connection(target) as conn:
        kinds = _types(conn, [a, b])
        if a == b or len(kinds) != 2:
            raise PeopleError(f"{a}, {b}: two different stored people are needed")
        if kinds[a] != kinds[b]:
            raise PeopleError(f"{a}, {b}: a {kinds[a]} cannot be merged with a {kinds[b]}")
        links = _links_of(conn, b)
        override = _record(conn, "merge", a, b, [(d, e) for d, e, _ in links], by, note)
        _pin(conn, override, links, a)
        _move(conn, links, a, f"merged by {by} (override {override})")
        _rebuild(conn, [a, b])
        return a


def split_person(
    target, person: str, entity_refs: Iterable, by: str, note: str | None = None
) -> str:
    """Move the entities ``entity_refs`` ((document id, entity id) pairs, or
    "document:entity" strings) off ``person`` to a new person; recorded in
    ``person_overrides`` and held through re-analysis. Returns the new id."""
    refs = [tuple(r.split(":", 1)) if isinstance(r, str) else tuple(r) for r in entity_refs]
    with _connection(target) as conn:
        kinds = _types(conn, [person])
        if person not in kinds:
            raise PeopleError(f"{person}: no such person")
        links = [link for link in _links_of(conn, person) if link[:2] in set(refs)]
        missing = set(refs) - {link[:2] for link in links}
        if missing or not links:
            wrong = ", ".join(f"{d}:{e}" for d, e in sorted(missing)) or "none given"
            raise PeopleError(f"{person}: not linked to {wrong}")
        override = _record(conn, "split", person, None, refs, by, note)
        seed = f"split|{override}|{person}".encode()
        new = "P" + hashlib.blake2b(seed, digest_size=5).hexdigest()
        name = conn.execute(
            _sql("SELECT name FROM person_links WHERE doc_id = :d AND entity_id = :e"),
            {"d": links[0][0], "e": links[0][1]},
        ).scalar_one()
        conn.execute(
            _NEW_PERSON, {"id": new, "type": kinds[person], "name": name, "anonymous": False}
        )
        conn.execute(
            _sql("UPDATE person_overrides SET other_id = :new WHERE id = :o"),
            {"new": new, "o": override},
        )
        _pin(conn, override, links, new)
        _move(conn, links, new, f"split off by {by} (override {override})")
        _rebuild(conn, [person, new])
        return new


def _types(conn: Connection, ids: list[str]) -> dict[str, str]:
    rows = conn.execute(_sql("SELECT id, type FROM people WHERE id IN :ids", "ids"), {"ids": ids})
    return {row.id: row.type for row in rows}


def _links_of(conn: Connection, person: str) -> list[tuple[str, str, str]]:
    rows = conn.execute(
        _sql("SELECT doc_id, entity_id, entity_key FROM person_links WHERE person_id = :p"),
        {"p": person},
    )
    return [tuple(row) for row in rows]


def _record(conn, action, person, other, refs, by, note) -> int:
    values = {
        "action": action,
        "person_id": person,
        "other_id": other,
        "refs": orjson.dumps([list(r) for r in refs]).decode(),
        "by": by,
        "note": note,
        "at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    from kronika.store import schema

    result = conn.execute(schema.person_overrides.insert().values(**values))
    return int(result.inserted_primary_key[0])


def _pin(conn: Connection, override: int, links, person: str) -> None:
    rows = [{"o": override, "d": d, "k": key, "p": person} for d, _, key in links]
    if rows:
        conn.execute(
            _sql(
                "INSERT INTO person_pins (override_id, doc_id, entity_key, person_id) "
                "VALUES (:o, :d, :k, :p)"
            ),
            rows,
        )


def _move(conn: Connection, links, person: str, reason: str) -> None:
    conn.execute(
        _sql(
            "UPDATE person_links SET person_id = :p, reason = :r "
            "WHERE doc_id = :d AND entity_id = :e"
        ),
        [{"p": person, "r": reason, "d": d, "e": e} for d, e, _ in links],
    )


def _rebuild(conn: Connection, people: list[str]) -> None:
    """Keys and counts of these people, from their links (after a manual decision)."""
    conn.execute(_sql("DELETE FROM person_keys WHERE person_id IN :ids", "ids"), {"ids": people})
    rows = conn.execute(
        _sql(
            "SELECT person_id, doc_id, quotes, keys FROM person_links WHERE person_id IN :ids",
            "ids",
        ),
        {"ids": people},
    ).all()
    per_doc: dict[tuple[str, str], set] = defaultdict(set)
    quotes: Counter = Counter()
    for row in rows:
        per_doc[(row.person_id, row.doc_id)].update(tuple(k) for k in orjson.loads(row.keys))
        quotes[row.person_id] += row.quotes
    counted: Counter = Counter()
    for (pid, _), ks in per_doc.items():
        counted.update((pid, k, v) for k, v in ks)
    if counted:
        conn.execute(
            _sql("INSERT INTO person_keys (person_id, kind, value, docs) VALUES (:p, :k, :v, :n)"),
            [{"p": p, "k": k, "v": v, "n": n} for (p, k, v), n in counted.items()],
        )
    documents = Counter(pid for pid, _ in per_doc)
    conn.execute(
        _sql("UPDATE people SET documents = :docs, quotes = :quotes WHERE id = :id"),
        [{"id": pid, "docs": documents[pid], "quotes": quotes[pid]} for pid in people],
    )
    _forget(conn, set(people))


def relink_all(store, progress=None) -> int:
    """Recompute every link from the stored records, oldest first, keeping manual
    decisions (they are pins); returns the number of documents linked."""
    from kronika.records import Document

    with store.engine.begin() as conn:
        for table in ("person_links", "person_keys", "people"):
            conn.execute(text(f"DELETE FROM {table}"))
    count = 0
    with store.engine.connect() as reader:
        rows = reader.execute(
            text("SELECT id, story_id, record FROM documents ORDER BY published, id")
        )
        for row in rows:
            doc = Document.from_dict(orjson.loads(row.record))
            with store.engine.begin() as conn:
                link_document(conn, doc, row.story_id)
            count += 1
            if progress:
                progress(count)
    return count
