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

from kronika.components.times_calendar import (
    NEXT_WORDS,
    PAST_WORDS,
    SEASON_ORDER,
    Context,
    Value,
    anchored,
    at_granularity,
    month_year,
    season_of,
    year_of,
)
from kronika.components.times_grammar import Candidate
from kronika.components.times_lexicon import (
    HOLIDAYS,
    MONTHS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    WEEKDAYS,
    year_number,
)
from kronika.components.times_spans import SPAN_HANDLERS

__all__ = ["Context", "Value", "normalise"]


def normalise(cand: Candidate, ctx: Context) -> Value | None:
    handler = HANDLERS.get(cand.rule) or SPAN_HANDLERS[cand.rule]
    return handler(cand.groups, ctx)


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
    rel = (g.get("rel") or "").lower() or None  # "last Oct. 23": the latest one
    return _in_year(f"{month:02d}-{day:02d}", month, day, ctx, rel)


def _month(g: dict, ctx: Context) -> Value | None:
    month = MONTHS[g["month"].lower()]
    year, relative = year_of(g, ctx)
    if year is not None:
        return Value("DATE", f"{year}-{month:02d}", True, anchored(ctx) if relative else None)
    mod = (g.get("mod") or "").lower()
    rel = mod if mod in PAST_WORDS | NEXT_WORDS | {"this"} else None
    if rel == "this" and ctx.anchor:
        return Value("DATE", f"{ctx.anchor.year}-{month:02d}", True, anchored(ctx))
    return _in_year(f"{month:02d}", month, None, ctx, rel)


def _in_year(rest: str, month: int, day: int | None, ctx: Context, rel: str | None) -> Value:
    """A year-less month or day given its year: one named in the sentence
    (inferred, so uncertain), else one worked out from the anchor, else XXXX."""
    if ctx.context_year and rel is None:
        year = ctx.context_year
        return Value("DATE", f"{year}-{rest}", False, str(year))
    year = month_year(month, day, ctx, rel)
    if year is None:
        return Value("DATE", f"XXXX-{rest}", False)
    return Value("DATE", f"{year}-{rest}", True, anchored(ctx))


def _season(g: dict, ctx: Context) -> Value | None:
    code = SEASONS[g["season"].lower()]
    year, relative = year_of({"year": g.get("year"), "rel": g.get("yrel")}, ctx)
    if year is not None:
        return Value("DATE", f"{year}-{code}", True, anchored(ctx) if relative else None)
    if ctx.anchor is None:
        return Value("DATE", f"XXXX-{code}", False)
    now_year, now_code = season_of(ctx.anchor)
    rel = (g.get("rel") or "").lower() or None
    order = SEASON_ORDER.index
    ahead = order(code) > order(now_code)
    if rel == "this" or (rel is None and ctx.tense not in {"past", "future"}):
        year = now_year
    elif rel in PAST_WORDS or (rel is None and ctx.tense == "past"):
        year = now_year - 1 if ahead or (rel and code == now_code) else now_year
    else:
        year = now_year + 1 if not ahead else now_year
    return Value("DATE", f"{year}-{code}", True, anchored(ctx))


def _year(g: dict, ctx: Context) -> Value | None:
    # "fiscal 1989" and "early 2023" keep the year: TIMEX3 puts the rest in mod.
    return Value("DATE", str(year_number(g["year"])))


DECADE_WORDS = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
                "nineties"]  # fmt: skip


def _decade(g: dict, ctx: Context) -> Value | None:
    if g.get("decade"):
        return Value("DATE", g["decade"])
    # "the '80s" is the latest eighties not after the anchor: 198 in 1989 or 2024.
    short = int(g["short"]) if g.get("short") else DECADE_WORDS.index(g["word"].lower()) + 2
    now = ctx.anchor.year if ctx.anchor else 1999
    century = now // 100 if short * 10 <= now % 100 else now // 100 - 1
    return Value("DATE", f"{century}{short}")


def _century(g: dict, ctx: Context) -> Value | None:
    n = ORDINALS.get(g["ord"].lower())
    if n is None or g["ord"].lower() in {"final", "last"}:
        return None
    return Value("DATE", f"{n - 1:02d}")


def _half(g: dict, ctx: Context) -> Value | None:
    year, relative = year_of(g, ctx)
    half = "H1" if g["half"].lower() == "first" else "H2"  # "the last half" too
    if year is None:
        return Value("DATE", f"XXXX-{half}", False)
    return Value("DATE", f"{year}-{half}", True, anchored(ctx) if relative else None)


