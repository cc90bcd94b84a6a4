"""Corrections as JSONL, to move a team's work from one store to another
(``kronika export --format corrections`` / ``kronika corrections import``)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

from kronika.review import table
from kronika.review.corrections import Correction, CorrectionError

MAX_LINE = 1_000_000  # characters of one JSONL line


def export_lines(store, out: TextIO) -> int:
    with store.engine.connect() as conn:
        rows = table.listed(conn)
    for row in rows:
        for key in ("id", "state", "index", "reason"):
            row.pop(key, None)
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)


@dataclass
class Imported:
    added: int = 0
    present: int = 0  # the same correction (by uid) is already in this store
    waiting: int = 0  # added, for a document this store does not hold (yet)
    problems: list[str] = field(default_factory=list)


def import_lines(store, lines: Iterable[str]) -> Imported:
    """Add each correction not yet here, in file order; a bad line is reported and
    skipped, the others go in. Each is applied to its document as it is added."""
    summary = Imported()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            if len(line) > MAX_LINE:
                raise CorrectionError(
                    f"line is {len(line):,} characters; the limit is {MAX_LINE:,}"
                )
            correction = Correction.from_json(json.loads(line))
        except (CorrectionError, ValueError) as exc:
            summary.problems.append(f"{number}: {exc}")
            continue
        with store.engine.begin() as conn:
            if table.has_uid(conn, correction.uid):
                summary.present += 1
                continue
            held = table.lock(conn, correction.doc_id)
            table.insert_correction(conn, correction)
            if held:
                table.materialise(conn, correction.doc_id)
            else:
                summary.waiting += 1
        summary.added += 1
    return summary
