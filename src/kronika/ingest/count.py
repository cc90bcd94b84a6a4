"""A cheap count of the articles in some inputs, for a progress bar's ETA.

Counting reads files but analyses nothing: line counts for JSONL, records for
CSV, HTML responses for WARC, one per plain file. Standard input is unknown.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from kronika.ingest.warc import is_warc


def count_items(paths: Iterable[str]) -> int | None:
    total = 0
    for path in paths:
        if path == "-":
            return None
        p = Path(path)
        files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
        total += sum(_count_file(f) for f in files)
    return total


def _count_file(path: Path) -> int:
    from kronika.ingest import _is_supported

    if not path.exists() or not _is_supported(path):
        return 0
    try:
        suffix = path.suffix.lower()
        if is_warc(path):
            return _count_warc(path)
        if suffix in (".jsonl", ".ndjson"):
            with path.open("rb") as fh:
                return sum(1 for line in fh if line.strip())
        if suffix == ".csv":
            with path.open(encoding="utf-8", errors="replace", newline="") as fh:
                return max(0, sum(1 for _ in csv.reader(fh)) - 1)
    except (OSError, csv.Error):
        return 1
    return 1


def _count_warc(path: Path) -> int:
    from warcio.archiveiterator import ArchiveIterator

    count = 0
    try:
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh):
                count += record.rec_type == "response"
    except Exception:  # noqa: BLE001  (a broken file is reported when read for real)
        pass
    return count
