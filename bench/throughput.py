"""Analysis throughput (words/s) of kronika's whole pipeline next to bare spaCy
on the same texts, in the same run.

    python bench/throughput.py [--csv ../shared/eval/news/russia-ukraine-2022.csv] [--limit N]

Prints one line per configuration: documents, words, seconds, words/s, and the
ratio to bare spaCy (above 1 means faster: kronika repairs text before parsing and
the numbers include noise; use --repeat on a quiet machine).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from kronika.ingest import Failure, read
from kronika.pipeline import COMPONENTS, MODEL, analyze_many, available_components, load

DEFAULT_CSV = (
    Path(__file__).resolve().parents[1].parent / "shared/eval/news/russia-ukraine-2022.csv"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--limit", type=int, default=None, help="use the first N articles")
    parser.add_argument("--repeat", type=int, default=1, help="best of N runs per configuration")
    args = parser.parse_args()
    items = [i for i in read([str(args.csv)]) if not isinstance(i, Failure)][: args.limit]
    if not items:
        raise SystemExit(f"{args.csv}: no documents (pass --csv)")
    words = sum(len(i.text.split()) for i in items)
    print(f"{len(items)} documents, {words:,} words from {args.csv.name}")

    bare = spacy.load(MODEL)
    list(bare.pipe(i.text for i in items[:2]))  # warm-up
    run_bare = lambda: list(bare.pipe(i.text for i in items))  # noqa: E731
    baseline = timed("bare spaCy nlp.pipe", run_bare, words, args.repeat)
    present = available_components()
    configs = {"kronika, all components": tuple(present)}
    if "kronika_places" in present:
        configs["kronika, without places"] = tuple(c for c in present if c != "kronika_places")
    configs["kronika, entities only"] = ("kronika_entities",)
    for label, names in configs.items():
        nlp = load(names)
        list(analyze_many(items[:1], nlp))  # warm-up: lazy data (gazetteer, lexicons)
        seconds = timed(label, lambda nlp=nlp: list(analyze_many(items, nlp)), words, args.repeat)
        print(f"    ratio to bare spaCy: {baseline / seconds:.2f}")
    print(f"components available: {', '.join(present)} (of {len(COMPONENTS)})")


def timed(label: str, run, words: int, repeat: int) -> float:
    seconds = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        seconds = min(seconds, time.perf_counter() - start)
    print(f"{label:32s} {seconds:7.1f} s  {words / seconds:9,.0f} words/s")
    return seconds


if __name__ == "__main__":
    main()
