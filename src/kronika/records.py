"""Typed records: the one format kronika reads, stores and exports.

Every record that points into a text has ``start`` and ``end``: character
offsets into the document's ``text`` *as received*. Components produce records
with offsets into the repaired text; :mod:`kronika.pipeline` maps them back.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1


@dataclass
class Repair:
    """One change made to the text before analysis; reversible by construction."""

    kind: str
    start: int
    end: int
    before: str
    after: str


@dataclass
class Review:
    """A person's correction on a fact (kronika.review): who, when, why, and the
    machine's values of the fields it changed (``None`` for a fact added by hand)."""

    by: str
    at: str
    note: str | None = None
    machine: Any = None
    action: str = ""
    corrections: list[int] = field(default_factory=list)


@dataclass
class Mention:
    start: int
    end: int
    text: str = ""
    # How this span refers to its entity: name, surname, first_name, callsign,
    # apposition, description or pronoun (None: a name, as found by NER).
    how: str | None = None


@dataclass
class Description:
    """Something the text says of a person or unit (age, origin, ethnicity,
    role, unit, other), with its source span."""

    kind: str
    text: str
    start: int
    end: int


@dataclass
class Entity:
    """A person, organisation, armed unit, group or place, merged over its mentions."""

    id: str
    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    callsigns: list[str] = field(default_factory=list)
    descriptions: list[Description] = field(default_factory=list)
    # A source the text never names ("a senior officer who asked not to be
    # named"): ``name`` is its description.
    anonymous: bool = False
    # The cross-document identity the store gave this entity (kronika.people).
    person: str | None = None
    reviewed: Review | None = None


@dataclass
class Speaker:
    name: str
    entity: str | None
    start: int
    end: int
    # Which sieve found the speaker: name, callsign, apposition, description,
    # pronoun, continuation, only_candidate or anonymous.
    how: str | None = None
    confidence: float | None = None
    # A disagreement kept for the reader, e.g. "gender" when "she says" of a man.
    flag: str | None = None


@dataclass
class Quote:
    start: int
    end: int
    text: str
    direct: bool
    speaker: Speaker | None = None
    cue: str | None = None
    descriptor: str | None = None
    reviewed: Review | None = None
    # Who reports the attribution itself ('…,” he said, Reuters reported',
    # 'according to a statement from X'): the outlet or document, not the speaker.
    via: Speaker | None = None


@dataclass
class Place:
    start: int
    end: int
    text: str
    name: str
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature: str | None = None
    precision: int | None = None
    confidence: float = 0.0
    metonymy: bool = False
    # False: the text uses the name as a place but the gazetteer cannot place it
    # (lat/lon null); ``reason`` says why and ``candidates`` what was considered.
    resolved: bool = True
    reason: str | None = None
    candidates: list[str] = field(default_factory=list)
    # Named, but not where things happen: "origin" ("London-based"), "mission"
    # ("Russia's embassy"), "name" (inside an organisation's name).
    role: str | None = None
    reviewed: Review | None = None


@dataclass
class Time:
    start: int
    end: int
    text: str
    type: str
    value: str
    anchor: str | None = None
    certain: bool = True
    note: str | None = None  # why a value is left unresolved
    reviewed: Review | None = None


@dataclass
class Claim:
    start: int
    end: int
    text: str
    quantity: str | None = None
    low: float | None = None
    high: float | None = None
    approximate: bool = False
    hedge: str | None = None
    unit: str | None = None
    rate: str | None = None
    speaker: str | None = None
    # The claimant's entity id, when the claimant is a person or unit of the document.
    claimant: str | None = None
    reviewed: Review | None = None


@dataclass
class Event:
    start: int
    end: int
    text: str
    plover: str
    acled_type: str | None = None
    acled_subtype: str | None = None
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    place: int | None = None
    time: int | None = None
    status: str = "occurred"
    confidence: float = 0.0
    # The reported death toll of this event (None: none stated), and the index of the
    # claim it was read from in ``Document.claims``.
    fatalities: int | None = None
    fatalities_claim: int | None = None
    reviewed: Review | None = None


FACT_KINDS = ("entities", "quotes", "places", "times", "claims", "events")


@dataclass
class Rejected:
    """A fact a person rejected: out of its list (so nothing counts it), kept here
    with its review so that it can be restored."""

    kind: str
    fact: dict[str, Any]
    reviewed: Review


@dataclass
class Document:
    """One analysed article. ``text`` is the text as received; offsets index it."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = "en"
    repairs: list[Repair] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return to_json(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return from_dict(cls, data)


def to_json(value: Any) -> Any:
    """A record's JSON form: like ``dataclasses.asdict`` without its deep copies,
    which cost more than the rest of storing a document."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: to_json(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    return value


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


_NESTED: dict[tuple[type, str], type] = {}


def from_dict(cls: type, data: dict[str, Any]) -> Any:
    """Rebuild a record (and the records nested in it) from its JSON form."""
    kwargs = {}
    for f in dataclasses.fields(cls):
        if f.name not in data:
            continue
        kwargs[f.name] = _revive(cls, f.name, data[f.name])
    return cls(**kwargs)


def _revive(cls: type, name: str, value: Any) -> Any:
    target = _NESTED.get((cls, name))
    if target is None or value is None:
        return value
    if isinstance(value, list):
        return [from_dict(target, v) for v in value]
    return from_dict(target, value)


_NESTED.update(
    {
        (Document, "repairs"): Repair,
        (Document, "entities"): Entity,
        (Document, "quotes"): Quote,
        (Document, "places"): Place,
        (Document, "times"): Time,
        (Document, "claims"): Claim,
        (Document, "events"): Event,
        (Entity, "mentions"): Mention,
        (Entity, "descriptions"): Description,
        (Quote, "speaker"): Speaker,
        (Quote, "via"): Speaker,
        (Document, "rejected"): Rejected,
        (Rejected, "reviewed"): Review,
        **{(kind, "reviewed"): Review for kind in (Entity, Quote, Place, Time, Claim, Event)},
    }
)


def map_offsets(record: Any, start_of, end_of, _seen: set[int] | None = None) -> None:
    """Rewrite ``start``/``end`` of a record and of every record nested in it.

    A record shared by two facts (one speaker for two quotes) is mapped once.
    """
    seen = set() if _seen is None else _seen
    if isinstance(record, list):
        for item in record:
            map_offsets(item, start_of, end_of, seen)
        return
    if not dataclasses.is_dataclass(record) or id(record) in seen:
        return
    seen.add(id(record))
    if isinstance(getattr(record, "start", None), int) and isinstance(
        getattr(record, "end", None), int
    ):
        record.start, record.end = start_of(record.start), end_of(record.end)
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        if isinstance(value, list) or dataclasses.is_dataclass(value):
            map_offsets(value, start_of, end_of, seen)
