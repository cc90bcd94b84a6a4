"""Check each metadata value where it enters (CLI options, JSONL/CSV fields, the web
form): a bad value is refused with a reason naming it, never stored as it came.

Accepted forms (documented in the README):

- ``published``: an ISO date ``YYYY-MM-DD`` that exists in the calendar, or an ISO
  date-time (``2024-05-26T10:30:00Z``, ``2024-05-26 10:30``), of which the date is kept.
- ``language``: an ISO 639-1 or 639-3 code, with an optional region or script
  (``en``, ``uk``, ``pt-BR``, ``zh-Hant``), kept lower-case before the first hyphen.
- ``url``: an absolute ``http(s)://`` address without spaces.
- ``id``: up to 200 printable characters without spaces.
"""

from __future__ import annotations

import datetime as dt
import re

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_TIME = re.compile(r"[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")
_LANGUAGE = re.compile(r"([A-Za-z]{2,3})((?:[-_][A-Za-z0-9]{2,8})*)")
_URL = re.compile(r"https?://[^\s/?#]+[^\s]*", re.IGNORECASE)
_ID = re.compile(r"[^\s\x00-\x1f\x7f]{1,200}")
DATE_HINT = "give a date as YYYY-MM-DD"


class BadValue(ValueError):
    """A metadata value that cannot be taken: the message names the value and why."""


def iso_date(value: str) -> str:
    """``YYYY-MM-DD`` for an ISO date or date-time that is a real calendar date."""
    text = str(value).strip()
    match = _DATE.match(text)
    if not match or (match.end() < len(text) and not _TIME.fullmatch(text[match.end() :])):
        raise BadValue(f"{value!r} is not a date ({DATE_HINT})")
    year, month, day = (int(g) for g in match.groups())
    try:
        dt.date(year, month, day)
    except ValueError:
        raise BadValue(f"{value!r} is not a date in the calendar") from None
    return match.group()


def language_code(value: str) -> str:
    """A language code, checked against ISO 639 (``en``, ``uk``, ``pt-BR``)."""
    text = str(value).strip()
    match = _LANGUAGE.fullmatch(text)
    if not match or not _is_language(match.group(1).lower()):
        raise BadValue(f"{value!r} is not a language code (e.g. en, uk, ru, pt-BR)")
    return match.group(1).lower() + match.group(2).replace("_", "-")


def _is_language(code: str) -> bool:
    import pycountry

    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    return bool(found or (len(code) == 3 and pycountry.languages.get(alpha_3=code)))


def http_url(value: str) -> str:
    text = str(value).strip()
    if not _URL.fullmatch(text):
        raise BadValue(f"{_short(value)!r} is not an http(s):// address")
    return text


def record_id(value: str) -> str:
    text = str(value).strip()
    if not _ID.fullmatch(text):
        raise BadValue(f"{_short(value)!r} is not an id (1-200 characters, no spaces)")
    return text


CHECKS = {"published": iso_date, "language": language_code, "url": http_url, "id": record_id}


def checked_fields(values: dict[str, str | None]) -> dict[str, str | None]:
    """The values with each known field checked and normalised; raises
    :class:`BadValue` naming the first bad field."""
    out = dict(values)
    for key, check in CHECKS.items():
        if out.get(key) is not None:
            try:
                out[key] = check(out[key])
            except BadValue as exc:
                raise BadValue(f"{key}: {exc}") from None
    return out


def _short(value) -> str:
    text = str(value)
    return text if len(text) <= 80 else text[:79] + "…"