def _weekday(g: dict, ctx: Context) -> Value | None:
    wd = WEEKDAYS[g["weekday"].lower()]
    part = PARTS_OF_DAY.get((g.get("part") or "").lower(), "")
    kind = "TIME" if part else "DATE"
    suffix = f"T{part}" if part else ""
    if g.get("plural") or g.get("parts"):
        return Value("SET", f"XXXX-WXX-{wd}{suffix}")
    if ctx.anchor is None:
        return Value(kind, f"XXXX-WXX-{wd}{suffix}", False)
    day = _weekday_date(wd, ctx, (g.get("rel") or "").lower() or None)
    return Value(kind, day.isoformat() + suffix, True, anchored(ctx))


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
    return Value("TIME", f"{day.isoformat()}T{part}", True, anchored(ctx))


def _mid_part(g: dict, ctx: Context) -> Value | None:
    # "mid-afternoon yesterday", "by mid afternoon" (today).
    return _part_of_day({"rel": g.get("rel") or "this", "part": g["part"]}, ctx)


def _week_of(g: dict, ctx: Context) -> Value | None:
    date = _month_day(g, ctx)
    if date is None or date.value.startswith("X"):
        return None if date is None else Value("DATE", "XXXX-WXX", False)
    return Value("DATE", at_granularity(dt.date.fromisoformat(date.value), "week"), date.certain,
                 date.anchor)  # fmt: skip


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
        return Value("TIME", f"{ctx.anchor.isoformat()}TNI", True, anchored(ctx))
    if ctx.anchor is None:
        return Value("DATE", "XXXX-XX-XX", False)
    day = ctx.anchor + dt.timedelta(days=DAY_WORDS[word])
    return Value("DATE", day.isoformat(), True, anchored(ctx))


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
        "TIME", f"{day}T{hour:02d}:{minute:02d}{tz}", ctx.anchor is not None, anchored(ctx)
    )


def _clock_day(g: dict, ctx: Context) -> Value | None:
    clock = _clock(g, ctx)
    if g.get("month"):
        date = _month_day({"month": g["month"], "day": g["mday"]}, ctx)
        if date is None:
            return None
        return Value("TIME", date.value + clock.value[10:], date.certain, date.anchor)
    day_word = g["day"].lower()
    if ctx.anchor is None:
        return clock
    if day_word in DAY_WORDS:
        day = ctx.anchor + dt.timedelta(days=DAY_WORDS[day_word])
    else:
        day = _weekday_date(WEEKDAYS[day_word], ctx, None)
    return Value("TIME", day.isoformat() + clock.value[10:], True, anchored(ctx))


def _weekend(g: dict, ctx: Context) -> Value | None:
    if ctx.anchor is None:
        return Value("DATE", "XXXX-WXX-WE", False)
    rel = g["rel"].lower().split()[-1]
    # "the weekend" in a weekday report is the one just past, unless announced.
    past = rel in PAST_WORDS or (rel in {"the", "that"} and ctx.tense != "future")
    step = -1 if past and ctx.anchor.isoweekday() < 6 else 1 if rel in NEXT_WORDS else 0
    day = ctx.anchor + dt.timedelta(weeks=step)
    return Value("DATE", at_granularity(day, "weekend"), True, anchored(ctx))


OUTLOOK = {
    "future": "FUTURE_REF",
    "term": "FUTURE_REF",
    "being": "PRESENT_REF",
    "history": "PAST_REF",
}


ADJECTIVE_REFS = {"current": "PRESENT_REF", "recent": "PAST_REF", "future": "FUTURE_REF"}


def _ref_adjective(g: dict, ctx: Context) -> Value | None:
    word = g["word"].lower()
    if word.startswith("then"):
        return Value("DATE", "PAST_REF")  # "the then current price"
    return Value("DATE", ADJECTIVE_REFS[word])


def _outlook(g: dict, ctx: Context) -> Value | None:
    return Value("DATE", OUTLOOK[g["word"].lower().split()[-1]])


def _holiday(g: dict, ctx: Context) -> Value | None:
    name = " ".join(g["name"].lower().replace("’", "'").split())
    year, _ = year_of(g, ctx)
    if year is None and ctx.anchor is None:
        return Value("DATE", "XXXX-XX-XX", False)
    if year is None:
        rel = (g.get("rel") or "").lower() or None
        month, day = HOLIDAYS[name] or (11, 25)
        year = month_year(month, day, ctx, rel)
    month, day = HOLIDAYS[name] or _rule_holiday(name, year)
    return Value("DATE", f"{year}-{month:02d}-{day:02d}", True, anchored(ctx))


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
    return Value(
        "DATE", "XXXX", False, None, "anchored to an event whose date the text does not give"
    )


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
    "decade_word": _decade,
    "century": _century,
    "half": _half,
    "weekday": _weekday,
    "part_of_day": _part_of_day,
    "deictic": _deictic,
    "clock": _clock,
    "clock_day": _clock_day,
    "weekend": _weekend,
    "outlook": _outlook,
    "ref_adjective": _ref_adjective,
    "mid_part": _mid_part,
    "week_of": _week_of,
    "holiday": _holiday,
    "event": _event,
}
