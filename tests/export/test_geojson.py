"""GeoJSON: a FeatureCollection valid under RFC 7946, checked with the geojson package."""

import io
import json

import pytest

from kronika.export import FORMATS


def export(document) -> str:
    out = io.StringIO()
    assert FORMATS["geojson"]([document], out) == 1
    return out.getvalue()


def test_the_collection_is_valid_geojson(document):
    geojson = pytest.importorskip("geojson")
    collection = geojson.loads(export(document))
    assert collection.is_valid, collection.errors()
    assert collection["type"] == "FeatureCollection"


def test_points_are_longitude_latitude_and_carry_properties(document):
    data = json.loads(export(document))
    assert "crs" not in data  # RFC 7946 dropped it: coordinates are WGS 84
    kinds = [(f["properties"]["kind"], f["geometry"]["coordinates"]) for f in data["features"]]
    assert ("place", [37.6154, 49.7104]) in kinds
    events = [f["properties"] for f in data["features"] if f["properties"]["kind"] == "event"]
    assert {e["plover"] for e in events} == {"ASSAULT", "CONSULT"}
    strike = next(e for e in events if e["plover"] == "ASSAULT")
    assert strike["actors"] == ["Russia"] and strike["time"] == "2023-05-03"
    assert all(-180 <= f["geometry"]["coordinates"][0] <= 180 for f in data["features"])


def test_places_without_coordinates_are_left_out(document):
    document.places[1].lat = document.places[1].lon = None
    data = json.loads(export(document))
    assert all(f["properties"].get("name") != "Riga" for f in data["features"])
    assert all(f["properties"].get("plover") != "CONSULT" for f in data["features"])
