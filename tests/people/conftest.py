"""Documents built from records, so identity is tested whatever the pipeline finds."""

from __future__ import annotations

import random

import pytest

from kronika.records import Description, Document, Entity, Mention, Quote, Speaker


def _make_doc(doc_id: str, entities, quotes=(), source=None, seed=None) -> Document:
    """A document whose text is words no other test document shares (so the store
    does not take two of them for one story), with the entities given as
    (type, name[, descriptions[, callsigns]]) and quotes by entity id."""
    rng = random.Random(seed if seed is not None else doc_id)
    text = " ".join(f"w{rng.getrandbits(40):x}" for _ in range(80))
    doc = Document(id=doc_id, text=text, source=source or f"outlet-{doc_id}")
    for k, (kind, name, *rest) in enumerate(entities):
        entity = Entity(id=f"E{k + 1}", name=name, type=kind, mentions=[Mention(0, 3, name)])
        if rest and rest[0]:
            entity.descriptions = [Description(d, t, 0, 3) for d, t in rest[0]]
        if len(rest) > 1:
            entity.callsigns = list(rest[1])
        doc.entities.append(entity)
    for eid in quotes:
        doc.quotes.append(Quote(0, 3, "words", True, Speaker("someone", eid, 0, 3)))
    return doc


def _persons(store, doc_id: str) -> dict[str, str | None]:
    return {e.name: e.person for e in store.get(doc_id).entities}


@pytest.fixture
def make_doc():
    return _make_doc


@pytest.fixture
def persons():
    return _persons
