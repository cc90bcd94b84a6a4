"""Events on kronika's own annotations of the news CSV.

Gold events are trigger spans with a PLOVER category and a status (see
``docs/events.md``). A predicted event matches a gold one when their spans
overlap (one to one): trigger precision, recall and F1 count matches, type
accuracy is the share of matched events whose PLOVER category agrees, status
accuracy the share whose status agrees. Precision and recall by category use
the gold category for matches and misses, the predicted one for false alarms.
"""

from __future__ import annotations

from pathlib import Path

from kronika.eval import Scores
from kronika.eval.claims import Tally, analysed, articles, match


def evaluate(path: Path, limit: int | None = None) -> Scores:
    items = articles(path, limit)
    tally = Tally()
    typed = statused = matched = 0
    for item, doc in zip(items, analysed(items), strict=True):
        gold = item.gold["events"]
        spans = [(e["start"], e["end"]) for e in gold]
        pairs = match(spans, [(e.start, e.end) for e in doc.events])
        tally.add([e["plover"] for e in gold], [e.plover for e in doc.events], pairs)
        for p, g in pairs.items():
            matched += 1
            typed += doc.events[p].plover == gold[g]["plover"]
            statused += doc.events[p].status == gold[g]["status"]
    kinds = sorted(set(tally.tp) | set(tally.fn) | set(tally.fp))
    metrics = tally.metrics(kinds)
    metrics = {
        "trigger precision": metrics.pop("precision"),
        "trigger recall": metrics.pop("recall"),
        "trigger F1": metrics.pop("F1"),
        "type accuracy (PLOVER)": typed / matched if matched else 0.0,
        "status accuracy": statused / matched if matched else 0.0,
        **metrics,
    }
    scores = Scores(f"Events on {len(items)} annotated articles of {path.name} (trigger overlap)")
    scores.systems = {"kronika": metrics}
    scores.notes.append("per-category cells are precision/recall/F1 of triggers by PLOVER category")
    return scores
