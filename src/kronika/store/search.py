"""Full-text search in each dialect, with one query syntax.

What people type is searched as text: ``Zelenskiy's``, ``U.S.``, ``3,000``,
``Shahed-type`` and ``Kharkiv: strike`` are words, each matched as the index
splits it (``U.S.`` is the phrase ``u s``); punctuation alone (``*``, ``:``) is
ignored. The advanced syntax works when used: ``"a phrase"``, ``prefix*``, ``AND`` /
``OR`` / ``NOT`` (upper case; lower-case ``and`` is a word), parentheses and
``NEAR(a b, 10)``. The query is parsed here into a small tree and written out for
SQLite FTS5 (every word quoted, so FTS5 never sees a bare ``-``, ``:`` or ``.``) or
for PostgreSQL (each word through ``phraseto_tsquery``, which splits it the way the
documents were split). A query that cannot be read is a :class:`SearchSyntaxError`
in plain words; the engine's own message never reaches a user.

On PostgreSQL ``NEAR(...)`` is read as ``AND`` of its words: tsquery has no
"within N words".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from kronika.store.snippets import marked


class SearchSyntaxError(ValueError):
    """The search query cannot be read; the message says how to fix it."""


SQLITE = text(
    "SELECT f.doc_id AS id, d.title, d.published, d.source, "
    "substr(d.text, 1, 1000000) AS snippet "
    "FROM documents_fts f JOIN documents d ON d.id = f.doc_id "
    "WHERE documents_fts MATCH :q ORDER BY bm25(documents_fts) LIMIT :n OFFSET :o"
)
POSTGRES = (
    "SELECT id, title, published, source, "
    "ts_headline('simple', text, {q}, "
    "'StartSel=[, StopSel=], MaxWords=24, MinWords=8') AS snippet "
    "FROM documents WHERE tsv @@ {q} "
    "ORDER BY ts_rank(tsv, {q}) DESC, id LIMIT :n OFFSET :o"
)
MAX_QUERY_CHARS = 2_000
OPERATORS = {"AND", "OR", "NOT"}
_TOKEN = re.compile(
    r'"(?P<phrase>[^"]*)(?P<closed>"?)(?P<pstar>\*?)|(?P<open>\()|(?P<close>\))|(?P<word>[^\s()"]+)'
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_WORD_CHARS = re.compile(r"[^\W_]+")  # what FTS5's unicode61 keeps: letters and digits
_NEAR_BODY = re.compile(r"(?P<terms>.*?)(?:,\s*(?P<distance>\d{1,4}))?\s*", re.DOTALL)


@dataclass
class Term:
    words: str  # as typed; the index splits it into one word or a phrase
    prefix: bool = False


@dataclass
class Near:
    terms: list[Term]
    distance: int | None


@dataclass
class Op:
    kind: str  # AND, OR, NOT (a NOT b)
    parts: list[Any]


def parse(query: str):
    """The query as a tree of Term, Near and Op; raises SearchSyntaxError."""
    if len(query) > MAX_QUERY_CHARS:
        raise _error(query, f"too long: at most {MAX_QUERY_CHARS:,} characters")
    # Control characters are not words, and a NUL would end FTS5's string early.
    tokens = _tokens(_CONTROL.sub(" ", query))
    if not any(kind in ("term", "near") for kind, _ in tokens):
        raise _error(query, "nothing to search for: type at least one word")
    opens, closes = (sum(kind == b for kind, _ in tokens) for b in "()")
    if opens != closes:
        fix = "add the closing ')'" if opens > closes else "remove the ')' or add a '(' before it"
        raise _error(query, f"unbalanced bracket: {fix}")
    parser = _Parser(query, tokens)
    tree = parser.expression()
    if parser.at < len(tokens):  # only a stray ")" stops an expression early
        raise _error(query, "unbalanced bracket: remove the ')' or add a '(' before it")
    return tree


def _error(query: str, reason: str) -> SearchSyntaxError:
    return SearchSyntaxError(f"bad search query {query!r}: {reason}")


def _tokens(query: str) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    matches = list(_TOKEN.finditer(query))
    i = 0
    while i < len(matches):
        m = matches[i]
        if m.group("phrase") is not None:
            if not m.group("closed"):
                raise _error(query, 'unbalanced quote: add the closing mark (")')
            if _WORD_CHARS.search(m.group("phrase")):
                out.append(("term", Term(m.group("phrase"), bool(m.group("pstar")))))
        elif m.group("open"):
            out.append(("(", None))
        elif m.group("close"):
            out.append((")", None))
        elif m.group("word") == "NEAR" and i + 1 < len(matches) and matches[i + 1].group("open"):
            near, i = _near(query, matches, i + 1)
            out.append(("near", near))
        elif m.group("word") in OPERATORS:
            out.append(("op", m.group("word")))
        elif _WORD_CHARS.search(m.group("word")):
            word = m.group("word")
            out.append(("term", Term(word.rstrip("*"), word.endswith("*"))))
        i += 1
    return out


def _near(query: str, matches: list[re.Match], opening: int) -> tuple[Near, int]:
    """NEAR(words, N): its terms and distance; returns the index of its ')'."""
    close = next((j for j in range(opening + 1, len(matches)) if matches[j].group("close")), None)
    if close is None:
        raise _error(query, "unbalanced bracket: NEAR( needs its closing ')'")
    body = _NEAR_BODY.fullmatch(query[matches[opening].end() : matches[close].start()])
    terms = [t for kind, t in _tokens(body.group("terms")) if kind == "term"]
    if len(terms) < 2:
        raise _error(query, "NEAR needs two or more words: NEAR(drone strike, 10)")
    distance = int(body.group("distance")) if body.group("distance") else None
    return Near(terms, distance), close


class _Parser:
    """OR of ANDs of NOTs, as FTS5 binds them (NOT tightest, then AND, then OR)."""

    def __init__(self, query: str, tokens: list[tuple[str, Any]]):
        self.query, self.tokens, self.at = query, tokens, 0

    def peek(self) -> tuple[str, Any]:
        return self.tokens[self.at] if self.at < len(self.tokens) else ("end", None)

    def expression(self):
        parts = [self.conjunction()]
        while self.peek() == ("op", "OR"):
            self.at += 1
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else Op("OR", parts)

    def conjunction(self):
        parts = [self.negation()]
        while self.peek()[0] in ("term", "near", "(") or self.peek() == ("op", "AND"):
            if self.peek() == ("op", "AND"):
                self.at += 1
            parts.append(self.negation())
        return parts[0] if len(parts) == 1 else Op("AND", parts)

    def negation(self):
        left = self.primary()
        while self.peek() == ("op", "NOT"):
            self.at += 1
            left = Op("NOT", [left, self.primary()])
        return left

    def primary(self):
        kind, value = self.peek()
        if kind in ("term", "near"):
            self.at += 1
            return value
        if kind == "(":
            self.at += 1
            if self.peek()[0] == ")":
                raise _error(self.query, "empty brackets: put words inside them")
            inner = self.expression()
            if self.peek()[0] != ")":
                raise _error(self.query, "unbalanced bracket: add the closing ')'")
            self.at += 1
            return inner
        if kind == "op":
            raise _error(
                self.query, f"{value} needs words on both sides, as in 'drone {value} Kharkiv'"
            )
        if kind == ")":
            raise _error(self.query, "unbalanced bracket: remove the ')' or add a '(' before it")
        raise _error(self.query, "the query ends too soon: add a word after the last operator")


def fts5_query(query: str) -> str:
    """The query written for SQLite FTS5's MATCH."""
    return _fts5(parse(query))


