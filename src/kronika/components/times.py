"""``kronika_times``: time expressions with TIMEX3 types and values.

Expressions are found by rules over the text (:mod:`times_grammar`), checked
against the parse to drop not-times (ages, quantities, the verb "may"), and
normalised (:mod:`times_normalise`) against ``doc._.published`` using the tense
of their clause and the years named in their sentence. The parse is only read,
so the component costs a few regular-expression passes per document.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from kronika.components import register_extensions, text_of
from kronika.components.times_grammar import CASED, Candidate, find
from kronika.components.times_lexicon import year_number
from kronika.components.times_normalise import Context, Value, normalise
from kronika.records import Time

AGE_AFTER = re.compile(r"^[\s-]*(?:old|of age)\b", re.IGNORECASE)
AGE_BEFORE = re.compile(
    r"\b(?:aged?|ages of|age of)\s+(?:about|around|nearly|some|almost|roughly)?\s*$", re.IGNORECASE
)
# "in his 30s", "in their early 20s": an age, not a decade.
AGE_DECADE_BEFORE = re.compile(
    r"\b(?:his|her|their|my|your|our)\s+(?:(?:early|mid|late)[\s-]+)?$", re.I
)
# A title in quotes: ABC's "This Week", CBS's "60 Minutes".
TITLE_BEFORE = re.compile(r"(?:^|\s)(?:[\"“]|''|``)$")
MONEY_BEFORE = re.compile(r"[$€£¥#№]\s*$|\b(?:No\.|number|Nos?)\s*$", re.IGNORECASE)
QUANTITY_AFTER = re.compile(r"^\s*(?:%|percent|per cent|[,.]\d)", re.IGNORECASE)
# A year-like number before these is a year even when it modifies a plural noun.
YEAR_CUES = {"in", "of", "since", "from", "until", "till", "by", "the", "'s", "between", "and", "to",
             "before", "after", "during", "early", "late", "mid", "fiscal", "or", "nor", ","}  # fmt: skip
MARCH_NAME = re.compile(r"^\s+(?:for\s+[A-Z]|of\s+(?:the\s+)?[A-Z])")
QUARTER = re.compile(r"^\d{4}-Q\d$")
REFERENCE_REACH = 600  # characters: about three sentences
AMBIGUOUS_SEASON = {"fall", "spring"}
FUTURE_AUX = {"will", "'ll", "shall", "wo", "going"}
HYPOTHETICAL_AUX = {"would", "might"}
# "as early as Tuesday", "no later than May": a deadline or date still ahead.
AHEAD_BEFORE = re.compile(r"\b(?:as (?:early|soon) as|no later than|effective)\s+$", re.IGNORECASE)
# "scheduled a news conference Thursday", "planned a rally on Saturday": the
# date of what is planned, so still ahead even when told in the past.
PLAN_VERBS = {"plan", "schedule"}
# Verbs whose infinitive looks ahead even when they are told in the past.
INTENT_VERBS = {"plan", "expect", "intend", "schedule", "want", "hope", "aim", "agree", "promise",
                "prepare", "seek", "vow", "threaten", "decide", "set", "go", "ask", "urge"}  # fmt: skip


@Language.factory("kronika_times", default_config={"context_years": True})
def make_times(nlp: Language, name: str, context_years: bool):
    return TimeTagger(context_years)


class TimeTagger:
    """Fills ``doc._.times`` with :class:`kronika.records.Time` records."""

    def __init__(self, context_years: bool = True):
        register_extensions()
        self.context_years = context_years

    def __call__(self, doc: Doc) -> Doc:
        anchor = _parse_date(doc._.published)
        cands = find(text_of(doc), lambda c: _is_time(doc, c))
        years = [(c.start, year_number(c.groups["year"])) for c in cands if _explicit_year(c)]
        times, quarters, story = [], QuarterMemory(), None
        for cand in cands:
            span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
            year = self._context_year(span, cand, years, anchor)
            ctx = Context(anchor, self._tense(doc, span, cand), year, quarters.recall(cand.start))
            ctx.story_date = story
            value = normalise(cand, ctx)
            if value is not None:
                quarters.note(cand, value.value, anchor)
                story = _story_date(cand, value) or story
                times.append(_record(doc, cand, value))
        doc._.times = times
        return doc

    @staticmethod
    def _tense(doc: Doc, span, cand: Candidate) -> str | None:
        text = text_of(doc)
        if AHEAD_BEFORE.search(text[max(0, cand.start - 20) : cand.start]):
            return "future"
        tense = _tense(span)
        # "get around Wednesday's ruling": a ruling already given, whatever the
        # clause plans; only "will" looks ahead from a possessive weekday.
        possessive = cand.rule == "weekday" and text.startswith(("'s", "’s"), cand.end)
        if possessive and tense == "future" and not _will(span):
            return None
        return tense

    def _context_year(self, span, cand: Candidate, years, anchor: dt.date | None) -> int | None:
        """A year named in the same sentence, for a year-less day or month: in a
        sentence about 2008 and 2022, "February 24" is not this year's. The latest
        year named wins (the past closest to the present)."""
        if not self.context_years or span is None or cand.rule not in {"month_day", "day_month"}:
            return None
        # Only for a day told in the past: "by June 3" looks ahead from the date line.
        if cand.groups.get("year") or _tense(span) == "future":
            return None
        first, last = _sentence(span)
        named = [y for start, y in years if first <= start < last]
        named = [y for y in named if anchor is None or y < anchor.year]
        return max(named) if named else None


class QuarterMemory:
    """The last quarter named outright ("the third quarter"), for what follows
    it in earnings reports ("a year earlier", "the quarter")."""

    def __init__(self):
        self.value: str | None = None
        self.end = -REFERENCE_REACH

    def recall(self, start: int) -> str | None:
        return self.value if start - self.end < REFERENCE_REACH else None

    def note(self, cand: Candidate, value: str, anchor: dt.date | None) -> None:
        # A quarter worked out from another ("the year-ago quarter") is no reference,
        # nor is one still ahead ("losses through the third quarter of 2025"):
        # results are reported for quarters that have begun.
        derived = cand.groups.keys() & {"ago", "ago2"}
        begun = anchor is None or value <= f"{anchor.year}-Q{(anchor.month - 1) // 3 + 1}"
        if (
            cand.rule in {"quarter", "the_quarter"}
            and not derived
            and QUARTER.match(value)
            and begun
        ):
            self.value, self.end = value, cand.end


# Expressions that name a calendar date themselves (not "today", not "two
# years ago"): what "that day" or "the following year" later refers back to.
CALENDAR_RULES = {"iso", "numeric", "month_day", "day_month", "month_year", "year"}
STORY_VALUE = re.compile(r"^\d{4}(?:-\d\d){0,2}$")


def _story_date(cand: Candidate, value: Value) -> str | None:
    if cand.rule in CALENDAR_RULES and STORY_VALUE.match(value.value):
        return value.value
    return None


def _record(doc: Doc, cand: Candidate, value: Value) -> Time:
    text = text_of(doc)[cand.start : cand.end]
    return Time(
        cand.start, cand.end, text, value.type, value.value, value.anchor, value.certain, value.note
    )


def _sentence(span: Span) -> tuple[int, int]:
    """Character bounds of a span's sentence; without a parser, its line."""
    doc = span.doc
    if doc.has_annotation("SENT_START"):
        return span.sent.start_char, span.sent.end_char
    first = text_of(doc).rfind("\n", 0, span.start_char) + 1
    last = text_of(doc).find("\n", span.end_char)
    return first, len(text_of(doc)) if last < 0 else last


