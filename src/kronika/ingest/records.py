"""Articles as JSONL or CSV records with fields id, title, text, published, url,
source, language (only ``text`` is required)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

from kronika.ingest.items import Failure, Item

FIELDS = ("id", "title", "published", "source", "url", "language")
# Common alternative column names, as found in public news data sets.
ALIASES = {
    "text": ("text", "articles", "article", "body", "content"),
    "title": ("title", "headline", "headlines"),
    "published": ("published", "date", "publish_date", "published_at"),
    "source": ("source", "journal", "publisher", "outlet"),
}

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def iter_jsonl(lines: Iterable[str], name: str) -> Iterator:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(where, f"not JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(data, dict):
            yield Failure(where, "not a JSON object")
            continue
        yield record_item(data, where)


def iter_csv(fh: TextIO, name: str) -> Iterator:
    reader = csv.DictReader(fh, strict=True)
    while True:
        where = f"{name}:{reader.line_num + 1}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Failure(where, f"broken CSV row ({exc})")
            continue
        if None in row:
            yield Failure(where, "broken CSV row (more fields than the header)")
            continue
        yield record_item(row, where)


def record_item(data: dict, where: str):
    values = {key: _first(data, ALIASES.get(key, (key,))) for key in ("text", *FIELDS)}
    text = values.pop("text")
    if not isinstance(text, str):
        return Failure(where, "record has no text field")
    clean = {k: (str(v) if v not in (None, "") else None) for k, v in values.items()}
    return Item(name=where, text=text, **clean)


def _first(data: dict, keys: tuple[str, ...]):
    for key in keys:
        if data.get(key) not in (None, ""):
            return data[key]
    return None
