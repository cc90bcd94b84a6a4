"""Gazetteer candidates for a place a person re-resolves: what the place's words
could name, with country, region and distance from where the machine put it."""

from __future__ import annotations

import math
from typing import Any

from kronika.review.corrections import CorrectionError

MAX_CANDIDATES = 25


def _gazetteer(gazetteer=None):
    if gazetteer is not None:
        return gazetteer
    from kronika.gazetteer.index import default

    return default()


def entry_value(entry) -> dict[str, Any]:
    """The place fields a chosen candidate sets."""
    return {
        "geonameid": entry.geonameid if entry.geonameid is not None else entry.id,
        "name": entry.name,
        "lat": entry.lat,
        "lon": entry.lon,
        "country": entry.country,
        "admin1": entry.admin1,
        "feature": entry.feature,
        "precision": entry.precision,
        "resolved": True,
        "reason": None,
    }


def by_geonameid(geonameid: int, gazetteer=None) -> dict[str, Any]:
    g = _gazetteer(gazetteer)
    entry = g.get(geonameid)
    if entry is None:
        row = g.db.execute("SELECT id FROM places WHERE geonameid = ? LIMIT 1", (geonameid,))
        found = row.fetchone()
        entry = g.get(found[0]) if found else None
    if entry is None:
        raise CorrectionError(f"GeoNames id {geonameid} is not in the gazetteer")
    return entry_value(entry)


def candidates(place: dict[str, Any], gazetteer=None) -> list[dict[str, Any]]:
    """Every gazetteer place the fact's words or resolved name could be, nearest to
    the machine's choice first, then most populous."""
    g = _gazetteer(gazetteer)
    seen, out = set(), []
    for name in dict.fromkeys(n for n in (place.get("text"), place.get("name")) if n):
        for entry, _kind in g.lookup(name):
            if entry.id in seen:
                continue
            seen.add(entry.id)
            value = entry_value(entry)
            value["population"] = entry.population
            value["km"] = _km(place.get("lat"), place.get("lon"), entry.lat, entry.lon)
            value["chosen"] = value["geonameid"] == place.get("geonameid")
            out.append(value)
    out.sort(key=lambda v: (not v["chosen"], v["km"] is None, v["km"] or 0, -v["population"]))
    return out[:MAX_CANDIDATES]


def _km(lat1, lon1, lat2, lon2) -> float | None:
    if None in (lat1, lon1, lat2, lon2):
        return None
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return round(2 * 6371.0 * math.asin(math.sqrt(min(1.0, a))), 1)
