"""kronika's spaCy components. Importing this package registers their factories
(``kronika_entities``, ``kronika_quotes``, …) and the ``Doc`` extensions they fill.

Each component stores its records on ``doc._.<kind>`` with offsets into
``doc.text``; :mod:`kronika.pipeline` maps them to the text as received.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from spacy.tokens import Doc

from kronika.records import FACT_KINDS

T = TypeVar("T")


def register_extensions() -> None:
    for kind in FACT_KINDS:
        if not Doc.has_extension(kind):
            Doc.set_extension(kind, default=None)
    # The publication date (ISO string) that relative times are resolved against.
    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)


def once(doc: Doc, key: str, compute: Callable[[Doc], T]) -> T:
    """``compute(doc)``, worked out once per document and kept in ``doc.user_data``:
    for views spaCy rebuilds on every access (``doc.text``, ``doc.ents``)."""
    key = f"kronika_{key}"
    if key not in doc.user_data:
        doc.user_data[key] = compute(doc)
    return doc.user_data[key]


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once: spaCy rebuilds it from every token on each access."""
    return once(doc, "text", lambda d: d.text)


register_extensions()
