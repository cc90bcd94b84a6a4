"""Events as an ACLED-style CSV: ACLED's column names and precision codes.

Only events that happened and have an ACLED event type are written (ACLED
codes political violence, demonstrations and strategic developments; a
consultation or an accusation has no ACLED type). ``time_precision`` is
ACLED's: 1 the day is known, 2 the week (or only the publication date is
known), 3 the month or a longer period. ``event_date`` is the day, the first
day of the week or month, or the publication date; a time with a part of day
("Saturday afternoon", ``2024-05-25TAF``) or a clock time is that day.
``geo_precision`` is the place's ACLED precision (1 town, 2 district, 3 region).
``fatalities`` is the event's reported death toll (:attr:`Event.fatalities`,
read by the events component from a stated toll of that event only), else 0, as
ACLED codes unknown fatalities; missing, wounded, "losses" and a side's
cumulative claims are never fatalities. The last three columns mark what people
corrected (kronika.review).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable
from typing import TextIO

from kronika.export import register
from kronika.export.marks import flat, marks
from kronika.records import Document, Event

COLUMNS = [
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes",
    "fatalities", "actor1_person", "actor2_person", "reviewed_by", "reviewed_at", "review_note",
]  # fmt: skip
# actor1_person / actor2_person (not ACLED's): the actors' kronika person ids, which
# stay the same across documents and transliterations (kronika.people).
# reviewed_by / reviewed_at / review_note (not ACLED's): who corrected the event or a
# fact it uses (place, time, actors, death toll's claim), when (the latest), and what;
# empty where the machine's values stand (kronika.export.marks).
SEASONS = {"SP": "03", "SU": "06", "FA": "09", "WI": "12"}  # TIMEX3 seasons → first month
SENTENCE_END = re.compile(r"(?<=[.!?»”])\s+(?=[A-Z“«\"])|\n+")


def rows(doc: Document) -> Iterable[dict[str, object]]:
    names = {e.id: e.name for e in doc.entities}
    persons = {e.id: e.person or "" for e in doc.entities}
    for event in doc.events:
        if event.status != "occurred" or not event.acled_type:
            continue
        yield {**row(doc, event, names), **_persons(event, persons), **flat(marks(doc, event))}


def _persons(event: Event, persons: dict[str, str]) -> dict[str, str]:
    return {
        "actor1_person": persons.get(event.actors[0], "") if event.actors else "",
        "actor2_person": persons.get(event.recipients[0], "") if event.recipients else "",
    }


def row(doc: Document, event: Event, names: dict[str, str]) -> dict[str, object]:
    date, precision = _date(doc, event)
    place = doc.places[event.place] if event.place is not None else None
    sentence = _sentence(doc.text, event.start, event.end)
    return {
        "event_date": date,
        "time_precision": precision,
        "event_type": event.acled_type,
        "sub_event_type": event.acled_subtype,
        "actor1": names.get(event.actors[0], "") if event.actors else "",
        "actor2": names.get(event.recipients[0], "") if event.recipients else "",
        "admin1": (place.admin1 or "") if place else "",
        "location": place.name if place else "",
        "latitude": place.lat if place and place.lat is not None else "",
        "longitude": place.lon if place and place.lon is not None else "",
        "geo_precision": (place.precision or "") if place else "",
        "source": doc.source or doc.url or doc.title or doc.id,
        "notes": sentence[0],
        "fatalities": event.fatalities or 0,
    }


def _date(doc: Document, event: Event) -> tuple[str, int]:
    value = (doc.times[event.time].value or "") if event.time is not None else ""
    day = re.match(r"\d{4}-\d{2}-\d{2}(?=$|T)", value)  # "2024-05-25TAF": that day
    if day:
        return day[0], 1
    week = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if week:
        return dt.date.fromisocalendar(int(week[1]), int(week[2]), 1).isoformat(), 2
    month = re.fullmatch(r"(\d{4})-(\d{2}|SP|SU|FA|WI)", value)
    if month:
        return f"{month[1]}-{SEASONS.get(month[2], month[2])}-01", 3
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-01-01", 3
    published = (doc.published or "")[:10]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", published):
        return published, 2
    return "", 3


def _sentence(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The sentence around an event, with its offsets."""
    left = max((m.end() for m in SENTENCE_END.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in SENTENCE_END.finditer(text, end)), len(text))
    return " ".join(text[left:right].split()), left, right


def write_acled(documents: Iterable[Document], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for doc in documents:
        writer.writerows(rows(doc))
        count += 1
    return count


register("acled-csv", write_acled)
