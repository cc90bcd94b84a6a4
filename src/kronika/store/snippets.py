"""Search snippets cut in Python, in linear time.

FTS5's ``snippet()`` is quadratic in the number of hits in a document (200,000
characters of one repeated word take 24 s), so both the CLI and the web app cut
snippets here, around the first match of the query's words.
"""

from __future__ import annotations

import re

SNIPPET_WIDTH = 90  # characters either side of the first match
OPERATORS = {"AND", "OR", "NOT", "NEAR"}


def _terms(query: str) -> list[str]:
    """The words of a full-text query, "prefix*" kept as written, operators left out."""
    return [w for w in re.findall(r"\w+\*?", query) if w.rstrip("*") not in OPERATORS]


def terms_pattern(query: str) -> re.Pattern[str] | None:
    """A regex for the words of a full-text query (prefix* as a prefix), for marking."""
    words = _terms(query)
    if not words:
        return None
    parts = sorted(
        {re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else r"\b") for w in words},
        key=len,
        reverse=True,
    )
    return re.compile(r"\b(?:" + "|".join(parts) + ")", re.IGNORECASE)


def snippet(text_: str, query: str) -> list[tuple[str, bool]]:
    """Around the first match: (text, matched) pieces, so templates mark matches without
    raw HTML. Linear in the text."""
    pattern = terms_pattern(query)
    first = pattern.search(text_, _earliest(text_, query)) if pattern else None
    centre = first.start() if first else 0
    start, end = max(0, centre - SNIPPET_WIDTH), min(len(text_), centre + SNIPPET_WIDTH)
    window = " ".join(text_[start:end].split())
    pieces: list[tuple[str, bool]] = [("…", False)] if start > 0 else []
    at = 0
    for match in pattern.finditer(window) if pattern else ():
        pieces += [(window[at : match.start()], False), (match.group(), True)]
        at = match.end()
    pieces.append((window[at:], False))
    if end < len(text_):
        pieces.append(("…", False))
    return [p for p in pieces if p[0]]


def _earliest(text_: str, query: str) -> int:
    """Where the first match can begin at the soonest: str.find on the lowered text is
    ~20 times faster than the regex, which then starts there (a search's words are
    often far into long articles). 0 when lowering changes the text's length."""
    lowered = text_.lower()
    if len(lowered) != len(text_):
        return 0
    found = [lowered.find(w.rstrip("*").lower()) for w in _terms(query)]
    return min((i for i in found if i >= 0), default=0)


def marked(text_: str, query: str) -> str:
    """The snippet as plain text with matches in [brackets], for a terminal."""
    return "".join(f"[{t}]" if hit else t for t, hit in snippet(text_, query))
