"""The gazetteer index: a compact SQLite file built once, then opened in
milliseconds.

It lives in ``$KRONIKA_CACHE`` (else ``$XDG_CACHE_HOME/kronika``, else
``~/.cache/kronika``). Building reads the registry packages (about a minute);
``kronika gazetteer import`` adds GeoNames dump rows to the same file.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from kronika.gazetteer.normalize import fold
from kronika.gazetteer.records import Entry

INDEX_VERSION = 8
SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, lat REAL, lon REAL,
    country TEXT, admin1 TEXT, admin2 TEXT, feature TEXT, population INTEGER);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL, place INTEGER NOT NULL, kind INTEGER NOT NULL,
    PRIMARY KEY (key, place, kind)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""
_COLUMNS = "id, geonameid, name, lat, lon, country, admin1, admin2, feature, population"


def cache_dir() -> Path:
    if os.environ.get("KRONIKA_CACHE"):
        return Path(os.environ["KRONIKA_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kronika"


def default_path() -> Path:
    return cache_dir() / f"gazetteer-v{INDEX_VERSION}.sqlite"


class Gazetteer:
    """Look places up by any of their names. Lookups are cached per key."""

    def __init__(self, path: Path | None = None, build: bool = True):
        self.path = Path(path or default_path())
        if not self.path.exists():
            if not build:
                raise FileNotFoundError(self.path)
            build_index(self.path)
        self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self._cache: dict[str, list[tuple[Entry, int]]] = {}

    def lookup(self, name: str) -> list[tuple[Entry, int]]:
        """Every place called ``name``, with how the name belongs to it (a kind)."""
        return self.lookup_keys([fold(name)]).get(fold(name), [])

    def lookup_keys(self, keys: Iterable[str]) -> dict[str, list[tuple[Entry, int]]]:
        """One query for all uncached keys of a document."""
        keys = list(keys)
        missing = [k for k in set(keys) if k and k not in self._cache]
        if len(self._cache) > 200_000:  # bound memory over long runs
            self._cache.clear()
        for chunk in range(0, len(missing), 500):
            part = missing[chunk : chunk + 500]
            for k in part:
                self._cache[k] = []
            marks = ",".join("?" * len(part))
            rows = self.db.execute(
                f"SELECT n.key, n.kind, {', '.join('p.' + c.strip() for c in _COLUMNS.split(','))} "
                f"FROM names n JOIN places p ON p.id = n.place WHERE n.key IN ({marks})",
                part,
            )
            for key, kind, *row in rows:
                self._cache[key].append((_entry(row), kind))
        return {k: self._cache.get(k, []) for k in keys}

    def get(self, place_id: int) -> Entry | None:
        row = self.db.execute(f"SELECT {_COLUMNS} FROM places WHERE id = ?", (place_id,)).fetchone()
        return _entry(row) if row else None

    def info(self) -> dict[str, str | int]:
        meta = dict(self.db.execute("SELECT key, value FROM meta"))
        meta["places"] = self.db.execute("SELECT count(*) FROM places").fetchone()[0]
        meta["names"] = self.db.execute("SELECT count(*) FROM names").fetchone()[0]
        meta["path"] = str(self.path)
        meta["bytes"] = self.path.stat().st_size
        return meta


@lru_cache(maxsize=1)
def default() -> Gazetteer:
    """The process-wide gazetteer (built on first use)."""
    return Gazetteer()


def build_index(path: Path | None = None) -> Path:
    """Build the index from the registry packages into ``path`` atomically."""
    from kronika.gazetteer.sources import Sources

    path = Path(path or default_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    started = time.perf_counter()
    db = sqlite3.connect(tmp)
    db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
    write_entries(db, Sources().entries())
    seconds = time.perf_counter() - started
    db.execute("INSERT OR REPLACE INTO meta VALUES ('built_seconds', ?)", (f"{seconds:.1f}",))
    db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (str(INDEX_VERSION),))
    db.commit()
    db.execute("VACUUM")
    db.close()
    os.replace(tmp, path)
    return path


def write_entries(db: sqlite3.Connection, entries: Iterable[Entry]) -> int:
    """Insert places and their names; returns how many places. A place already
    there (same GeoNames id) takes the new row's facts and keeps its names, so
    a dump's coordinates win and the packages' spellings and demonyms stay."""
    count = 0
    for batch in _batches(entries, 5000):
        db.executemany(
            f"INSERT OR REPLACE INTO places ({_COLUMNS}) VALUES ({','.join('?' * 10)})",
            [_row(e) for e in batch],
        )
        db.executemany(
            "INSERT OR IGNORE INTO names VALUES (?, ?, ?)",
            [(fold(n), e.id, kind) for e in batch for n, kind in e.names if fold(n)],
        )
        count += len(batch)
    return count


def _entry(row: tuple) -> Entry:
    pid, gid, name, lat, lon, country, admin1, admin2, feature, population = row
    return Entry(
        id=pid, geonameid=gid, name=name, lat=lat, lon=lon, country=country, admin1=admin1,
        admin2=admin2, feature=feature, population=population or 0,
    )  # fmt: skip


def _row(e: Entry) -> tuple:
    return (
        e.id,
        e.geonameid,
        e.name,
        e.lat,
        e.lon,
        e.country,
        e.admin1,
        e.admin2,
        e.feature,
        e.population,
    )


def _batches(items: Iterable[Entry], size: int):
    batch: list[Entry] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
