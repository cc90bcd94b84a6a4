"""Normalisers for stretches and repetitions of time and for relative units:
durations ("three weeks"), sets ("every month"), "last week", "two years ago",
and fiscal quarters."""

from __future__ import annotations

import datetime as dt

from kronika.components.times_calendar import (
    NEXT_WORDS,
    PAST_WORDS,
    Context,
    Value,
    anchored,
    at_granularity,
    duration,
    number,
    placeholder,
    shift,
    story_reference,
    unit_of,
)
from kronika.components.times_lexicon import MONTHS, ORDINALS, TIME_UNITS, WEEKDAYS, year_number


def rel_unit(g: dict, ctx: Context) -> Value | None:
    pre = " ".join(g["pre"].lower().split())
    unit, word = unit_of(g["unit"]), pre.split()[-1]
    plural = bool(g.get("plural"))
    if g.get("num") or (plural and pre.startswith("the")):
        # "the past two months", "the next five years": a stretch of time.
        return Value("DURATION", duration(number(g.get("num")) if g.get("num") else None, unit))
    if plural and word in {"recent", "coming", "upcoming"}:
        # "in recent years", "in the coming months": vaguely before or after now.
        return Value("DATE", "PAST_REF" if word == "recent" else "FUTURE_REF")
    if plural:
        return Value("DURATION", duration(None, unit))
    if unit in TIME_UNITS:
        return Value("DURATION", duration(1, unit))
    step = -1 if word in PAST_WORDS | {"preceding"} else 1 if word in NEXT_WORDS else 0
    story = story_reference(ctx, unit) if _told_in_story(pre, unit) else None
    if story is not None:
        return Value("DATE", at_granularity(shift(story, unit, step), unit), True, ctx.story_date)
    if ctx.anchor is None:
        return Value("DATE", placeholder(unit), False)
    return Value("DATE", at_granularity(shift(ctx.anchor, unit, step), unit), True, anchored(ctx))


# "that year", "the following month", "later that year": counted from the
# story's last date. "the next day" too, but "the next week" is most often
# the week after publication.
STORY_WORDS = {"that", "same", "following", "preceding"}


def _told_in_story(pre: str, unit: str) -> bool:
    words = pre.split()
    if words[-1] in STORY_WORDS:
        return True
    return unit == "day" and pre in {"the next", "the previous"}


def ago(g: dict, ctx: Context) -> Value | None:
    unit, n = unit_of(g["unit"]), number(g.get("num"))
    direction = g["dir"].lower()
    # "three days later", "an hour earlier" tell how long after the story's last
    # event, which the text rarely dates: TimeML keeps them as durations. A year
    # or quarter earlier is a reporting period ("up from $3 million a year earlier").
    story_step = direction in {"later", "earlier"} and unit not in {"year", "quarter", "decade"}
    if direction in {"before", "after"} or story_step:
        return Value("DURATION", duration(n, unit))
    sign = -1 if direction in {"ago", "earlier"} else 1
    if n is None or not float(n).is_integer():
        return Value("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if unit == "year" and sign < 0 and ctx.reference_quarter:
        year, quarter = ctx.reference_quarter.split("-")
        return Value("DATE", f"{int(year) - int(n)}-{quarter}", True, ctx.reference_quarter)
    if ctx.anchor is None:
        return Value("DATE", placeholder(unit), False)
    day = shift(ctx.anchor, unit, sign * int(n))
    granularity = "day" if unit in TIME_UNITS else unit
    return Value("DATE", at_granularity(day, granularity), True, anchored(ctx))


def duration_rule(g: dict, ctx: Context) -> Value | None:
    unit = unit_of(g["unit"])
    if unit == "weekend":
        return Value("DURATION", "P1WE")
    n = number(g.get("num"))
    if g.get("half") and n is not None:
        n += 0.5  # "a minute and a half"
    return Value("DURATION", duration(n, unit))


def long_adjective(g: dict, ctx: Context) -> Value | None:
    # "decades-long" is some decades; "day-long" one day; "two-year-long" two years.
    n = number(g["num"]) if g.get("num") else None if g.get("plural") else 1
    return Value("DURATION", duration(n, unit_of(g["unit"])))


def ahead(g: dict, ctx: Context) -> Value | None:
    return Value("DURATION", duration(None, unit_of(g["unit"])))


def plural_units(g: dict, ctx: Context) -> Value | None:
    return Value("DURATION", duration(None, unit_of(g["unit"])))


def set_rule(g: dict, ctx: Context) -> Value | None:
    adverb = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year",
              "yearly": "year", "hourly": "hour", "nightly": "day", "quarterly": "quarter"}  # fmt: skip
    if g.get("adv"):
        return Value("SET", duration(1, adverb[g["adv"].lower()]))
    if g.get("per"):
        return Value("SET", duration(1, unit_of(g["per"])))
    if g.get("weekday"):
        return Value("SET", f"XXXX-WXX-{WEEKDAYS[g['weekday'].lower()]}")
    if g.get("month"):
        return Value("SET", f"XXXX-{MONTHS[g['month'].lower()]:02d}")
    unit, n = unit_of(g["unit"]), number(g.get("num"))
    if g.get("other"):
        n = 2
    if n and n != 1:
        return Value("SET", duration(n, unit))
    # "every month" is each month of unknown year: XXXX-XX.
    return Value("SET", placeholder(unit))


