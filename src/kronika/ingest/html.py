"""Main text and metadata from an HTML page, through trafilatura."""

from __future__ import annotations

import trafilatura

from kronika.ingest.items import Item
from kronika.ingest.values import BadValue, http_url, language_code


def from_html(html: str, name: str) -> Item:
    """Extract the article; offsets later index the extracted text."""
    # favor_precision and tables: the best main-text F1 on the Zyte benchmark
    # (`kronika eval html`, docs/architecture.md), and fewer furniture facts.
    doc = trafilatura.bare_extraction(
        html,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        with_metadata=True,
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text:
        return Item(name=name, text="")
    return Item(
        name=name,
        text=text,
        title=doc.title or None,
        published=doc.date or None,
        source=doc.sitename or doc.hostname or None,
        url=_or_none(http_url, doc.url),
        language=_or_none(language_code, doc.language),
        # trafilatura has removed the page's furniture: see docs/architecture.md.
        extra={"html": True},
    )


def _or_none(check, value: str | None) -> str | None:
    """A page's own metadata, dropped when malformed: the article is still good."""
    try:
        return check(value) if value else None
    except BadValue:
        return None