def _parse_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _explicit_year(cand: Candidate) -> bool:
    return "year" in cand.groups and cand.rule in {
        "year",
        "month_year",
        "month_day",
        "day_month",
        "season",
    }


def _is_time(doc: Doc, cand: Candidate) -> bool:
    text = text_of(doc)
    before, after = text[max(0, cand.start - 30) : cand.start], text[cand.end : cand.end + 12]
    matched = text[cand.start : cand.end]
    if cand.rule in {"duration", "ago", "rel_unit"} and (
        AGE_AFTER.match(after) or "-old" in matched
    ):
        return False
    if AGE_BEFORE.search(before):
        return False
    if cand.rule in {"decade", "short_decade"} and AGE_DECADE_BEFORE.search(before):
        return False
    if TITLE_BEFORE.search(before) and matched.istitle() and " " in matched:
        return False
    if not _fits_its_words(cand):
        return False
    if cand.rule in CASED and not _capitalised(cand):
        return False
    if cand.rule == "month_year" and not _month_is_time(doc, cand):
        return False
    # "the March for Life", "the March of the Mothers": a procession's name.
    if cand.rule == "month_year" and MARCH_NAME.match(after) and cand.groups["month"] == "March":
        return False
    if cand.rule == "clock" and re.search(r"\bhigh\s+$", before, re.IGNORECASE):
        return False  # "high noon", the idiom
    if cand.rule == "season" and not _season_is_time(cand, before):
        return False
    if cand.rule == "ref_adjective" and not _modifies_noun(doc, cand):
        return False
    if cand.rule == "year" and not _year_is_time(doc, cand, before, after):
        return False
    return cand.rule not in {"duration", "ago"} or _duration_is_time(cand, matched, after)


def _fits_its_words(cand: Candidate) -> bool:
    # "objections that four days seemed…": "that" is a conjunction there.
    if cand.rule == "rel_unit" and cand.groups["pre"].lower().startswith("that"):
        return "num" not in cand.groups
    return True


