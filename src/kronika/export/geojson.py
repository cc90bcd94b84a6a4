"""Places and events as one GeoJSON FeatureCollection (RFC 7946).

Each place with coordinates is a Point feature (``kind: "place"``); each event
whose place has coordinates is a Point feature at that place (``kind:
"event"``). Coordinates are WGS 84 longitude, latitude, as RFC 7946 requires,
so QGIS and Leaflet read the file as it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from kronika.export import register
from kronika.records import Document, Event, Place


def features(doc: Document) -> Iterable[dict[str, Any]]:
    for index, place in enumerate(doc.places):
        if _located(place):
            yield _feature(
                place, {"kind": "place", "place": index, **_place_properties(doc, place)}
            )
    names = {e.id: e.name for e in doc.entities}
    for index, event in enumerate(doc.events):
        place = doc.places[event.place] if event.place is not None else None
        if place is not None and _located(place):
            yield _feature(
                place, {"kind": "event", "event": index, **_event_properties(doc, event, names)}
            )


def _located(place: Place) -> bool:
    return place.lat is not None and place.lon is not None


def _feature(place: Place, properties: dict[str, Any]) -> dict[str, Any]:
    point = [round(float(place.lon), 6), round(float(place.lat), 6)]
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": point},
        "properties": properties,
    }


def _place_properties(doc: Document, place: Place) -> dict[str, Any]:
    return {
        "document": doc.id, "title": doc.title, "published": doc.published, "name": place.name,
        "text": place.text, "start": place.start, "end": place.end, "geonameid": place.geonameid,
        "country": place.country, "admin1": place.admin1, "feature": place.feature,
        "precision": place.precision, "confidence": place.confidence,
    }  # fmt: skip


def _event_properties(doc: Document, event: Event, names: dict[str, str]) -> dict[str, Any]:
    time = doc.times[event.time] if event.time is not None else None
    return {
        "document": doc.id, "title": doc.title, "published": doc.published, "text": event.text,
        "start": event.start, "end": event.end, "plover": event.plover,
        "acled_type": event.acled_type, "acled_subtype": event.acled_subtype,
        "actors": [names.get(a, a) for a in event.actors],
        "recipients": [names.get(r, r) for r in event.recipients],
        "place_name": doc.places[event.place].name if event.place is not None else None,
        "time": time.value if time else None, "time_text": time.text if time else None,
        "status": event.status, "confidence": event.confidence,
    }  # fmt: skip


def write_geojson(documents: Iterable[Document], out: TextIO) -> int:
    count, collected = 0, []
    for doc in documents:
        collected.extend(features(doc))
        count += 1
    json.dump({"type": "FeatureCollection", "features": collected}, out, ensure_ascii=False)
    out.write("\n")
    return count


register("geojson", write_geojson)
