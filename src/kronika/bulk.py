"""Bulk ingest at newsroom scale.

Inputs stream in; a text already stored by this pipeline version is skipped;
the rest is analysed in batches through ``nlp.pipe``, in this process, in
worker processes, or on a Dask cluster, with a bounded number of batches in
flight so memory stays flat; each document is stored in its own transaction,
so a killed run loses at most the batches in flight and a rerun finishes it.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice

from kronika.boilerplate import RecurringLines, mark_recurring
from kronika.hashing import text_hash
from kronika.ingest import Failure, Item
from kronika.pipeline_version import PIPELINE_VERSION
from kronika.records import Document
from kronika.store import Store, StoredDateConflict

MAX_FAILURES_KEPT = 10_000
RECURRING_WINDOW = 8  # batches read ahead to count recurring lines


@dataclass
class Summary:
    read: int = 0
    analysed: int = 0
    skipped: int = 0
    linked: int = 0  # stored as another report of a story already in the store
    failed: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)

    def fail(self, failure: Failure) -> None:
        self.failed += 1
        if len(self.failures) < MAX_FAILURES_KEPT:
            self.failures.append(failure)


Progress = Callable[[Summary, Failure | None], None]


def ingest(
    items: Iterable[Item | Failure],
    store: Store,
    workers: int = 1,
    batch_size: int = 32,
    dask: str | None = None,
    progress: Progress | None = None,
    skip_stored: bool = True,
    redate: bool = False,
) -> Summary:
    """Analyse and store every new item; returns what happened. A document already
    stored with another publication date is a failure unless ``redate``."""
    summary, started = Summary(), time.perf_counter()
    report = progress or (lambda s, f: None)
    fresh = _fresh(items, store, summary, report, skip_stored)
    for result in analysed(_marked_batches(fresh, batch_size), workers, dask):
        if isinstance(result, Failure):
            summary.fail(result)
            report(summary, result)
            continue
        try:
            story = store.save(result, PIPELINE_VERSION, redate=redate)
        except StoredDateConflict as exc:
            failure = Failure(result.id, str(exc))
            summary.fail(failure)
            report(summary, failure)
            continue
        summary.analysed += 1
        summary.linked += story != result.id
        report(summary, None)
    summary.seconds = time.perf_counter() - started
    return summary


def _fresh(items, store: Store, summary: Summary, report: Progress, skip_stored: bool):
    seen: set[str] = set()
    for item in items:
        summary.read += 1
        if isinstance(item, Failure):
            summary.fail(item)
            report(summary, item)
            continue
        digest = text_hash(item.text)
        if digest in seen or (skip_stored and store.has(digest)):
            summary.skipped += 1
            report(summary, None)
            continue
        seen.add(digest)
        yield item


def _marked_batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Batches whose items know the lines they share with many others of their source.

    Lines are counted here, over the whole run and a look-ahead of
    ``RECURRING_WINDOW`` batches, so the result does not depend on how batches
    fall to workers, and the first documents of a source benefit too."""
    memory = RecurringLines()
    for window in _batches(items, size * RECURRING_WINDOW):
        yield from _batches(mark_recurring(window, memory), size)


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def analysed(
    batches: Iterable[list[Item]], workers: int = 1, dask: str | None = None
) -> Iterator[Document | Failure]:
    """Documents (or failures) in input order, from the chosen executor."""
    if dask:
        results = _on_dask(batches, dask)
    elif workers > 1:
        results = _in_processes(batches, workers)
    else:
        results = (analyse_batch(batch) for batch in batches)
    for batch in results:
        yield from batch


def analyse_batch(batch: list[Item]) -> list[Document | Failure]:
    """One batch through ``nlp.pipe``; if it fails, item by item to find the culprit."""
    from kronika.pipeline import analyze_many, warm

    nlp = warm()
    try:
        return list(analyze_many(batch, nlp, batch_size=len(batch)))
    except Exception:  # noqa: BLE001  (any analysis error is reported per item below)
        return [_analyse_one(item, nlp) for item in batch]


def _analyse_one(item: Item, nlp) -> Document | Failure:
    from kronika.pipeline import analyze_many

    try:
        return next(analyze_many([item], nlp))
    except Exception as exc:  # noqa: BLE001
        return Failure(item.name, f"analysis failed: {type(exc).__name__}: {exc}")


def _warm_worker() -> None:
    from kronika.pipeline import warm

    warm()


def _in_processes(batches: Iterable[list[Item]], workers: int) -> Iterator[list]:
    # spawn: a fresh interpreter per worker, safe whatever threads the parent runs.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_worker) as pool:
        yield from _windowed(batches, lambda b: pool.submit(analyse_batch, b), 2 * workers)


def _on_dask(batches: Iterable[list[Item]], address: str) -> Iterator[list]:
    from dask.distributed import Client, LocalCluster

    if address.startswith("local:"):
        n = int(address.split(":", 1)[1] or 1)
        cluster = LocalCluster(
            n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    else:
        cluster, client = None, Client(address)
    try:
        workers = max(1, len(client.scheduler_info()["workers"]))
        yield from _windowed(
            batches, lambda b: client.submit(analyse_batch, b, pure=False), 2 * workers
        )
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _windowed(batches: Iterable, submit: Callable[[list], Future], window: int) -> Iterator[list]:
    """Submit batches keeping at most ``window`` in flight; yield results in order."""
    pending: deque = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def reanalyze(store: Store, force: bool = False, **kwargs) -> Summary:
    """Re-run, in place, every document analysed by an older pipeline version (every
    document with ``force``). Corrections apply again as each is saved."""
    items = (_as_item(doc) for doc in _stale(store, force))
    return ingest(items, store, skip_stored=False, **kwargs)


def _stale(store: Store, force: bool = False) -> Iterator[Document]:
    for doc_id in store.ids(stale_for=None if force else PIPELINE_VERSION):
        doc = store.get(doc_id, machine=True)
        if doc is not None:
            yield doc


def _as_item(doc: Document) -> Item:
    return Item(
        name=doc.id,
        text=doc.text,
        title=doc.title,
        published=doc.published,
        source=doc.source,
        url=doc.url,
        language=doc.language,
        id=doc.id,
    )