def quarter(g: dict, ctx: Context) -> Value | None:
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
        day = shift(dt.date(a.year, a.month, 1), "quarter", -1)
        return Value("DATE", at_granularity(day, "quarter"), True, anchored(ctx))
    elif word in {"year-earlier", "year-ago"}:
        day = shift(dt.date(a.year, a.month, 1), "quarter", -5)
        return Value("DATE", at_granularity(day, "quarter"), True, anchored(ctx))
    elif n is None or n > 4:
        return Value("DATE", f"{a.year}-Q{current}", True, anchored(ctx))
    if year is None and g.get("ago"):
        year = a.year - 1
    if year is None:
        # A quarter still ahead is this year's unless told in the past tense.
        year = a.year - 1 if n > current and ctx.tense == "past" else a.year
    return Value("DATE", f"{year}-Q{n}", True, anchored(ctx))


def the_quarter(g: dict, ctx: Context) -> Value | None:
    """ "the quarter" is the one being reported on: the one named before, else
    the last complete one; "the year-ago quarter" is that quarter a year before."""
    if ctx.reference_quarter:
        year, quarter = ctx.reference_quarter.split("-")
    elif ctx.anchor:
        year, quarter = at_granularity(shift(ctx.anchor, "quarter", -1), "quarter").split("-")
    else:
        return Value("DATE", "XXXX-QX", False)
    if g.get("ago") or g.get("ago2"):
        year = str(int(year) - 1)
    return Value("DATE", f"{year}-{quarter}", True, ctx.reference_quarter or anchored(ctx))


def year_period(g: dict, ctx: Context) -> Value | None:
    """ "the 1988 third quarter" is 1988-Q3; "the 1988 period" and "last year's
    quarter" are the quarter being reported on (the one named before), in that year."""
    if g.get("year"):
        year = year_number(g["year"])
    elif ctx.anchor is None:
        return Value("DATE", "XXXX-QX", False)
    else:
        rel = (g.get("rel") or g.get("rel2")).lower()
        year = ctx.anchor.year + {"last": -1, "next": 1, "this": 0}[rel]
    if g.get("ord"):
        return Value("DATE", f"{year}-Q{ORDINALS[g['ord'].lower()]}")
    if ctx.reference_quarter:
        return Value("DATE", f"{year}-{ctx.reference_quarter.split('-')[1]}", True,
                     ctx.reference_quarter)  # fmt: skip
    return Value("DATE", f"{year}-QX", False)


def year_ago(g: dict, ctx: Context) -> Value | None:
    """ "a year-earlier loss": the quarter reported on, a year before; without
    one, the year before publication."""
    if ctx.reference_quarter:
        year, quarter = ctx.reference_quarter.split("-")
        return Value("DATE", f"{int(year) - 1}-{quarter}", True, ctx.reference_quarter)
    if ctx.anchor is None:
        return Value("DATE", "XXXX", False)
    return Value("DATE", str(ctx.anchor.year - 1), True, anchored(ctx))


def the_year(g: dict, ctx: Context) -> Value | None:
    """ "the year" and "the current fiscal year" are the publication's year (the
    latest fiscal year is the last one closed); "the year ended March 31" is a
    twelve-month period, a duration."""
    unit = (g.get("unit") or "year").lower()
    if g.get("ended"):
        return Value("DURATION", duration(1, unit))
    if ctx.anchor is None:
        return Value("DATE", placeholder(unit), False)
    day = shift(ctx.anchor, unit, -1) if (g.get("mod") or "").lower() == "latest" else ctx.anchor
    return Value("DATE", at_granularity(day, unit), True, anchored(ctx))


SPAN_HANDLERS = {
    "the_year": the_year,
    "year_end": the_year,
    "year_period": year_period,
    "year_ago": year_ago,
    "rel_unit": rel_unit,
    "ago": ago,
    "duration": duration_rule,
    "plural_units": plural_units,
    "ahead": ahead,
    "long_adj": long_adjective,
    "set": set_rule,
    "rate": set_rule,
    "quarter": quarter,
    "the_quarter": the_quarter,
}
