"""Site furniture in text inputs: which lines are the page around the article.

Text copied or scraped from a page keeps its menus, share buttons, calls to
action, captions and credits. :func:`furniture` finds them, line by line, in
ordered sieves; the first that decides names the kind on the repair:

1. a line of only menu, share or section words, or only a timestamp
   (``words``/``numbered`` in the lexicon);
2. a line matching a furniture pattern as a whole (``patterns``);
3. a site name among the first lines (``masthead_words``, or the item's source);
4. a line that recurs in many documents of the same source (``recurring``,
   see :class:`RecurringLines`), unless it reads like prose;
5. a short line with no stop words whose neighbours are furniture
   (jusText's context rule: document edges count as furniture).

Inline, a caption with its photo credit repeated twice in a row ("Soldiers at
the line. Photo: AFP Soldiers at the line. Photo: AFP") is cut out of its line.

A doubtful line is kept: only lines of at most ``max_chars`` characters are
judged, and every pattern matches the whole line. The phrases live in
``data/furniture_<lang>.json`` and the stop words are jusText's stoplists.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
# jusText's thresholds: a line this long with this share of stop words is prose.
LENGTH_LOW = 70
STOPWORDS_LOW = 0.30
SHORT_CONTEXT = 40  # the context rule judges only lines shorter than this
HEAD_LINES = 3
LINE = re.compile(r"[^\n]*\S[^\n]*")
SEPARATORS = re.compile(r"[\s|·•/,–—:()\[\]]+")
TOKEN = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
NUMBER = re.compile(r"\d+(?:st|nd|rd|th|h)?")
CAPITALISED = re.compile(r"[A-Z0-9][\w'’.-]*")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: str


@dataclass(frozen=True)
class Lexicon:
    stopwords: frozenset[str]
    words: dict[str, re.Pattern]
    numbered: dict[str, frozenset[str]]
    patterns: tuple[tuple[str, re.Pattern], ...]
    masthead: frozenset[str]
    credit: re.Pattern
    max_chars: int


@lru_cache(maxsize=8)
def lexicon(language: str = "en") -> Lexicon:
    """The furniture lexicon of ``language`` (English when there is none)."""
    path = DATA / f"furniture_{language}.json"
    if not path.exists():
        path = DATA / "furniture_en.json"
    data = json.loads(path.read_text("utf-8"))
    return Lexicon(
        stopwords=_stoplist(data["stoplist"]),
        words={kind: _phrases(words) for kind, words in data["words"].items()},
        numbered={kind: frozenset(words) for kind, words in data["numbered"].items()},
        patterns=tuple(
            (kind, re.compile(p, re.IGNORECASE))
            for kind, patterns in data["patterns"].items()
            for p in patterns
        ),
        masthead=frozenset(data["masthead_words"]),
        credit=re.compile(data["credit"]),
        max_chars=int(data["max_chars"]),
    )


def _stoplist(name: str) -> frozenset[str]:
    import justext

    return frozenset(w.lower() for w in justext.get_stoplist(name))


def _phrases(words: list[str]) -> re.Pattern:
    """A line made only of these phrases, each separated by spaces."""
    alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?:{alternatives})(?: (?:{alternatives}))*")


def lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, trimmed of surrounding spaces."""
    spans = []
    for m in LINE.finditer(text):
        start, end = m.span()
        while text[start].isspace():
            start += 1
        while text[end - 1].isspace():
            end -= 1
        spans.append((start, end))
    return spans


def line_key(line: str) -> str:
    """What makes two lines the same furniture: case, spacing and numbers aside."""
    return re.sub(r"\d+", "0", " ".join(line.lower().split()))


def furniture(
    text: str,
    language: str = "en",
    recurring: frozenset[str] = frozenset(),
    source: str | None = None,
) -> list[Span]:
    """Spans of ``text`` that are site furniture, whole lines or inline captions."""
    lex = lexicon(language)
    spans = lines(text)
    kinds = [_line_kind(text[s:e], i, lex, recurring, source) for i, (s, e) in enumerate(spans)]
    _context(text, spans, kinds, lex)
    found = [Span(s, e, k) for (s, e), k in zip(spans, kinds, strict=True) if k]
    found += [
        c
        for (s, e), k in zip(spans, kinds, strict=True)
        if not k
        for c in _captions(text, s, e, lex)
    ]
    return sorted(found, key=lambda sp: sp.start)


def _line_kind(
    line: str, index: int, lex: Lexicon, recurring: frozenset[str], source: str | None
) -> str | None:
    if len(line) > lex.max_chars:
        return None
    flat = SEPARATORS.sub(" ", line.lower()).strip()
    for kind, phrases in lex.words.items():
        if flat and phrases.fullmatch(flat):
            return kind
    for kind, vocabulary in lex.numbered.items():
        if _numbered(flat, vocabulary):
            return kind
    for kind, pattern in lex.patterns:
        if pattern.fullmatch(line):
            return kind
    if index < HEAD_LINES and _masthead(line, lex, source):
        return "masthead"
    if recurring and line_key(line) in recurring and not _prose(line, lex):
        return "recurring"
    return None


def _numbered(flat: str, vocabulary: frozenset[str]) -> bool:
    tokens = flat.replace(".", " ").split()
    has_number = any(NUMBER.fullmatch(t) for t in tokens)
    return has_number and all(NUMBER.fullmatch(t) or t in vocabulary for t in tokens)


