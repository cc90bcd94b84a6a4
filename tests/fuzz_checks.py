"""What the fuzz run checks, shared by tests/test_fuzz.py (a few thousand inputs in
CI) and bench/fuzz.py (10,000, with counts): hostile input through the CLI's readers,
the search parser and the web app, in-process (no subprocess, no pipeline run).

Each check raises AssertionError on a crash: an exception escaping, a failure message
of more than one line, a 500, a response without the security headers, or a store
that changed."""

from __future__ import annotations

import gzip
import io
import json
import sqlite3
from pathlib import Path
from urllib.parse import quote

from hypothesis import strategies as st

from kronika.ingest import Defaults, Failure, Item, read_file
from kronika.ingest.values import BadValue, iso_date, language_code
from kronika.records import Document, Entity, Mention
from kronika.store import SearchSyntaxError, Store
from kronika.web.security import CSP

# --- Inputs ---------------------------------------------------------------------

SPECIALS = [
    "\u202e",  # right-to-left override
    "\u2067",  # right-to-left isolate
    "\u0301",  # combining acute
    "\u0338",  # combining long solidus overlay
    "\u05d0\u05d1",  # Hebrew
    "\u0627\u0644",  # Arabic
    "\ufeff",
    "\x00",
    "\r",
    '"',
    ",",
    "*",
    "(",
    ")",
    ":",
    "NEAR",
    "AND",
    "NOT",
    "OR",
    "\u00e9",
    "\U0001f4a5",
]
unicode_text = st.lists(
    st.one_of(st.characters(exclude_categories=("Cs",)), st.sampled_from(SPECIALS)),
    max_size=120,
).map("".join)


def _warc(body: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    record = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.org/a\r\n"
        b"WARC-Date: 2024-05-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        + f"Content-Length: {len(http)}\r\n\r\n".encode()
        + http
        + b"\r\n\r\n"
    )
    return record


def _samples(text: str) -> dict[str, bytes]:
    """A well-formed input of each kind around some text."""
    para = "<p>" + text.replace("<", " ") + " The convoy reached the bridge at dawn.</p>"
    html = f"<html><head><title>{text[:20]}</title></head><body><article>{para * 5}</article></body></html>"
    return {
        ".txt": text.encode("utf-8", "replace"),
        ".jsonl": (json.dumps({"text": text, "published": "2024-05-01"}) + "\n").encode(),
        ".csv": ('id,text,published\n1,"' + text.replace('"', '""') + '",2024-05-01\n').encode(),
        ".html": html.encode(),
        ".warc": _warc(html.encode()),
        ".warc.gz": gzip.compress(_warc(html.encode())),
    }


@st.composite
def reader_inputs(draw) -> tuple[str, bytes]:
    """(file suffix, content): random bytes, random Unicode, a truncated or spliced
    well-formed input, or a huge line."""
    suffix = draw(st.sampled_from([".txt", ".jsonl", ".csv", ".html", ".warc", ".warc.gz"]))
    kind = draw(st.sampled_from(["bytes", "unicode", "truncated", "spliced", "huge"]))
    if kind == "bytes":
        return suffix, draw(st.binary(max_size=3000))
    text = draw(unicode_text)
    if kind == "unicode":
        return suffix, text.encode("utf-8")
    sample = _samples(text)[suffix]
    if kind == "truncated":
        return suffix, sample[: draw(st.integers(0, len(sample)))]
    if kind == "spliced":
        at = draw(st.integers(0, len(sample)))
        return suffix, sample[:at] + draw(st.binary(min_size=1, max_size=50)) + sample[at:]
    size = draw(st.sampled_from([70_000, 300_000, 1_200_000]))
    line = draw(st.sampled_from([b"x", b'"', b"a,", "\u202e".encode(), b"\xff"])) * size
    return suffix, sample + line + b"\n" + sample


# --- Checks ---------------------------------------------------------------------


def one_line(message: str) -> None:
    assert message and "\n" not in message and "\r" not in message, repr(message[:200])
    assert "Traceback" not in message


