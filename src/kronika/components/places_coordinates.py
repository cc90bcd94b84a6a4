"""Coordinates written in the text ("48.5N 37.9E", "47°05′N 37°33′E",
"48.51, 37.97" after "coordinates"): a place of their own, needing no gazetteer."""

from __future__ import annotations

import re

from kronika.records import Place

_NUMBER = (
    r"(\d{1,3}(?:[.,]\d+)?)\s*°?\s*(?:(\d{1,2})\s*['′’]\s*(?:(\d{1,2}(?:\.\d+)?)\s*[\"″”])?)?\s*"
)
_HEMISPHERED = re.compile(_NUMBER + r"([NS])\b[\s,;/]*" + _NUMBER + r"([EW])\b")
_CUED = re.compile(r"\bcoordinates\W{1,3}(-?\d{1,2}\.\d{2,})\s*,\s*(-?\d{1,3}\.\d{2,})")


def coordinates(text: str) -> list[Place]:
    """Every coordinate pair of the text; a cheap test first (most articles have none)."""
    if "°" not in text and "coordinates" not in text and not re.search(r"\d[NS]\b", text):
        return []
    out = []
    for m in _HEMISPHERED.finditer(text):
        lat = _degrees(*m.group(1, 2, 3)) * (-1 if m.group(4) == "S" else 1)
        lon = _degrees(*m.group(5, 6, 7)) * (-1 if m.group(8) == "W" else 1)
        out.append(_place(m.start(), m.end(), text, lat, lon))
    for m in _CUED.finditer(text):
        out.append(_place(m.start(1), m.end(2), text, float(m.group(1)), float(m.group(2))))
    return [p for p in out if p is not None]


def _degrees(whole: str, minutes: str | None, seconds: str | None) -> float:
    value = float(whole.replace(",", "."))
    return value + float(minutes or 0) / 60 + float(seconds or 0) / 3600


def _place(start: int, end: int, text: str, lat: float, lon: float) -> Place | None:
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    span = text[start:end].strip()
    return Place(
        start=start, end=start + len(span), text=span, name=f"{lat:.5f}, {lon:.5f}",
        lat=round(lat, 5), lon=round(lon, 5), precision=1, confidence=1.0,
        reason="coordinates given in the text",
    )  # fmt: skip