def _masthead(line: str, lex: Lexicon, source: str | None) -> bool:
    if source and line.strip().lower() == source.strip().lower():
        return True
    words = line.split()
    return (
        1 <= len(words) <= 4
        and all(CAPITALISED.fullmatch(w) for w in words)
        and words[-1].lower() in lex.masthead
    )


def stopword_density(line: str, lex: Lexicon) -> tuple[int, float]:
    words = TOKEN.findall(line.lower())
    if not words:
        return 0, 0.0
    return len(words), sum(w in lex.stopwords for w in words) / len(words)


def _prose(line: str, lex: Lexicon) -> bool:
    """jusText's good or near-good paragraph: long enough, with stop words."""
    _, density = stopword_density(line, lex)
    return len(line) >= LENGTH_LOW and density >= STOPWORDS_LOW


def _context(text: str, spans: list[tuple[int, int]], kinds: list, lex: Lexicon) -> None:
    """jusText's rule for short lines: furniture when both neighbours are.

    Only short lines with no stop words and no sentence end are judged; the
    neighbours are the nearest lines that are not such short lines. The end of
    the document counts as furniture, as in jusText, but not its start, where
    a short headline stands."""
    short = [not k and _short(text[s:e], lex) for (s, e), k in zip(spans, kinds, strict=True)]
    n = len(spans)
    before, bad = [False] * n, False
    for i in range(n):
        before[i] = bad
        if not short[i]:
            bad = kinds[i] is not None
    bad = True
    for i in range(n - 1, -1, -1):
        if short[i] and before[i] and bad:
            kinds[i] = "between_furniture"
        if not short[i]:
            bad = kinds[i] is not None


def _short(line: str, lex: Lexicon) -> bool:
    if len(line) >= SHORT_CONTEXT or line.rstrip().endswith((".", "!", "?", "»", "”", '"')):
        return False
    count, density = stopword_density(line, lex)
    return count > 0 and density == 0.0


def _captions(text: str, start: int, end: int, lex: Lexicon) -> Iterator[Span]:
    """A caption with its credit, twice in a row inside one line."""
    markers = [m.start() for m in lex.credit.finditer(text, start, end)]
    for first, second in zip(markers, markers[1:], strict=False):
        period = second - first
        if period > 400:
            continue
        span = _repeated_unit(text, start, end, first, period)
        if span:
            yield Span(*span, "caption")


def _repeated_unit(text: str, start: int, end: int, anchor: int, period: int):
    """The span of a unit of length ``period`` written twice around ``anchor``."""
    left = anchor
    while left > start and anchor - left < period and text[left - 1] == text[left - 1 + period]:
        left -= 1
    right = anchor
    while right + period < end and text[right] == text[right + period]:
        right += 1
    # Snap to the start of a word that begins a sentence or the line.
    while left < right and not (
        text[left].isupper() and (left == start or text[left - 1].isspace())
    ):
        left += 1
    # The second copy may lack the space that followed the first one.
    stop = min(left + 2 * period, right + period)
    if left + 2 * period - stop > int(text[left + period - 1].isspace()):
        return None
    while stop > left and text[stop - 1].isspace():
        stop -= 1
    if stop < end and text[stop].isalnum() and text[stop - 1].isalnum():
        return None
    return left, stop


class RecurringLines:
    """Lines seen in many documents of one source: that source's furniture.

    Fed with documents in order (a batch, or a whole ingest run), it answers
    which of a document's lines recur in at least ``min_docs`` documents of its
    source and in at least ``min_share`` of them. Memory is bounded: lines seen
    once are forgotten when a source holds more than ``max_keys`` lines."""

    def __init__(self, min_docs: int = 3, min_share: float = 0.05, max_keys: int = 200_000):
        self.min_docs, self.min_share, self.max_keys = min_docs, min_share, max_keys
        self.counts: dict[str, Counter] = defaultdict(Counter)
        self.docs: Counter = Counter()

    def add(self, text: str, source: str | None) -> None:
        keys = self._keys(text)
        counts = self.counts[source or ""]
        counts.update(keys)
        self.docs[source or ""] += 1
        if len(counts) > self.max_keys:
            for key in [k for k, n in counts.items() if n < 2]:
                del counts[key]

    def recurring(self, text: str, source: str | None) -> frozenset[str]:
        counts, docs = self.counts[source or ""], self.docs[source or ""]
        needed = max(self.min_docs, self.min_share * docs)
        return frozenset(k for k in self._keys(text) if counts[k] >= needed)

    @staticmethod
    def _keys(text: str) -> set[str]:
        max_chars = lexicon().max_chars
        return {line_key(text[s:e]) for s, e in lines(text) if e - s <= max_chars}


def mark_recurring(items: Iterable, memory: RecurringLines | None = None) -> list:
    """Give each item of a batch the lines it shares with many others of its source.

    The batch is counted first, so the first documents of a run benefit too;
    ``memory`` carries counts across batches."""
    items = list(items)
    memory = memory or RecurringLines()
    for item in items:
        memory.add(item.text, item.source)
    for item in items:
        item.extra["recurring"] = memory.recurring(item.text, item.source)
    return items
