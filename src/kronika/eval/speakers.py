"""Named-speaker accuracy: is a quote's speaker the person the text names?

PolNeAR scores a speaker by span overlap, so "their Polish instructor" counts
as right for a quote of the man the text calls by the call sign Lynx. For a
reader it is wrong: the record cannot say what Lynx said. This scorer asks for the person.

Gold (``data/speakers_*.jsonl``, ids and offsets only) lists, per article, its
direct quotes. Each gold quote has its span, the ``how`` a reader needs to find
the speaker (``name``, ``pronoun``, ``description``, ``callsign``,
``continuation``, ``anonymous``), the ``speaker`` span (the mention that names
the person, e.g. the full name's first occurrence; for an anonymous source,
its description), optionally the local ``source`` span (the words attributing
this quote: "he", "the official"), and the article's ``split`` (``dev``,
``heldout``, ``fresh``; see docs/quotes.md).

Per gold quote found by a system (a prediction covers ≥ 0.3 of the gold quote,
as in :mod:`kronika.eval.quotes`; one prediction may cover several gold quotes,
such as the two halves of a quote around its attribution, if at least half of
it is gold quote text):

- **named-speaker accuracy**: kronika's ``quote.speaker.entity`` is an entity
  of the record with a mention overlapping a mention of the gold name or
  surname (every occurrence in the text), or whose name, aliases or call signs
  fold (unidecode, case) to the gold name or surname. The gold name is the
  gold span up to a comma, bracket, "of" or "who"; the surname its last word.
  When the gold says the text names nobody, right only if the speaker entity
  is anonymous (``Entity.anonymous``): a stray word is wrong.
- **… by name, no entity needed**: the lenient reading, also right when the
  speaker has no entity but its name folds to the gold name or surname.
- **span speaker** (the old metric): the predicted speaker span overlaps the
  gold local source span (or the gold name mention when no source is given).

textacy's direct quotations are scored in the same run: its speaker counts
right if its span overlaps a mention of the gold name or surname; it has no
anonymous-source entity, so it is never right on an anonymous gold speaker.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from unidecode import unidecode

from kronika.eval import Scores
from kronika.eval.quotes import overlap, read_polnear, textacy_available, textacy_triples

DATA = Path(__file__).parent / "data"
GOLD = {
    "polnear": DATA / "speakers_polnear.jsonl",
    "news": DATA / "speakers_news.jsonl",
    "written": DATA / "speakers_written.jsonl",
}
NAME_END = re.compile(r",|\(| of | who ")
POSSESSIVE = re.compile(r"[’']s?$")
HOWS = ("name", "pronoun", "description", "callsign", "continuation", "anonymous")
# Reported in this order; "fresh" is the set annotated last and scored once (docs/quotes.md).
SPLITS = ("dev", "heldout", "fresh")
THRESHOLD = 0.3


@dataclass
class GoldQuote:
    start: int
    end: int
    how: str
    speaker: tuple[int, int] | None
    anonymous: bool = False
    source: tuple[int, int] | None = None

    @property
    def chars(self) -> frozenset[int]:
        return frozenset(range(self.start, self.end))


@dataclass
class Article:
    key: str
    text: str
    split: str
    quotes: list[GoldQuote]
    published: str | None = None


@dataclass
class Found:
    """A system's quote: its span, its speaker span, and how to judge its speaker."""

    start: int
    end: int
    speaker_span: tuple[int, int] | None
    # judge(gold quote) -> is the speaker the gold person?
    judge: Callable[[GoldQuote], bool]
    # The lenient reading (the speaker's name, no entity needed), where it applies.
    by_name: Callable[[GoldQuote], bool] | None = None


# -- reading the gold ---------------------------------------------------------


def gold_lines(name: str) -> list[dict]:
    lines = GOLD[name].read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _quotes(entry: dict) -> list[GoldQuote]:
    out = []
    for q in entry["quotes"]:
        speaker = tuple(q["speaker"]) if q.get("speaker") else None
        source = tuple(q["source"]) if q.get("source") else None
        anonymous = bool(q.get("anonymous"))
        out.append(GoldQuote(q["start"], q["end"], q["how"], speaker, anonymous, source))
    return out


def read_articles(path: Path, limit: int | None = None) -> tuple[str, list[Article]]:
    """Which gold set ``path`` is, and its annotated articles with their text."""
    if path.is_file() and path.suffix == ".csv":
        return "news", _news(path)[:limit] if limit else _news(path)
    if (path / "attributions").is_dir():
        return "polnear", _polnear(path, limit)
    return "written", _written(path)[:limit] if limit else _written(path)


def _polnear(path: Path, limit: int | None) -> list[Article]:
    gold = {g["file"]: g for g in gold_lines("polnear")}
    out = []
    for article in read_polnear(path, limit):
        entry = gold.get(article.name)
        if entry is not None:
            out.append(Article(article.name, article.text, entry["split"], _quotes(entry)))
    return out


