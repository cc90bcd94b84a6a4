"""Calendar arithmetic shared by the time normalisers: the context an expression
is resolved in, the value it gets, and helpers from words to numbers, units and
TIMEX3 strings at a granularity."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kronika.components.times_lexicon import SMALL, TIME_UNITS, UNITS, VAGUE, year_number

# A season year runs spring to winter: 2023-WI is December 2023 to February 2024.
SEASON_ORDER = ["SP", "SU", "FA", "WI"]
PAST_WORDS = {"last", "past", "previous", "recent"}
NEXT_WORDS = {"next", "coming", "following", "upcoming"}


@dataclass
class Context:
    anchor: dt.date | None
    tense: str | None = None  # "past", "present", "future" or None
    context_year: int | None = None
    # A quarter named just before ("2023-Q3"): "a year earlier" in earnings
    # reports means that quarter a year before.
    reference_quarter: str | None = None
    # The last calendar date the story named ("May 22, 1995"): "the following
    # year" and "that day" count from it, not from the publication date.
    story_date: str | None = None


@dataclass
class Value:
    type: str
    value: str
    certain: bool = True
    anchor: str | None = None  # the date or year the value was resolved against
    note: str | None = None  # why the value is left unresolved


def number(word: str | None) -> float | None:
    """A number from digits or words; None for vague amounts ("several")."""
    if word is None:
        return 1
    w = word.lower().replace("-", " ").strip()
    if w in VAGUE:
        return None
    if re.fullmatch(r"\d+(\.\d+)?", w):
        return float(w) if "." in w else int(w)
    if w.startswith("half"):
        return 0.5
    if m := re.fullmatch(r"(.+?)(?: and a half| 1/2|½)", w):
        whole = number(m.group(1))
        return None if whole is None else whole + 0.5
    if w.startswith(("a couple", "couple")):
        return 2
    total = 0
    for part in w.split():
        if part not in SMALL:
            return None
        total += SMALL[part]
    return total


def unit_of(word: str) -> str:
    word = word.lower()
    return "century" if word.startswith("centur") else word.removesuffix("s")


def anchored(ctx: Context) -> str | None:
    return ctx.anchor.isoformat() if ctx.anchor else None


# How many months ahead a year-less month may lie and still be this year's:
# news mostly reports, but reported plans ("said it would close in May") look a
# little ahead even in the past tense.
LOOKAHEAD = {"past": 2, "present": 4, None: 4}


def month_year(month: int, day: int | None, ctx: Context, rel: str | None) -> int | None:
    """The year of a year-less month (and day), by "last"/"next" or by tense."""
    a = ctx.anchor
    if a is None:
        return None
    here, there = (a.month, a.day), (month, day or 1)
    if rel in PAST_WORDS:
        return a.year if there < here and month != a.month else a.year - 1
    if rel in NEXT_WORDS or (rel is None and ctx.tense == "future"):
        return a.year if there >= here or month == a.month else a.year + 1
    # The latest occurrence no further ahead than the tense allows.
    ahead = month - a.month
    if ahead > LOOKAHEAD.get(ctx.tense, 4):
        return a.year - 1
    if ahead < -12 + LOOKAHEAD.get(ctx.tense, 4) + 1:
        return a.year + 1
    return a.year


def season_of(day: dt.date) -> tuple[int, str]:
    # Winter belongs to the year it starts in: January 2024 is in 2023-WI.
    if day.month in (12, 1, 2):
        return (day.year if day.month == 12 else day.year - 1), "WI"
    return day.year, SEASON_ORDER[(day.month - 3) // 3]


GRANULARITY = {4: "year", 7: "month", 10: "day"}
FINER = ["year", "quarter", "month", "week", "weekend", "day"]


def story_reference(ctx: Context, unit: str) -> dt.date | None:
    """The story's last named date, if it is precise enough for the unit
    ("that day" needs a day; "that year" does with a month)."""
    value = ctx.story_date
    if not value or unit not in FINER:
        return None
    named = GRANULARITY[len(value)]
    if FINER.index(unit) > FINER.index(named) and not (unit == "quarter" and named == "month"):
        return None
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def shift(day: dt.date, unit: str, n: int) -> dt.date:
    if unit in {"day", "hour", "minute", "second"}:
        return day + dt.timedelta(days=n if unit == "day" else 0)
    if unit in {"week", "weekend"}:
        return day + dt.timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit] * n
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def at_granularity(day: dt.date, unit: str) -> str:
    """A date written at the granularity of a unit."""
    if unit in {"day", "hour", "minute", "second"}:
        return day.isoformat()
    if unit in {"week", "weekend"}:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}" + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        return f"{day.year}-{day.month:02d}"
    if unit == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if unit == "decade":
        return str(day.year)[:3]
    if unit == "century":
        return str(day.year)[:2]
    return str(day.year)


def placeholder(unit: str) -> str:
    return {
        "day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
        "quarter": "XXXX-QX", "decade": "XXX", "century": "XX",
    }.get(unit, "XXXX")  # fmt: skip


def duration(n: float | None, unit: str) -> str:
    if unit == "decade":
        unit, n = "year", None if n is None else n * 10
    if unit == "century":
        unit, n = "year", None if n is None else n * 100
    if n == 0.5:
        return {
            "year": "P6M",
            "month": "P2W",
            "day": "PT12H",
            "hour": "PT30M",
            "week": "P3.5D",
        }.get(unit, "PX" + UNITS[unit])
    if n is not None and n > 1 and n % 1 == 0.5 and unit in HALVES:
        # "two and a half years": P2Y6M, as TIMEX3 writes mixed units.
        return duration(int(n), unit) + HALVES[unit]
    amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    prefix = "PT" if unit in TIME_UNITS else "P"
    return f"{prefix}{amount}{UNITS[unit]}"


HALVES = {"year": "6M", "month": "15D", "day": "T12H", "hour": "30M", "minute": "30S"}


def year_of(groups: dict, ctx: Context) -> tuple[int | None, bool]:
    """An explicit year ("of 2023", "of last year"), else None; second: was it relative."""
    if groups.get("year"):
        return year_number(groups["year"]), False
    rel = (groups.get("rel") or groups.get("yrel") or "").lower()
    if rel and ctx.anchor:
        return ctx.anchor.year + {"last": -1, "next": 1, "this": 0}[rel], True
    return None, bool(rel)
