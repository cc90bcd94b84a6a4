"""Articles as JSONL or CSV records with fields id, title, text, published, url,
source, language (only ``text`` is required).

Files are read as bytes and decoded line by line, so a line that is not UTF-8 is one
failure (naming its line) rather than silent replacement characters. A CSV record
that cannot be parsed (an unterminated quote, a stray one) is one failure at the line
it starts on, and reading resumes at the line after that start: the good rows a
broken quote ran into are read again, and later errors name their own lines.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import deque
from collections.abc import Iterable, Iterator

from kronika.ingest.items import Failure, Item

FIELDS = ("id", "title", "published", "source", "url", "language")
# Common alternative column names, as found in public news data sets.
ALIASES = {
    "text": ("text", "articles", "article", "body", "content"),
    "title": ("title", "headline", "headlines"),
    "published": ("published", "date", "publish_date", "published_at"),
    "source": ("source", "journal", "publisher", "outlet"),
}
KINDS = {int: "a number", float: "a number", bool: "true/false", list: "a list", dict: "an object"}

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def decoded_lines(lines: Iterable[bytes | str]) -> Iterator[tuple[int, str, str | None]]:
    """(line number, text, problem) for each line; bytes are decoded as UTF-8 (a
    BOM on the first line dropped), and a line that is not UTF-8 has a problem."""
    for number, line in enumerate(lines, start=1):
        if isinstance(line, str):
            yield number, line, None
            continue
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        try:
            yield number, line.decode("utf-8"), None
        except UnicodeDecodeError as exc:
            problem = f"not UTF-8 (invalid byte 0x{line[exc.start]:02x} at column {exc.start + 1})"
            yield number, line.decode("utf-8", errors="replace"), problem


def iter_jsonl(lines: Iterable[bytes | str], name: str) -> Iterator:
    for number, line, problem in decoded_lines(lines):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        if problem:
            yield Failure(where, problem)
            continue
        try:
            data = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            # json's messages may end in "at" ("Unterminated string starting at").
            reason = exc.msg[:-3] + " here" if exc.msg.endswith(" at") else exc.msg
            yield Failure(where, f"not JSON (column {exc.colno}: {reason})")
            continue
        except RecursionError:
            yield Failure(where, "not JSON (nested too deeply)")
            continue
        if not isinstance(data, dict):
            yield Failure(where, "not a JSON object")
            continue
        yield record_item(data, where)


def iter_csv(lines: Iterable[bytes | str], name: str) -> Iterator:
    """One item or failure per CSV record; the first record is the header."""
    pending: deque[tuple[int, str, str | None]] = deque()
    source = decoded_lines(lines)
    taken: list[tuple[int, str, str | None]] = []  # the lines of the record being parsed

    def feed() -> Iterator[str]:
        while True:
            entry = pending.popleft() if pending else next(source, None)
            if entry is None:
                return
            taken.append(entry)
            yield entry[1]

    reader = csv.reader(feed(), strict=True)
    header: list[str] | None = None
    while True:
        taken.clear()
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if not taken:
                return
            where = f"{name}:{taken[0][0]}"
            yield Failure(where, f"broken CSV row ({exc}); read again from the next line")
            pending.extendleft(reversed(taken[1:]))
            reader = csv.reader(feed(), strict=True)
            continue
        where = f"{name}:{taken[0][0]}" if taken else name
        problem = next((p for _, _, p in taken if p), None)
        if header is None:
            if problem:
                yield Failure(where, f"header {problem}")
                return
            header = row
            continue
        if not row:
            continue
        if problem:
            yield Failure(where, problem)
        elif len(row) > len(header):
            yield Failure(where, "broken CSV row (more fields than the header)")
        else:
            yield record_item(dict(zip(header, row, strict=False)), where)


def record_item(data: dict, where: str):
    values = {key: _first(data, ALIASES.get(key, (key,))) for key in ("text", *FIELDS)}
    text = values.pop("text")
    if text is None:
        return Failure(where, "record has no text field")
    if not isinstance(text, str):
        return Failure(where, f"text is not a string ({KINDS.get(type(text), 'not text')})")
    for key, value in values.items():
        if isinstance(value, list | dict):
            return Failure(where, f"{key} is not a string ({KINDS[type(value)]})")
    clean = {k: (str(v) if v not in (None, "") else None) for k, v in values.items()}
    return Item(name=where, text=text, **clean)


def _first(data: dict, keys: tuple[str, ...]):
    for key in keys:
        if data.get(key) not in (None, ""):
            return data[key]
    return None
