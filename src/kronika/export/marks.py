"""Review marks for exported events: which of the facts an event is built from
people corrected (kronika.review), by whom, when and why.

An exported event stands on its own fact and on the facts it points to: its place,
its time, its actors and recipients, and the claim its death toll was read from. A
correction of any of them changes what the export says, so each is marked.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from kronika.records import Document, Event, Review


def marks(doc: Document, event: Event) -> dict[str, Any]:
    """``{"event": review, "place": …, "time": …, "fatalities_claim": …,
    "actors": {entity id: review}, "recipients": {…}}``, only the reviewed ones."""
    found: dict[str, Any] = {}
    for what, facts, index in (
        ("event", [event], 0),
        ("place", doc.places, event.place),
        ("time", doc.times, event.time),
        ("fatalities_claim", doc.claims, event.fatalities_claim),
    ):
        review = _review(facts, index)
        if review is not None:
            found[what] = review
    entities = {e.id: e for e in doc.entities}
    for role in ("actors", "recipients"):
        reviewed = {
            a: asdict(entities[a].reviewed)
            for a in getattr(event, role)
            if a in entities and entities[a].reviewed is not None
        }
        if reviewed:
            found[role] = reviewed
    return found


def _review(facts: list[Any], index: int | None) -> dict[str, Any] | None:
    if index is None or not 0 <= index < len(facts):
        return None
    review: Review | None = facts[index].reviewed
    return asdict(review) if review is not None else None


def flat(found: dict[str, Any]) -> dict[str, str]:
    """The marks in three CSV cells: every reviewer, the latest time, and what was
    corrected ("place (coordinates): moved to the town; time (value)")."""
    reviews = list(_each(found))
    notes = [
        f"{what} ({r['action']})" + (f": {r['note']}" if r.get("note") else "")
        for what, r in reviews
    ]
    return {
        "reviewed_by": "; ".join(sorted({r["by"] for _, r in reviews})),
        "reviewed_at": max((r["at"] for _, r in reviews), default=""),
        "review_note": "; ".join(notes),
    }


def _each(found: dict[str, Any]):
    for what, value in found.items():
        if what in ("actors", "recipients"):  # one review per entity id
            for entity, review in value.items():
                yield f"{what[:-1]} {entity}", review
        else:
            yield what, value
