"""From a matched expression to a TIMEX3 type and value.

Relative expressions are resolved against ``Context.anchor`` (the publication
date) using the tense of the clause: "March" in a past-tense clause is the most
recent March; in a future clause, the next one. Without an anchor they keep X
placeholders ("XXXX-03") and are marked uncertain. A year-less day ("February
24") takes a year named in its own sentence when there is one (``context_year``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kronika.components.times_grammar import Candidate
from kronika.components.times_lexicon import (
    HOLIDAYS,
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    SMALL,
    TIME_UNITS,
    UNITS,
    VAGUE,
    WEEKDAYS,
    year_number,
)

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


@dataclass
class Value:
    type: str
    value: str
    certain: bool = True
    anchor: str | None = None  # the date or year the value was resolved against


def normalise(cand: Candidate, ctx: Context) -> Value | None:
    handler = HANDLERS[cand.rule]
    return handler(cand.groups, ctx)


# --- helpers -----------------------------------------------------------------


def _num(word: str | None) -> float | None:
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
        whole = _num(m.group(1))
        return None if whole is None else whole + 0.5
    if w.startswith("a couple"):
        return 2
    total = 0
    for part in w.split():
        if part not in SMALL:
            return None
        total += SMALL[part]
    return total


def _unit(word: str) -> str:
    word = word.lower()
    return "century" if word.startswith("centur") else word.removesuffix("s")


def _anchored(ctx: Context) -> str | None:
    return ctx.anchor.isoformat() if ctx.anchor else None


# How many months ahead a year-less month may lie and still be this year's:
# news mostly reports, but reported plans ("said it would close in May") look a
# little ahead even in the past tense.
LOOKAHEAD = {"past": 2, "present": 4, None: 4}


def _month_year(month: int, day: int | None, ctx: Context, rel: str | None) -> int | None:
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


def _season_of(day: dt.date) -> tuple[int, str]:
    # Winter belongs to the year it starts in: January 2024 is in 2023-WI.
    if day.month in (12, 1, 2):
        return (day.year if day.month == 12 else day.year - 1), "WI"
    return day.year, SEASON_ORDER[(day.month - 3) // 3]


def _shift(day: dt.date, unit: str, n: int) -> dt.date:
    if unit in {"day", "hour", "minute", "second"}:
        return day + dt.timedelta(days=n if unit == "day" else 0)
    if unit in {"week", "weekend"}:
        return day + dt.timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[unit] * n
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _at(day: dt.date, unit: str) -> str:
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


def _placeholder(unit: str) -> str:
    return {
        "day": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
        "quarter": "XXXX-QX", "decade": "XXX", "century": "XX",
    }.get(unit, "XXXX")  # fmt: skip


def _duration(n: float | None, unit: str) -> str:
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
        return _duration(int(n), unit) + HALVES[unit]
    amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    prefix = "PT" if unit in TIME_UNITS else "P"
    return f"{prefix}{amount}{UNITS[unit]}"


HALVES = {"year": "6M", "month": "15D", "day": "T12H", "hour": "30M", "minute": "30S"}


def _year_of(groups: dict, ctx: Context) -> tuple[int | None, bool]:
    """An explicit year ("of 2023", "of last year"), else None; second: was it relative."""
    if groups.get("year"):
        return year_number(groups["year"]), False
    rel = (groups.get("rel") or groups.get("yrel") or "").lower()
    if rel and ctx.anchor:
        return ctx.anchor.year + {"last": -1, "next": 1, "this": 0}[rel], True
    return None, bool(rel)


# --- handlers, one per grammar rule -------------------------------------------


def _iso(g: dict, ctx: Context) -> Value | None:
    year = g["year"] if len(g["year"]) != 2 else _century_of(int(g["year"]), ctx) + g["year"]
    try:
        day = dt.date(year_number(year), int(g["month"]), int(g["day"]))
    except ValueError:
        return None
    if g.get("hour"):
        return Value("TIME", f"{day.isoformat()}T{g['hour']}:{g['minute']}")
    return Value("DATE", day.isoformat())


def _century_of(two_digits: int, ctx: Context) -> str:
    """ "07" is 2007 in a 2010 article, "98" is 1998."""
    now = ctx.anchor.year if ctx.anchor else dt.date.today().year
    return str(now // 100 if two_digits <= now % 100 + 10 else now // 100 - 1)


def _month_day(g: dict, ctx: Context) -> Value | None:
    month, day = MONTHS[g["month"].lower()], int(re.match(r"\d+", g["day"]).group())
    if not 1 <= day <= 31:
        return None
    if g.get("year"):
        return Value("DATE", f"{year_number(g['year'])}-{month:02d}-{day:02d}")
    if ctx.context_year:
        y = ctx.context_year
        return Value("DATE", f"{y}-{month:02d}-{day:02d}", False, str(y))
    year = _month_year(month, day, ctx, None)
    if year is None:
        return Value("DATE", f"XXXX-{month:02d}-{day:02d}", False)
    return Value("DATE", f"{year}-{month:02d}-{day:02d}", True, _anchored(ctx))


def _month(g: dict, ctx: Context) -> Value | None:
    month = MONTHS[g["month"].lower()]
    year, relative = _year_of(g, ctx)
    if year is not None:
        return Value("DATE", f"{year}-{month:02d}", True, _anchored(ctx) if relative else None)
    mod = (g.get("mod") or "").lower()
    rel = mod if mod in PAST_WORDS | NEXT_WORDS | {"this"} else None
    if rel == "this" and ctx.anchor:
        return Value("DATE", f"{ctx.anchor.year}-{month:02d}", True, _anchored(ctx))
    if ctx.context_year and rel is None:
        y = ctx.context_year
        return Value("DATE", f"{y}-{month:02d}", False, str(y))
    year = _month_year(month, None, ctx, rel)
    if year is None:
        return Value("DATE", f"XXXX-{month:02d}", False)
    return Value("DATE", f"{year}-{month:02d}", True, _anchored(ctx))


def _season(g: dict, ctx: Context) -> Value | None:
    code = SEASONS[g["season"].lower()]
    year, relative = _year_of({"year": g.get("year"), "rel": g.get("yrel")}, ctx)
    if year is not None:
        return Value("DATE", f"{year}-{code}", True, _anchored(ctx) if relative else None)
    if ctx.anchor is None:
        return Value("DATE", f"XXXX-{code}", False)
    now_year, now_code = _season_of(ctx.anchor)
    rel = (g.get("rel") or "").lower() or None
    order = SEASON_ORDER.index
    ahead = order(code) > order(now_code)
    if rel == "this" or (rel is None and ctx.tense not in {"past", "future"}):
        year = now_year
    elif rel in PAST_WORDS or (rel is None and ctx.tense == "past"):
        year = now_year - 1 if ahead or (rel and code == now_code) else now_year
    else:
        year = now_year + 1 if not ahead else now_year
    return Value("DATE", f"{year}-{code}", True, _anchored(ctx))


def _year(g: dict, ctx: Context) -> Value | None:
    # "fiscal 1989" and "early 2023" keep the year: TIMEX3 puts the rest in mod.
    return Value("DATE", str(year_number(g["year"])))


def _decade(g: dict, ctx: Context) -> Value | None:
    if g.get("decade"):
        return Value("DATE", g["decade"])
    short = int(g["short"])
    century = 19 if ctx.anchor is None or short * 10 > ctx.anchor.year % 100 else 20
    return Value("DATE", f"{century}{short}")


def _century(g: dict, ctx: Context) -> Value | None:
    n = ORDINALS.get(g["ord"].lower())
    if n is None or g["ord"].lower() in {"final", "last"}:
        return None
    return Value("DATE", f"{n - 1:02d}")


def _half(g: dict, ctx: Context) -> Value | None:
    year, relative = _year_of(g, ctx)
    half = "H1" if g["half"].lower() == "first" else "H2"
    if year is None:
        return Value("DATE", f"XXXX-{half}", False)
    return Value("DATE", f"{year}-{half}", True, _anchored(ctx) if relative else None)


def _rel_unit(g: dict, ctx: Context) -> Value | None:
    pre = " ".join(g["pre"].lower().split())
    unit, word = _unit(g["unit"]), pre.split()[-1]
    plural = bool(g.get("plural"))
    if g.get("num") or (plural and pre.startswith("the")):
        # "the past two months", "the next five years": a stretch of time.
        return Value("DURATION", _duration(_num(g.get("num")) if g.get("num") else None, unit))
    if plural and word in {"recent", "coming", "upcoming"}:
        # "in recent years", "in the coming months": vaguely before or after now.
        return Value("DATE", "PAST_REF" if word == "recent" else "FUTURE_REF")
    if plural:
        return Value("DURATION", _duration(None, unit))
    if unit in TIME_UNITS:
        return Value("DURATION", _duration(1, unit))
    step = -1 if word in PAST_WORDS else 1 if word in NEXT_WORDS else 0
    if ctx.anchor is None:
        return Value("DATE", _placeholder(unit), False)
    return Value("DATE", _at(_shift(ctx.anchor, unit, step), unit), True, _anchored(ctx))


def _ago(g: dict, ctx: Context) -> Value | None:
    unit, n = _unit(g["unit"]), _num(g.get("num"))
    direction = g["dir"].lower()
    if direction in {"before", "after"}:
        return Value("DURATION", _duration(n, unit))
    sign = -1 if direction in {"ago", "earlier"} else 1
    if n is None or not float(n).is_integer():
        return Value("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if unit == "year" and sign < 0 and ctx.reference_quarter:
        year, quarter = ctx.reference_quarter.split("-")
        return Value("DATE", f"{int(year) - int(n)}-{quarter}", True, ctx.reference_quarter)
    if ctx.anchor is None:
        return Value("DATE", _placeholder(unit), False)
    day = _shift(ctx.anchor, unit, sign * int(n))
    granularity = "day" if unit in TIME_UNITS else unit
    return Value("DATE", _at(day, granularity), True, _anchored(ctx))


def _duration_rule(g: dict, ctx: Context) -> Value | None:
    unit = _unit(g["unit"])
    if unit == "weekend":
        return Value("DURATION", "P1WE")
    return Value("DURATION", _duration(_num(g.get("num")), unit))


def _plural_units(g: dict, ctx: Context) -> Value | None:
    return Value("DURATION", _duration(None, _unit(g["unit"])))


def _set(g: dict, ctx: Context) -> Value | None:
    adverb = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year",
              "yearly": "year", "hourly": "hour", "nightly": "day", "quarterly": "quarter"}  # fmt: skip
    if g.get("adv"):
        return Value("SET", _duration(1, adverb[g["adv"].lower()]))
    if g.get("per"):
        return Value("SET", _duration(1, _unit(g["per"])))
    if g.get("weekday"):
        return Value("SET", f"XXXX-WXX-{WEEKDAYS[g['weekday'].lower()]}")
    if g.get("month"):
        return Value("SET", f"XXXX-{MONTHS[g['month'].lower()]:02d}")
    unit, n = _unit(g["unit"]), _num(g.get("num"))
    if g.get("other"):
        n = 2
    if n and n != 1:
        return Value("SET", _duration(n, unit))
    # "every month" is each month of unknown year: XXXX-XX.
    return Value("SET", _placeholder(unit))


def _weekday(g: dict, ctx: Context) -> Value | None:
    wd = WEEKDAYS[g["weekday"].lower()]
    part = PARTS_OF_DAY.get((g.get("part") or "").lower(), "")
    kind = "TIME" if part else "DATE"
    suffix = f"T{part}" if part else ""
    if g.get("plural"):
        return Value("SET", f"XXXX-WXX-{wd}{suffix}")
    if ctx.anchor is None:
        return Value(kind, f"XXXX-WXX-{wd}{suffix}", False)
    day = _weekday_date(wd, ctx, (g.get("rel") or "").lower() or None)
    return Value(kind, day.isoformat() + suffix, True, _anchored(ctx))


def _weekday_date(wd: int, ctx: Context, rel: str | None) -> dt.date:
    a = ctx.anchor
    back = (a.isoweekday() - wd) % 7  # days since the last such weekday (0: today)
    ahead = (wd - a.isoweekday()) % 7
    if rel in PAST_WORDS:
        return a - dt.timedelta(days=back or 7)
    if rel in NEXT_WORDS:
        return a + dt.timedelta(days=ahead or 7)
    if rel == "this":
        return a + dt.timedelta(days=wd - a.isoweekday())
    if ctx.tense == "future":
        return a + dt.timedelta(days=ahead)
    # A bare weekday in news is most often the one just past.
    return a - dt.timedelta(days=back)


def _part_of_day(g: dict, ctx: Context) -> Value | None:
    rel = " ".join(g["rel"].lower().split())
    part = PARTS_OF_DAY[g["part"].lower()]
    offset = -1 if rel in {"last", "yesterday", "late last"} else 1 if rel == "tomorrow" else 0
    if rel == "late":
        return None
    if ctx.anchor is None:
        return Value("TIME", f"XXXX-XX-XXT{part}", False)
    day = ctx.anchor + dt.timedelta(days=offset)
    return Value("TIME", f"{day.isoformat()}T{part}", True, _anchored(ctx))


REFS = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF", "these days": "PRESENT_REF", "right now": "PRESENT_REF",
    "the present": "PRESENT_REF", "recently": "PAST_REF", "lately": "PAST_REF",
    "the past": "PAST_REF", "previously": "PAST_REF", "formerly": "PAST_REF",
    "the future": "FUTURE_REF", "soon": "FUTURE_REF",
}  # fmt: skip
DAY_WORDS = {"today": 0, "earlier today": 0, "later today": 0, "yesterday": -1, "tomorrow": 1}


def _deictic(g: dict, ctx: Context) -> Value | None:
    word = " ".join(g["word"].lower().split())
    if word in REFS:
        return Value("DATE", REFS[word])
    if word == "tonight":
        if ctx.anchor is None:
            return Value("TIME", "XXXX-XX-XXTNI", False)
        return Value("TIME", f"{ctx.anchor.isoformat()}TNI", True, _anchored(ctx))
    if ctx.anchor is None:
        return Value("DATE", "XXXX-XX-XX", False)
    day = ctx.anchor + dt.timedelta(days=DAY_WORDS[word])
    return Value("DATE", day.isoformat(), True, _anchored(ctx))


def _clock(g: dict, ctx: Context) -> Value | None:
    if g.get("named"):
        hour, minute = (0, 0) if g["named"].lower() == "midnight" else (12, 0)
        tz = ""
    else:
        hour = int(g.get("hour") or g["hour2"])
        minute = int(g.get("minute") or g.get("minute2") or 0)
        ampm = (g.get("ampm") or "").lower()
        if ampm.startswith("p") and hour < 12:
            hour += 12
        if ampm.startswith("a") and hour == 12:
            hour = 0
        tz = "Z" if (g.get("tz") or g.get("tz2") or "").upper() in {"UTC", "GMT"} else ""
    day = ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX"
    return Value(
        "TIME", f"{day}T{hour:02d}:{minute:02d}{tz}", ctx.anchor is not None, _anchored(ctx)
    )


def _clock_day(g: dict, ctx: Context) -> Value | None:
    clock = _clock(g, ctx)
    day_word = g["day"].lower()
    if ctx.anchor is None:
        return clock
    if day_word in DAY_WORDS:
        day = ctx.anchor + dt.timedelta(days=DAY_WORDS[day_word])
    else:
        day = _weekday_date(WEEKDAYS[day_word], ctx, None)
    return Value("TIME", day.isoformat() + clock.value[10:], True, _anchored(ctx))


def _weekend(g: dict, ctx: Context) -> Value | None:
    if ctx.anchor is None:
        return Value("DATE", "XXXX-WXX-WE", False)
    rel = g["rel"].lower().split()[-1]
    # "the weekend" in a weekday report is the one just past, unless announced.
    past = rel in PAST_WORDS or (rel in {"the", "that"} and ctx.tense != "future")
    step = -1 if past and ctx.anchor.isoweekday() < 6 else 1 if rel in NEXT_WORDS else 0
    day = ctx.anchor + dt.timedelta(weeks=step)
    return Value("DATE", _at(day, "weekend"), True, _anchored(ctx))


def _quarter(g: dict, ctx: Context) -> Value | None:
    word = g["ord"].lower()
    written = g.get("year") or g.get("fyear") or g.get("pyear")
    year = year_number(written) if written else None
    rel = g.get("rel") or g.get("prel")
    if year is None and rel and ctx.anchor:
        year = ctx.anchor.year + {"last": -1, "next": 1, "this": 0}[rel.lower()]
    if ctx.anchor is None and year is None:
        return Value("DATE", "XXXX-QX", False)
    a = ctx.anchor or dt.date(year, 1, 1)
    current = (a.month - 1) // 3 + 1
    n = ORDINALS.get(word)
    if word in {"final", "last"} and year is not None:
        n = 4
    elif word in {"last", "latest", "previous"}:
        day = _shift(dt.date(a.year, a.month, 1), "quarter", -1)
        return Value("DATE", _at(day, "quarter"), True, _anchored(ctx))
    elif word in {"year-earlier", "year-ago"}:
        day = _shift(dt.date(a.year, a.month, 1), "quarter", -5)
        return Value("DATE", _at(day, "quarter"), True, _anchored(ctx))
    elif n is None or n > 4:
        return Value("DATE", f"{a.year}-Q{current}", True, _anchored(ctx))
    if year is None and g.get("ago"):
        year = a.year - 1
    if year is None:
        # A quarter still ahead is this year's unless told in the past tense.
        year = a.year - 1 if n > current and ctx.tense == "past" else a.year
    return Value("DATE", f"{year}-Q{n}", True, _anchored(ctx))


def _the_quarter(g: dict, ctx: Context) -> Value | None:
    """ "the quarter" is the one being reported on: the one named before, else
    the last complete one; "the year-ago quarter" is that quarter a year before."""
    if ctx.reference_quarter:
        year, quarter = ctx.reference_quarter.split("-")
    elif ctx.anchor:
        year, quarter = _at(_shift(ctx.anchor, "quarter", -1), "quarter").split("-")
    else:
        return Value("DATE", "XXXX-QX", False)
    if g.get("ago") or g.get("ago2"):
        year = str(int(year) - 1)
    return Value("DATE", f"{year}-{quarter}", True, ctx.reference_quarter or _anchored(ctx))


OUTLOOK = {
    "future": "FUTURE_REF",
    "term": "FUTURE_REF",
    "being": "PRESENT_REF",
    "history": "PAST_REF",
}


def _outlook(g: dict, ctx: Context) -> Value | None:
    return Value("DATE", OUTLOOK[g["word"].lower().split()[-1]])


def _holiday(g: dict, ctx: Context) -> Value | None:
    name = " ".join(g["name"].lower().replace("’", "'").split())
    year, _ = _year_of(g, ctx)
    if year is None and ctx.anchor is None:
        return Value("DATE", "XXXX-XX-XX", False)
    if year is None:
        rel = (g.get("rel") or "").lower() or None
        month, day = HOLIDAYS[name] or (11, 25)
        year = _month_year(month, day, ctx, rel)
    month, day = HOLIDAYS[name] or _rule_holiday(name, year)
    return Value("DATE", f"{year}-{month:02d}-{day:02d}", True, _anchored(ctx))


def _rule_holiday(name: str, year: int) -> tuple[int, int]:
    """US Thanksgiving: fourth Thursday of November; Election Day: the Tuesday
    after the first Monday of November."""
    first = dt.date(year, 11, 1)
    if name.startswith("thanksgiving"):
        return 11, 1 + (4 - first.isoweekday()) % 7 + 21
    return 11, 1 + (1 - first.isoweekday()) % 7 + 1


def _event(g: dict, ctx: Context) -> Value | None:
    # An event anchor ("the time of the invasion"): its date is not in the text.
    # Left unresolved rather than guessed: XXXX, uncertain.
    return Value("DATE", "XXXX", False, None)


HANDLERS = {
    "iso": _iso,
    "numeric": lambda g, ctx: _iso(g, ctx),
    "month_day": _month_day,
    "day_month": _month_day,
    "month_year": _month,
    "season": _season,
    "year": _year,
    "decade": _decade,
    "short_decade": _decade,
    "century": _century,
    "half": _half,
    "rel_unit": _rel_unit,
    "ago": _ago,
    "duration": _duration_rule,
    "plural_units": _plural_units,
    "set": _set,
    "weekday": _weekday,
    "part_of_day": _part_of_day,
    "deictic": _deictic,
    "clock": _clock,
    "clock_day": _clock_day,
    "weekend": _weekend,
    "quarter": _quarter,
    "the_quarter": _the_quarter,
    "outlook": _outlook,
    "holiday": _holiday,
    "event": _event,
}
