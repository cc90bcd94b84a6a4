"""Bulk ingest: throughput next to bare spaCy, scaling with workers, and peak
memory at two archive sizes.

    python bench/ingest.py [--docs 20000] [--small 2000] [--csv PATH]

The news CSV is replicated to --docs documents; each copy gets a distinct last
line so none is skipped as already stored (copies are still linked as
near-duplicates, as wire copies would be). Prints words/s of bare spaCy
``nlp.pipe`` and of ``kronika ingest --workers 1`` and ``--workers 2`` on the
same texts in the same run, the ratios the issue targets, and the peak RSS of
``kronika ingest`` at --small and --docs documents.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy

from kronika.ingest import Failure, read
from kronika.pipeline import MODEL

DEFAULT_CSV = (
    Path(__file__).resolve().parents[1].parent / "shared/eval/news/russia-ukraine-2022.csv"
)


def replicate(csv: Path, n: int, out: Path) -> list[str]:
    base = [i.text for i in read([str(csv)]) if not isinstance(i, Failure)]
    texts = [f"{base[k % len(base)]}\n\nArchive copy {k}." for k in range(n)]
    out.write_text(
        "".join(json.dumps({"id": f"d{k}", "text": t}) + "\n" for k, t in enumerate(texts))
    )
    return texts


def ingest(path: Path, workers: int, db: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MiB) of one `kronika ingest` run in a child process."""
    cmd = [sys.executable, "-m", "kronika.cli", "ingest", str(path), "--db", str(db)]
    cmd += ["--workers", str(workers), "--no-count"]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    return seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def peak_rss(path: Path, db: Path) -> float:
    """Peak RSS of a fresh child (RUSAGE_CHILDREN keeps the max over all children,
    so measure in a grandchild wrapper to isolate one run)."""
    code = (
        "import resource,subprocess,sys;"
        f"subprocess.run([sys.executable,'-m','kronika.cli','ingest',{str(path)!r},'--db',{str(db)!r},"
        "'--no-count'],check=True,stderr=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024)"
    )
    return float(
        subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        ).stdout
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--small", type=int, default=2_000)
    parser.add_argument("--skip-rss", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        texts = replicate(args.csv, args.docs, tmp / "big.jsonl")
        words = sum(len(t.split()) for t in texts)
        print(f"{len(texts):,} documents, {words:,} words")
        nlp = spacy.load(MODEL)
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32):
            pass
        bare = time.perf_counter() - start
        print(f"bare spaCy nlp.pipe           {bare:8.1f} s {words / bare:9,.0f} words/s")
        one, _ = ingest(tmp / "big.jsonl", 1, tmp / "w1.db")
        print(
            f"kronika ingest --workers 1    {one:8.1f} s {words / one:9,.0f} words/s  ratio {bare / one:.2f} (target ≥ 0.75)"
        )
        two, _ = ingest(tmp / "big.jsonl", 2, tmp / "w2.db")
        print(
            f"kronika ingest --workers 2    {two:8.1f} s {words / two:9,.0f} words/s  speed-up {one / two:.2f}× (target ≥ 1.7)"
        )
        if not args.skip_rss:
            replicate(args.csv, args.small, tmp / "small.jsonl")
            small = peak_rss(tmp / "small.jsonl", tmp / "rss_small.db")
            big = peak_rss(tmp / "big.jsonl", tmp / "rss_big.db")
            print(f"peak RSS at {args.small:,} documents: {small:,.0f} MiB")
            print(
                f"peak RSS at {args.docs:,} documents: {big:,.0f} MiB  ({(big / small - 1) * 100:+.1f}%, target within 10%)"
            )


if __name__ == "__main__":
    main()
