"""What cross-document identity adds to saving a document, on a large store.

    python bench/people.py [--docs 20000] [--measure 400] [--db postgresql://…]

Builds a store of --docs synthetic records (no pipeline runs: each record has a short
text of made-up words and 8–14 people and units drawn from a population of a few
thousand full names, surname-only mentions, one-word names, call signs and numbered
units, so candidates are found and compared as in an archive). Then saves --measure
new records twice over, alternating, with linking and with it switched off, in the
same run, and prints the median and mean per document of each and their difference.
Target: the difference ≤ 2 ms per document at 20,000 stored documents.

Also times linking one 1 MB article with a hundred people and one with a thousand
(linear: the second takes about ten times the first).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from kronika import people as people_module  # noqa: E402
from kronika.records import Document, Entity, Mention, Quote, Speaker  # noqa: E402
from kronika.store import Store  # noqa: E402

SYLLABLES = ["ka", "lo", "mi", "ra", "tu", "zen", "vor", "pel", "dra", "ny", "sko", "bel", "ko"]
GIVEN = ["Oleksandr", "Andriy", "Serhiy", "Dmytro", "Ivan", "Olena", "Yulia", "Mykola",
         "Petro", "Vasyl", "Iryna", "Taras", "Bohdan", "Roman", "Yevhen", "Natalia"]  # fmt: skip
ENDINGS = ["enko", "chuk", "skyi", "ov", "ak", "yk"]


def word(rng: random.Random, n: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n))


def population(rng: random.Random, size: int) -> list[tuple[str, str]]:
    people = []
    for _ in range(size):
        surname = word(rng).capitalize() + rng.choice(ENDINGS)
        people.append((rng.choice(GIVEN), surname))
    return people


def record(rng: random.Random, doc_id: str, people, callsigns, units) -> Document:
    text = " ".join(word(rng, 3) for _ in range(120))
    doc = Document(id=doc_id, text=text, source=f"Outlet {rng.randrange(30)}")
    entities = []
    for given, surname in rng.sample(people, rng.randint(3, 6)):
        form = rng.random()
        name = f"{given} {surname}" if form < 0.6 else surname if form < 0.85 else given
        entities.append(("PERSON", name, []))
    for callsign in rng.sample(callsigns, rng.randint(1, 3)):
        entities.append(("PERSON", callsign, [callsign]))
    for unit in rng.sample(units, rng.randint(2, 4)):
        entities.append(("UNIT", unit, []))
    entities.append(("GPE", word(rng).capitalize(), []))
    for k, (kind, name, signs) in enumerate(entities):
        mention = Mention(0, 5, name)
        doc.entities.append(Entity(f"E{k + 1}", name, kind, [mention], callsigns=signs))
    for k in range(rng.randint(1, 4)):
        doc.quotes.append(Quote(0, 5, "words", True, Speaker("x", f"E{k + 1}", 0, 5)))
    return doc


def build(store: Store, docs: int, rng, people, callsigns, units) -> None:
    started = time.perf_counter()
    for n in range(docs):
        store.save(record(rng, f"doc{n:07d}", people, callsigns, units))
        if n and n % 2000 == 0:
            rate = n / (time.perf_counter() - started)
            print(f"  {n:,} stored ({rate:.0f} docs/s)", file=sys.stderr, flush=True)


def measure(store: Store, count: int, rng, people, callsigns, units) -> dict[str, list[float]]:
    real = people_module.link_document
    times: dict[str, list[float]] = {"with linking": [], "without linking": []}
    for n in range(count):
        for label in (("with linking", "without linking") if n % 2 else
                      ("without linking", "with linking")):  # fmt: skip
            doc = record(
                rng, f"new{label[0]}{n:06d}{rng.getrandbits(32):x}", people, callsigns, units
            )
            people_module.link_document = real if label == "with linking" else _no_link
            started = time.perf_counter()
            store.save(doc)
            times[label].append((time.perf_counter() - started) * 1000)
    people_module.link_document = real
    return times


def _no_link(conn, doc, story):
    return {}


def long_article(store: Store, people_count: int, rng, people) -> float:
    """Linking time (ms) of one 1 MB document naming ``people_count`` people."""
    from kronika.people.store import link_document

    doc = Document(id=f"long{people_count}", text="x " * 500_000)
    for k, (given, surname) in enumerate(rng.sample(people, people_count)):
        doc.entities.append(
            Entity(f"E{k + 1}", f"{given} {surname}", "PERSON", [Mention(0, 1, "x")] * 50)
        )
    with store.engine.begin() as conn:
        started = time.perf_counter()
        link_document(conn, doc, doc.id)
        return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--measure", type=int, default=400)
    parser.add_argument("--db", help="a store URL (default: a temporary SQLite file)")
    args = parser.parse_args()
    rng = random.Random(13)
    people = population(rng, 6000)
    callsigns = [word(rng).capitalize() for _ in range(800)]
    units = [f"{n}th {rng.choice(['Mechanized', 'Assault', 'Artillery', ''])} Brigade"
             for n in range(1, 300)]  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "people.db")
        with Store(db) as store:
            if store.count() < args.docs:  # a --db kept from an earlier run is reused
                print(f"building {args.docs:,} documents…", file=sys.stderr)
                started = time.perf_counter()
                build(store, args.docs, rng, people, callsigns, units)
                print(f"built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            times = measure(store, args.measure, rng, people, callsigns, units)
            with store.engine.connect() as conn:
                from sqlalchemy import text

                count = conn.execute(text("SELECT count(*) FROM people")).scalar()
            print(f"store: {store.count():,} documents, {count:,} people and units")
            for label, values in times.items():
                print(
                    f"save {label:16s} median {statistics.median(values):6.2f} ms/doc, "
                    f"mean {statistics.fmean(values):6.2f} ms/doc"
                )
            added = statistics.median(times["with linking"]) - statistics.median(
                times["without linking"]
            )
            print(f"added by linking: {added:.2f} ms/doc (median; target <= 2 ms)")
            hundred, thousand = (long_article(store, n, rng, people) for n in (100, 1000))
            print(
                f"1 MB article: 100 people {hundred:.1f} ms, 1,000 people {thousand:.1f} ms "
                f"({thousand / hundred:.1f}x for 10x the people)"
            )


if __name__ == "__main__":
    main()