def _news(path: Path) -> list[Article]:
    from kronika.pipeline import document_id

    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = {document_id(r.get("articles") or ""): r for r in csv.DictReader(fh)}
    out = []
    for entry in gold_lines("news"):
        row = rows.get(entry["id"])
        if row is not None:
            key = f"row {entry['row']} ({entry['id']})"
            quotes = _quotes(entry)
            out.append(Article(key, row["articles"], entry["split"], quotes, row.get("published")))
    return out


def _written(path: Path) -> list[Article]:
    out = []
    for entry in gold_lines("written"):
        txt = path / entry["file"]
        if txt.exists():
            text = txt.read_text("utf-8")
            out.append(Article(entry["file"], text, entry["split"], _quotes(entry)))
    return out


# -- is it the person? --------------------------------------------------------


def fold(name: str) -> str:
    """'Zelenskyy’s' → 'zelenskyy'; 'Oleksandr  Syrskyi' → 'oleksandr syrskyi'."""
    name = re.sub(r"[’']s\b", "", unidecode(name).lower())
    return " ".join(re.sub(r"[^\w\s-]", " ", name).split())


def gold_name(text: str, quote: GoldQuote) -> tuple[str, str]:
    """The gold person's name and surname as written: the gold name span up to
    a comma, bracket, "of" or "who" ("Rep. Jim Clyburn (D-S.C.), the assistant
    leader…" → "Rep. Jim Clyburn", "Clyburn"); its last word is the surname."""
    if quote.speaker is None or quote.anonymous:
        return "", ""
    name = text[quote.speaker[0] : quote.speaker[1]]
    name = NAME_END.split(name, maxsplit=1)[0].strip()
    words = name.split()
    return name, POSSESSIVE.sub("", words[-1]) if words else ""


def gold_names(text: str, quote: GoldQuote) -> set[str]:
    """The gold name and its surname, folded."""
    return {fold(n) for n in gold_name(text, quote) if n} - {""}


def name_mentions(text: str, quote: GoldQuote) -> list[tuple[int, int]]:
    """The gold person's name mentions: every occurrence in the text of the
    gold name or its surname (none for a source the text never names)."""
    if quote.speaker is None or quote.anonymous:
        return []
    spans = []
    for word in {n for n in gold_name(text, quote) if n}:
        pattern = r"(?<!\w)" + re.escape(word) + r"(?!\w)"
        spans += [m.span() for m in re.finditer(pattern, text)]
    return spans


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def entity_is_person(entity, quote: GoldQuote, text: str) -> bool:
    """Is a record's entity the gold speaker of ``quote``?"""
    if entity is None:
        return False
    if quote.anonymous:
        return bool(entity.anonymous)
    if quote.speaker is None or entity.anonymous:
        return False
    spans = name_mentions(text, quote)
    if any(_overlaps((m.start, m.end), spans) for m in entity.mentions):
        return True
    names = gold_names(text, quote)
    return any(fold(n) in names for n in [entity.name, *entity.aliases, *entity.callsigns])


def name_is_person(name: str | None, quote: GoldQuote, text: str) -> bool:
    """The lenient reading: the speaker's name folds to the gold name, entity or not."""
    return bool(name) and not quote.anonymous and fold(name) in gold_names(text, quote)


def span_is_person(span: tuple[int, int] | None, quote: GoldQuote, text: str) -> bool:
    """textacy's test: its speaker span overlaps a gold name mention. textacy
    has no entities, so for a source the text never names its span (a word of
    the description) is a stray word, as it would be for kronika."""
    return span is not None and _overlaps(span, name_mentions(text, quote))


def span_speaker(found: Found, quote: GoldQuote) -> bool | None:
    """The old metric: speaker span overlaps the gold local source (None: no gold span)."""
    gold = quote.source or quote.speaker
    if gold is None:
        return None
    span = found.speaker_span
    return span is not None and span[0] < gold[1] and gold[0] < span[1]


# -- systems ------------------------------------------------------------------


def kronika_found(articles: list[Article]) -> Iterator[list[Found]]:
    from kronika.ingest import Item
    from kronika.pipeline import analyze_many

    items = (Item(name=a.key, text=a.text, published=a.published) for a in articles)
    for article, record in zip(articles, analyze_many(items), strict=True):
        entities = {e.id: e for e in record.entities}
        yield [_from_quote(q, entities, article.text) for q in record.quotes]


def _from_quote(quote, entities: dict, text: str) -> Found:
    speaker = quote.speaker
    if speaker is None:
        return Found(quote.start, quote.end, None, lambda gq: False, lambda gq: False)
    entity = entities.get(speaker.entity) if speaker.entity else None
    return Found(
        quote.start,
        quote.end,
        (speaker.start, speaker.end),
        lambda gq: entity_is_person(entity, gq, text),
        lambda gq: entity_is_person(entity, gq, text) or name_is_person(speaker.name, gq, text),
    )


