"""Cost of the repair step (kronika.repair.repair) per document on real articles.

    python bench/repair.py [../shared/eval/news/russia-ukraine-2022.csv] [--rounds 3]

Prints milliseconds per document (the best of the rounds), with the lines
recurring across each source counted first, as `kronika ingest` does.
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from kronika.boilerplate import mark_recurring
from kronika.ingest import Item
from kronika.repair import repair

DEFAULT = (
    Path(__file__).resolve().parents[2] / "shared" / "eval" / "news" / "russia-ukraine-2022.csv"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    csv.field_size_limit(1 << 30)
    with args.csv.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("articles")]
    items = [
        Item(name=str(i), text=r["articles"], title=r.get("headlines"), source=r.get("journal"))
        for i, r in enumerate(rows)
    ]
    best = float("inf")
    for _ in range(args.rounds):
        started = time.perf_counter()
        for item in mark_recurring(items):
            item.extra.pop("recurring", None)
        for item in mark_recurring(items):
            repair(item.text, item.title, recurring=item.extra["recurring"], source=item.source)
        best = min(best, time.perf_counter() - started)
    print(f"repair: {1000 * best / len(items):.2f} ms/doc over {len(items)} documents")


if __name__ == "__main__":
    main()
