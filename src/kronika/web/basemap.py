"""Country outlines for the offline map, from Natural Earth (1:110m) as shipped in
the ``geopandas`` 0.14 wheel. The shapefile is read here with the standard
library (no GDAL) and turned into GeoJSON once per process."""

from __future__ import annotations

import json
import struct
from functools import lru_cache
from importlib import metadata
from pathlib import Path

SHAPEFILE = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
EMPTY = {"type": "FeatureCollection", "features": []}


def shapefile() -> Path | None:
    """Where the Natural Earth shapefile is installed, without importing geopandas."""
    try:
        dist = metadata.distribution("geopandas")
    except metadata.PackageNotFoundError:
        return None
    path = Path(str(dist.locate_file(SHAPEFILE + ".shp")))
    return path if path.exists() else None


@lru_cache(maxsize=1)
def countries_geojson() -> bytes:
    path = shapefile()
    if path is None:
        return json.dumps(EMPTY).encode()
    names = _dbf_names(path.with_suffix(".dbf"))
    features = []
    for i, rings in enumerate(_polygons(path.read_bytes())):
        name = names[i] if i < len(names) else ""
        features.append(
            {
                "type": "Feature",
                "properties": {"name": name},
                "geometry": {"type": "Polygon", "coordinates": rings}
                if len(rings) == 1
                else {"type": "MultiPolygon", "coordinates": [[r] for r in rings]},
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


def _polygons(raw: bytes):
    """Each polygon record of a shapefile as a list of rings of [lon, lat] (rounded)."""
    pos = 100
    while pos + 8 <= len(raw):
        _number, words = struct.unpack(">ii", raw[pos : pos + 8])
        body = raw[pos + 8 : pos + 8 + words * 2]
        pos += 8 + words * 2
        (shape_type,) = struct.unpack("<i", body[:4])
        if shape_type != 5:
            yield []
            continue
        parts_count, points_count = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{parts_count}i", body[44 : 44 + 4 * parts_count]))
        base = 44 + 4 * parts_count
        coords = struct.unpack(f"<{points_count * 2}d", body[base : base + 16 * points_count])
        points = [
            [round(coords[2 * k], 3), round(coords[2 * k + 1], 3)] for k in range(points_count)
        ]
        yield [points[a:b] for a, b in zip(parts, parts[1:] + [points_count], strict=True)]


def _dbf_names(path: Path) -> list[str]:
    """The ``name`` column of a dBase file."""
    if not path.exists():
        return []
    raw = path.read_bytes()
    count, header, size = struct.unpack("<IHH", raw[4:12])
    fields, pos, offset = [], 32, 1
    while raw[pos] != 0x0D:
        name = raw[pos : pos + 11].split(b"\0")[0].decode("ascii", "replace")
        length = raw[pos + 16]
        fields.append((name, offset, length))
        offset += length
        pos += 32
    column = next((f for f in fields if f[0].lower() == "name"), None)
    if column is None:
        return []
    _, start, length = column
    names = []
    for i in range(count):
        row = raw[header + i * size : header + (i + 1) * size]
        names.append(row[start : start + length].decode("utf-8", "replace").strip())
    return names
