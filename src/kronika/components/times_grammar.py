"""Where time expressions are: regular-expression rules over the text.

Each rule names a family of expressions ("month_day", "ago", "set", …) whose
named groups the normaliser reads. Extents follow TimeML: determiners and
modifiers ("the", "last", "early", "about") are inside, prepositions outside.
A rule with a ``span`` group takes only that group as its extent, so that a
cue word can be required without being included ("for *years*").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from kronika.components.times_lexicon import (
    AMOUNT,
    DAY,
    HOLIDAY,
    MONTH,
    MONTHS,
    NUMBER,
    ORDINAL,
    PARTS_OF_DAY,
    SEASON,
    UNIT,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
)

APPROX = r"(?:about|nearly|almost|roughly|some|around|approximately|more than|less than|over|at least|up to|just|only)"
EDGE = r"(?:early|mid|late|the end of|the beginning of|the start of|the middle of|the first half of|the second half of)"
DECADE_WORD = r"(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
# Words between an amount and its unit: "two more weeks", "eight trading days".
KIND = r"(?:more|additional|extra|further|trading|business|working)"
EVENT_NOUNS = (
    r"(?:invasion|war|attack|offensive|counteroffensive|revolution|annexation|occupation|coup"
    r"|siege|collapse|uprising|referendum|ceasefire|truce|massacre|mobilisation|mobilization)"
)

RULES: dict[str, str] = {
    "iso": r"\b(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)"
    r"(?:[ T](?P<hour>[0-2]\d):(?P<minute>[0-5]\d)(?::\d\d)?)?\b",
    "numeric": r"\b(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>\d{4}|\d\d)"
    r"(?:\s+(?P<hour>[0-2]\d):(?P<minute>[0-5]\d)(?::\d\d)?)?\b",
    "month_day": rf"\b(?:(?P<rel>last|next|this)\s+)?(?:(?P<weekday>{WEEKDAY}),?\s+)?(?P<month>{MONTH})\s*(?P<day>{DAY})"
    rf"(?:,?\s+(?P<year>{YEAR}))?\b",
    "day_month": rf"\b(?:(?P<weekday>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAY})\s+(?:of\s+)?"
    rf"(?P<month>{MONTH})(?:,?\s+(?P<year>{YEAR}))?",
    "month_year": rf"\b(?:(?P<mod>{EDGE}|last|next|this|past|previous|coming)[\s-]+)?"
    rf"(?P<month>{MONTH})(?:,?\s+(?:of\s+)?(?P<year>{YEAR})|\s+(?:of\s+)?(?P<rel>last|next|this)\s+year)?",
    "season": rf"\b(?:(?P<mod>{EDGE})[\s-]+)?(?:(?P<the>the)\s+)?(?:(?P<rel>last|this|next|past|coming|previous)\s+)?"
    rf"(?P<season>{SEASON})(?:\s+(?:of\s+)?(?P<year>{YEAR})|\s+of\s+(?P<yrel>last|next|this)\s+year)?\b",
    "year": rf"\b(?:(?P<mod>{EDGE}|fiscal|calendar|the year|the fiscal year|fiscal year)[\s-]+)?(?P<year>{YEAR})\b",
    "decade": r"\b(?:(?P<the>the)\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?:(?P<decade>(?:1\d|20)\d)0'?s|'(?P<short>\d)0s)\b",
    # "the nineties", "the early sixties" (with "the": "her thirties" is an age).
    "decade_word": rf"\bthe\s+(?:(?P<mod>early|mid|late)[\s-]+)?(?P<word>{DECADE_WORD})\b",
    "short_decade": r"(?<![\w'$£€])(?P<short>[2-9])0s\b",
    "century": rf"\b(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?P<ord>{ORDINAL})[\s-]+century\b",
    "half": rf"\b(?:the\s+)?(?P<half>first|second|last)\s+half\s+of\s+(?:(?P<year>{YEAR})|(?P<rel>this|last|next)\s+year)",
    "rel_unit": rf"\b(?P<pre>(?:the\s+)?(?:last|past|previous|preceding|next|coming|this|current|same|following|upcoming|recent)"
    rf"|that(?:\s+same)?|(?:earlier|later)\s+(?:this|that)|(?:early|late)\s+(?:next|last|this))\s+(?:(?P<num>{AMOUNT}|couple\s+of)\s+)?(?P<unit>{UNIT})(?P<plural>s)?\b",
    # "the weeks ahead", "the years to come": some time from now on.
    "ahead": r"\bthe\s+(?P<unit>day|week|month|year|decade)s\s+(?:ahead|to\s+come)\b",
    "ago": rf"\b(?:(?P<approx>{APPROX})\s+)?(?P<num>{AMOUNT})[\s-]+(?P<unit>{UNIT})s?\s+"
    r"(?P<dir>ago|earlier|later|from now|before|after)\b",
    # A rate: "$2 million a year", "15 a month", "hundreds of interviews a day": TimeML's SET.
    "rate": r"(?:\d|million|billion|dozens|hundreds|thousands|percent|%)(?:\s+[\w$.,-]+){0,3}?\s+"
    r"(?P<span>an?\s+(?P<per>year|week|month|day|hour))\b(?!\s+(?:ago|earlier|later|before|after|or)\b)",
    # "a decades-long feud", "a day-long meeting": a duration as an adjective.
    "long_adj": rf"\b(?:(?P<num>{NUMBER})-)?(?P<unit>{UNIT})(?P<plural>s)?-long\b",
    "week_of": rf"\bthe\s+week\s+of\s+(?P<month>{MONTH})\s*(?P<day>{DAY})(?:,?\s+(?P<year>{YEAR}))?",
    "duration": rf"\b(?:(?P<the>the)\s+(?:(?P<ord>first|last|past|next|final|previous|coming)\s+)?)?"
    rf"(?:(?P<approx>{APPROX})\s+)?(?P<num>{AMOUNT})[\s-]+(?:(?P<kind>{KIND})\s+)?(?P<unit>{UNIT})s?\b"
    r"(?P<half>\s+and\s+a\s+half\b)?",
    "plural_units": r"\b(?:for|over|within|in|after|spent)\s+(?P<span>(?P<unit>year|month|week|day|decade|hour|minute)s)\b",
    "set": rf"\b(?:(?P<adv>daily|weekly|monthly|annually|yearly|hourly|nightly)"
    rf"|(?:every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<num>{NUMBER})\s+)?"
    rf"(?:(?P<unit>{UNIT})s?|(?P<weekday>{WEEKDAY})|(?P<month>{MONTH}))"
    rf"|(?P<times>once|twice|\w+ times)\s+(?:a|an|per|each)\s+(?P<per>{UNIT}))\b",
    "weekday": rf"\b(?:(?P<rel>last|next|this|past|coming)\s+)?(?P<weekday>{WEEKDAY})(?P<plural>s)?"
    r"(?:\s+(?P<part>morning|afternoon|evening|night)(?P<parts>s)?)?\b",
    "mid_part": r"\bmid[\s-]?(?P<part>morning|afternoon|evening)(?:\s+(?P<rel>yesterday|today|tomorrow))?\b",
    "part_of_day": r"\b(?P<rel>this|last|tomorrow|yesterday|early this|late last|late)\s+(?P<part>morning|afternoon|evening|night)\b",
    "deictic": r"\b(?P<word>today|tonight|yesterday|tomorrow|now|currently|nowadays|recently|lately"
    r"|the past|the future|at present|these days|right now|earlier today|later today"
    r"|the present)\b",
    "clock": r"\b(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b)"
    r"(?:\s+(?P<tz>UTC|GMT|[ECMP][SD]T))?|\b(?P<hour2>[01]?\d|2[0-3]):?(?P<minute2>[0-5]\d)\s+(?P<tz2>UTC|GMT|[ECMP][SD]T)\b"
    r"|\b(?P<named>noon|midnight|midday)\b",
    # A clock time with its day: "10 p.m. Wednesday", "noon today".
    "clock_day": r"\b(?:(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[ap]m\b)"
    rf"|(?P<named>noon|midnight|midday))(?:\s+(?P<tz>UTC|GMT|[ECMP][SD]T))?(?:\s*\([^()]{{1,20}}\))?,?\s+(?:on\s+)?"
    rf"(?:(?P<day>{WEEKDAY}|today|yesterday|tomorrow)\b|(?P<month>{MONTH})\s*(?P<mday>{DAY}))",
    "weekend": r"\b(?P<rel>the|this|last|next|the past|the coming|that)\s+weekend\b",
    "quarter": rf"\b(?:(?P<the>the)\s+|(?:(?P<prel>this|last|next)\s+year|(?P<pyear>{YEAR}))['’]s\s+)?"
    rf"(?:(?P<ago>year-ago|year-earlier)\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current"
    rf"|previous|same|year-earlier|year-ago|fiscal)[\s-]+(?:fiscal\s+)?quarter\b(?:\s+of\s+(?:(?P<year>{YEAR})"
    rf"|(?P<rel>this|last|next)\s+year|fiscal\s+(?P<fyear>{YEAR})))?",
    "the_quarter": r"\bthe\s+(?:(?:comparable\s+)?(?P<ago>year-earlier|year-ago)\s+(?:quarter|period)"
    r"|quarter(?P<ago2>\s+a\s+year\s+(?:ago|earlier))?|latest\s+period)\b",
    # TimeML marks the adjectives too: "current conditions", "a recent filing",
    # "future losses" (checked against the parse: only as a modifier of a noun).
    "ref_adjective": r"\b(?P<word>(?:then\s+)?current|recent|future)\b(?!\s+(?:of|to|in)\b)",
    # "the 1988 third quarter", "the 1989 period", "last year's quarter",
    # "the corresponding period last year": a quarter of a named year.
    "year_period": rf"\b(?:the\s+(?P<year>{YEAR})\s+(?:(?P<ord>first|second|third|fourth)[\s-]+)?(?:fiscal\s+)?"
    r"(?:quarter|period)|(?P<rel>last|this|next)\s+year['’]s\s+(?:quarter|period)"
    r"|the\s+(?:same|corresponding|comparable)\s+(?:quarter|period)\s+(?P<rel2>last)\s+year)\b",
    # "a year-earlier loss", "year-ago results": the reported period a year before.
    "year_ago": r"\b(?P<ago>year-earlier|year-ago)\b"
    r"(?!\s+(?:quarter|period|(?:\w+[\s-])?(?:day|week|month|year)s?)\b)",
    # "the year", "the full year", "the current fiscal year", "the end of the year",
    # "year-end": the publication's year; "the year ended March 31" is a period.
    "the_year": rf"\b(?P<span>(?:(?P<edge>{EDGE})\s+)?the\s+(?:(?P<mod>full|current|latest)\s+)?(?:fiscal\s+)?"
    r"(?P<unit>year|month)\b(?![-'’]|\s+(?:of|in|before|after|earlier|later|\d)\b))"
    r"(?P<ended>\s+(?:ended|ending))?",
    "year_end": r"\byear(?:['’]s)?[\s-]end\b",
    "outlook": r"\b(?P<word>the\s+(?:near|distant|foreseeable|immediate)\s+future|the\s+(?:near|short|long|medium)\s+term"
    r"|the\s+time\s+being|recent\s+history)\b",
    "holiday": rf"\b(?:(?P<rel>last|next|this)\s+)?(?P<name>{HOLIDAY})(?:\s+(?P<year>{YEAR}))?\b",
    "event": rf"\b(?P<span>(?:the\s+)?time\s+of\s+(?:the\s+)?(?P<event>(?:[\w-]+\s+){{0,3}}?{EVENT_NOUNS}))\b",
}
# Rules worth running only when one of these is in the text: a substring test is
# far cheaper than a regex that tries its optional prefixes at every position.
TRIGGERS: dict[str, tuple[str, ...]] = {
    "century": ("centur",),
    "quarter": ("quarter",),
    "the_quarter": ("quarter", "period"),
    "year_period": ("quarter", "period"),
    "year_ago": ("year-earlier", "year-ago"),
    "the_year": ("the year", "the full", "the current", "the latest", "the fiscal", "the month"),
    "year_end": ("year end", "year-end", "year's end", "year’s end"),
    "season": ("spring", "summer", "fall", "autumn", "winter"),
    "holiday": ("christmas", "thanksgiving", "election day", "independence day", "new year"),
    "event": ("time of",),
    "half": ("half",),
    "weekend": ("weekend",),
    "decade": ("0s", "0's"),
    "short_decade": ("0s",),
    "decade_word": ("ties",),
    "ahead": ("ahead", "to come"),
    "outlook": ("future", "term", "time being", "history"),
    "ref_adjective": ("current", "recent", "future"),
    "mid_part": ("mid",),
    "long_adj": ("-long",),
    "week_of": ("week of",),
    "clock_day": ("m.", "am", "pm", "noon", "midnight", "midday"),
}


# Words one of which every match of a rule contains, lower case; a rule is searched
# only near them, as most of an article is far from any. (A trigger with a space
# cannot serve: the rule may spell it ``\s+``.)
UNIT_CUES = ("second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade",
             "centur")  # fmt: skip
MONTH_CUES = tuple(sorted({month[:3] for month in MONTHS}))  # every spelling starts so
CUES: dict[str, tuple[str, ...]] = {
    **{name: words for name, words in TRIGGERS.items() if " " not in "".join(words)},
    "iso": ("-0", "-1"),
    "numeric": ("/",),
    "month_day": MONTH_CUES, "day_month": MONTH_CUES, "month_year": MONTH_CUES,
    "week_of": MONTH_CUES,
    "year": ("1", "20", "nineteen", "twenty", "two thousand"),
    "holiday": ("christmas", "thanksgiving", "election", "independence", "year"),
    "rel_unit": UNIT_CUES, "ago": UNIT_CUES, "rate": UNIT_CUES, "duration": UNIT_CUES,
    "plural_units": UNIT_CUES,
    "set": ("daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly", "every",
            "each", "once", "twice", "times"),
    "weekday": tuple(WEEKDAYS),
    "part_of_day": tuple(PARTS_OF_DAY),
    "deictic": ("day", "tonight", "tomorrow", "now", "currently", "recently", "lately", "past",
                "future", "present"),
    "clock": ("m.", "am", "pm", "noon", "midnight", "midday", "utc", "gmt", "est", "edt",
              "cst", "cdt", "mst", "mdt", "pst", "pdt"),
    "the_year": ("year", "month"),
    "year_end": ("year",),
    "event": ("time",),
    "ahead": ("ahead", "come"),
    "outlook": ("future", "term", "being", "history"),
}  # fmt: skip
# Characters a window spans before and after a cue: more than a rule's words around it.
REACH = (80, 80)
# Rules with common cues ("am", "est", "now") and few words around them, where
# narrower windows save searching a third of an article.
NEAR = {"clock": (16, 8), "clock_day": (16, 64), "deictic": (16, 16)}
# Letters that match an ASCII letter ignoring case but do not lower to it ("ı", "ſ"):
# in a text holding one, the lowered text cannot show where the cues are.
UNFOLDED = re.compile("[\u0131\u017f]")
# Words that are only a time when capitalised ("May" the month, not "may").
CASED = {"month_year", "month_day", "day_month", "weekday", "week_of"}
COMPILED = {name: re.compile(rx, re.IGNORECASE) for name, rx in RULES.items()}


def _lowered(rx: str) -> str:
    """A pattern that matches in lowered text where ``rx`` matches ignoring case."""
    # Escapes (\S, \B) and group names keep their case.
    return re.sub(r"\\.|\(\?P<\w+>|[A-Z]", lambda m: m[0] if len(m[0]) > 1 else m[0].lower(), rx)


LOWER_COMPILED = {name: re.compile(_lowered(rx)) for name, rx in RULES.items()}


@dataclass
class Candidate:
    start: int
    end: int
    rule: str
    groups: dict[str, str] = field(default_factory=dict)

    @property
    def length(self) -> int:
        return self.end - self.start


def find(text: str, accept: Callable[[Candidate], bool] = lambda c: True) -> list[Candidate]:
    """Accepted rule matches, overlaps resolved: the longest wins, then the earlier rule.
    Rejection comes before overlap resolution, so that a long match that is not a
    time cannot hide a shorter one that is."""
    found, lower = [], text.lower()
    cues = _Cues(text, lower)
    folds = len(lower) == len(text) and not UNFOLDED.search(text)
    for order, name in enumerate(COMPILED):
        if name in TRIGGERS and not any(cues.where(word) for word in TRIGGERS[name]):
            continue
        windows = cues.windows(name) if folds else [(0, len(text))]
        for m in _matches(name, text, lower if folds else None, windows):
            cand = _candidate(name, m)
            if cand.end > cand.start and accept(cand):
                found.append((order, cand))
    found.sort(key=lambda pair: (-pair[1].length, pair[0], pair[1].start))
    taken: list[Candidate] = []
    for _, cand in found:
        if all(cand.end <= t.start or cand.start >= t.end for t in taken):
            taken.append(cand)
    return sorted(taken, key=lambda c: c.start)


def _candidate(name: str, m: re.Match) -> Candidate:
    groups = {k: v for k, v in m.groupdict().items() if v is not None}
    start, end = m.span("span") if "span" in groups else m.span()
    if name == "duration" and _adjectival(groups, m.group()):
        start = m.start("num")  # "the six-month siege": the time is "six-month"
    return Candidate(start, end, name, groups)


class _Cues:
    """Where the cue words are in one text, each looked for once for all the rules."""

    def __init__(self, text: str, lower: str):
        self.text, self.lower = text, lower
        self.found: dict[str, list[int]] = {}

    def where(self, word: str) -> list[int]:
        if word not in self.found:
            self.found[word], at = [], self.lower.find(word)
            while at >= 0:
                self.found[word].append(at)
                at = self.lower.find(word, at + 1)
        return self.found[word]

    def windows(self, name: str) -> list[tuple[int, int]]:
        """Stretches of text around every cue of the rule, merged."""
        before, after = NEAR.get(name, REACH)
        # The cue of a CASED rule counts only capitalised, as the rule's matches
        # do: the modal "may" would spread windows over an article.
        cased = name in CASED
        spans = sorted(
            (at, at + len(cue))
            for cue in CUES[name]
            for at in self.where(cue)
            if not cased or self.text[at].isupper()
        )
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            start, end = max(0, start - before), end + after
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged


def _matches(name: str, text: str, lower: str | None, windows: list[tuple[int, int]]):
    """The matches ``finditer`` gives over the whole text, searched for in windows.

    The lowered text is searched case-sensitively, several times faster than
    ignoring case, and each match found is matched again on the text itself: for
    its groups, and because a window's end cuts the text short ("December" for
    "December 2020", a lookahead that sees nothing). Lookbehinds and word
    boundaries see before a window's start anyway.
    """
    rx = COMPILED[name]
    finder, searched = (rx, text) if lower is None else (LOWER_COMPILED[name], lower)
    pos = 0
    for start, end in windows:
        pos = max(pos, start)
        while pos < end and (found := finder.search(searched, pos, end)):
            m = rx.match(text, found.start())
            if m is None:
                pos = found.start() + 1
                continue
            yield m
            pos = max(m.end(), found.start() + 1)


def _adjectival(groups: dict[str, str], matched: str) -> bool:
    return "the" in groups and "ord" not in groups and "approx" not in groups and "-" in matched