def _capitalised(cand: Candidate) -> bool:
    for key in ("month", "weekday"):
        word = cand.groups.get(key)
        if word and not word[0].isupper():
            return False
    return True


def _month_is_time(doc: Doc, cand: Candidate) -> bool:
    # "May" and "March" alone are often a modal or a verb ("troops march on").
    word = cand.groups["month"]
    if word.lower() not in {"may", "march"} or len(cand.groups) > 1:
        return True
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    return span is not None and span[0].pos_ == "PROPN"


def _modifies_noun(doc: Doc, cand: Candidate) -> bool:
    # "current conditions", "Elian's future": not "an electric current".
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or not doc.has_annotation("DEP"):
        return False
    tok = span[-1]  # "then current": the adjective is last
    if tok.lower_ == "future":
        return tok.dep_ == "amod" or any(c.dep_ == "poss" for c in tok.children)
    return tok.dep_ == "amod" or (tok.dep_ == "advmod" and tok.head.pos_ == "ADJ")


def _season_is_time(cand: Candidate, before: str) -> bool:
    # "the fall of the city", "a spring of water": only with a year or a cue word.
    if cand.groups["season"].lower() not in AMBIGUOUS_SEASON:
        return True
    if cand.groups.get("year") or cand.groups.get("rel") or cand.groups.get("yrel"):
        return True
    return bool(
        re.search(r"\b(?:in|during|by|until|since|this|last|next)\s+(?:the\s+)?$", before, re.I)
    )


def _year_is_time(doc: Doc, cand: Candidate, before: str, after: str) -> bool:
    if cand.groups.get("mod"):
        return True
    if MONEY_BEFORE.search(before) or QUANTITY_AFTER.match(after):
        return False
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None:
        return True
    tok = span[-1]
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    prev = doc[span.start - 1].lower_ if span.start > 0 else ""
    # "1500 soldiers": a count. "the 2022 elections", "in 2022 troops…": a year.
    counts = nxt is not None and nxt.tag_ == "NNS" and tok.dep_ == "nummod" and nxt.i == tok.head.i
    return not (counts and prev not in YEAR_CUES)


def _duration_is_time(cand: Candidate, matched: str, after: str) -> bool:
    of_follows = after.lstrip().lower().startswith("of ")
    num = (cand.groups.get("num") or "").lower()
    unit = cand.groups["unit"].lower()
    # "a second" is an ordinal ("a second attempt"), not one second;
    # "a quarter", "three-quarters", "two quarters of the vote" are fractions.
    if unit.startswith(("second", "quarter")) and num in {"a", "an"}:
        return False
    # "several quarters of losses" is time; "two quarters of the vote" a share.
    vague = num in {"several", "few", "a few", "many"}
    return not (unit.startswith("quarter") and not vague and ("-" in matched or of_follows))


def _tense(span: Span | None) -> str | None:
    """The tense of the clause governing a span: past, present, future or None."""
    if span is None or not span.doc.has_annotation("DEP"):
        return None
    verb = _governing_verb(span.root)
    if verb is None:
        return None
    # What is planned comes after the verb; "On Friday, it planned…" is when.
    if (
        verb.lemma_.lower() in PLAN_VERBS
        and verb.dep_ not in {"acl", "amod"}
        and span.start > verb.i
    ):
        return "future"
    return _verb_tense(verb)


def _will(span: Span | None) -> bool:
    verb = None if span is None else _governing_verb(span.root)
    return verb is not None and any(c.lower_ in FUTURE_AUX for c in verb.children)


def _governing_verb(tok):
    while tok.pos_ not in {"VERB", "AUX"} and tok.head.i != tok.i:
        tok = tok.head
    return tok if tok.pos_ in {"VERB", "AUX"} else None


def _verb_tense(verb, depth: int = 0) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    words = {a.lower_ for a in auxes}
    if words & FUTURE_AUX or (verb.tag_ == "MD" and verb.lower_ in FUTURE_AUX):
        return "future"
    # "would travel Thursday", "could come as early as Tuesday": a reported plan.
    if words & HYPOTHETICAL_AUX and "have" not in words:
        return "future"
    if verb.tag_ == "VB" and "to" in words:
        return _infinitive_tense(verb, depth)
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes) or words & {"has", "have"}:
        return "past"
    if verb.tag_ in {"VBZ", "VBP"} or words & {"is", "are", "am"}:
        return "present"
    return None


def _infinitive_tense(verb, depth: int) -> str | None:
    """ "plans to meet on Monday", "is expected to close by May": an intention,
    so ahead. But an infinitive under a past fact ("had been due to expire
    Friday", "extended the offer to buy it Friday") is as past as its governor."""
    governor = _governing_verb(verb.head) if verb.head.i != verb.i else None
    if governor is None or depth > 3 or governor.lemma_.lower() in INTENT_VERBS:
        return "future"
    return "past" if _verb_tense(governor, depth + 1) == "past" else "future"