def textacy_found(articles: list[Article], notes: list[str]) -> Iterator[list[Found]]:
    triples = textacy_triples([a.text for a in articles], notes)
    for article, found in zip(articles, triples, strict=True):
        yield [_from_triple(t, article.text) for t in found]


def _from_triple(triple, text: str) -> Found:
    toks = list(triple.speaker)
    span = (min(t.idx for t in toks), max(t.idx + len(t) for t in toks)) if toks else None
    return Found(
        triple.content.start_char,
        triple.content.end_char,
        span,
        lambda gq: span_is_person(span, gq, text),
    )


# -- scoring ------------------------------------------------------------------


@dataclass
class Tally:
    counts: Counter = field(default_factory=Counter)

    def add(self, article: Article, found: list[Found]) -> None:
        for quote, pred in match(article.quotes, found):
            for group in ("all", f"split {article.split}", f"how {quote.how}"):
                self.counts[group, "gold"] += 1
                if pred is None:
                    continue
                self.counts[group, "found"] += 1
                self.counts[group, "right"] += pred.judge(quote)
                if pred.by_name is not None:
                    self.counts[group, "by name"] += pred.by_name(quote)
                old = span_speaker(pred, quote)
                if old is not None:
                    self.counts[group, "span gold"] += 1
                    self.counts[group, "span right"] += old

    def splits(self) -> list[str]:
        """Every split with gold quotes: dev, heldout, fresh, then any other."""
        groups = (g for g, kind in self.counts if kind == "gold" and g.startswith("split "))
        present = {g.removeprefix("split ") for g in groups}
        return [s for s in SPLITS if s in present] + sorted(present - set(SPLITS))

    def row(self) -> dict[str, float | int | str]:
        splits = [f"split {s}" for s in self.splits()]
        # One split only: its rows would repeat "all".
        groups = ["all", *(splits if len(splits) > 1 else []), *(f"how {h}" for h in HOWS)]
        row: dict[str, float | int | str] = {}
        for g in groups:
            gold, found = self.counts[g, "gold"], self.counts[g, "found"]
            if not gold:
                continue
            row[f"{g}: gold quotes"] = gold
            row[f"{g}: coverage"] = found / gold
            row[f"{g}: named-speaker acc"] = self.counts[g, "right"] / found if found else 0.0
            if (g, "by name") in self.counts and not g.startswith("how"):
                row[f"{g}: … by name, no entity needed"] = (
                    self.counts[g, "by name"] / found if found else 0.0
                )
            span_gold = self.counts[g, "span gold"]
            if span_gold:
                row[f"{g}: span speaker acc"] = self.counts[g, "span right"] / span_gold
        return row


def match(gold: list[GoldQuote], found: list[Found]) -> list[tuple[GoldQuote, Found | None]]:
    """Each gold quote with the prediction covering most of it (≥ 0.3), or None.

    Not one to one: a prediction that joins the two halves of a quote around
    its attribution, or the paragraphs of a long quote, is found for each,
    because the question here is who said each gold quote, not how quotes are
    segmented (that is ``kronika eval quotes``). A prediction only counts if
    at least half of it is gold quote text, so one span over the whole article
    finds nothing."""
    quoted = frozenset().union(*(q.chars for q in gold))
    spans = [frozenset(range(f.start, f.end)) for f in found]
    eligible = [bool(span) and len(span & quoted) >= len(span) / 2 for span in spans]
    pairs: list[tuple[GoldQuote, Found | None]] = []
    for quote in gold:
        scored = [(overlap(quote.chars, sp), i) for i, sp in enumerate(spans) if eligible[i]]
        best, i = max(scored, default=(0.0, -1))
        pairs.append((quote, found[i] if i >= 0 and best >= THRESHOLD else None))
    return pairs


def score(articles: list[Article], systems: dict[str, Iterable[list[Found]]]) -> dict:
    out = {}
    for name, predictions in systems.items():
        tally = Tally()
        for article, found in zip(articles, predictions, strict=True):
            tally.add(article, found)
        out[name] = tally.row()
    return out


def evaluate(path: Path, limit: int | None = None) -> Scores:
    kind, articles = read_articles(path, limit)
    n = sum(len(a.quotes) for a in articles)
    scores = Scores(f"Speakers — {kind} gold, {len(articles)} articles, {n} direct quotes")
    systems: dict = {"kronika": kronika_found(articles)}
    if textacy_available():
        systems["textacy"] = textacy_found(articles, scores.notes)
    else:
        scores.notes.append("textacy is not importable: its column is left out")
    scores.systems = score(articles, systems)
    scores.notes.append(
        f"gold: {GOLD[kind].name}; a gold quote is found when a prediction covers ≥ 0.3 of it; "
        "named-speaker acc over found quotes (the speaker entity is the named person, or an "
        "anonymous-source entity when the text names nobody); span speaker acc: the speaker "
        "span overlaps the gold source span (the old metric); see docs/quotes.md"
    )
    if not articles:
        scores.notes.append(f"no annotated article was found in {path}")
    return scores
