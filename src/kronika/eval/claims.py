"""Numeric claims on kronika's own annotations of the news CSV.

The annotations (``data/news_dev.jsonl``) hold, per article, its id (the
:func:`kronika.pipeline.document_id` of the ``articles`` column), and the
offsets and types of its claims and events: never the text, which is read from
the CSV given on the command line. A predicted claim matches a gold one when
their spans overlap (one to one). Spans of spaCy's CARDINAL, MONEY, PERCENT
and QUANTITY entities are scored in the same run as a baseline.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kronika.eval import Scores, prf

ANNOTATIONS = Path(__file__).parent / "data" / "news_dev.jsonl"
NUMERIC_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}


@dataclass
class Article:
    id: str
    text: str
    published: str | None
    gold: dict


def articles(
    path: Path, limit: int | None = None, annotations: Path = ANNOTATIONS
) -> list[Article]:
    """The annotated articles of the CSV at ``path``, joined by id, in annotation order."""
    from kronika.pipeline import document_id

    gold = [json.loads(line) for line in annotations.read_text("utf-8").splitlines() if line]
    csv.field_size_limit(1 << 30)
    rows = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            text = row.get("articles") or ""
            rows.setdefault(document_id(text), row)
    found = [
        Article(g["id"], rows[g["id"]]["articles"], rows[g["id"]].get("published"), g)
        for g in gold
        if g["id"] in rows
    ]
    return found[:limit] if limit else found


def analysed(items: list[Article]) -> Iterator:
    from kronika.ingest import Item
    from kronika.pipeline import analyze_many

    batch = [Item(name=a.id, text=a.text, published=a.published) for a in items]
    yield from analyze_many(batch)


def match(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> dict[int, int]:
    """Greedy one-to-one matching of overlapping spans: {pred index: gold index}."""
    pairs, used = {}, set()
    for p, (ps, pe) in enumerate(pred):
        for g, (gs, ge) in enumerate(gold):
            if g not in used and gs < pe and ps < ge:
                pairs[p] = g
                used.add(g)
                break
    return pairs


class Tally:
    """True/false positives and false negatives, overall and by type."""

    def __init__(self):
        self.tp, self.fp, self.fn = Counter(), Counter(), Counter()

    def add(self, gold_types: list[str], pred_types: list[str], pairs: dict[int, int]) -> None:
        for p, kind in enumerate(pred_types):
            if p in pairs:
                self.tp[gold_types[pairs[p]]] += 1
            else:
                self.fp[kind] += 1
        for g, kind in enumerate(gold_types):
            if g not in pairs.values():
                self.fn[kind] += 1

    def metrics(self, types: list[str]) -> dict[str, float | int]:
        tp, fp, fn = (sum(c.values()) for c in (self.tp, self.fp, self.fn))
        p, r, f = prf(tp, fp, fn)
        out: dict[str, float | int] = {"precision": p, "recall": r, "F1": f}
        for kind in types:
            kp, kr, kf = prf(self.tp[kind], self.fp[kind], self.fn[kind])
            out[f"{kind} P/R/F1"] = f"{kp:.2f}/{kr:.2f}/{kf:.2f}"  # type: ignore[assignment]
        out["gold"], out["predicted"] = tp + fn, tp + fp
        return out


def evaluate(path: Path, limit: int | None = None) -> Scores:
    from kronika.components.claims import claim_kind
    from kronika.pipeline import load

    # Articles annotated for events only (the held-out ones of issue 15) hold no claims key.
    items = [a for a in articles(path, limit) if "claims" in a.gold]
    plain = load(())
    ours, base = Tally(), Tally()
    for item, doc in zip(items, analysed(items), strict=True):
        gold = item.gold["claims"]
        spans = [(c["start"], c["end"]) for c in gold]
        types = [c["type"] for c in gold]
        pred = [(c.start, c.end) for c in doc.claims]
        ours.add(types, [claim_kind(c) for c in doc.claims], match(spans, pred))
        ents = [e for e in plain(item.text).ents if e.label_ in NUMERIC_LABELS]
        base_spans = [(e.start_char, e.end_char) for e in ents]
        base.add(types, [_base_kind(e.label_) for e in ents], match(spans, base_spans))
    kinds = sorted(set(ours.tp) | set(ours.fn) | set(ours.fp))
    scores = Scores(f"Claims on {len(items)} annotated articles of {path.name} (span overlap)")
    scores.systems = {"kronika": ours.metrics(kinds), "spaCy numeric entities": base.metrics(kinds)}
    scores.notes.append(f"annotations: {ANNOTATIONS.name}; see docs/events.md for the guidelines")
    if len(items) < (limit or 25):
        scores.notes.append(f"only {len(items)} annotated articles were found in {path}")
    return scores


def _base_kind(label: str) -> str:
    return {"MONEY": "money", "PERCENT": "percent", "QUANTITY": "measure"}.get(label, "count")
