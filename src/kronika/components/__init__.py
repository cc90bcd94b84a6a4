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


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once: spaCy rebuilds it from every token on each access."""
    text = doc.user_data.get("kronika_text")
    if text is None:
        text = doc.user_data["kronika_text"] = doc.text
    return text


register_extensions()