def check_reader(folder: Path, suffix: str, content: bytes) -> int:
    """Read a file as `kronika analyze` and `ingest` do; returns items + failures."""
    path = folder / f"input{suffix}"
    path.write_bytes(content)
    seen = 0
    for result in read_file(path, Defaults(max_chars=500_000)):
        seen += 1
        assert isinstance(result, Item | Failure), type(result)
        if isinstance(result, Failure):
            one_line(str(result))
            continue
        assert result.text.strip() and "\x00" not in result.text
        if result.published is not None:
            assert iso_date(result.published) == result.published
        if result.language is not None:
            assert language_code(result.language) == result.language
    return seen


def check_value(value: str) -> None:
    for check in (iso_date, language_code):
        try:
            check(value)
        except BadValue as exc:
            one_line(str(exc))


def small_store(path: Path) -> str:
    """A store of hand-built records (no pipeline run), for search and the web."""
    text = "Kharkiv: strike on a depot. Zelenskiy's office said the U.S. sent 3,000 shells."
    with Store(path) as store:
        for n in range(3):
            doc = Document(
                id=f"fuzz{n:012d}",
                text=text + f" Report {n}.",
                title=f"Report {n}",
                published=f"2024-05-0{n + 1}",
                source="Fuzz Wire",
                entities=[Entity("E1", "Kharkiv", "GPE", [Mention(0, 7, "Kharkiv")])],
            )
            store.save(doc)
    return str(path)


def check_search(store: Store, query: str) -> None:
    """Either results or a plain SearchSyntaxError: never an engine error."""
    try:
        store.search(query, limit=5)
    except SearchSyntaxError as exc:
        one_line(str(exc))
        for jargon in ("fts5", "syntax error near", "no such column", "special query"):
            assert jargon not in str(exc).lower(), str(exc)


PARAMS = [
    "q",
    "from",
    "to",
    "offset",
    "limit",
    "page",
    "bbox",
    "type",
    "actor",
    "place",
    "person",
    "source",
    "name",
    "speaker",
    "full",
    "doc",
]
GETS = [
    "/",
    "/api/documents",
    "/api/search",
    "/api/events",
    "/api/places",
    "/api/entities",
    "/api/quotes",
    "/entities",
    "/timeline",
    "/map",
    "/documents/{}",
    "/entities/{}",
    "/api/documents/{}",
    "/static/{}",
]
param_value = st.one_of(
    unicode_text,
    st.integers(-(2**70), 2**70).map(str),
    st.sampled_from(["9223372036854775808", "-1", "0", "1e999", "nan", "2024-02-30", "*"]),
)


@st.composite
def web_requests(draw) -> tuple[str, str, dict[str, str], dict[str, str]]:
    """(method, path, query or form fields, headers)."""
    if draw(st.integers(0, 9)) == 0:  # a write: from elsewhere, or without a token
        fields = {"text": draw(unicode_text), "published": draw(param_value)}
        site = draw(st.sampled_from(["cross-site", "same-site", None]))
        headers = {"sec-fetch-site": site} if site else {}
        return "POST", "/add", fields, headers
    path = draw(st.sampled_from(GETS))
    if "{}" in path:
        path = path.format(quote(draw(unicode_text) or "x", safe=""))
    keys = draw(st.lists(st.sampled_from(PARAMS), max_size=4, unique=True))
    return "GET", path, {k: draw(param_value) for k in keys}, {}


def check_web(client, method: str, path: str, fields: dict, headers: dict) -> int:
    if method == "POST":
        response = client.post(path, data=fields, headers=headers)
        assert response.status_code == 403, (path, response.status_code)
    else:
        response = client.get(path, params=fields, headers=headers)
    assert response.status_code < 500, (method, path, fields, response.status_code)
    assert response.headers.get("content-security-policy") == CSP, (path, fields)
    return response.status_code


def store_fingerprint(path: str) -> tuple:
    """What must not change: every row of the documents table, and integrity."""
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return tuple(conn.execute("SELECT id, published, record FROM documents ORDER BY id"))


__all__ = [
    "check_reader",
    "check_search",
    "check_value",
    "check_web",
    "io",
    "param_value",
    "reader_inputs",
    "small_store",
    "store_fingerprint",
    "unicode_text",
    "web_requests",
]
