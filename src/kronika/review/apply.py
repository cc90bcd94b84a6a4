"""Machine record + corrections → the reviewed record. Pure: no store, no gazetteer.

Corrections apply in the order they were made (their ids), each to the fact its
anchor finds in the machine's record (plus the facts added by hand before it).
Rejected facts leave their lists at the end, so that later corrections can still
restore them; indexes that point into a list (an event's place, time and toll claim) follow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson

from kronika.review.anchors import Found, locate, position
from kronika.review.corrections import Correction

# The fields each action changes, whose machine values the review keeps.
CHANGES = {
    "speaker": ("speaker",),
    "candidate": (
        "geonameid",
        "name",
        "lat",
        "lon",
        "country",
        "admin1",
        "feature",
        "precision",
        "resolved",
        "reason",
    ),
    "coordinates": ("geonameid", "lat", "lon", "precision", "resolved", "reason"),
    "value": ("value",),
    "claimant": ("speaker", "claimant"),
    "quantity": ("quantity", "low", "high"),
}


@dataclass
class Reviewed:
    record: dict[str, Any]
    found: dict[int, Found] = field(default_factory=dict)  # correction id → where it landed

    @property
    def orphaned(self) -> list[int]:
        return [cid for cid, f in self.found.items() if f.index is None]


def apply(record: dict[str, Any], corrections: list[Correction]) -> Reviewed:
    """The reviewed copy of ``record``; ``record`` itself is left as it is."""
    out = orjson.loads(orjson.dumps(record))
    out.setdefault("rejected", [])
    result = Reviewed(out)
    rejected: set[tuple[str, int]] = set()
    for n, c in enumerate(sorted(corrections, key=lambda c: (c.id is None, c.id or 0, c.at))):
        key = c.id if c.id is not None else -(n + 1)
        facts = out.get(c.kind)
        if not isinstance(facts, list):
            result.found[key] = Found(None, "orphaned", reason=f"the record has no {c.kind}")
            continue
        found = _add(out, c) if c.action == "add" else locate(c.anchor, facts, out["text"])
        result.found[key] = found
        if found.index is None:
            continue
        fact = facts[found.index]
        if c.action == "reject":
            rejected.add((c.kind, found.index))
        elif c.action == "restore":
            rejected.discard((c.kind, found.index))
        elif c.action in CHANGES:
            _mark(fact, c, {k: fact.get(k) for k in CHANGES[c.action]})
            _change(out, fact, c)
            continue
        _mark(fact, c, None)
    _remove_rejected(out, rejected)
    return result


def _mark(fact: dict[str, Any], c: Correction, machine: dict[str, Any] | None) -> None:
    """``reviewed: {by, at, note, machine, action, corrections}``; the machine values
    are those before the first correction that changed each field."""
    earlier = fact.get("reviewed") or {}
    kept = earlier.get("machine")
    if machine is not None:  # the older machine values win: they are the machine's
        kept = {**machine, **(kept or {})}
    fact["reviewed"] = {
        "by": c.by,
        "at": c.at,
        "note": c.note,
        "machine": kept,
        "action": c.action,
        "corrections": [*(earlier.get("corrections") or []), *([c.id] if c.id else [])],
    }


def _change(record: dict[str, Any], fact: dict[str, Any], c: Correction) -> None:
    value = c.value or {}
    if c.action == "speaker":
        fact["speaker"] = speaker_for(record, value["name"], fact["start"], fact["end"])
    elif c.action == "claimant":
        entity = entity_named(record, value["name"])
        fact["speaker"] = value["name"]
        fact["claimant"] = entity["id"] if entity else None
    else:  # candidate, coordinates, value, quantity: the checked fields as given
        fact.update({k: value.get(k) for k in CHANGES[c.action] if k in value})


def entity_named(record: dict[str, Any], name: str) -> dict[str, Any] | None:
    """The document's entity called ``name`` (its name, an alias or a call sign)."""
    folded = name.casefold()
    for e in record.get("entities") or []:
        names = [e.get("name") or "", *(e.get("aliases") or []), *(e.get("callsigns") or [])]
        if any(n.casefold() == folded for n in names):
            return e
    return None


