"""Repair scraping and machine-translation defects, recording every change.

All repairs are proposed as edits on the text *as received* and applied in one
go, so each :class:`~kronika.records.Repair` carries offsets into that text and
an :class:`OffsetMap` maps any offset in the repaired text back to it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from wordfreq import zipf_frequency

from kronika import boilerplate
from kronika.records import Repair

# A part glued to a word must be this frequent (Zipf scale) to be split off.
# Tuned on general vocabulary, so rare place names ("Kin"+"burn") stay whole.
GLUE_TAIL_ZIPF = 5.0
GLUE_HEAD_ZIPF = 4.0
KNOWN_WORD_ZIPF = 1.0
# A repeated body: at least this many characters over two paragraphs or more.
DUPLICATE_MIN_CHARS = 300

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
# Addresses and hashtags are never split: "#airattack" is one tag.
LOOKS_LIKE_URL = re.compile(r"://|www\.|@|#\w|\.(com|org|net|ru|ua|uk|fr|de|io)\b", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]+")
# A clock time or a numeric date, as bylines and timestamps write them.
# (A leading digit class, not a group, lets the regex engine skip to digits.)
TIME_OR_DATE = (
    r"[0-9][0-9]?(?::[0-9]{2}(?![0-9])|[./][0-9][0-9]?[./](?:[0-9]{4}|[0-9]{2})(?![0-9.]))"
)
# Each starts with a digit, so the scan is cheap where there are none; the
# letters on the other side are checked in code.
TIME_AT = re.compile(TIME_OR_DATE)
YEAR_AT = re.compile(r"(?:19|20)\d\d(?!\d)")
WORD_BEFORE = re.compile(r"[^\W\d_]+$")
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


def repair(
    text: str,
    title: str | None = None,
    *,
    recurring: frozenset[str] = frozenset(),
    source: str | None = None,
    language: str = "en",
    furniture: bool = True,
) -> Repaired:
    """Repair ``text`` and return the repaired text, the repairs and the offset map.

    Word-level repairs run first and line-level ones (repeated headline,
    promotional lines, site furniture, a repeated body) on their result, so a
    glued word inside a deleted line is still recorded. Every repair's offsets
    index ``text``. ``recurring`` are the line keys this document shares with
    many others of its source (:class:`kronika.boilerplate.RecurringLines`);
    ``furniture=False`` leaves site furniture alone (HTML already lost it).
    """
    words = _edit(text, [*_glue_edits(text), *_whitespace_edits(text)])
    context = LineContext(title, recurring, source, language, furniture)
    lines = _edit(words.text, _line_edits(words.text, context))
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
    """Keep edits in priority order (earlier wins), dropping any that overlap.

    An insertion is dropped only when it falls strictly inside a kept deletion
    or replacement; kept insertions block nothing. The kept non-empty edits are
    disjoint, so a sorted list and bisection find the one candidate overlap."""
    kept: list[Edit] = []
    starts: list[int] = []
    ends: list[int] = []
    for e in proposals:
        if e.start == e.end:
            i = bisect_left(starts, e.start) - 1
            if i >= 0 and ends[i] > e.start:
                continue
        else:
            i = bisect_left(starts, e.end) - 1
            if i >= 0 and ends[i] > e.start:
                continue
            at = bisect_left(starts, e.start)
            starts.insert(at, e.start)
            ends.insert(at, e.end)
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


@dataclass(frozen=True)
class LineContext:
    title: str | None = None
    recurring: frozenset[str] = frozenset()
    source: str | None = None
    language: str = "en"
    furniture: bool = True


def _line_edits(text: str, context: LineContext) -> list[Edit]:
    """Whole lines to delete, by kind in priority order, and inline furniture.

    Each line's verdict is the first sieve's: promotional tail, repeated
    headline, site furniture, then a repeated body over the lines left."""
    spans = boilerplate.lines(text)
    furniture, inline = _furniture(text, spans, context) if context.furniture else ({}, [])
    verdict: dict[int, str] = {}
    for index in _promo_lines(text, spans):
        verdict.setdefault(index, "promo")
    # The headline and its repetition are the first two lines that are not furniture.
    content = [i for i in range(len(spans)) if i not in furniture][:2]
    if len(content) == 2 and _headline_repeated(text, [spans[i] for i in content], context.title):
        verdict.setdefault(content[1], "duplicate_headline")
    for index in furniture:
        verdict.setdefault(index, "boilerplate")
    blocks = [(i, i, kind) for i, kind in verdict.items()]
    blocks += _duplicate_blocks(text, spans, verdict)
    deleted = set(verdict) | {i for first, last, _ in blocks for i in range(first, last + 1)}
    edits = _block_edits(text, spans, blocks, deleted)
    # Inline furniture inside a deleted line loses to the deletion (_non_overlapping).
    return edits + inline


def _furniture(
    text: str, spans: list[tuple[int, int]], context: LineContext
) -> tuple[dict[int, str], list[Edit]]:
    """Furniture lines by index (with the sieve that decided), and inline cuts."""
    starts = {s: i for i, (s, _) in enumerate(spans)}
    lines, inline = {}, []
    found_spans = boilerplate.furniture(
        text, context.language, context.recurring, context.source, spans
    )
    for found in found_spans:
        index = starts.get(found.start)
        if index is not None and spans[index][1] == found.end:
            lines[index] = found.kind
        else:
            inline.append(_inline_edit(text, found.start, found.end))
    return lines, inline


def _inline_edit(text: str, start: int, end: int) -> Edit:
    """Cut a span out of its line with the spaces on one side of it."""
    after = end
    while after < len(text) and text[after] in " \t":
        after += 1
    if after < len(text) and text[after] != "\n":
        return Edit(start, after, "", "boilerplate")
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return Edit(start, end, "", "boilerplate")


def _block_edits(
    text: str, spans: list[tuple[int, int]], blocks: list[tuple[int, int, str]], deleted: set[int]
) -> list[Edit]:
    """One deletion per block of lines, with the blank lines that follow it; a
    block in the trailing run of deleted lines takes the blank lines before it."""
    n = len(spans)
    tail = n
    while tail > 0 and tail - 1 in deleted:
        tail -= 1
    edits = []
    for first, last, kind in sorted(blocks):
        start = spans[first][0]
        if first == tail and first > 0:
            start = spans[first - 1][1]
        end = spans[last + 1][0] if last + 1 < n else len(text)
        if first == 0 and last + 1 < n:
            start = 0
        edits.append(Edit(start, end, "", kind))
    return edits


def _promo_lines(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """Promotional lines at the end, and advertisement markers after the first line."""
    found, last = [], len(spans) - 1
    while last > 0 and _is_promo(text[slice(*spans[last])]):
        found.append(last)
        last -= 1
    found += [i for i, (s, e) in enumerate(spans) if i and ADVERT.match(text[s:e])]
    return found


def _is_promo(line: str) -> bool:
    return len(line) <= 200 and bool(PROMO.match(line))


def _headline_repeated(text: str, spans: list[tuple[int, int]], title: str | None) -> bool:
    if len(spans) < 2:
        return False
    first, second = (text[s:e] for s, e in spans[:2])
    headline = title or first
    if len(second) > 300 or second.rstrip().endswith((".", "»", "”", '"')):
        return False
    return _same_headline(headline, second) and (title is None or _same_headline(title, first))


def _duplicate_blocks(
    text: str, spans: list[tuple[int, int]], verdict: dict[int, str]
) -> list[tuple[int, int, str]]:
    """The repeated copy of the body, over the lines no other sieve deleted."""
    alive = [i for i in range(len(spans)) if i not in verdict]
    keys = [boilerplate.line_key(text[slice(*spans[i])]) for i in alive]
    sizes = [spans[i][1] - spans[i][0] for i in alive]
    blocks = []
    for first, stop in duplicate_runs(keys, sizes):
        run = alive[first:stop]
        begin = run[0]
        for prev, cur in zip(run, run[1:], strict=False):
            if cur != prev + 1:
                blocks.append((begin, prev, "duplicate_body"))
                begin = cur
        blocks.append((begin, run[-1], "duplicate_body"))
    return blocks


def duplicate_runs(
    keys: list[str], sizes: list[int], min_chars: int = DUPLICATE_MIN_CHARS
) -> list[tuple[int, int]]:
    """Runs of paragraphs that repeat an earlier run, as (first, stop) indices.

    A run counts when it holds at least ``min_chars`` characters in two
    paragraphs or more, or twice that in one. Each paragraph is looked up by
    its key (a hash table) and a run ends where the copy would overlap its
    original, so the work is linear in the number of paragraphs."""
    first_seen: dict[str, int] = {}
    runs, k, n = [], 0, len(keys)
    while k < n:
        p = first_seen.get(keys[k])
        if p is not None:
            length = 0
            while k + length < n and p + length < k and keys[p + length] == keys[k + length]:
                length += 1
            chars = sum(sizes[k : k + length])
            if chars >= min_chars and (length >= 2 or chars >= 2 * min_chars):
                runs.append((k, k + length))
                k += length
                continue
        first_seen.setdefault(keys[k], k)
        k += 1
    return runs


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
    edits += [
        Edit(pos, pos, " ", "glued_words") for pos in _digit_glue(text) if not _inside(pos, urls)
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
    i = bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _digit_glue(text: str) -> Iterator[int]:
    """Where a word is glued to a time or a date, on either side
    ("Marchenko14:05", "12.03.24Kyiv", "since2014"); codes and ordinals such as
    MH17, Su-25, 5G, 47th or 1990s have no time or date at the boundary."""
    for m in TIME_AT.finditer(text):
        before, after = text[max(0, m.start() - 2) : m.start()], text[m.end() : m.end() + 2]
        whole = m.start() == 0 or not (text[m.start() - 1] in ".:" or text[m.start() - 1].isdigit())
        if len(before) == 2 and before.isalpha():
            yield m.start()
        elif whole and len(after) == 2 and after.isalpha() and after[0].isupper():
            yield m.end()  # "14:05Kyiv"; "10:30am" stays
    for m in YEAR_AT.finditer(text):
        before = text[max(0, m.start() - 2) : m.start()]
        if len(before) < 2 or not (before.isalpha() and before.islower()):
            continue
        head = WORD_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if head and head.group().islower() and zipf(head.group()) >= GLUE_TAIL_ZIPF:
            yield m.start()


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
