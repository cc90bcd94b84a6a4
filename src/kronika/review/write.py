"""Making a correction: resolve the target as the reviewed record shows it now,
check the value, record the correction and apply it, all in one transaction that
holds the document's row, so two people correcting one fact at once are recorded
one after the other and neither is lost or half-applied."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import text

from kronika.review import table
from kronika.review.anchors import anchor_at, anchor_of
from kronika.review.apply import CHANGES, apply
from kronika.review.corrections import (
    ACTIONS,
    Correction,
    CorrectionError,
    check_action,
    check_author,
    check_name,
    check_note,
    check_quantity,
    check_time_value,
    parse_coordinates,
    parse_span,
)


class Conflict(CorrectionError):
    """The record changed since the person saw it (HTTP 409)."""


class NotFound(CorrectionError):
    """No such document (HTTP 404)."""


_TARGET = re.compile(r"(?P<kind>[a-z]+)(?:/(?P<index>-?\d+))?")
_ENTITY_ID = re.compile(r"E\d+")


def parse_target(target: str) -> tuple[str, int | None]:
    match = _TARGET.fullmatch(target.strip())
    if not match:
        raise CorrectionError(
            f"target {target[:60]!r}: want KIND/N (e.g. quotes/2) or KIND for add"
        )
    kind, index = match.group("kind"), match.group("index")
    if kind not in (*ACTIONS, "rejected"):
        raise CorrectionError(
            f"unknown fact kind {kind!r}; choose from {', '.join((*ACTIONS, 'rejected'))}"
        )
    return kind, int(index) if index is not None else None


def correct(
    store,
    doc_id: str,
    target: str,
    action: str,
    args: list[str] | tuple[str, ...] = (),
    by: str = "",
    note: str | None = None,
    gazetteer=None,
    expect: tuple[int, int] | None = None,
) -> Correction:
    """Record one correction; returns it with its id. Raises CorrectionError (with
    a one-line reason) and changes nothing when the target or value is wrong."""
    by, note = check_author(by), check_note(note)
    kind, index = parse_target(target)
    full = store.full_id(doc_id) if doc_id else None
    if full is None:
        raise NotFound(f"no single document with id {doc_id[:80]!r}")
    with store.engine.begin() as conn:
        if not table.lock(conn, full):
            raise NotFound(f"no document with id {full!r}")
        machine = table.machine_record(conn, full)
        corrections = table.load(conn, full)
        current = apply(machine, corrections).record
        correction = _build(
            current, full, kind, index, action, list(args), by, note, gazetteer, expect
        )
        if correction.kind == "entities" and correction.action == "merge":
            _resolve_other(conn, correction)
        table.insert_correction(conn, correction)
        reviewed = table.materialise(conn, full)
        found = reviewed.found.get(correction.id) if reviewed else None
        if found is None or found.index is None:
            reason = found.reason if found else "it found no target"
            raise CorrectionError(f"{target}: {reason}")  # rolls the transaction back
        if correction.kind == "entities" and correction.action in ("merge", "split"):
            people_hook(conn, correction, reviewed.record["entities"][found.index])
    return correction


def _build(record, doc_id, kind, index, action, args, by, note, gazetteer, expect) -> Correction:
    text = record["text"]
    if action == "add":
        if index is not None:
            raise CorrectionError(f"add takes a kind without an index: `{kind} add START:END …`")
        check_action(kind, action)
        if not args:
            raise CorrectionError("add needs the span: START:END")
        start, end = parse_span(args[0], len(text))
        value = {"fact": _new_fact(record, kind, text[start:end], args[1:], gazetteer)}
        return Correction(
            doc_id, kind, action, anchor_at(kind, text, start, end), by, value=value, note=note
        )
    if index is None:
        raise CorrectionError(f"say which fact: {kind}/N, N as `kronika show` numbers them")
    facts = record.get(kind) or []
    if not 0 <= index < len(facts):
        have = f"0 to {len(facts) - 1}" if facts else "none"
        raise CorrectionError(f"{kind}/{index}: no such fact; this document has {kind} {have}")
    fact = facts[index]
    if kind == "rejected":
        if action != "restore":
            raise CorrectionError(f"rejected/{index} can only be restored")
        kind, fact = fact["kind"], fact["fact"]
    elif action == "restore":
        raise CorrectionError(f"{kind}/{index} is not rejected (restore a rejected/N fact)")
    check_action(kind, action)
    anchor = anchor_of(kind, fact, text)
    if expect is not None and (anchor.start, anchor.end) != tuple(expect):
        raise Conflict(f"{kind}/{index} changed since the page was loaded; reload and try again")
    value = _value(record, kind, fact, action, args, gazetteer)
    machine = {k: fact.get(k) for k in CHANGES[action]} if action in CHANGES else None
    return Correction(doc_id, kind, action, anchor, by, value=value, note=note, machine=machine)


def _no_args(action: str, args: list[str]) -> None:
    if args:
        raise CorrectionError(f"{action} takes no value, got {' '.join(args)[:60]!r}")


def _one(action: str, args: list[str], what: str) -> str:
    if not args:
        raise CorrectionError(f"{action} needs {what}")
    return " ".join(args)


def _value(record, kind, fact, action, args, gazetteer) -> dict[str, Any] | None:
    if action in ("reject", "restore", "split"):
        _no_args(action, args)
        return None
    if action in ("speaker", "claimant"):
        return {"name": person_name(record, _one(action, args, "a NAME or entity id (E3)"))}
    if action == "candidate":
        from kronika.review.places import by_geonameid

        raw = _one(action, args, "a GEONAMEID").strip()
        if not re.fullmatch(r"-?\d{1,12}", raw):  # negative: a place the packages add
            raise CorrectionError(f"GeoNames id {raw[:40]!r} is not a number")
        return by_geonameid(int(raw), gazetteer)
    if action == "coordinates":
        lat, lon = parse_coordinates(_one(action, args, "LAT,LON"))
        return {
            "lat": lat, "lon": lon, "geonameid": None, "precision": 1, "resolved": True, "reason": None
        }  # fmt: skip
    if action == "value":
        return {"value": check_time_value(_one(action, args, "a TIMEX3 value"))}
    if action == "quantity":
        return check_quantity(_one(action, args, "a number or range"))
    if action == "merge":
        other = _one(
            action, args, "the other person or unit: a name, DOC_ID/entities/N or a person id"
        )
        return {"with": check_name(other)}
    raise CorrectionError(f"{action!r} is not a correction")  # pragma: no cover


def person_name(record: dict[str, Any], value: str) -> str:
    """A typed speaker or claimant: an entity id of the document (E3) stands for that
    entity's name; anything else is a name, of the document's people or new."""
    value = value.strip()
    if _ENTITY_ID.fullmatch(value):
        for e in record.get("entities") or []:
            if e.get("id") == value:
                return e["name"]
        raise CorrectionError(f"unknown entity {value!r} in document {record['id']}")
    return check_name(value)


def _new_fact(record, kind, words: str, args: list[str], gazetteer) -> dict[str, Any]:
    """The fields of a fact added by hand (start, end and text come from its span)."""
    extra = " ".join(args).strip()
    if kind == "quotes":
        speaker = {"name": person_name(record, extra)} if extra else None
        return {"direct": True, "speaker": speaker, "cue": None, "descriptor": None}
    if kind == "places":
        fact: dict[str, Any] = {"name": words, "confidence": 1.0, "metonymy": False}
        if re.fullmatch(r"-?\d{1,12}", extra):
            from kronika.review.places import by_geonameid

            fact.update(by_geonameid(int(extra), gazetteer))
        elif extra:
            lat, lon = parse_coordinates(extra)
            fact.update({"lat": lat, "lon": lon, "precision": 1})
        else:
            fact.update({"resolved": False, "reason": "added by hand without a location"})
        return fact
    if kind == "times":
        if not extra:
            raise CorrectionError("a time added by hand needs its TIMEX3 value")
        value = check_time_value(extra)
        shape = "DURATION" if value.startswith("P") and not value.endswith("_REF") else "DATE"
        return {"type": shape, "value": value, "anchor": None, "certain": True, "note": None}
    fact = {"approximate": False, "speaker": "publication"}  # claims
    if extra:
        fact.update(check_quantity(extra))
    return fact


_PERSON_ID = re.compile(r"P[0-9a-f]{4,32}")
_ENTITY_REF = re.compile(r"(?P<doc>[0-9A-Za-z_-]{4,64})/entities/(?P<index>\d+)")


def _resolve_other(conn, correction: Correction) -> None:
    """Name the other side of a merge as the store knows it: a person id, or the
    document and entity id of an entity (given as DOC_ID/entities/N or by its exact
    name); an unknown one is refused before anything is written."""
    other = correction.value["with"]
    if _PERSON_ID.fullmatch(other):
        correction.value["person"] = other
        return
    ref = _ENTITY_REF.fullmatch(other)
    if ref:
        record = table.machine_record(conn, ref.group("doc"))
        if record is None:
            raise CorrectionError(f"merge: no document with id {ref.group('doc')!r}")
        entities = apply(record, table.load(conn, record["id"])).record.get("entities") or []
        n = int(ref.group("index"))
        if not 0 <= n < len(entities):
            raise CorrectionError(f"merge: {other}: no such entity")
        correction.value.update(
            doc_id=record["id"], entity=entities[n]["id"], name=entities[n]["name"]
        )
        return
    row = conn.execute(
        text(
            "SELECT doc_id, entity_id, name FROM entities WHERE name = :n ORDER BY doc_id LIMIT 1"
        ),
        {"n": other},
    ).first()
    if row is None:
        raise CorrectionError(f"merge: unknown person or unit {other!r}")
    correction.value.update(doc_id=row.doc_id, entity=row.entity_id, name=row.name)


def people_hook(conn, correction: Correction, entity: dict[str, Any]) -> None:
    """Apply a merge or split to cross-document people (``kronika.people``'s
    ``merge_people`` / ``split_person``, which keep it through re-analysis), in the
    transaction that records the correction: if people refuse it, neither is kept.
    Without that package the correction is recorded and marks the entity only."""
    try:
        from kronika.people import store as people
    except ImportError:
        return
    from sqlalchemy import inspect

    if not inspect(conn).has_table("person_links"):  # a store without people linking
        return
    doc_id = correction.doc_id
    persons = people.persons_of(
        conn, [doc_id, correction.value.get("doc_id", doc_id)] if correction.value else [doc_id]
    )
    person = (persons.get(doc_id) or {}).get(entity["id"])
    if person is None:
        raise CorrectionError(f"{entity['name']}: not linked to a cross-document person yet")
    try:
        if correction.action == "split":
            people.split_person(
                conn, person, [(doc_id, entity["id"])], correction.by, correction.note
            )
            return
        other = correction.value.get("person") or (
            persons.get(correction.value["doc_id"]) or {}
        ).get(correction.value["entity"])
        if other is None:
            raise CorrectionError(
                f"merge: {correction.value['with']} is not linked to a person yet"
            )
        people.merge_people(conn, person, other, correction.by, correction.note)
    except people.PeopleError as exc:
        raise CorrectionError(str(exc)) from None
