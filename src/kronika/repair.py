"""Repair scraping and machine-translation defects, recording every change.

All repairs are proposed as edits on the text *as received* and applied in one
go, so each :class:`~kronika.records.Repair` carries offsets into that text and
an :class:`OffsetMap` maps any offset in the repaired text back to it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from wordfreq import zipf_frequency

from kronika.records import Repair

# A part glued to a word must be this frequent (Zipf scale) to be split off.
# Tuned on general vocabulary, so rare place names ("Kin"+"burn") stay whole.
GLUE_TAIL_ZIPF = 5.0
GLUE_HEAD_ZIPF = 4.0
KNOWN_WORD_ZIPF = 1.0

PROMO = re.compile(
    r"^\W*(also (listen|read|watch|see)|read (also|more)|listen (also|to)|watch (also|more)"
    r"|see also|related( (articles?|stories|coverage|content|reading))?\s*:|more (on|from) "
    r"(this|our)|subscribe|sign up|follow us|share (this|on)|click here|download (our|the) app"
    r"|support (our|independent) journalism|advertisement\W*$|all rights reserved|©|copyright )",
    re.IGNORECASE,
)
ADVERT = re.compile(r"^\W*advertisement\W*$", re.IGNORECASE)
ODD_SPACE = re.compile(
    r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
)
ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
TRAILING_SPACE = re.compile(r"[ \t\u00a0]+(?=\r?\n)")
MANY_NEWLINES = re.compile(r"(?:\r?\n[ \t\u00a0]*){3,}")
CHUNK = re.compile(r"\S+")
LOOKS_LIKE_URL = re.compile(r"://|www\.|@|\.(com|org|net|ru|ua|uk|fr|de|io)\b", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]+")
# "country.Ukraine" / "war,and": punctuation with no space before the next word.
PUNCT_GLUE = re.compile(r"(?<=[^\W\d_]{2}[.!?,;:])(?=[^\W\d_]{2})")


@dataclass
class Edit:
    start: int
    end: int
    after: str
    kind: str


@dataclass
class Repaired:
    text: str
    repairs: list[Repair]
    offsets: OffsetMap | ComposedMap


class OffsetMap:
    """Maps offsets in the repaired text back to the text as received."""

    def __init__(self, edits: list[Edit]):
        self._rep_starts: list[int] = []
        self._spans: list[tuple[int, int, int, int]] = []
        shift = 0
        for e in edits:
            rep_start = e.start + shift
            rep_end = rep_start + len(e.after)
            self._rep_starts.append(rep_start)
            self._spans.append((rep_start, rep_end, e.start, e.end))
            shift += len(e.after) - (e.end - e.start)

    def start(self, pos: int) -> int:
        return self._map(pos, bisect_right(self._rep_starts, pos) - 1)

    def end(self, pos: int) -> int:
        return self._map(pos, bisect_left(self._rep_starts, pos) - 1)

    def _map(self, pos: int, i: int) -> int:
        if i < 0:
            return pos
        rep_start, rep_end, orig_start, orig_end = self._spans[i]
        if pos >= rep_end:
            return orig_end + (pos - rep_end)
        return orig_start + min(pos - rep_start, orig_end - orig_start)


def repair(text: str, title: str | None = None) -> Repaired:
    """Repair ``text`` and return the repaired text, the repairs and the offset map.

    Word-level repairs run first and line-level ones (repeated headline,
    promotional lines) on their result, so a glued word inside a deleted line is
    still recorded. Every repair's offsets index ``text``.
    """
    words = _edit(text, [*_glue_edits(text), *_whitespace_edits(text)])
    lines = _edit(words.text, [*_promo_edits(words.text), *_headline_edits(words.text, title)])
    offsets = ComposedMap(lines.offsets, words.offsets)
    repairs = words.repairs + [
        Repair(r.kind, s, e, text[s:e], r.after)
        for r in lines.repairs
        for s, e in [(words.offsets.start(r.start), words.offsets.end(r.end))]
    ]
    repairs.sort(key=lambda r: (r.start, r.end))
    return Repaired(lines.text, repairs, offsets)


def _edit(text: str, proposals: list[Edit]) -> Repaired:
    edits = _non_overlapping(proposals)
    repairs = [Repair(e.kind, e.start, e.end, text[e.start : e.end], e.after) for e in edits]
    return Repaired(_apply(text, edits), repairs, OffsetMap(edits))


class ComposedMap:
    """Two offset maps applied in turn: ``outer`` first, then ``inner``."""

    def __init__(self, outer: OffsetMap, inner: OffsetMap):
        self.outer, self.inner = outer, inner

    def start(self, pos: int) -> int:
        return self.inner.start(self.outer.start(pos))

    def end(self, pos: int) -> int:
        return self.inner.end(self.outer.end(pos))


def _non_overlapping(proposals: list[Edit]) -> list[Edit]:
    """Keep edits in priority order (earlier wins), dropping any that overlap."""
    kept: list[Edit] = []
    for e in proposals:
        if all(e.end <= k.start or e.start >= k.end for k in kept if k.start != k.end) and all(
            not (k.start <= e.start < k.end) for k in kept if k.start == k.end
        ):
            if e.start == e.end and any(k.start < e.start < k.end for k in kept):
                continue
            kept.append(e)
    return sorted(kept, key=lambda e: (e.start, e.end))


def _apply(text: str, edits: list[Edit]) -> str:
    parts, pos = [], 0
    for e in edits:
        parts.append(text[pos : e.start])
        parts.append(e.after)
        pos = e.end
    parts.append(text[pos:])
    return "".join(parts)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, end excluding the newline."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def _delete_line(text: str, start: int, end: int, kind: str) -> Edit:
    """Delete a line together with the blank lines before it."""
    while start > 0 and text[start - 1] in "\n\r \t":
        start -= 1
    if start == 0:
        while end < len(text) and text[end] in "\n\r \t":
            end += 1
    return Edit(start, end, "", kind)


def _promo_edits(text: str) -> list[Edit]:
    lines = _lines(text)
    edits = []
    while len(lines) > 1 and _is_promo(text[slice(*lines[-1])]):
        edits.append(_delete_line(text, *lines.pop(), kind="promo"))
    edits += [_delete_line(text, s, e, "promo") for s, e in lines[1:] if ADVERT.match(text[s:e])]
    return edits


def _is_promo(line: str) -> bool:
    return len(line) <= 200 and bool(PROMO.match(line))


def _headline_edits(text: str, title: str | None) -> list[Edit]:
    lines = _lines(text)[:3]
    if len(lines) < 2:
        return []
    first, second = (text[s:e] for s, e in lines[:2])
    headline = title or first
    if len(second) > 300 or second.rstrip().endswith((".", "»", "”", '"')):
        return []
    if _same_headline(headline, second) and (title is None or _same_headline(title, first)):
        return [_delete_line(text, *lines[1], kind="duplicate_headline")]
    return []


def _same_headline(a: str, b: str) -> bool:
    norm_a, norm_b = (" ".join(WORD.findall(x.lower())) for x in (a, b))
    if not norm_a or not norm_b:
        return False
    return fuzz.token_set_ratio(norm_a, norm_b) >= 90 and fuzz.partial_ratio(norm_a, norm_b) >= 85


def _whitespace_edits(text: str) -> list[Edit]:
    # Larger edits first: _non_overlapping keeps the first of overlapping edits.
    edits = []
    lead = len(text) - len(text.lstrip())
    if lead:
        edits.append(Edit(0, lead, "", "whitespace"))
    trail = len(text.rstrip())
    if 0 < trail < len(text):
        edits.append(Edit(trail, len(text), "", "whitespace"))
    edits += [Edit(m.start(), m.end(), "\n\n", "whitespace") for m in MANY_NEWLINES.finditer(text)]
    edits += [Edit(m.start(), m.end(), "\n", "whitespace") for m in re.finditer(r"\r\n?", text)]
    edits += [Edit(m.start(), m.end(), "", "whitespace") for m in TRAILING_SPACE.finditer(text)]
    edits += [Edit(m.start(), m.end(), " ", "whitespace") for m in ODD_SPACE.finditer(text)]
    edits += [Edit(m.start(), m.end(), "", "whitespace") for m in ZERO_WIDTH.finditer(text)]
    return _non_overlapping(edits)


def _glue_edits(text: str) -> list[Edit]:
    counts = Counter(WORD.findall(text.lower()))
    repeated = frozenset(w for w, n in counts.items() if n > 1)
    urls = _url_chunks(text)
    edits = [
        Edit(m.start(), m.start(), " ", "glued_punctuation")
        for m in PUNCT_GLUE.finditer(text)
        if not _inside(m.start(), urls)
    ]
    cuts: dict[str, int | None] = {}  # each distinct word is judged once
    for word in WORD.finditer(text):
        w = word.group()
        if len(w) < 5:
            continue
        if w not in cuts:
            cuts[w] = split_glued(w, repeated)
        if cuts[w] and not _inside(word.start(), urls):
            pos = word.start() + cuts[w]
            edits.append(Edit(pos, pos, " ", "glued_words"))
    return sorted(edits, key=lambda e: e.start)


def _url_chunks(text: str) -> list[tuple[int, int]]:
    """Spans of the whitespace-separated chunks that look like a URL or an address."""
    spans: list[tuple[int, int]] = []
    for m in LOOKS_LIKE_URL.finditer(text):
        if spans and m.start() < spans[-1][1]:
            continue
        start = m.start()
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        spans.append(CHUNK.match(text, start).span())
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def split_glued(word: str, known: frozenset[str] = frozenset()) -> int | None:
    """Where to split a word glued to its neighbour when a link was stripped.

    ``known`` are words seen more than once in the document: a word that recurs is
    a name, not an accident of scraping, and a known head may be split off.
    Returns the split index, or None when the word should stay whole.
    """
    if len(word) < 5 or zipf(word.lower()) >= KNOWN_WORD_ZIPF:
        return None
    camel = re.fullmatch(r"([a-z]{2,})([A-Z][a-z]+)", word)
    if camel and zipf(camel.group(1)) >= GLUE_HEAD_ZIPF:
        return len(camel.group(1))
    if word.lower() in known or not word[1:].islower():
        return None
    best, best_score = None, 0.0
    for i in range(2, len(word) - 1):
        head, tail = word[:i], word[i:]
        tail_z = zipf(tail)
        head_z = zipf(head.lower())
        if head.lower() in known and head_z < GLUE_HEAD_ZIPF:
            head_z = GLUE_HEAD_ZIPF
        if (
            tail_z >= GLUE_TAIL_ZIPF
            and head_z >= GLUE_HEAD_ZIPF
            and min(head_z, tail_z) > best_score
        ):
            best, best_score = i, min(head_z, tail_z)
    return best


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common an English word is (wordfreq's Zipf scale), remembered."""
    return zipf_frequency(word, "en")
