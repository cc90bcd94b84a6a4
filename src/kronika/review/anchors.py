"""A fact's anchor: where it stands in the text, independent of list positions.

An anchor is the fact's span, the text that span covers, and a short hash of the
words around it. After re-analysis a correction finds its fact again through its
anchor: the fact with the same span; else, where the text around it still matches,
the fact that overlaps the span most (a quote whose extent grew by a word). When
the text itself changed, the anchor text is looked for elsewhere with the same
surrounding words (it moved); if it is nowhere, the correction is orphaned.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

CONTEXT_WORDS = 5  # words each side that make the context hash
MAX_OCCURRENCES = 2_000  # of the anchor text, when looking for where it moved
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Anchor:
    kind: str
    start: int
    end: int
    text: str
    context: str


@dataclass(frozen=True)
class Found:
    """Where an anchor landed: a fact's index, or ``None`` with the reason."""

    index: int | None
    state: str  # exact, moved, nearest or orphaned
    start: int | None = None
    end: int | None = None
    reason: str = ""


def span_of(kind: str, fact: dict[str, Any]) -> tuple[int, int]:
    """A fact's span; an entity's is its first mention's."""
    if kind == "entities":
        mentions = fact.get("mentions") or [{"start": 0, "end": 0}]
        return mentions[0]["start"], mentions[0]["end"]
    return fact["start"], fact["end"]


def spans_of(kind: str, fact: dict[str, Any]) -> list[tuple[int, int]]:
    if kind == "entities":
        return [(m["start"], m["end"]) for m in fact.get("mentions") or []]
    return [(fact["start"], fact["end"])]


def context_hash(text: str, start: int, end: int) -> str:
    """Twelve hex digits over the case-folded words just before and after the span:
    whitespace and case changes leave it alone, a rewritten sentence does not."""
    before = _WORD.findall(text[max(0, start - 200) : start])[-CONTEXT_WORDS:]
    after = _WORD.findall(text[end : end + 200])[:CONTEXT_WORDS]
    words = " ".join(before).casefold() + "|" + " ".join(after).casefold()
    return hashlib.sha256(words.encode()).hexdigest()[:12]


def anchor_at(kind: str, text: str, start: int, end: int) -> Anchor:
    return Anchor(kind, start, end, text[start:end], context_hash(text, start, end))


def anchor_of(kind: str, fact: dict[str, Any], text: str) -> Anchor:
    return anchor_at(kind, text, *span_of(kind, fact))


def position(anchor: Anchor, text: str) -> tuple[int, int, str] | None:
    """Where the anchored words stand in ``text`` now: in place, or moved (the same
    words with the same context elsewhere, nearest the old place first)."""
    if text[anchor.start : anchor.end] == anchor.text and _context_ok(anchor, text, anchor.start):
        return anchor.start, anchor.end, "exact"
    if not anchor.text:
        return None
    best = None
    at, seen = text.find(anchor.text), 0
    while at != -1 and seen < MAX_OCCURRENCES:
        if _context_ok(anchor, text, at):
            distance = abs(at - anchor.start)
            if best is None or distance < best[0]:
                best = (distance, at)
        at, seen = text.find(anchor.text, at + 1), seen + 1
    if best is None:
        return None
    return best[1], best[1] + len(anchor.text), "moved"


def _context_ok(anchor: Anchor, text: str, at: int) -> bool:
    return context_hash(text, at, at + len(anchor.text)) == anchor.context


def locate(anchor: Anchor, facts: list[dict[str, Any]], text: str) -> Found:
    """The fact an anchor points to among ``facts`` (of the anchor's kind)."""
    where = position(anchor, text)
    if where is None:
        return Found(None, "orphaned", reason="the anchored words are no longer in the text")
    start, end, how = where
    best: tuple[int, int, int] | None = None  # (-overlap, distance, index)
    for i, fact in enumerate(facts):
        for s, e in spans_of(anchor.kind, fact):
            if (s, e) == (start, end):
                return Found(i, how, start, end)
            overlap = min(e, end) - max(s, start)
            if overlap > 0:
                score = (-overlap, abs(s - start), i)
                best = score if best is None or score < best else best
    if best is not None:
        return Found(best[2], "nearest", start, end)
    return Found(None, "orphaned", start, end, f"no {anchor.kind[:-1]} stands there now")
