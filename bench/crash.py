"""Crash test: kill `kronika ingest` at random moments, rerun it each time, and
check the store after every rerun.

    python bench/crash.py [--kills 20] [--docs 40]

After each kill and rerun: `PRAGMA integrity_check` is ok, every document is
stored exactly once, and the facts equal those of an uninterrupted run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kronika.ingest import Failure, read

DEFAULT_CSV = (
    Path(__file__).resolve().parents[1].parent / "shared/eval/news/russia-ukraine-2022.csv"
)


def command(source: Path, db: Path) -> list[str]:
    # Small batches: documents are committed one by one all through the run.
    args = ["ingest", str(source), "--db", str(db), "--no-count", "--batch-size", "2"]
    return [sys.executable, "-m", "kronika.cli", *args]


def facts(db: Path) -> dict[str, str]:
    con = sqlite3.connect(db)
    rows = con.execute("select id, record from documents").fetchall()
    con.close()
    return dict(rows)


def check(db: Path, reference: dict[str, str]) -> list[str]:
    con = sqlite3.connect(db)
    problems = []
    if con.execute("PRAGMA integrity_check").fetchone() != ("ok",):
        problems.append("integrity_check failed")
    total, distinct = con.execute("select count(*), count(distinct id) from documents").fetchone()
    con.close()
    if total != distinct or total != len(reference):
        problems.append(f"{total} rows, {distinct} distinct, expected {len(reference)}")
    if facts(db) != reference:
        problems.append("facts differ from the uninterrupted run")
    return problems


def _startup(source: Path, empty: Path) -> float:
    """Seconds the command takes with nothing to do: kills before that store nothing."""
    empty.write_text("")
    start = time.perf_counter()
    subprocess.run(command(empty, empty.with_suffix(".db")), stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        items = [i for i in read([str(args.csv)]) if not isinstance(i, Failure)][: args.docs]
        if not items:
            sys.exit(f"{args.csv}: no documents to ingest (pass --csv)")
        source = tmp / "in.jsonl"
        source.write_text(
            "".join(json.dumps({"id": f"d{k}", "text": i.text}) + "\n" for k, i in enumerate(items))
        )
        start = time.perf_counter()
        subprocess.run(command(source, tmp / "reference.db"), check=True, stderr=subprocess.DEVNULL)
        full = time.perf_counter() - start
        reference = facts(tmp / "reference.db")
        startup = _startup(source, tmp / "empty.jsonl")
        print(
            f"uninterrupted run: {len(reference)} documents in {full:.1f} s ({startup:.1f} s to start)"
        )
        failures = 0
        for k in range(args.kills):
            db = tmp / f"crash{k}.db"
            proc = subprocess.Popen(command(source, db), stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(startup, full))
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            before = len(facts(db)) if db.exists() else 0
            subprocess.run(command(source, db), check=True, stderr=subprocess.DEVNULL)
            problems = check(db, reference)
            failures += bool(problems)
            print(
                f"kill {k + 1:2d}: {before:3d} stored at the kill; after rerun: {'; '.join(problems) or 'ok'}"
            )
        print(f"{args.kills - failures} of {args.kills} kill-and-rerun cycles consistent")
        sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
