"""Read articles from files, directories and standard input.

:func:`read` yields an :class:`Item` for every article and a :class:`Failure`
for every bad one, so a caller can report the failure and go on with the batch.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from kronika.ingest.decode import DecodeError, decode
from kronika.ingest.html import from_html
from kronika.ingest.items import Defaults, Failure, Item
from kronika.ingest.records import iter_csv, iter_jsonl
from kronika.ingest.values import BadValue, checked_fields
from kronika.ingest.warc import is_warc, iter_warc

HTML_SUFFIXES = {".html", ".htm"}
TEXT_SUFFIXES = {".txt", ".text", ""}
RECORD_SUFFIXES = {".jsonl", ".ndjson", ".csv"}


def read(paths: Iterable[str], defaults: Defaults | None = None) -> Iterator[Item | Failure]:
    defaults = defaults or Defaults()
    for path in paths:
        if path == "-":
            yield from _checked(iter_jsonl(sys.stdin.buffer, "<stdin>"), defaults)
        elif Path(path).is_dir():
            for child in sorted(p for p in Path(path).rglob("*") if p.is_file()):
                if _is_supported(child):
                    yield from read_file(child, defaults)
        else:
            yield from read_file(Path(path), defaults)


def _is_supported(path: Path) -> bool:
    suffix = path.suffix.lower()
    if path.name.startswith("."):
        return False
    return suffix in HTML_SUFFIXES | TEXT_SUFFIXES | RECORD_SUFFIXES or is_warc(path)


def read_file(path: Path, defaults: Defaults) -> Iterator[Item | Failure]:
    name = str(path)
    try:
        suffix = path.suffix.lower()
        if is_warc(path):
            yield from _checked(iter_warc(path, defaults.max_chars * 4), defaults)
            return
        if suffix in RECORD_SUFFIXES:
            with path.open("rb") as fh:
                rows = iter_csv(fh, name) if suffix == ".csv" else iter_jsonl(fh, name)
                yield from _checked(rows, defaults)
            return
        yield from _checked([_plain_item(path, defaults)], defaults)
    except (OSError, DecodeError) as exc:
        yield Failure(name, _reason(exc))


def _reason(exc: Exception) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return getattr(exc, "strerror", None) or str(exc)


def _plain_item(path: Path, defaults: Defaults) -> Item | Failure:
    size = path.stat().st_size
    # Four bytes a character at most: a larger file cannot fit under the limit.
    if size > defaults.max_chars * 4:
        return Failure(
            str(path), f"too large ({size:,} bytes; limit {defaults.max_chars:,} characters)"
        )
    raw = path.read_bytes()
    if path.suffix.lower() in HTML_SUFFIXES:
        item = from_html(decode(raw), str(path))
    else:
        item = Item(name=str(path), text=decode(raw))
    return _with_defaults(item, defaults)


def _with_defaults(item: Item, defaults: Defaults) -> Item:
    for key in ("title", "published", "source", "url", "language"):
        if getattr(item, key) is None:
            setattr(item, key, getattr(defaults, key))
    return item


def _checked(items: Iterable[Item | Failure], defaults: Defaults) -> Iterator[Item | Failure]:
    for item in items:
        if isinstance(item, Item):
            problem = _problem(item, defaults)
            yield Failure(item.name, problem) if problem else item
        else:
            yield item


FIELDS = ("id", "title", "published", "source", "url", "language")


def _problem(item: Item, defaults: Defaults) -> str | None:
    """Why the item cannot be analysed, or None; checks and normalises its fields."""
    try:
        values = checked_fields({k: getattr(item, k) for k in FIELDS})
    except BadValue as exc:
        return str(exc)
    for key, value in values.items():
        setattr(item, key, value)
    if not item.text or not item.text.strip():
        return "empty: no text to analyse"
    if "\x00" in item.text:
        return "binary content (NUL characters) in the text"
    if len(item.text) > defaults.max_chars:
        return f"too large ({len(item.text):,} characters; limit {defaults.max_chars:,})"
    return None


__all__ = ["Defaults", "Failure", "Item", "read", "read_file"]
