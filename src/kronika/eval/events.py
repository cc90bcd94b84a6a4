"""Events on kronika's own annotations of the news CSV.

Gold events are trigger spans with a PLOVER category, a status, the event's date
and its reported death toll (see ``docs/events.md``). A predicted event matches a
gold one when their spans overlap (one to one): trigger precision, recall and F1
count matches, type accuracy is the share of matched events whose PLOVER category
agrees, status accuracy the share whose status agrees. Precision and recall by
category use the gold category for matches and misses, the predicted one for
false alarms.

Fatality accuracy is the share of matched events whose ``fatalities`` equals the
gold toll (no toll on both counts); "of stated tolls" reads only the gold events
that have one. Date accuracy compares the event's date (its time's value without
the part of day) with the gold date the same way. "ACLED rows with a toll not in
gold" counts the rows of the ACLED export whose fatalities are not the annotated
toll of a matching gold event: it must stay 0. Articles marked ``heldout`` (the
last annotated, after tuning) are scored in their own column.
"""

from __future__ import annotations

import re
from pathlib import Path

from kronika.eval import Scores
from kronika.eval.claims import Tally, analysed, articles, match

DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2}(?:-WE)?|-(?:SP|SU|FA|WI))?(?=$|T)")


class _Split:
    def __init__(self):
        self.tally = Tally()
        self.counts = dict.fromkeys(
            ("matched", "typed", "statused", "fatal", "fatal_ok", "tolls", "tolls_ok",
             "dated", "dated_ok", "dates", "dates_ok", "invented", "articles"), 0
        )  # fmt: skip

    def add(self, gold: list[dict], doc) -> None:
        c = self.counts
        c["articles"] += 1
        spans = [(e["start"], e["end"]) for e in gold]
        pairs = match(spans, [(e.start, e.end) for e in doc.events])
        self.tally.add([e["plover"] for e in gold], [e.plover for e in doc.events], pairs)
        for p, g in pairs.items():
            event, want = doc.events[p], gold[g]
            c["matched"] += 1
            c["typed"] += event.plover == want["plover"]
            c["statused"] += event.status == want["status"]
            if "fatalities" in want:
                ok = event.fatalities == want["fatalities"]
                c["fatal"] += 1
                c["fatal_ok"] += ok
                if want["fatalities"] is not None:
                    c["tolls"] += 1
                    c["tolls_ok"] += ok
            if "date" in want:
                ok = event_date(doc, event) == normal_date(want["date"])
                c["dated"] += 1
                c["dated_ok"] += ok
                if want["date"] is not None:
                    c["dates"] += 1
                    c["dates_ok"] += ok
        c["invented"] += _invented(gold, doc, pairs)

    def metrics(self) -> dict:
        c = self.counts
        kinds = sorted(set(self.tally.tp) | set(self.tally.fn) | set(self.tally.fp))
        m = self.tally.metrics(kinds)
        return {
            "articles": c["articles"],
            "trigger precision": m.pop("precision"),
            "trigger recall": m.pop("recall"),
            "trigger F1": m.pop("F1"),
            "type accuracy (PLOVER)": _share(c["typed"], c["matched"]),
            "status accuracy": _share(c["statused"], c["matched"]),
            "fatality accuracy": _share(c["fatal_ok"], c["fatal"]),
            "fatality accuracy of stated tolls": _share(c["tolls_ok"], c["tolls"]),
            "stated tolls (gold, matched)": c["tolls"],
            "date accuracy": _share(c["dated_ok"], c["dated"]),
            "date accuracy of stated dates": _share(c["dates_ok"], c["dates"]),
            "stated dates (gold, matched)": c["dates"],
            "ACLED rows with a toll not in gold": c["invented"],
            **m,
        }


def _share(n: int, d: int) -> float:
    return n / d if d else 0.0


def normal_date(value: str | None) -> str | None:
    """A time value's date: "2024-05-25TAF" → "2024-05-25"; durations, sets → None."""
    found = DATE.match(value or "")
    return found[0] if found else None


def event_date(doc, event) -> str | None:
    if event.time is None:
        return None
    time = doc.times[event.time]
    return normal_date(time.value) if time.type in ("DATE", "TIME") else None


def _invented(gold: list[dict], doc, pairs: dict[int, int]) -> int:
    """ACLED-exported events with a toll that is not the matching gold event's toll."""
    from kronika.export.acled import rows

    exported = {id(r["_event"]): r for r in _rows_with_events(doc, rows)}
    count = 0
    for p, event in enumerate(doc.events):
        row = exported.get(id(event))
        if row is None or not row["fatalities"]:
            continue
        want = gold[pairs[p]] if p in pairs else {}
        count += want.get("fatalities") != row["fatalities"]
    return count


def _rows_with_events(doc, rows):
    occurred = [e for e in doc.events if e.status == "occurred" and e.acled_type]
    for event, row in zip(occurred, rows(doc), strict=True):
        yield {**row, "_event": event}


def evaluate(path: Path, limit: int | None = None) -> Scores:
    items = articles(path, limit)
    splits = {"all": _Split(), "dev": _Split(), "held-out": _Split()}
    for item, doc in zip(items, analysed(items), strict=True):
        gold = item.gold["events"]
        splits["all"].add(gold, doc)
        splits["held-out" if item.gold.get("heldout") else "dev"].add(gold, doc)
    scores = Scores(f"Events on {len(items)} annotated articles of {path.name} (trigger overlap)")
    scores.systems = {
        f"kronika ({name})": split.metrics()
        for name, split in splits.items()
        if split.counts["articles"]
    }
    scores.notes.append("per-category cells are precision/recall/F1 of triggers by PLOVER category")
    scores.notes.append("held-out: the articles annotated last, after tuning (heldout in the gold)")
    return scores
