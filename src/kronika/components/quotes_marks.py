"""Pair quotation marks that scraping and machine translation left noisy.

Reported speech arrives with every kind of defect: the opening « lost and only
the closing » left, ” used as an opener, “ as a closer, marks of several
conventions mixed in one quote. Pairing therefore works on each mark's
*context* (is it glued to the word after it, or to the word before?) and,
where the context says nothing (a mark with spaces on both sides), on whether a
quote is open at that point. What cannot be paired is returned with its missing
boundary as ``None`` for the caller to infer from sentences and cues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "«„‹"
CLOSERS = "»›"
# Marks whose role depends on context; “ leans towards opening, ” and " towards closing.
AMBIGUOUS = '“”"'
QUOTE_MARKS = OPENERS + CLOSERS + AMBIGUOUS
MARK = re.compile(f"[{QUOTE_MARKS}]")
PARAGRAPH = re.compile(r"[^\n]+")
# Attribute values in markup left in scraped text ('<tweet id="…">') are not quotes.
TAG = re.compile(r"<[A-Za-z/][^<>\n]*>")


@dataclass
class Marked:
    """A top-level quotation inside one paragraph, marks included.

    ``start`` is None when the opening mark is missing, ``end`` is None when
    the closing mark is; ``para_start``/``para_end`` bound the paragraph."""

    start: int | None
    end: int | None
    para_start: int
    para_end: int


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines, stripped: one paragraph each."""
    out = []
    for m in PARAGRAPH.finditer(text):
        line = m.group()
        if line.strip():
            lead = len(line) - len(line.lstrip())
            out.append((m.start() + lead, m.start() + len(line.rstrip())))
    return out


def find_marked(text: str) -> list[Marked]:
    """All top-level quotations in ``text``, paragraph by paragraph."""
    found: list[Marked] = []
    for start, end in paragraphs(text):
        found += _pair(text, start, end)
    return found


def marked_of(doc) -> list[Marked]:
    """:func:`find_marked` over a document's text, worked out once per document
    (people and quotes both read it). Copies: the quotes component edits them."""
    from dataclasses import replace

    from kronika.components import once, text_of

    return [replace(m) for m in once(doc, "marked", lambda d: find_marked(text_of(d)))]


def _pair(text: str, para_start: int, para_end: int) -> list[Marked]:
    found: list[Marked] = []
    stack: list[int] = []
    tags = (
        [t.span() for t in TAG.finditer(text, para_start, para_end)]
        if "<" in text[para_start:para_end]
        else []
    )
    for m in MARK.finditer(text, para_start, para_end):
        pos = m.start()
        if any(a < pos < b for a, b in tags):
            continue
        if _role(text, pos, para_start, para_end, depth=len(stack)) == "open":
            stack.append(pos)
        elif stack:
            opened = stack.pop()
            if not stack:
                found.append(Marked(opened, pos + 1, para_start, para_end))
        else:
            # A closer with nothing open: the opening mark was lost.
            found.append(Marked(None, pos + 1, para_start, para_end))
    if stack:
        found.append(Marked(stack[0], None, para_start, para_end))
    return _absorb_lost_openers(found)


def _absorb_lost_openers(found: list[Marked]) -> list[Marked]:
    # "…» … »": only the first closer with nothing open ends a quote whose opener
    # was lost; a later one in the same paragraph extends it.
    out: list[Marked] = []
    for q in found:
        if q.start is None and out and out[-1].start is None:
            out[-1].end = q.end
        else:
            out.append(q)
    return out


def _role(text: str, pos: int, para_start: int, para_end: int, depth: int) -> str:
    mark = text[pos]
    if mark in OPENERS:
        return "open"
    if mark in CLOSERS:
        return "close"
    before = text[pos - 1] if pos > para_start else " "
    after = text[pos + 1] if pos + 1 < para_end else " "
    glued_after = not after.isspace() and after not in ".,;:!?)"
    glued_before = not before.isspace() and before not in "([—–-"
    if glued_after and not glued_before:
        return "open"
    if glued_before and not glued_after:
        return "close"
    if after in ".,;:!?" or pos + 1 >= para_end:
        return "close"
    # Spaces on both sides (or glued on both): decided by what is open.
    return "close" if depth else "open"


def is_quote_mark(char: str) -> bool:
    return bool(char) and char in QUOTE_MARKS


def is_direct(text: str) -> bool:
    """Direct speech: the content begins or ends with a quotation mark (PolNeAR's rule)."""
    text = text.strip()
    return bool(text) and (is_quote_mark(text[0]) or is_quote_mark(text[-1]))
