"""``kronika_claims``: the numbers a text asserts, with what they count and who says so.

Candidates come from the quantity grammar (:mod:`claims_numbers`); the parse
then decides what is not a claim (ages, dates, durations, clock times, names
such as "Colony No. 120", pronoun uses of "one") and finds the thing counted:
the noun the number modifies, the object of "of" ("half of its officers"), or,
for "about twenty of them" and "dozens more", the noun they stand for. A rate
("every month") is a SET time of the same sentence. The speaker is the speaker
of the quote holding the number, else the literal ``"publication"``.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from kronika.components import once, register_extensions, text_of
from kronika.components.claims_numbers import Quantity, find
from kronika.records import Claim

PUBLICATION = "publication"
TIME_UNITS = re.compile(
    r"^[\s-]*(?:more\s|other\s|long\s|full\s)?(?:second|minute|hour|day|night|week|month|year|decade|"
    r"centur(?:y|ies)|weekend|term|season)s?\b",
    re.IGNORECASE,
)
COMPOUND_AFTER = re.compile(r"^-[a-z]", re.IGNORECASE)
CLOCK_AFTER = re.compile(r"^(?::\d|\s?[ap]\.?m\b)", re.IGNORECASE)
AGE_BEFORE = re.compile(r"\b(?:aged?|ages of|age of|ages)\s+$", re.IGNORECASE)
NAME_BEFORE = re.compile(
    r"(?:\bNo\.?|\bnumber|\bday|\bpage|\bArticle|\bResolution|\bFlight|\bRoute|\bHighway|#|"
    r"\bpart|\bchapter|\bsection|\bitem|\broom|\bversion|\bphase)\s*$",
    re.IGNORECASE,
)
YEAR = re.compile(r"^(?:1[89]\d\d|20\d\d)$")
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
          "sep", "sept", "oct", "nov", "dec"}  # fmt: skip
PRONOUNS = {"them", "us", "those", "these", "it", "which", "whom", "you"}
MEASURES = {
    "ton", "tonne", "mile", "kilometre", "kilometer", "km", "metre", "meter", "litre", "liter",
    "barrel", "hectare", "acre", "kilogram", "kg", "pound", "foot", "feet", "yard", "square",
    "cubic", "gallon", "megawatt", "gigawatt", "bcm", "sq",
}  # fmt: skip
NAMED_LABELS = {"ORG", "UNIT", "FAC", "PERSON", "WORK_OF_ART", "LAW", "PRODUCT", "EVENT"}
ONE_EXCLUDE_NEXT = {
    "of", "another", "day", "time", "point", "way", "side", "thing", "hand", "more", "go", "piece",
}  # fmt: skip
RATE_WORDS = re.compile(
    r"\b(?:(?:every|each|per)\s+(?P<unit>day|week|month|year|night)|"
    r"(?P<adj>daily|weekly|monthly|yearly|annually|nightly))\b",
    re.IGNORECASE,
)
RATE_VALUES = {"day": "P1D", "night": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y"}
ADJ_RATES = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
             "yearly": "P1Y", "annually": "P1Y"}  # fmt: skip
ELIDED = {"more", "others", "other"}


@Language.factory("kronika_claims")
def make_claims(nlp: Language, name: str):
    return ClaimFinder()


class ClaimFinder:
    """Fills ``doc._.claims`` with :class:`kronika.records.Claim` records."""

    def __init__(self):
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        times = [(t.start, t.end) for t in doc._.times or [] if t.type != "SET"]
        claims: list[Claim] = []
        for quantity in find(text_of(doc)):
            if _overlaps(quantity, times) or _overlaps(
                quantity, [(c.start, c.end) for c in claims]
            ):
                continue
            span = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
            if span is None or not _is_claim(doc, quantity, span):
                continue
            claims.append(self._claim(doc, quantity, span, claims))
        doc._.claims = claims
        return doc

    def _claim(self, doc: Doc, quantity: Quantity, span: Span, earlier: list[Claim]) -> Claim:
        end, unit = _unit(doc, quantity, span, earlier)
        if quantity.kind == "money":
            unit = quantity.currency
        elif unit is None and quantity.kind == "count":
            unit = _coordinated_unit(doc, quantity, earlier)
        text = text_of(doc)[quantity.start : end]
        speaker, claimant = _claimant(doc, quantity)
        return Claim(
            start=quantity.start,
            end=end,
            text=text,
            quantity=quantity.quantity,
            low=quantity.low,
            high=quantity.high,
            approximate=quantity.approximate,
            hedge=quantity.hedge,
            unit=unit,
            rate=_rate(doc, span),
            speaker=speaker,
            claimant=claimant,
        )


def claim_kind(claim: Claim) -> str:
    """count, percent (percentages and fractions), money or measure: for scoring and display."""
    quantity = claim.quantity or ""
    if quantity.endswith("%") or "/" in quantity:
        return "percent"
    if quantity[:3].isupper() and quantity[:3].isalpha():
        return "money"
    head = (claim.unit or "").split(" of ")[0].split()[-1:] or [""]
    if head[0].lower().rstrip("s") in MEASURES:
        return "measure"
    return "count"


def _overlaps(quantity: Quantity, spans: list[tuple[int, int]]) -> bool:
    return any(s < quantity.end and quantity.start < e for s, e in spans)


def _is_claim(doc: Doc, q: Quantity, span: Span) -> bool:
    text = text_of(doc)
    before, after = text[max(0, q.start - 40) : q.start], text[q.end : q.end + 30]
    number = text[q.start : q.end]
    if q.kind in ("count", "percent") and not q.vague:
        if TIME_UNITS.match(after) or COMPOUND_AFTER.match(after) or CLOCK_AFTER.match(after):
            return False
        if re.search(r"\d[:.]$", before):  # the minutes of "00:54"
            return False
        if AGE_BEFORE.search(_before_hedge(text, q)) or NAME_BEFORE.search(_before_hedge(text, q)):
            return False
        if YEAR.match(number) and q.kind == "count" and not _counts_noun(span):
            return False
        if _is_age_apposition(before, after) or _in_name(doc, span) or _numbered_name(doc, span, q):
            return False
    if q.kind == "fraction" and not (re.match(r"^\s+of\b", after) or q.hedge):
        return False
    if q.vague and re.match(r"(?i)scores$", number) and not re.match(r"^\s+(?:of|more)\b", after):
        return False
    if q.quantity == "1" and q.kind == "count":
        return _is_counted_one(doc, span)
    return True


def _before_hedge(text: str, q: Quantity) -> str:
    return text[max(0, q.start - 30) : q.start]


def _counts_noun(span: Span) -> bool:
    # "2022 rockets" is a count; "in 2022" is a year.
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    return nxt is not None and nxt.tag_ in ("NNS", "NNPS")


def _is_age_apposition(before: str, after: str) -> bool:
    # "Ilya Yashin, 39, a city councillor": a bare number set off by commas after a name.
    return bool(re.search(r"[A-Z][\w’'-]+,\s*$", before)) and bool(re.match(r"^\s*,", after))


def _numbered_name(doc: Doc, span: Span, q: Quantity) -> bool:
    # "Nord Stream 1", "Flight 17": bare digits after a capitalised word inside a sentence.
    prev = doc[span.start - 1] if span.start else None
    if q.hedge or prev is None or prev.is_sent_start or not prev.is_title or prev.is_stop:
        return False
    return text_of(doc)[q.start : q.end].isdigit() and prev.lower_ not in MONTHS


def _in_name(doc: Doc, span: Span) -> bool:
    return any(
        start <= span.start and span.end <= end and end - start > len(span)
        for start, end in _names(doc)
    )


def _names(doc: Doc) -> list[tuple[int, int]]:
    # ``doc.ents`` builds a new Span for every entity on each access.
    return once(
        doc,
        "claims_names",
        lambda d: [(e.start, e.end) for e in d.ents if e.label_ in NAMED_LABELS],
    )


def _is_counted_one(doc: Doc, span: Span) -> bool:
    token = span[-1]
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    prev = doc[span.start - 1] if span.start else None
    if nxt is None or nxt.lower_ in ONE_EXCLUDE_NEXT or nxt.pos_ not in ("NOUN", "ADJ", "PROPN"):
        return False
    if doc[nxt.i + 1 : nxt.i + 3].text.lower() == "after another":  # "one town after another"
        return False
    if prev is not None and prev.lower_ in {
        "no",
        "the",
        "this",
        "that",
        "any",
        "every",
        "each",
        "at",
    }:
        return False
    return token.dep_ == "nummod" or nxt.pos_ == "NOUN"


def _unit(doc: Doc, q: Quantity, span: Span, earlier: list[Claim]) -> tuple[int, str | None]:
    """Where the claim ends and what it counts."""
    i = span.end
    if i < len(doc) and doc[i].lower_ in ELIDED and not _np_follows(doc, i + 1):
        # "dozens more were injured": the unit is the one counted just before.
        return doc[i].idx + len(doc[i]), _previous_unit(doc, span, earlier)
    if i < len(doc) and doc[i].lower_ == "of":
        return _of_unit(doc, q, span)
    head = _modified_noun(span)
    if head is None:
        return q.end, None
    noun = _noun_phrase(doc, span.end, head)
    return noun.end_char, noun.text


def _np_follows(doc: Doc, i: int) -> bool:
    return i < len(doc) and doc[i].pos_ in ("NOUN", "ADJ", "PROPN")


def _of_unit(doc: Doc, q: Quantity, span: Span) -> tuple[int, str | None]:
    of = doc[span.end]
    objects = [t for t in of.children if t.dep_ == "pobj"] or (
        [doc[of.i + 1]] if of.i + 1 < len(doc) else []
    )
    if not objects:
        return q.end, None
    obj = objects[0]
    if obj.lower_ in PRONOUNS or obj.pos_ == "PRON":
        return q.end, _antecedent(doc, span)
    if obj.pos_ not in ("NOUN", "PROPN"):
        return q.end, None
    first = of.i + 1
    while first < obj.i and doc[first].dep_ in ("det", "poss", "predet", "case"):
        first += 1
    last = _extend_measure(doc, obj)
    return last.idx + len(last), doc[first : last.i + 1].text


def _extend_measure(doc: Doc, obj: Token) -> Token:
    # "millions of tons of grain": a measure word counts what follows its "of".
    if obj.lemma_.lower() not in MEASURES:
        return obj
    for child in obj.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            pobj = [t for t in child.children if t.dep_ == "pobj"]
            if pobj:
                return pobj[0]
    return obj


def _modified_noun(span: Span) -> Token | None:
    doc = span.doc
    for token in span:
        modifies = token.dep_ in ("nummod", "quantmod", "amod", "compound")
        if modifies and token.head.i >= span.end and token.head.pos_ in ("NOUN", "PROPN"):
            return token.head
    # The parser often misses the number; accept a plural noun right after it.
    i = span.end
    while i < len(doc) and doc[i].pos_ == "ADJ" and i - span.end < 3:
        i += 1
    if i < len(doc) and doc[i].tag_ in ("NNS", "NNPS", "NN") and doc[i].pos_ == "NOUN":
        return _np_head(doc, i)
    return None


def _np_head(doc: Doc, i: int) -> Token:
    # "two leisure centers": step over compounds to the noun they modify.
    token = doc[i]
    while token.dep_ == "compound" and token.head.i > token.i and token.head.i - i < 4:
        token = token.head
    return token


def _noun_phrase(doc: Doc, start: int, head: Token) -> Span:
    if head.i < start:
        return doc[head.i : head.i + 1]
    return doc[start : head.i + 1]


def _coordinated_unit(doc: Doc, q: Quantity, earlier: list[Claim]) -> str | None:
    # "eight people were killed and 27 injured": the second count shares the first one's unit.
    if not earlier or not earlier[-1].unit or q.start - earlier[-1].end > 60:
        return None
    between = text_of(doc)[earlier[-1].end : q.start]
    return (
        earlier[-1].unit if re.search(r"\b(?:and|or)\b", between) and "." not in between else None
    )


def _previous_unit(doc: Doc, span: Span, earlier: list[Claim]) -> str | None:
    sent = span.sent
    for claim in reversed(earlier):
        if claim.start >= sent.start_char and claim.unit:
            return claim.unit
    return _antecedent(doc, span)


def _antecedent(doc: Doc, span: Span) -> str | None:
    # The nearest plural noun before the number in its sentence ("new recruits … twenty of them").
    for token in reversed(list(doc[span.sent.start : span.start])):
        if token.tag_ in ("NNS", "NNPS") and token.pos_ in ("NOUN", "PROPN"):
            mods = [t for t in token.lefts if t.dep_ in ("amod", "compound")]
            first = mods[0].i if mods else token.i
            return doc[first : token.i + 1].text
    return None


def _rate(doc: Doc, span: Span) -> str | None:
    sent = span.sent
    match = None
    for time in doc._.times or []:
        if time.type == "SET" and sent.start_char <= time.start < sent.end_char:
            # Prefer the period ("P1M") to a calendar pattern ("XXXX-XX") for a rate.
            match = RATE_WORDS.search(time.text)
            if not match:
                return time.value
    match = match or RATE_WORDS.search(sent.text)
    if not match:
        return None
    if match.group("unit"):
        return RATE_VALUES[match.group("unit").lower()]
    return ADJ_RATES[match.group("adj").lower()]


def _claimant(doc: Doc, q: Quantity) -> tuple[str | None, str | None]:
    """Who claims the number, and their entity: the speaker of the quote holding
    it (resolved by the quote's attribution), else the publication."""
    for quote in doc._.quotes or []:
        if quote.start <= q.start and q.end <= quote.end:
            speaker = quote.speaker
            return (speaker.name, speaker.entity) if speaker is not None else (None, None)
    return PUBLICATION, None
