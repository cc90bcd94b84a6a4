"""Toponym resolution on LGL / GeoWebNews XML.

Every gold toponym with coordinates counts. A system *finds* one when one of
its places overlaps the gold span; it is *right* when its coordinates lie
within 161 km (100 miles) of the gold's, the field's usual tolerance.

The naive baseline is scored in the same run: the plain model's GPE and LOC
entities, each resolved to the most populous gazetteer entry of that name.
"""

from __future__ import annotations

import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kronika.components import register_extensions
from kronika.eval import Scores
from kronika.gazetteer.geo import distance_km
from kronika.gazetteer.index import default
from kronika.gazetteer.records import DEMONYM
from kronika.pipeline import MODEL

TOLERANCE_KM = 161.0
SURE = 0.5  # the confident places alone: what "never a confident wrong guess" buys


@dataclass
class Located:
    """A span of text placed on the map: a gold toponym or a system's guess."""

    start: int
    end: int
    geonameid: int | None
    lat: float
    lon: float


Gold = Guess = Located


@dataclass
class Article:
    text: str
    gold: list[Gold]


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    right: int = 0
    exact: int = 0
    errors: list[float] = field(default_factory=list)

    def add(self, gold: list[Gold], guesses: list[Guess]) -> None:
        for g in gold:
            self.gold += 1
            guess = next((p for p in guesses if p.start < g.end and g.start < p.end), None)
            if guess is None:
                continue
            self.found += 1
            km = distance_km(g.lat, g.lon, guess.lat, guess.lon)
            self.errors.append(km)
            self.right += km <= TOLERANCE_KM
            self.exact += guess.geonameid is not None and guess.geonameid == g.geonameid

    def row(self) -> dict[str, float | int | str]:
        found = self.found or 1
        return {
            "gold toponyms": self.gold,
            "found (recall)": self.found / (self.gold or 1),
            "161 km accuracy, all gold": self.right / (self.gold or 1),
            "161 km accuracy, found": self.right / found,
            "exact GeoNames id, found": self.exact / found,
            "median error km, found": round(statistics.median(self.errors), 1)
            if self.errors
            else "",
        }


def read(path: Path, limit: int | None = None) -> Iterator[Article]:
    """Articles of an LGL-format file; toponyms without coordinates are skipped."""
    root = ET.parse(path).getroot()
    for count, article in enumerate(root.iter("article")):
        if limit is not None and count >= limit:
            return
        gold = []
        for top in article.iter("toponym"):
            tag = top.find("gaztag")
            lat = tag.findtext("lat") if tag is not None else None
            if tag is None or not lat:
                continue
            gid = tag.get("geonameid")
            gold.append(
                Gold(
                    int(top.findtext("start")),
                    int(top.findtext("end")),
                    int(gid) if gid else None,
                    float(lat),
                    float(tag.findtext("lon")),
                )  # fmt: skip
            )
        yield Article(article.findtext("text") or "", gold)


@Language.component("kronika_eval_raw_ents")
def keep_raw_ents(doc: Doc) -> Doc:
    """The plain model's entities, before kronika corrects them: the baseline's input."""
    doc.user_data["raw_ents"] = [(e.start_char, e.end_char, e.label_, e.text) for e in doc.ents]
    return doc


def pipeline(demonyms: bool = True) -> Language:
    import kronika.components.entities  # noqa: F401  (registers the factories)
    import kronika.components.places  # noqa: F401

    register_extensions()
    nlp = spacy.load(MODEL)
    nlp.add_pipe("kronika_eval_raw_ents")
    nlp.add_pipe("kronika_entities")
    # LGL annotates demonyms ("Israeli") as the country; kronika's default does not.
    nlp.add_pipe("kronika_places", config={"demonyms": demonyms})
    return nlp


def naive(doc: Doc) -> list[Guess]:
    gazetteer = default()
    guesses = []
    for start, end, label, text in doc.user_data.get("raw_ents", []):
        if label not in {"GPE", "LOC"}:
            continue
        entries = [e for e, kind in gazetteer.lookup(text) if kind != DEMONYM]
        if entries:
            e = max(entries, key=lambda e: e.population)
            guesses.append(Guess(start, end, e.geonameid, e.lat, e.lon))
    return guesses


def evaluate(path: Path, limit: int | None = None) -> Scores:
    if path.suffix == ".csv":  # the news CSV: kronika's own war-reporting annotations
        from kronika.eval import places_war

        return places_war.evaluate(path, limit)
    nlp = pipeline()
    ours, sure, baseline = Tally(), Tally(), Tally()
    articles = list(read(path, limit))
    docs = nlp.pipe((a.text for a in articles), batch_size=16)
    for article, doc in zip(articles, docs, strict=True):
        places = [
            (Guess(p.start, p.end, p.geonameid, p.lat, p.lon), p.confidence)
            for p in doc._.places or []
            if p.lat is not None
        ]
        ours.add(article.gold, [g for g, _ in places])
        sure.add(article.gold, [g for g, c in places if c >= SURE])
        baseline.add(article.gold, naive(doc))
    scores = Scores(f"Places: {path.name}, {len(articles)} articles")
    scores.systems["kronika"] = ours.row()
    scores.systems[f"kronika, confidence ≥ {SURE}"] = sure.row()
    scores.systems["naive (NER + most populous)"] = baseline.row()
    scores.notes.append(
        f"right = within {TOLERANCE_KM:.0f} km of the gold coordinates; gold without coordinates is skipped"
    )
    return scores
