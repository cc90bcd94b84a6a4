"""Bulk ingest: throughput next to bare spaCy, scaling with workers, and peak
memory at two archive sizes.

    python bench/ingest.py [--docs 20000] [--small 2000] [--bare-docs N]
                           [--bare-every SECONDS]
                           [--speedup-docs N] [--only throughput,rss,speedup] [--csv PATH]

The news CSV is replicated to --docs documents; each copy gets a distinct last
line so none is skipped as already stored (copies are still linked as
near-duplicates, as wire copies would be).

- throughput: ``kronika ingest --workers 1`` in a child, paused every
  --bare-every seconds while bare spaCy ``nlp.pipe`` takes the next 64 of the
  texts in this process (the first --bare-docs of them, in turn), so both are
  timed on the same machine state; wall-clock and CPU seconds of each, and
  their ratios (the issue's target is on wall-clock; CPU seconds are printed too
  because they hold up when something else shares the machine). The child's
  peak RSS is the peak at --docs documents.
- rss: peak RSS of ``kronika ingest`` at --small documents (a fresh grandchild),
  next to the one at --docs.
- speedup: ``--workers 1`` and ``--workers 2`` wall-clock on --speedup-docs
  documents (default --docs). Needs an otherwise idle machine to mean anything.
"""

from __future__ import annotations

import argparse
import json
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from kronika.ingest import Failure, read

DEFAULT_CSV = (
    Path(__file__).resolve().parents[1].parent / "shared/eval/news/russia-ukraine-2022.csv"
)
PHASES = ("throughput", "rss", "speedup")
BARE_CHUNK = 64  # texts bare spaCy takes at each pause of the kronika child


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


def _command(path: Path, workers: int, db: Path) -> list[str]:
    return [sys.executable, "-m", "kronika.cli", "ingest", str(path), "--db", str(db),
            "--workers", str(workers), "--no-count"]  # fmt: skip


def ingest(path: Path, workers: int, db: Path) -> tuple[float, float, float]:
    """Wall-clock seconds, CPU seconds and peak RSS (MiB) of one `kronika ingest`
    run in a child (the RSS is the largest of all children so far)."""
    wall, cpu = time.perf_counter(), _cpu(resource.RUSAGE_CHILDREN)
    subprocess.run(_command(path, workers, db), check=True, stderr=subprocess.DEVNULL)
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


@dataclass
class Interleaved:
    bare_docs: int = 0
    bare_words: int = 0
    bare_wall: float = 0.0
    bare_cpu: float = 0.0
    wall: float = 0.0  # kronika's, pauses excluded
    cpu: float = 0.0
    rss: float = 0.0


def interleaved(path: Path, db: Path, sample: list[str], every: float) -> Interleaved:
    """``kronika ingest`` in a child, paused (SIGSTOP) every ``every`` seconds
    while bare spaCy takes the next texts of ``sample`` here, then resumed. Both
    sides thus see the same machine over the same half hour, where back-to-back
    phases each caught this VM's drift (±5-10%) on their own."""
    import spacy

    from kronika.pipeline import MODEL

    nlp, out, paused = spacy.load(MODEL), Interleaved(), 0.0
    for _ in nlp.pipe(sample[:BARE_CHUNK]):  # untimed: the first batches run slower
        pass
    started, child_cpu = time.perf_counter(), _cpu(resource.RUSAGE_CHILDREN)
    child = subprocess.Popen(_command(path, 1, db), stderr=subprocess.DEVNULL)
    pause_at = started + every
    while child.poll() is None:
        if time.perf_counter() < pause_at:
            time.sleep(0.2)
            continue
        child.send_signal(signal.SIGSTOP)
        stopped, cpu = time.perf_counter(), _cpu(resource.RUSAGE_SELF)
        chunk = [sample[(out.bare_docs + i) % len(sample)] for i in range(BARE_CHUNK)]
        for _ in nlp.pipe(chunk, batch_size=32):
            pass
        out.bare_wall += time.perf_counter() - stopped
        out.bare_cpu += _cpu(resource.RUSAGE_SELF) - cpu
        out.bare_docs += len(chunk)
        out.bare_words += sum(len(t.split()) for t in chunk)
        child.send_signal(signal.SIGCONT)
        paused += time.perf_counter() - stopped
        pause_at = time.perf_counter() + every
    if child.returncode:
        sys.exit(f"kronika ingest failed with exit code {child.returncode}")
    out.wall = time.perf_counter() - started - paused
    out.cpu = _cpu(resource.RUSAGE_CHILDREN) - child_cpu
    out.rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return out


def throughput(texts: list[str], path: Path, tmp: Path, bare_docs: int, every: float) -> float:
    """Prints the throughput lines; returns the peak RSS of the kronika run."""
    run = interleaved(path, tmp / "w1.db", texts[:bare_docs], every)
    if not run.bare_docs:
        sys.exit("kronika ingest ended before the first pause: lower --bare-every")
    words = sum(len(t.split()) for t in texts)
    print(f"bare spaCy nlp.pipe, {run.bare_docs:,} documents in pauses of {BARE_CHUNK} "
          f"({run.bare_words:,} words): {run.bare_wall:.1f} s wall, {run.bare_cpu:.1f} s CPU, "
          f"{run.bare_words / run.bare_wall:,.0f} words/s wall, "
          f"{run.bare_words / run.bare_cpu:,.0f} words/s CPU")  # fmt: skip
    print(f"kronika ingest --workers 1, {len(texts):,} documents ({words:,} words): "
          f"{run.wall:.1f} s wall (pauses excluded), {run.cpu:.1f} s CPU, "
          f"{words / run.wall:,.0f} words/s wall, {words / run.cpu:,.0f} words/s CPU")  # fmt: skip
    ratio_wall = (words / run.wall) / (run.bare_words / run.bare_wall)
    ratio_cpu = (words / run.cpu) / (run.bare_words / run.bare_cpu)
    print(f"ratio (wall) {ratio_wall:.3f}  (target ≥ 0.75);  ratio (CPU) {ratio_cpu:.3f}",
          flush=True)  # fmt: skip
    return run.rss


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
        help="bare spaCy takes its texts from the first N only (default: all); the texts "
        "repeat the CSV's articles, so any N over the CSV's size covers every article",
    )
    parser.add_argument(
        "--bare-every",
        type=float,
        default=60.0,
        help="seconds of kronika ingest between two pauses for bare spaCy (throughput phase)",
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
            bare_docs = args.bare_docs or len(texts)
            big = throughput(texts, tmp / "big.jsonl", tmp, bare_docs, args.bare_every)
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
