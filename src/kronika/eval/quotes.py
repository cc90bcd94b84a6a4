"""Quotes and speakers on PolNeAR (brat standoff), kronika next to textacy.

Layout: ``DIR/text/NAME.txt`` and ``DIR/attributions/NAME_*.ann`` (the first
``.ann`` of an article in sorted order is used when several annotators worked
on it). ``T`` lines are ``Source|Cue|Content START END[;START END…]`` spans,
``E`` lines join one attribution. A discontinuous span counts as the set of its
characters.

Matching, per article and per overlap threshold *t*:

- ``overlap(gold, pred) = |gold ∩ pred| / |gold|`` over character sets: the
  share of the gold content that the prediction covers (the Gender Gap
  Tracker's definition, so its published figures compare).
- Gold contents are taken in order; each is matched to the unmatched
  prediction of highest overlap, if that overlap is ≥ *t*. Matching is one to
  one, so a prediction that swallows two gold quotes matches one of them.
- Precision = matched / predictions, recall = matched / gold.
- Speaker accuracy, over matched pairs whose gold attribution has a Source: the
  predicted speaker's span overlaps the gold Source span, or the last word of
  the predicted speaker's name (not a pronoun) is a word of the gold Source
  (words compared without a possessive or punctuation: "Reyes’s," is "reyes").

"Direct" keeps gold contents and predictions whose text begins or ends with a
quotation mark (PolNeAR's definition, applied to both sides alike); "all" keeps
everything.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kronika.components.quotes_marks import is_direct
from kronika.eval import Scores, prf

THRESHOLDS = (0.3, 0.8)
CATEGORIES = ("direct", "all")
POSSESSIVE = re.compile(r"(?:[’']s?)$")
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "who", "that"}


@dataclass
class Attribution:
    """One gold or predicted attribution as character sets."""

    content: frozenset[int]
    text: str
    source: frozenset[int] = frozenset()
    source_text: str = ""
    speaker_name: str = ""

    @property
    def direct(self) -> bool:
        return is_direct(self.text)


@dataclass
class Article:
    name: str
    text: str
    gold: list[Attribution]


def read_polnear(path: Path, limit: int | None = None) -> Iterator[Article]:
    for txt in sorted((path / "text").glob("*.txt"))[:limit]:
        anns = sorted((path / "attributions").glob(f"{txt.stem}_*.ann"))
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        yield Article(txt.stem, text, read_ann(anns[0].read_text(encoding="utf-8"), text))


def read_ann(ann: str, text: str) -> list[Attribution]:
    spans: dict[str, tuple[str, frozenset[int]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, where = parts[1].partition(" ")
            spans[parts[0]] = (label, _chars(where))
        elif parts[0].startswith("E"):
            events.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    out = []
    for event in events:
        roles = {re.sub(r"\d+$", "", role): ref for role, ref in event.items()}
        if "Content" not in roles or roles["Content"] not in spans:
            continue
        content = spans[roles["Content"]][1]
        source = spans.get(roles.get("Source", ""), ("", frozenset()))[1]
        out.append(Attribution(content, _text(text, content), source, _text(text, source)))
    return out


def _chars(where: str) -> frozenset[int]:
    chars: set[int] = set()
    for frag in where.split(";"):
        start, end = (int(x) for x in frag.split())
        chars.update(range(start, end))
    return frozenset(chars)


def _text(text: str, chars: frozenset[int]) -> str:
    return text[min(chars) : max(chars) + 1] if chars else ""


def overlap(gold: frozenset[int], pred: frozenset[int]) -> float:
    """|gold ∩ pred| / |gold|: the share of the gold span the prediction covers."""
    return len(gold & pred) / len(gold) if gold else 0.0


def speaker_matches(gold: Attribution, pred: Attribution) -> bool:
    if gold.source & pred.source:
        return True
    gold_words = {_bare(w) for w in gold.source_text.split()} - PRONOUNS
    pred_words = pred.speaker_name.lower().split()
    # The predicted speaker's surname among the gold Source's words ("Megan
    # Greene, chief economist at …" and "Greene").
    return bool(pred_words) and pred_words[-1] not in PRONOUNS and pred_words[-1] in gold_words


def _bare(word: str) -> str:
    """'Bolton’s' → 'bolton', 'Ramos,' → 'ramos': the possessive and punctuation
    go, a final s of the name stays."""
    return POSSESSIVE.sub("", word.strip(",.;:()").lower())


def score_article(counts: Counter, gold: list[Attribution], pred: list[Attribution]) -> None:
    """Add one article's matches to ``counts``, per category and threshold."""
    for category in CATEGORIES:
        g = [a for a in gold if category == "all" or a.direct]
        p = [a for a in pred if category == "all" or a.direct]
        for t in THRESHOLDS:
            matched = _match(g, p, t)
            counts[category, t, "tp"] += len(matched)
            counts[category, t, "fp"] += len(p) - len(matched)
            counts[category, t, "fn"] += len(g) - len(matched)
            sourced = [(a, b) for a, b in matched if a.source]
            counts[category, t, "sourced"] += len(sourced)
            counts[category, t, "speaker"] += sum(speaker_matches(a, b) for a, b in sourced)
        counts[category, "gold"] += len(g)
        counts[category, "pred"] += len(p)


