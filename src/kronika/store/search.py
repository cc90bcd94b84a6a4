"""Full-text search in each dialect, with one query syntax: words, "phrases",
prefix*, AND / OR / NOT and parentheses (FTS5's syntax, translated for
PostgreSQL's tsquery)."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from kronika.store.snippets import marked


class SearchSyntaxError(ValueError):
    """The search query is not valid full-text syntax."""


SQLITE = text(
    "SELECT f.doc_id AS id, d.title, d.published, d.source, "
    "substr(d.text, 1, 1000000) AS snippet "
    "FROM documents_fts f JOIN documents d ON d.id = f.doc_id "
    "WHERE documents_fts MATCH :q ORDER BY bm25(documents_fts) LIMIT :n OFFSET :o"
)
POSTGRES = text(
    "SELECT id, title, published, source, "
    "ts_headline('simple', text, to_tsquery('simple', :q), "
    "'StartSel=[, StopSel=], MaxWords=24, MinWords=8') AS snippet "
    "FROM documents WHERE tsv @@ to_tsquery('simple', :q) "
    "ORDER BY ts_rank(tsv, to_tsquery('simple', :q)) DESC, id LIMIT :n OFFSET :o"
)
_TOKEN = re.compile(r'"[^"]*"|\(|\)|[^\s()"]+|"')
_OPERATORS = {"AND": "&", "OR": "|", "NOT": "!"}


def search(conn: Connection, query: str, limit: int, offset: int) -> list[dict[str, Any]]:
    if not query.strip():
        raise SearchSyntaxError("empty search query")
    postgres = conn.dialect.name == "postgresql"
    sql, q = (POSTGRES, to_tsquery(query)) if postgres else (SQLITE, query)
    try:
        with conn.begin_nested():
            rows = conn.execute(sql, {"q": q, "n": limit, "o": offset}).mappings().all()
    except DBAPIError as exc:
        reason = str(exc.orig).splitlines()[0] if exc.orig else "invalid syntax"
        raise SearchSyntaxError(f"bad search query {query!r}: {reason}") from None
    rows = [dict(r) for r in rows]
    if not postgres:
        for row in rows:
            row["snippet"] = marked(row["snippet"], query)
    return rows


def to_tsquery(query: str) -> str:
    """Translate FTS5-style syntax to a PostgreSQL tsquery string."""
    if query.count('"') % 2 or query.count("(") != query.count(")"):
        raise SearchSyntaxError(f"bad search query {query!r}: unbalanced quotes or brackets")
    out: list[str] = []
    for token in _TOKEN.findall(query):
        term = _term(token)
        if term is None:
            continue
        if out and term not in ("&", "|", ")") and out[-1] not in ("&", "|", "!", "("):
            out.append("&")
        out.append(term)
    if not out or out[-1] in ("&", "|", "!"):
        raise SearchSyntaxError(f"bad search query {query!r}: nothing to search for")
    return " ".join(out)


def _term(token: str) -> str | None:
    if token in _OPERATORS:
        return _OPERATORS[token]
    if token in ("(", ")"):
        return token
    if token.startswith('"'):
        words = re.findall(r"\w+", token.lower())
        return "(" + " <-> ".join(words) + ")" if words else None
    word = "".join(re.findall(r"\w+", token.lower()))
    if not word:
        return None
    return f"{word}:*" if token.endswith("*") else word
