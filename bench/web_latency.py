"""Latency of `kronika serve` on a large store: p50 and p95 of the document list, a
search, a document view and /api/events under concurrent clients.

    python bench/web_latency.py [--docs 100000] [--requests 400] [--clients 20]

A few articles (the example, and the seed when ../shared is here) are analysed once;
--docs records are cloned from them, each with its own id, date, source and a closing
line of made-up words (so searches hit different documents), and inserted in bulk into
a temporary SQLite store. A real uvicorn then serves it on 127.0.0.1 and --clients
clients send --requests requests per page, bounded in count (and 20 requests from a
single client first, for the time one request takes alone). Target: p95 < 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import aiohttp
import httpx

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [
    ROOT / "examples" / "front-line-report.txt",
    ROOT.parent / "shared/seed/000_2b28dbb7b493ae20.txt",
]
SOURCES = [f"Outlet {n}" for n in range(30)]
SYLLABLES = ["ka", "lo", "mi", "ra", "tu", "zen", "vor", "pel", "dra", "ny", "sko", "bel"]


def base_records() -> list[dict]:
    from kronika.ingest import Item
    from kronika.pipeline import analyze_many, load

    items = [
        Item(name=p.name, text=p.read_text(encoding="utf-8"), published="2024-10-15")
        for p in ARTICLES
        if p.exists()
    ]
    return [doc.to_dict() for doc in analyze_many(items, load())]


def words(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _ in range(n)]


def build_store(path: Path, n: int, seed: int = 7) -> dict:
    """Clone analysed records into a store of n documents; returns what the clients need."""
    from kronika.store import Store, schema
    from kronika.store.rows import fact_rows as record_fact_rows

    rng = random.Random(seed)
    bases = base_records()
    vocabulary = words(rng, 3000)
    Store(path).close()  # create the schema
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    prepared = []
    for base in bases:
        rows = record_fact_rows({**base, "id": "@"})
        prepared.append((base, rows))

    def insert(table, rows):
        if not rows:
            return
        cols = list(rows[0])
        names = ", ".join(f'"{c}"' for c in cols)
        marks = ", ".join("?" for _ in cols)
        con.executemany(
            f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
            [tuple(r[c] for c in cols) for r in rows],
        )

    doc_columns = [c.name for c in schema.documents.c]
    start = date(2022, 2, 24)
    ids = []
    batch_docs, batch_facts, batch_fts = [], {}, []
    for k in range(n):
        base, rows = prepared[k % len(prepared)]
        doc_id = f"bench{k:011d}"
        text = base["text"] + f"\n\nDispatch {k}: " + " ".join(rng.choices(vocabulary, k=12)) + "."
        published = (start + timedelta(days=rng.randrange(1400))).isoformat()
        record = {
            **base,
            "id": doc_id,
            "text": text,
            "published": published,
            "source": rng.choice(SOURCES),
        }
        values = {
            **{c: record.get(c) for c in doc_columns},
            "text_hash": doc_id,
            "story_id": doc_id,
            "pipeline_version": "bench",
            "analyzed_at": "2026-01-01T00:00:00",
            "record": json.dumps(record, ensure_ascii=False),
        }
        batch_docs.append(values)
        for name, fact_rows in rows.items():
            batch_facts.setdefault(name, []).extend(
                _clone_row(name, r, doc_id, base["published"], published) for r in fact_rows
            )
        batch_fts.append({"doc_id": doc_id, "title": record["title"] or "", "text": text})
        ids.append(doc_id)
        if len(batch_docs) >= 2000 or k == n - 1:
            insert("documents", batch_docs)
            for name, fact_rows in batch_facts.items():
                insert(schema.FACT_TABLES[name].name, fact_rows)
            insert("documents_fts", batch_fts)
            con.commit()
            batch_docs, batch_facts, batch_fts = [], {}, []
    con.execute("ANALYZE")
    con.commit()
    con.close()
    return {"ids": ids, "vocabulary": vocabulary, "bases": bases}


def _clone_row(table: str, row: dict, doc_id: str, base_date: str, date_: str) -> dict:
    """A fact row for a clone; events dated by their article's day move to the clone's
    day, so event dates spread over the archive as they would in a real one."""
    row = {**row, "doc_id": doc_id}
    if table == "events" and row.get("date") == base_date:
        row["date"] = date_
    return row


def reuse_store(path: Path, seed: int = 7) -> dict:
    import sqlite3

    con = sqlite3.connect(path)
    ids = [r[0] for r in con.execute("SELECT id FROM documents WHERE id LIKE 'bench%'")]
    bases = [json.loads(r[0]) for r in con.execute("SELECT record FROM documents LIMIT 2")]
    con.close()
    return {"ids": ids, "vocabulary": words(random.Random(seed), 3000), "bases": bases}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int, workers: int) -> subprocess.Popen:
    """`kronika serve`, as a person would start it."""
    command = [sys.executable, "-m", "kronika.cli", "serve", "--db", str(db), "--port", str(port)]
    proc = subprocess.Popen([*command, "--workers", str(workers)])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/documents?limit=1", timeout=2)
            return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("uvicorn did not start")


async def measure(base: str, paths: list[str], clients: int, timeout: float) -> list[float]:
    """Send every path once, at most `clients` at a time; latencies in ms, and
    float("inf") for a request that did not answer within `timeout` seconds.

    aiohttp rather than httpx: the clients share the server's two cores, and
    httpx spent 1.2-1.5 ms of CPU on each request, a third of the machine."""
    latencies: list[float] = []
    queue = list(paths)
    connector = aiohttp.TCPConnector(limit=clients)
    limit = aiohttp.ClientTimeout(total=timeout)
    async with aiohttp.ClientSession(base, connector=connector, timeout=limit) as client:

        async def worker():
            while queue:
                path = queue.pop()
                t0 = time.perf_counter()
                try:
                    async with client.get(path) as response:
                        await response.read()
                except TimeoutError:
                    latencies.append(float("inf"))
                    continue
                latencies.append((time.perf_counter() - t0) * 1000)
                if response.status != 200:
                    raise SystemExit(f"{path}: HTTP {response.status}")

        await asyncio.gather(*(worker() for _ in range(clients)))
    return latencies


def workloads(data: dict, requests: int, rng: random.Random) -> dict[str, list[str]]:
    ids, vocabulary = data["ids"], data["vocabulary"]
    pages = max(1, min(len(ids) // 50, 100))

    def bbox() -> str:
        west, south = rng.uniform(20, 38), rng.uniform(44, 52)
        return f"{west:.1f},{south:.1f},{west + 8:.1f},{south + 6:.1f}"

    def dates() -> str:
        first = date(2022, 3, 1) + timedelta(days=rng.randrange(1200))
        return f"from={first}&to={first + timedelta(days=90)}"

    return {
        "document list": [f"/?page={rng.randint(1, pages)}" for _ in range(requests)],
        "search": [
            "/?q="
            + rng.choice(
                [
                    rng.choice(vocabulary),
                    f'"{rng.choice(vocabulary)} {rng.choice(vocabulary)}"',
                    rng.choice(vocabulary)[:4] + "*",
                ]
            )
            for _ in range(requests)
        ],
        "document view": [f"/documents/{rng.choice(ids)}" for _ in range(requests)],
        "/api/events": [f"/api/events?{dates()}&bbox={bbox()}" for _ in range(requests)],
    }


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=400, help="per page")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--timeout", type=float, default=30, help="seconds per request")
    parser.add_argument("--only", action="append", help="measure only this page (repeatable)")
    parser.add_argument(
        "--db", type=Path, help="keep the store here (default: a temp dir); reused if it exists"
    )
    args = parser.parse_args()
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        if args.db and args.db.exists():  # a store this script built before, kept with --db
            data = reuse_store(db)
            args.docs = len(data["ids"])
        else:
            data = build_store(db, args.docs)
        size = db.stat().st_size / 1e6
        facts = sum(
            len(b[k]) for b in data["bases"] for k in ("quotes", "places", "times", "events")
        )
        print(
            f"store: {args.docs:,} documents ({facts / len(data['bases']):.0f} quotes/places/times/events each on average), "
            f"{size:,.0f} MB, built in {time.perf_counter() - t0:.0f} s"
        )
        port = free_port()
        server = start_server(db, port, args.workers)
        try:
            base = f"http://127.0.0.1:{port}"
            asyncio.run(measure(base, ["/", "/api/events?limit=1"] * 10, 2, args.timeout))
            print(
                f"{args.clients} concurrent clients, {args.requests} requests per page, "
                f"{args.workers} uvicorn worker(s)"
            )
            print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
            print(f"{'page':<16}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'alone p50':>11}")
            for name, paths in workloads(data, args.requests, rng).items():
                if args.only and name not in args.only:
                    continue
                alone = asyncio.run(measure(base, paths[:20], 1, args.timeout))
                latencies = asyncio.run(measure(base, paths, args.clients, args.timeout))
                late = sum(1 for v in latencies if v == float("inf"))
                print(
                    f"{name:<16}{percentile(latencies, 50):>9.1f}{percentile(latencies, 95):>9.1f}"
                    f"{max(latencies):>9.1f}{statistics.median(alone):>11.1f}"
                    + (f"   {late} of {len(latencies)} over {args.timeout:.0f} s" if late else "")
                )
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()


if __name__ == "__main__":
    main()