def speaker_for(record: dict[str, Any], name: str, start: int, end: int) -> dict[str, Any]:
    """A speaker record for ``name``: the entity's mention nearest the quote when the
    name is one of the document's entities, else the name where the text has it
    nearest, else a point at the quote's start (a name the text never writes)."""
    entity = entity_named(record, name)
    spans = [(m["start"], m["end"]) for m in (entity or {}).get("mentions") or []]
    if not spans:
        text, at = record["text"], record["text"].find(name)
        while at != -1:
            spans.append((at, at + len(name)))
            at = text.find(name, at + 1)
    s, e = min(
        spans, key=lambda se: min(abs(se[0] - end), abs(start - se[1])), default=(start,) * 2
    )
    return {
        "name": name,
        "entity": entity["id"] if entity else None,
        "start": s,
        "end": e,
        "how": "review",
        "confidence": 1.0,
        "flag": None,
    }


def _add(record: dict[str, Any], c: Correction) -> Found:
    """A fact written by hand, at its anchor; it takes the place of a machine fact
    with the very same span (the person's version wins)."""
    where = position(c.anchor, record["text"])
    if where is None:
        return Found(
            None, "orphaned", reason="the words of the added fact are no longer in the text"
        )
    start, end, how = where
    fact = {**(c.value or {}).get("fact", {}), "start": start, "end": end}
    fact["text"] = record["text"][start:end]
    if c.kind == "quotes" and fact.get("speaker"):
        fact["speaker"] = speaker_for(record, fact["speaker"]["name"], start, end)
    facts = record[c.kind]
    for i, other in enumerate(facts):
        if (other.get("start"), other.get("end")) == (start, end):
            facts[i] = fact
            _mark(fact, c, {k: other.get(k) for k in fact if k not in ("start", "end", "text")})
            return Found(i, how, start, end)
    facts.append(fact)
    _mark(fact, c, None)
    return Found(len(facts) - 1, how, start, end)


def _remove_rejected(record: dict[str, Any], rejected: set[tuple[str, int]]) -> None:
    if not rejected:
        return
    for kind in sorted({k for k, _ in rejected}):
        gone = {i for k, i in rejected if k == kind}
        facts = record[kind]
        new_index, kept = {}, []
        for i, fact in enumerate(facts):
            if i in gone:
                record["rejected"].append(
                    {"kind": kind, "fact": fact, "reviewed": fact.get("reviewed")}
                )
            else:
                new_index[i] = len(kept)
                kept.append(fact)
        record[kind] = kept
        if kind in ("places", "times"):
            field_name = kind[:-1]
            for event in record.get("events") or []:
                if isinstance(event.get(field_name), int):
                    event[field_name] = new_index.get(event[field_name])
        if kind == "claims":
            _follow_claims(record, new_index)
        if kind == "entities":
            _forget_entities(record, {facts[i].get("id") for i in gone})


def _follow_claims(record: dict[str, Any], new_index: dict[int, int]) -> None:
    """An event's death toll follows its claim; a rejected claim takes the toll with it."""
    for event in record.get("events") or []:
        claim = event.get("fatalities_claim")
        if isinstance(claim, int):
            event["fatalities_claim"] = new_index.get(claim)
            if event["fatalities_claim"] is None:
                event["fatalities"] = None


def _forget_entities(record: dict[str, Any], ids: set[str]) -> None:
    """A rejected entity is no one's speaker, claimant or actor any more."""
    for q in record.get("quotes") or []:
        if (q.get("speaker") or {}).get("entity") in ids:
            q["speaker"]["entity"] = None
    for c in record.get("claims") or []:
        if c.get("claimant") in ids:
            c["claimant"] = None
    for e in record.get("events") or []:
        for role in ("actors", "recipients"):
            e[role] = [a for a in e.get(role) or [] if a not in ids]
