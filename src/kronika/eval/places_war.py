"""Places on war reporting: kronika's own annotations of the news CSV.

``data/places_war.jsonl`` holds, per article, its id (as for the claims set:
:func:`kronika.pipeline.document_id` of the ``articles`` column), whether it
is held out (annotated after the rules were tuned), and each toponym's
offsets, GeoNames id where it has one, coordinates and ACLED precision
(1 town, 2 part of a region or a point near a town, 3 region or country).
Never the text: it is read from the CSV given on the command line.

Scored as LGL is (found = a placed name overlaps the gold span; right =
within 161 km), and per gold precision level, with whether the precision
code agrees. The naive baseline (NER + most populous) is scored alongside.
"""

from __future__ import annotations

from pathlib import Path

from kronika.eval import Scores
from kronika.eval.claims import articles
from kronika.gazetteer.geo import distance_km

ANNOTATIONS = Path(__file__).parent / "data" / "places_war.jsonl"
TOLERANCE_KM = 161.0
LEVELS = (1, 2, 3)


class Tally:
    def __init__(self):
        self.gold = self.found = self.right = self.same_precision = 0
        self.levels = {k: [0, 0, 0, 0] for k in LEVELS}  # gold, found, right, same precision

    def add(self, gold: list[dict], guesses: list[tuple[int, int, float, float, int | None]]):
        for g in gold:
            level = self.levels[g["precision"]]
            self.gold += 1
            level[0] += 1
            guess = next((p for p in guesses if p[0] < g["end"] and g["start"] < p[1]), None)
            if guess is None:
                continue
            right = distance_km(g["lat"], g["lon"], guess[2], guess[3]) <= TOLERANCE_KM
            same = guess[4] == g["precision"]
            self.found += 1
            self.right += right
            self.same_precision += right and same
            level[1] += 1
            level[2] += right
            level[3] += right and same

    def row(self) -> dict[str, float | int]:
        row: dict[str, float | int] = {
            "gold toponyms": self.gold,
            "found (recall)": self.found / (self.gold or 1),
            "161 km accuracy, all gold": self.right / (self.gold or 1),
            "161 km accuracy, found": self.right / (self.found or 1),
            "right place and precision, all gold": self.same_precision / (self.gold or 1),
        }
        for k, (gold, found, right, same) in self.levels.items():
            row[f"precision {k}: gold"] = gold
            row[f"precision {k}: 161 km, all gold"] = right / (gold or 1)
            row[f"precision {k}: 161 km, found"] = right / (found or 1)
            row[f"precision {k}: and same precision"] = same / (gold or 1)
        return row


def evaluate(path: Path, limit: int | None = None) -> Scores:
    from kronika.eval.places import naive, pipeline

    items = articles(path, limit, ANNOTATIONS)
    nlp = pipeline(demonyms=False)
    tallies = {name: Tally() for name in ("dev", "held-out", "naive dev", "naive held-out")}
    docs = nlp.pipe((a.text for a in items), batch_size=16)
    for article, doc in zip(items, docs, strict=True):
        split = "held-out" if article.gold.get("heldout") else "dev"
        ours = [
            (p.start, p.end, p.lat, p.lon, p.precision)
            for p in doc._.places or []
            if p.lat is not None
        ]
        tallies[split].add(article.gold["places"], ours)
        base = [(g.start, g.end, g.lat, g.lon, None) for g in naive(doc)]
        tallies[f"naive {split}"].add(article.gold["places"], base)
    counts = {"dev": 0, "held-out": 0}
    for a in items:
        counts["held-out" if a.gold.get("heldout") else "dev"] += 1
    scores = Scores(
        f"Places: war reporting, {counts['dev']} dev + {counts['held-out']} held-out articles"
    )
    for name, tally in tallies.items():
        scores.systems[f"kronika {name}" if "naive" not in name else name] = tally.row()
    scores.notes.append(
        "gold: kronika's annotations (data/places_war.jsonl); held-out = annotated after tuning; "
        "precision = ACLED geo-precision (1 town, 2 near a town / part of a region, 3 region)"
    )
    return scores
