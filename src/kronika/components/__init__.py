"""kronika's spaCy components. Importing this package registers their factories
(``kronika_entities``, ``kronika_quotes``, …) and the ``Doc`` extensions they fill.

Each component stores its records on ``doc._.<kind>`` with offsets into
``doc.text``; :mod:`kronika.pipeline` maps them to the text as received.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kronika.records import FACT_KINDS


def register_extensions() -> None:
    for kind in FACT_KINDS:
        if not Doc.has_extension(kind):
            Doc.set_extension(kind, default=None)
    # The publication date (ISO string) that relative times are resolved against.
    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)


register_extensions()