def _match(gold: list[Attribution], pred: list[Attribution], t: float):
    free = list(pred)
    pairs = []
    for g in gold:
        scored = [(overlap(g.content, p.content), i) for i, p in enumerate(free)]
        best = max(scored, default=(0.0, -1))
        if best[1] >= 0 and best[0] >= t:
            pairs.append((g, free.pop(best[1])))
    return pairs


def table(counts: Counter) -> dict[str, float | int]:
    row: dict[str, float | int] = {}
    for category in CATEGORIES:
        row[f"{category}: gold / predicted"] = (
            f"{counts[category, 'gold']} / {counts[category, 'pred']}"
        )
        for t in THRESHOLDS:
            p, r, f = prf(*(counts[category, t, x] for x in ("tp", "fp", "fn")))
            row[f"{category} P @{t}"] = p
            row[f"{category} R @{t}"] = r
            row[f"{category} F1 @{t}"] = f
            sourced = counts[category, t, "sourced"]
            row[f"{category} speaker acc @{t}"] = (
                counts[category, t, "speaker"] / sourced if sourced else 0.0
            )
    return row


def kronika_predictions(articles: list[Article]) -> Iterator[list[Attribution]]:
    from kronika.ingest import Item
    from kronika.pipeline import analyze_many, load

    # Quotes read only the entities: the other components are left out for speed.
    nlp = load(("kronika_entities", "kronika_quotes"))
    items = (Item(name=a.name, text=a.text) for a in articles)
    for doc in analyze_many(items, nlp):
        yield [_from_quote(q) for q in doc.quotes]


def _from_quote(q) -> Attribution:
    content = frozenset(range(q.start, q.end))
    if q.speaker is None:
        return Attribution(content, q.text)
    # PolNeAR's source of a reported attribution ('…, X said, according to
    # CNN') is the outlet: kronika keeps it on ``via``, beside the speaker X.
    source_of = q.via if q.via is not None and q.via.start is not None else q.speaker
    source = frozenset(range(source_of.start, source_of.end))
    return Attribution(content, q.text, source, "", source_of.name)


def textacy_predictions(articles: list[Article], notes: list[str]) -> Iterator[list[Attribution]]:
    for triples in textacy_triples([a.text for a in articles], notes):
        yield [_from_triple(t) for t in triples]


def textacy_triples(texts: list[str], notes: list[str]) -> Iterator[list]:
    """textacy's direct quotations of each text, on the plain spaCy model."""
    import spacy
    from textacy.extract.triples import direct_quotations

    from kronika.pipeline import MODEL

    nlp = spacy.load(MODEL)
    failed = 0
    for doc in nlp.pipe(texts):
        try:
            yield list(direct_quotations(doc))
        except ValueError:  # an odd number of quotation marks
            failed += 1
            yield []
    if failed:
        notes.append(f"textacy raised ValueError on {failed} article(s); scored as finding nothing")


def _from_triple(triple) -> Attribution:
    content = frozenset(range(triple.content.start_char, triple.content.end_char))
    speaker = frozenset(i for tok in triple.speaker for i in range(tok.idx, tok.idx + len(tok)))
    name = " ".join(tok.text for tok in triple.speaker)
    return Attribution(content, triple.content.text, speaker, "", name)


def textacy_available() -> bool:
    try:
        import textacy.extract.triples  # noqa: F401
    except ImportError:
        return False
    return True


def evaluate(path: Path, limit: int | None = None) -> Scores:
    articles = list(read_polnear(path, limit))
    scores = Scores(f"Quotes — PolNeAR {path.name}, {len(articles)} articles")
    systems = {"kronika": lambda: kronika_predictions(articles)}
    if textacy_available():
        systems["textacy"] = lambda: textacy_predictions(articles, scores.notes)
    else:
        scores.notes.append(
            "textacy is not importable: its column is left out (pip install textacy)"
        )
    for name, predict in systems.items():
        counts: Counter = Counter()
        for article, pred in zip(articles, predict(), strict=True):
            score_article(counts, article.gold, pred)
        scores.systems[name] = table(counts)
    scores.notes.append(
        "overlap = |gold ∩ predicted| / |gold| in characters, one-to-one matching; "
        "direct = content begins or ends with a quotation mark; speaker accuracy over matched "
        "quotes whose gold attribution names a source"
    )
    return scores
