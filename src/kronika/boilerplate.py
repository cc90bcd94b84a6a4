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

import heapq
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
# jusText's thresholds: a line this long with this share of stop words is prose.
LENGTH_LOW = 70
STOPWORDS_LOW = 0.30
SHORT_CONTEXT = 40
STOPLIST_FITS = 0.15  # English prose has about 0.4 of stop words  # the context rule judges only lines shorter than this
HEAD_LINES = 3
LIST_MAX = 8  # headlines in a list of links under a label
LIST_LINE_CHARS = 120
SENTENCE_ENDS = (".", "!", "?", "»", "”", '"', ":", ";")
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


@dataclass(frozen=True, eq=False)  # hashed by identity: one per language, cached
class Lexicon:
    stopwords: frozenset[str]
    words: dict[str, re.Pattern]
    numbered: dict[str, frozenset[str]]
    patterns: tuple[tuple[str, re.Pattern], ...]
    masthead: frozenset[str]
    list_labels: frozenset[str]
    credit: re.Pattern
    credit_tail: re.Pattern
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
        numbered={
            kind: frozenset(w for phrase in words for w in phrase.split())
            for kind, words in data["numbered"].items()
        },
        # One regex each: an alternation of them all is slower in re.
        patterns=tuple(
            (kind, re.compile(p, re.IGNORECASE))
            for kind, patterns in data["patterns"].items()
            for p in patterns
        ),
        credit_tail=re.compile(rf"(?:{data['credit_tail']})$", re.IGNORECASE),
        masthead=frozenset(data["masthead_words"]),
        list_labels=frozenset(data["list_labels"]),
        credit=re.compile(data["credit"], re.IGNORECASE),
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
    spans: list[tuple[int, int]] | None = None,
) -> list[Span]:
    """Spans of ``text`` that are site furniture, whole lines or inline captions.

    ``spans`` are the text's :func:`lines`, when the caller has them already."""
    lex = lexicon(language)
    spans = lines(text) if spans is None else spans
    kinds = [_line_kind(text[s:e], i, lex, recurring, source) for i, (s, e) in enumerate(spans)]
    _link_lists(text, spans, kinds, lex)
    _context(text, spans, kinds, lex)
    found = [Span(s, e, k) for (s, e), k in zip(spans, kinds, strict=True) if k]
    found += _captions(text, spans, kinds, lex)
    return sorted(found, key=lambda sp: sp.start)


def _line_kind(
    line: str, index: int, lex: Lexicon, recurring: frozenset[str], source: str | None
) -> str | None:
    if len(line) > lex.max_chars:
        return None
    kind = _lexical_kind(line, lex)
    if kind:
        return kind
    if index < HEAD_LINES and _masthead(line, lex, source):
        return "masthead"
    if recurring and line_key(line) in recurring and not _prose(line, lex):
        return "recurring"
    return None


@lru_cache(maxsize=65536)
def _lexical_kind(line: str, lex: Lexicon) -> str | None:
    """What the lexicon alone says of a line; remembered, as furniture repeats."""
    flat = _flat(line)
    for kind, phrases in lex.words.items():
        if flat and phrases.fullmatch(flat):
            return kind
    for kind, vocabulary in lex.numbered.items():
        if _numbered(flat, vocabulary):
            return kind
    for kind, pattern in lex.patterns:
        if pattern.fullmatch(line):
            return kind
    return "caption" if _caption_line(line, lex) else None


def _caption_line(line: str, lex: Lexicon) -> bool:
    """A caption ending in its one photo credit ("… near the line. Photo: AFP")."""
    tail = lex.credit_tail.search(line)
    return bool(tail) and tail.start() >= 3 and len(lex.credit.findall(line)) == 1


def _numbered(flat: str, vocabulary: frozenset[str]) -> bool:
    if not any(ch.isdigit() for ch in flat):
        return False
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
    candidates = [not k and _short_shape(text[s:e]) for (s, e), k in zip(spans, kinds, strict=True)]
    if not any(candidates) or not any(kinds):
        return
    if not _stoplist_fits(text, spans, lex):
        return  # another language: no line has stop words, so none could be judged
    short = [
        c and _no_stopwords(text[s:e], lex) for (s, e), c in zip(spans, candidates, strict=True)
    ]
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


def _link_lists(text: str, spans: list[tuple[int, int]], kinds: list, lex: Lexicon) -> None:
    """Headlines listed under a "Related" or "Most read" label are links, not text."""
    for i, (s, e) in enumerate(spans):
        if kinds[i] is None or _flat(text[s:e]) not in lex.list_labels:
            continue
        j = i + 1
        while j < len(spans) and j - i <= LIST_MAX and kinds[j] is None:
            line = text[slice(*spans[j])]
            if len(line) > LIST_LINE_CHARS or line.rstrip().endswith(SENTENCE_ENDS):
                break
            kinds[j] = "link_list"
            j += 1


def _flat(line: str) -> str:
    return SEPARATORS.sub(" ", line.lower()).strip()


def _stoplist_fits(text: str, spans: list[tuple[int, int]], lex: Lexicon) -> bool:
    """Whether the stop words are of the text's language: its longest lines have some."""
    longest = heapq.nlargest(5, spans, key=lambda sp: sp[1] - sp[0])
    sample = " ".join(text[s:e] for s, e in longest)
    return stopword_density(sample, lex)[1] >= STOPLIST_FITS


def _short_shape(line: str) -> bool:
    return len(line) < SHORT_CONTEXT and not line.rstrip().endswith(SENTENCE_ENDS)


def _no_stopwords(line: str, lex: Lexicon) -> bool:
    count, density = stopword_density(line, lex)
    return count > 0 and density == 0.0


def _captions(text: str, spans: list[tuple[int, int]], kinds: list, lex: Lexicon) -> list[Span]:
    """A caption with its credit, twice in a row inside one line that is kept."""
    markers = [m.start() for m in lex.credit.finditer(text)]
    if len(markers) < 2:
        return []
    found, i = [], 0
    for (start, end), kind in zip(spans, kinds, strict=True):
        inside = []
        while i < len(markers) and markers[i] < end:
            if markers[i] >= start:
                inside.append(markers[i])
            i += 1
        if kind:
            continue
        for first, second in zip(inside, inside[1:], strict=False):
            if second - first <= 400:
                span = _repeated_unit(text, start, end, first, second - first)
                if span:
                    found.append(Span(*span, "caption"))
    return found


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

    def add(self, text: str, source: str | None) -> set[str]:
        """Count a document's lines; returns their keys, for :meth:`recurring`."""
        keys = self._keys(text)
        counts = self.counts[source or ""]
        counts.update(keys)
        self.docs[source or ""] += 1
        if len(counts) > self.max_keys:
            for key in [k for k, n in counts.items() if n < 2]:
                del counts[key]
        return keys

    def recurring(self, text: str | set[str], source: str | None) -> frozenset[str]:
        """Which lines of a document (its text, or the keys :meth:`add` gave) recur."""
        keys = self._keys(text) if isinstance(text, str) else text
        counts, docs = self.counts[source or ""], self.docs[source or ""]
        needed = max(self.min_docs, self.min_share * docs)
        return frozenset(k for k in keys if counts[k] >= needed)

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
    keys = [memory.add(item.text, item.source) for item in items]
    for item, its_keys in zip(items, keys, strict=True):
        item.extra["recurring"] = memory.recurring(its_keys, item.source)
    return items
