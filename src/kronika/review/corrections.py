"""The typed correction record, its kinds, and the checks on what people type.

A correction names its target by anchor (see :mod:`kronika.review.anchors`), holds
the new value, the author, a UTC time, an optional note and the machine's value it
replaced. Corrections are never edited: a correction of a correction is a new one.
"""

from __future__ import annotations

import math
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from kronika.review.anchors import Anchor

# What each fact kind accepts. "add" writes a fact by hand; "merge"/"split" act on
# cross-document people (kronika.people) and are recorded here like the rest.
ACTIONS: dict[str, tuple[str, ...]] = {
    "quotes": ("speaker", "reject", "restore", "add"),
    "places": ("candidate", "coordinates", "reject", "restore", "add"),
    "times": ("value", "reject", "restore", "add"),
    "claims": ("claimant", "quantity", "reject", "restore", "add"),
    "entities": ("reject", "restore", "merge", "split"),
    "events": ("reject", "restore"),
}
ADDABLE = tuple(kind for kind, actions in ACTIONS.items() if "add" in actions)
MAX_NOTE = 2_000  # characters
MAX_NAME = 200
MAX_AUTHOR = 100


class CorrectionError(ValueError):
    """A correction that cannot be made; the message says why, in one line."""


@dataclass
class Correction:
    doc_id: str
    kind: str
    action: str
    anchor: Anchor
    by: str
    at: str = ""
    value: dict[str, Any] | None = None
    note: str | None = None
    machine: Any = None
    id: int | None = None
    uid: str = field(default_factory=lambda: uuid.uuid4().hex)

    def __post_init__(self) -> None:
        if not self.at:
            self.at = now()

    def to_json(self) -> dict[str, Any]:
        """The exchange form (``kronika export --format corrections``)."""
        a = self.anchor
        return {
            "uid": self.uid,
            "doc_id": self.doc_id,
            "kind": self.kind,
            "action": self.action,
            "anchor": {"start": a.start, "end": a.end, "text": a.text, "context": a.context},
            "value": self.value,
            "machine": self.machine,
            "by": self.by,
            "at": self.at,
            "note": self.note,
            **({"id": self.id} if self.id is not None else {}),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Correction:
        """A correction read from an exchange file, checked as if typed."""
        if not isinstance(data, dict):
            raise CorrectionError("a correction must be a JSON object")
        try:
            kind, action, a = data["kind"], data["action"], data["anchor"]
            anchor = Anchor(kind, int(a["start"]), int(a["end"]), str(a["text"]), str(a["context"]))
            doc_id, at = str(data["doc_id"]), str(data["at"])
        except (KeyError, TypeError, ValueError) as exc:
            raise CorrectionError(f"malformed correction: missing or bad {exc}") from None
        check_action(kind, action)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T[\d:.]+(\+00:00|Z)?", at):
            raise CorrectionError(f"bad time {at[:40]!r}: want UTC ISO 8601")
        uid = str(data.get("uid") or uuid.uuid4().hex)
        if not re.fullmatch(r"[0-9a-f]{32}", uid):
            raise CorrectionError(f"bad uid {uid[:40]!r}: want 32 hex digits")
        value = data.get("value")
        if value is not None and not isinstance(value, dict):
            raise CorrectionError("value must be a JSON object or null")
        return cls(
            doc_id=doc_id,
            kind=kind,
            action=action,
            anchor=anchor,
            by=check_author(data.get("by")),
            at=at,
            value=value,
            note=check_note(data.get("note")),
            machine=data.get("machine"),
            uid=uid,
        )


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def check_action(kind: str, action: str) -> None:
    if kind not in ACTIONS:
        raise CorrectionError(f"unknown fact kind {kind!r}; choose from {', '.join(ACTIONS)}")
    if action not in ACTIONS[kind]:
        raise CorrectionError(
            f"{kind} cannot be corrected with {action!r}; choose from {', '.join(ACTIONS[kind])}"
        )


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def _line(value: Any, what: str, limit: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CorrectionError(f"{what} is empty")
    value = " ".join(value.split())
    if len(value) > limit:
        raise CorrectionError(f"{what} is {len(value):,} characters long; the limit is {limit:,}")
    if _CONTROL.search(value):
        raise CorrectionError(f"{what} holds control or direction-override characters")
    return value


def check_author(value: Any) -> str:
    return _line(value, "author (--by)", MAX_AUTHOR)


def check_name(value: Any) -> str:
    return _line(value, "name", MAX_NAME)


def check_note(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise CorrectionError("note must be text")
    if len(value) > MAX_NOTE:
        raise CorrectionError(f"note is {len(value):,} characters long; the limit is {MAX_NOTE:,}")
    if _CONTROL.search(value.replace("\n", " ").replace("\t", " ")):
        raise CorrectionError("note holds control or direction-override characters")
    return value.strip()


def check_coordinates(lat: Any, lon: Any) -> tuple[float, float]:
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError):
        raise CorrectionError(f"coordinates must be numbers, got {lat!r}, {lon!r}") from None
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise CorrectionError("coordinates must be finite numbers")
    if not -90 <= lat <= 90:
        raise CorrectionError(f"latitude {lat} is off the globe (-90 to 90)")
    if not -180 <= lon <= 180:
        raise CorrectionError(f"longitude {lon} is off the globe (-180 to 180)")
    return lat, lon


def parse_coordinates(text: str) -> tuple[float, float]:
    parts = [p for p in re.split(r"[,\s]+", text.strip()) if p]
    if len(parts) != 2:
        raise CorrectionError(f"coordinates {text[:60]!r}: want LAT,LON")
    return check_coordinates(*parts)


# TIMEX3 values: dates (with X for unknown digits), weeks, seasons, quarters,
# times of day, durations, and the three references.
_TIMEX = re.compile(
    r"(?:(?:\d{4}|\d{3}X|\d{2}XX|XXXX)"
    r"(?:-(?:(?:0[1-9]|1[0-2]|XX)(?:-(?:0[1-9]|[12]\d|3[01]|XX))?|W(?:0[1-9]|[1-4]\d|5[0-3])"
    r"(?:-WE)?|SP|SU|FA|WI|Q[1-4]|H[12]))?"
    r"(?:T(?:MO|AF|EV|NI|DT|(?:[01]\d|2[0-4])(?::[0-5]\d(?::[0-5]\d)?)?))?)"
    r"|P(?:(?:\d+(?:\.\d+)?|X)[YMWD])+(?:T(?:(?:\d+(?:\.\d+)?|X)[HMS])+)?"
    r"|PT(?:(?:\d+(?:\.\d+)?|X)[HMS])+"
    r"|PRESENT_REF|PAST_REF|FUTURE_REF|\d{2}|\d{2}XX"
)


def check_time_value(value: Any) -> str:
    value = _line(value, "time value", 64)
    if not _TIMEX.fullmatch(value):
        raise CorrectionError(
            f"time value {value!r} is not TIMEX3 (e.g. 2024-11-20, 2024-11, 2024-W47, "
            "2024-11-20TNI, P3D, PAST_REF)"
        )
    return value


_NUMBER = r"\d+(?:[.,]\d+)*"
_RANGE = re.compile(rf"\s*({_NUMBER})\s*(?:(?:-|–|to)\s*({_NUMBER}))?\s*")


def check_quantity(value: Any) -> dict[str, Any]:
    """``40`` or ``40-50`` (``40 to 50``): the quantity's text, low and high."""
    text = _line(value, "quantity", 100)
    match = _RANGE.fullmatch(text)
    if not match:
        raise CorrectionError(f"quantity {text!r}: want a number or a range like 40-50")
    low = _number(match.group(1))
    high = _number(match.group(2)) if match.group(2) else low
    if high < low:
        raise CorrectionError(f"quantity {text!r}: the range runs backwards")
    return {"quantity": text, "low": low, "high": high}


def _number(text: str) -> float:
    # "1,200" and "1.200" are thousands; "1.5" a decimal.
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", text):
        return float(re.sub(r"[.,]", "", text))
    return float(text.replace(",", "."))


def parse_span(text: str, length: int) -> tuple[int, int]:
    """``START:END`` (or ``START-END``) within a text of ``length`` characters."""
    match = re.fullmatch(r"\s*(\d+)\s*[:\-–]\s*(\d+)\s*", text)
    if not match:
        raise CorrectionError(f"span {text[:40]!r}: want START:END (character offsets)")
    start, end = int(match.group(1)), int(match.group(2))
    if not start < end <= length:
        raise CorrectionError(f"span {start}:{end} is not inside the text (0:{length})")
    return start, end