def _fts5(node) -> str:
    if isinstance(node, Term):
        return '"' + node.words.replace('"', '""') + '"' + ("*" if node.prefix else "")
    if isinstance(node, Near):
        distance = f", {node.distance}" if node.distance is not None else ""
        return "NEAR(" + " ".join(_fts5(t) for t in node.terms) + distance + ")"
    return "(" + f" {node.kind} ".join(_fts5(p) for p in node.parts) + ")"


def tsquery_sql(query: str) -> tuple[str, dict[str, str]]:
    """The query as a PostgreSQL tsquery expression and its bound values."""
    params: dict[str, str] = {}
    return _tsquery(parse(query), params), params


def _tsquery(node, params: dict[str, str]) -> str:
    if isinstance(node, Term):
        name = f"w{len(params)}"
        if node.prefix:
            words = [w.lower() for w in _WORD_CHARS.findall(node.words)]
            params[name] = " <-> ".join(words) + ":*"
            return f"to_tsquery('simple', :{name})"
        params[name] = node.words
        return f"phraseto_tsquery('simple', :{name})"
    if isinstance(node, Near):
        return "(" + " && ".join(_tsquery(t, params) for t in node.terms) + ")"
    if node.kind == "NOT":
        return f"({_tsquery(node.parts[0], params)} && !!{_tsquery(node.parts[1], params)})"
    joiner = " && " if node.kind == "AND" else " || "
    return "(" + joiner.join(_tsquery(p, params) for p in node.parts) + ")"


def search(conn: Connection, query: str, limit: int, offset: int) -> list[dict[str, Any]]:
    postgres = conn.dialect.name == "postgresql"
    if postgres:
        expression, values = tsquery_sql(query)
        sql, params = text(POSTGRES.format(q=expression)), values
    else:
        sql, params = SQLITE, {"q": fts5_query(query)}
    try:
        with conn.begin_nested():
            rows = conn.execute(sql, {**params, "n": limit, "o": offset}).mappings().all()
    except DBAPIError:
        # The parse above writes only valid syntax; should an engine still refuse
        # it, say so plainly rather than pass its message on.
        raise _error(query, "the search engine could not read it; try plain words") from None
    rows = [dict(r) for r in rows]
    if not postgres:
        for row in rows:
            row["snippet"] = marked(row["snippet"], query)
    return rows
