"""Reading a GeoNames dump (``allCountries.txt``, ``UA.txt``): 19 tab-separated
columns per feature. Importing one brings what the packages lack: villages,
districts, rivers, peninsulas."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from kronika.gazetteer.index import default_path, write_entries
from kronika.gazetteer.normalize import is_code, usable
from kronika.gazetteer.records import ALTERNATE, CODE, PRIMARY, Entry

# Feature classes worth a place mention: areas, waters, towns, terrain, parks, islands.
CLASSES = {"A", "H", "L", "P", "T", "V"}
COLUMNS = 19


def parse(path: Path) -> Iterator[Entry]:
    """Entries of a dump; malformed lines and unwanted classes are skipped."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) != COLUMNS or cols[6] not in CLASSES or not cols[0].isdigit():
                continue
            yield _entry(cols)


def _entry(cols: list[str]) -> Entry:
    gid = int(cols[0])
    entry = Entry(
        id=gid, geonameid=gid, name=cols[1], lat=float(cols[4]), lon=float(cols[5]),
        country=cols[8] or None, feature=cols[7] or cols[6], population=int(cols[14] or 0),
        admin1=cols[10] or None, admin2=cols[11] or None,
    )  # fmt: skip
    entry.names = [(cols[1], PRIMARY)]
    if cols[2] and cols[2] != cols[1]:
        entry.names.append((cols[2], ALTERNATE))
    for alt in cols[3].split(",") if cols[3] else []:
        if usable(alt):
            entry.names.append((alt, CODE if is_code(alt) else ALTERNATE))
    return entry


def import_dump(path: Path, index: Path | None = None) -> int:
    """Add (or replace) the dump's features in the index; returns how many."""
    index = Path(index or default_path())
    if not index.exists():
        from kronika.gazetteer.index import build_index

        build_index(index)
    db = sqlite3.connect(index)
    names = _admin1_names(db, path)
    try:
        count = write_entries(db, (_named_admin1(e, names) for e in parse(path)))
        db.commit()
    finally:
        db.close()
    from kronika.gazetteer.index import default

    default.cache_clear()
    return count


def _admin1_names(db: sqlite3.Connection, path: Path) -> dict[tuple[str, str], str]:
    """GeoNames admin1 code -> the English name the index already uses, learnt
    from the towns both the dump and the index know."""
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    batch: list[tuple[int, str, str]] = []

    def flush() -> None:
        codes = {gid: (cc, code) for gid, cc, code in batch}
        marks = ",".join("?" * len(codes))
        rows = db.execute(
            f"SELECT id, admin1 FROM places WHERE id IN ({marks}) AND admin1 IS NOT NULL",
            list(codes),
        )
        for gid, admin1 in rows:
            votes[codes[gid]][admin1] += 1
        batch.clear()

    for entry in parse(path):
        if entry.feature.startswith("PPL") and entry.country and entry.admin1:
            batch.append((entry.id, entry.country, entry.admin1))
            if len(batch) >= 500:
                flush()
    if batch:
        flush()
    return {code: counts.most_common(1)[0][0] for code, counts in votes.items()}


def _named_admin1(entry: Entry, names: dict[tuple[str, str], str]) -> Entry:
    if entry.country and entry.admin1:
        entry.admin1 = names.get((entry.country, entry.admin1), entry.admin1)
    return entry
