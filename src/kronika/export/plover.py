"""PLOVER event records as JSON lines (openeventdata's PLOVER manual, "JSON Data Fields").

One record per event that happened (status ``occurred``): hypothetical,
negated and planned events are not events in PLOVER's sense. ``date`` is the
event's own date when its time is known to the day, else the publication date;
``time_value`` keeps the TIMEX3 value. ``text_info`` holds the event's
character offsets into the document text; ``actor`` is the manual's (renamed)
``source`` field. ``reviewed`` (not PLOVER's) is null for the machine's event,
else the review marks of the event and of the facts it uses (kronika.export.marks).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, TextIO

from kronika.export import register
from kronika.export.marks import marks
from kronika.records import Document, Entity, Event, Place

CODEBOOK = "PLOVER 0.7b1"
CODER = "kronika"
CONTEXTS = {
    "ASSAULT": "military", "MOBILIZE": "military", "RETREAT": "military", "COERCE": "legal",
    "SANCTION": "diplomatic", "CONSULT": "diplomatic", "AGREE": "diplomatic",
    "SUPPORT": "diplomatic", "AID": "military", "PROTEST": "political", "DEMAND": "political",
    "ACCUSE": "political", "REJECT": "political", "THREATEN": "military", "CONCEDE": "political",
    "COOPERATE": "diplomatic", "INVESTIGATE": "legal",
}  # fmt: skip
MODES = {
    "Air/drone strike": "aerial", "Shelling/artillery/missile attack": "artillery",
    "Armed clash": "conventional", "Abduction/forced disappearance": "abduct",
    "Non-state actor overtakes territory": "occupy", "Government regains territory": "occupy",
    "Arrests": "arrest", "Agreement": "agreement",
}  # fmt: skip
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(?=$|T)")  # a part of day or a clock time keeps its day


def records(doc: Document) -> Iterable[dict[str, Any]]:
    """PLOVER records for one document's events that happened."""
    entities = {e.id: e for e in doc.entities}
    for n, event in enumerate(doc.events):
        if event.status != "occurred":
            continue
        yield record(doc, n, event, entities)


def record(doc: Document, n: int, event: Event, entities: dict[str, Entity]) -> dict[str, Any]:
    time = doc.times[event.time] if event.time is not None else None
    place = doc.places[event.place] if event.place is not None else None
    return {
        "id": f"{doc.id}-{n:04d}",
        "has_event": True,
        "date": _date(time.value if time else None, doc.published),
        "time_value": time.value if time else None,
        "actor": [_actor(entities[a]) for a in event.actors if a in entities],
        "recipient": [_actor(entities[r]) for r in event.recipients if r in entities],
        "event": [event.plover],
        "mode": MODES.get(event.acled_subtype or ""),
        "context": [CONTEXTS.get(event.plover, "political")],
        "event_loc": _location(place) if place else None,
        "event_text": [event.text],
        "text_info": {"start": event.start, "end": event.end, "is_story": True},
        "cite_info": {
            "corpus": CODER,
            "citation": doc.id,
            "url": doc.url,
            "title": doc.title,
            "language": doc.language,
            "publication": doc.source,
            "coder": CODER,
            "codebook": CODEBOOK,
        },
        "coder": CODER,
        "acled_event_type": event.acled_type,
        "acled_sub_event_type": event.acled_subtype,
        "confidence": event.confidence,
        "fatalities": event.fatalities,
        # not PLOVER's: what people corrected of this event and the facts it uses
        "reviewed": marks(doc, event) or None,
    }


def _date(value: str | None, published: str | None) -> str | None:
    if value and DAY.match(value):
        return value[:10]
    return published[:10] if published and DAY.match(published[:10]) else None


def _actor(entity: Entity) -> dict[str, Any]:
    # identifier_id is the entity's id in its document; person_id its identity across
    # the archive (kronika.people), null for places, organisations and groups.
    return {
        "actor_text": entity.name,
        "identifier_id": entity.id,
        "sector": entity.type,
        "person_id": entity.person,
    }


def _location(place: Place) -> dict[str, Any]:
    return {
        "geonameid": place.geonameid,
        "name": place.name,
        "latitude": place.lat,
        "longitude": place.lon,
        "feature code": place.feature,
        "country code": place.country,
        "admin1 code": place.admin1,
        "text": place.text,
        "start": place.start,
        "end": place.end,
    }


def write_plover(documents: Iterable[Document], out: TextIO) -> int:
    count = 0
    for doc in documents:
        for rec in records(doc):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        count += 1
    return count


register("plover", write_plover)
