"""Reading a GeoNames dump (``allCountries.txt``, ``UA.txt``, or the ``.zip``
GeoNames serves them in): 19 tab-separated columns per feature. Importing one
brings what the packages lack: villages, districts, rivers, peninsulas.

A dump that is not one (no line of 19 columns), or is cut short (a last line
without its end, a damaged zip), is refused with :class:`DumpError` before
anything is written; the index is changed in one transaction, so a failure
half-way leaves it as it was."""

from __future__ import annotations

import io
import sqlite3
import zipfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kronika.gazetteer.index import default_path, write_entries
from kronika.gazetteer.normalize import is_code, usable
from kronika.gazetteer.records import ALTERNATE, CODE, PRIMARY, Entry

# Feature classes worth a place mention: areas, waters, towns, terrain, parks, islands.
CLASSES = {"A", "H", "L", "P", "T", "V"}
COLUMNS = 19
# A dump whose first lines hold no feature row is no GeoNames dump.
SNIFF_LINES = 50
Progress = Callable[[int, int], None]  # (bytes read, bytes in all)


class DumpError(ValueError):
    """The file is not a GeoNames dump, or is cut short."""


def parse(path: Path, progress: Progress | None = None) -> Iterator[Entry]:
    """Entries of a dump; a stray malformed line and unwanted classes are
    skipped, a file that is no dump or is truncated raises DumpError."""
    with _lines(path) as (lines, size):
        done, seen, good, last = 0, 0, 0, ""
        for line in lines:
            seen += 1
            done += len(line)
            last = line
            cols = line.rstrip("\n").split("\t")
            if len(cols) != COLUMNS or not cols[0].isdigit():
                if seen >= SNIFF_LINES and not good:
                    break
                continue
            good += 1
            if progress is not None and good % 20_000 == 0:
                progress(done, size)
            if cols[6] in CLASSES:
                entry = _checked(cols, seen)
                if entry is not None:
                    yield entry
        if not good:
            raise DumpError(
                f"not a GeoNames dump: no line of the first {seen} has 19 tab-separated columns"
            )
        if last and not last.endswith("\n"):
            raise DumpError(f"truncated: line {seen} ends before its last column")
        if progress is not None:
            progress(size, size)


def _checked(cols: list[str], number: int) -> Entry | None:
    try:
        return _entry(cols)
    except ValueError:
        return None  # a stray bad number: skipped like a junk line


@contextmanager
def _lines(path: Path):
    """The dump's lines and its size in bytes, from a text file or the zip
    GeoNames serves (``UA.zip`` holds ``UA.txt`` and a readme)."""
    if path.suffix.lower() == ".zip" and not zipfile.is_zipfile(path):
        raise DumpError("damaged or truncated zip (no zip directory at its end)")
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                member = _member(archive)
                with archive.open(member) as raw:
                    text = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
                    yield text, member.file_size
            return
        with path.open(encoding="utf-8", newline="\n") as fh:
            yield fh, path.stat().st_size
    except UnicodeDecodeError as err:
        raise DumpError("not a GeoNames dump: not UTF-8 text") from err
    except (zipfile.BadZipFile, zlib.error, EOFError) as err:
        raise DumpError(f"damaged or truncated zip ({err})") from err


def _member(archive: zipfile.ZipFile) -> zipfile.ZipInfo:
    texts = [i for i in archive.infolist() if i.filename.endswith(".txt")]
    dumps = [i for i in texts if not i.filename.lower().startswith("readme")]
    if not dumps:
        raise DumpError("not a GeoNames dump: the zip holds no .txt table")
    return max(dumps, key=lambda i: i.file_size)


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


def import_dump(path: Path, index: Path | None = None, progress: Progress | None = None) -> int:
    """Add (or replace) the dump's features in the index; returns how many.
    The dump is read twice (admin1 names, then rows): ``progress`` hears of
    both as one span of twice the file's size. Nothing is written unless the
    whole dump reads."""
    index = Path(index or default_path())
    if not index.exists():
        from kronika.gazetteer.index import build_index

        build_index(index)
    first = second = None
    if progress is not None:
        first = lambda done, size: progress(done, 2 * size)  # noqa: E731
        second = lambda done, size: progress(size + done, 2 * size)  # noqa: E731
    db = sqlite3.connect(index)
    try:
        names = _admin1_names(db, path, first)
        entries = (_named_admin1(e, names) for e in parse(path, second))
        count = write_entries(db, entries)
        db.commit()
    except BaseException:
        db.rollback()
        raise
    finally:
        db.close()
    from kronika.gazetteer.index import default

    default.cache_clear()
    return count


def _admin1_names(
    db: sqlite3.Connection, path: Path, progress: Progress | None = None
) -> dict[tuple[str, str], str]:
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

    for entry in parse(path, progress):
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
