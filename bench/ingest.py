"""Bulk ingest: throughput next to bare spaCy, scaling with workers, and peak
memory at two archive sizes.

    python bench/ingest.py [--docs 20000] [--small 2000] [--bare-docs N]
                           [--speedup-docs N] [--only throughput,rss,speedup] [--csv PATH]

The news CSV is replicated to --docs documents; each copy gets a distinct last
line so none is skipped as already stored (copies are still linked as
near-duplicates, as wire copies would be).

- throughput: bare spaCy ``nlp.pipe`` in this process, then ``kronika ingest
  --workers 1`` in a child, on the same texts; wall-clock and CPU seconds of
  each, and their ratios (the issue's target is on wall-clock; CPU seconds are
  printed too because they hold up when something else shares the machine).
  The child's peak RSS is the peak at --docs documents.
- rss: peak RSS of ``kronika ingest`` at --small documents (a fresh grandchild),
  next to the one at --docs.
- speedup: ``--workers 1`` and ``--workers 2`` wall-clock on --speedup-docs
  documents (default --docs). Needs an otherwise idle machine to mean anything.
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

from kronika.ingest import Failure, read

DEFAULT_CSV = (
    Path(__file__).resolve().parents[1].parent / "shared/eval/news/russia-ukraine-2022.csv"
)
PHASES = ("throughput", "rss", "speedup")


def replicate(csv: Path, n: int, out: Path) -> list[str]:
    base = [i.text for i in read([str(csv)]) if not isinstance(i, Failure)]
    if not base:
        sys.exit(f"{csv}: no documents to replicate (pass --csv)")
    texts = [f"{base[k % len(base)]}\n\nArchive copy {k}." for k in range(n)]
    out.write_text(
        "".join(json.dumps({"id": f"d{k}", "text": t}) + "\n" for k, t in enumerate(texts))
    )
    return texts


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def bare(texts: list[str]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of plain ``nlp.pipe`` over ``texts``."""
    import spacy

    from kronika.pipeline import MODEL

    nlp = spacy.load(MODEL)
    wall, cpu = time.perf_counter(), _cpu(resource.RUSAGE_SELF)
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - wall, _cpu(resource.RUSAGE_SELF) - cpu


def ingest(path: Path, workers: int, db: Path) -> tuple[float, float, float]:
    """Wall-clock seconds, CPU seconds and peak RSS (MiB) of one `kronika ingest`
    run in a child (the RSS is the largest of all children so far)."""
    cmd = [sys.executable, "-m", "kronika.cli", "ingest", str(path), "--db", str(db)]
    cmd += ["--workers", str(workers), "--no-count"]
    wall, cpu = time.perf_counter(), _cpu(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return time.perf_counter() - wall, _cpu(resource.RUSAGE_CHILDREN) - cpu, rss


def peak_rss(path: Path, db: Path) -> float:
    """Peak RSS of one fresh run, measured in a grandchild so earlier children
    do not count."""
    code = (
        "import resource,subprocess,sys;"
        f"subprocess.run([sys.executable,'-m','kronika.cli','ingest',{str(path)!r},'--db',{str(db)!r},"
        "'--no-count'],check=True,stderr=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024)"
    )
    run = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return float(run.stdout)


def throughput(texts: list[str], path: Path, tmp: Path, bare_docs: int) -> float:
    """Prints the throughput lines; returns the peak RSS of the kronika run."""
    sample = texts[:bare_docs]
    bare_words = sum(len(t.split()) for t in sample)
    bare_wall, bare_cpu = bare(sample)
    print(f"bare spaCy nlp.pipe, first {len(sample):,} documents ({bare_words:,} words): "
          f"{bare_wall:.1f} s wall, {bare_cpu:.1f} s CPU, "
          f"{bare_words / bare_wall:,.0f} words/s wall, {bare_words / bare_cpu:,.0f} words/s CPU",
          flush=True)  # fmt: skip
    words = sum(len(t.split()) for t in texts)
    wall, cpu, rss = ingest(path, 1, tmp / "w1.db")
    print(f"kronika ingest --workers 1, {len(texts):,} documents ({words:,} words): "
          f"{wall:.1f} s wall, {cpu:.1f} s CPU, "
          f"{words / wall:,.0f} words/s wall, {words / cpu:,.0f} words/s CPU")  # fmt: skip
    ratio_wall = (words / wall) / (bare_words / bare_wall)
    ratio_cpu = (words / cpu) / (bare_words / bare_cpu)
    print(f"ratio (wall) {ratio_wall:.3f}  (target ≥ 0.75);  ratio (CPU) {ratio_cpu:.3f}",
          flush=True)  # fmt: skip
    return rss


def speedup(csv: Path, n: int, tmp: Path) -> None:
    texts = replicate(csv, n, tmp / "speedup.jsonl")
    words = sum(len(t.split()) for t in texts)
    one = ingest(tmp / "speedup.jsonl", 1, tmp / "s1.db")[0]
    two = ingest(tmp / "speedup.jsonl", 2, tmp / "s2.db")[0]
    print(f"{n:,} documents: --workers 1 {one:.1f} s ({words / one:,.0f} words/s), "
          f"--workers 2 {two:.1f} s ({words / two:,.0f} words/s): "
          f"speed-up {one / two:.2f}× (target ≥ 1.7)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--small", type=int, default=2_000)
    parser.add_argument("--speedup-docs", type=int, default=None)
    parser.add_argument(
        "--bare-docs",
        type=int,
        default=None,
        help="time bare spaCy on the first N of the texts only (default: all); the texts "
        "repeat the CSV's articles, so N = 10 × the CSV gives the same words/s sooner",
    )
    parser.add_argument("--only", default=",".join(PHASES), help="comma-separated phases")
    args = parser.parse_args()
    phases = set(args.only.split(","))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        if phases & {"throughput", "rss"}:
            texts = replicate(args.csv, args.docs, tmp / "big.jsonl")
            words = sum(len(t.split()) for t in texts)
            print(f"{len(texts):,} documents, {words:,} words", flush=True)
        if "throughput" in phases:
            big = throughput(texts, tmp / "big.jsonl", tmp, args.bare_docs or len(texts))
        elif "rss" in phases:
            big = peak_rss(tmp / "big.jsonl", tmp / "rss_big.db")
        if "rss" in phases:
            replicate(args.csv, args.small, tmp / "small.jsonl")
            small = peak_rss(tmp / "small.jsonl", tmp / "rss_small.db")
            print(f"peak RSS at {args.small:,} documents: {small:,.0f} MiB")
            print(f"peak RSS at {args.docs:,} documents: {big:,.0f} MiB  "
                  f"({(big / small - 1) * 100:+.1f}%, target within 10%)")  # fmt: skip
        if "speedup" in phases:
            speedup(args.csv, args.speedup_docs or args.docs, tmp)


if __name__ == "__main__":
    main()
