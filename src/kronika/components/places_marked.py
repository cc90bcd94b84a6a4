"""Place names that news conventions mark by their position rather than by
the words around them:

- a dateline in capitals: "MANSFIELD, Ohio —", "… 2009 HANOVER -- The";
- a legislator's party and home: "Sen. Ray Smith, D-Columbus," / "R-Pa.";
- a list of counties: "Clay, Grant and Otter Tail counties".

Each comes back as a span labelled with what marked it.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from kronika.components.places_lexicon import words

DATELINE = "DATELINE_PLACE"
PARTY_HOME = "PARTY_HOME_PLACE"
COUNTY_LIST = "COUNTY_LIST_PLACE"
REGION_LIST = "REGION_LIST_PLACE"  # "the Sumy, Chernihiv and Poltava regions"
MARKS = {DATELINE, PARTY_HOME, COUNTY_LIST, REGION_LIST}

# Found in the text first (a regular expression is far cheaper than a walk over
# spaCy tokens), then mapped to tokens. An expression that opens with a
# lookbehind or a word boundary is tried at every character of the text; one
# that opens with a plain letter jumps between candidate letters, hence the
# lookbehind after the first capital here.
_DATELINE = re.compile(r"([A-Z](?<![\w.][A-Z])[A-Z]+\.?(?: [A-Z]{2,}\.?){0,2})\s*(--|—|–|-|,|\(|:)")
_ANYWHERE = {"--", "—"}  # a byline may come first: "… 2009 HANOVER -- The"
_PARTY_HOME = re.compile(r"(?<![\w-])(?:D|R|I|DFL)-([A-Z][\w.]*(?: [A-Z][\w.]*){0,2})")
_PARTY_TAG = re.compile(r"[DRIL]-")  # in every party home; absent from most articles
_COUNTY_WORDS = ("counties", "parishes", "boroughs")
_REGION_WORDS = tuple(sorted(words("en").region_plural))
_COUNTIES = re.compile(r"\b(?:" + "|".join(_COUNTY_WORDS + _REGION_WORDS) + r")\b", re.IGNORECASE)
# Letters outside ASCII that IGNORECASE matches to those words' letters ("ı" to
# "i") and that lower() leaves alone.
_FOLDS_TO_ASCII = ("ı", "İ", "ſ")
_LIST_JOINERS = {",", "and", "or"}
MAX_WORDS = 3


def marked(doc: Doc, text: str) -> list[Span]:
    return [*_datelines(doc, text), *_party_homes(doc, text), *_county_lists(doc, text)]


def _datelines(doc: Doc, text: str) -> list[Span]:
    """Up to three words in capitals, then a comma or a dash at a sentence's
    opening, or a double dash anywhere."""
    out = []
    for match in _DATELINE.finditer(text):
        span = doc.char_span(match.start(1), match.end(1), label=DATELINE)
        if span is None:
            continue
        before = doc[span.start - 1] if span.start > 0 else None
        opening = before is None or span[0].is_sent_start or before.text == "." or before.is_space
        if opening or match.group(2) in _ANYWHERE:
            out.append(span)
    return out


def _party_homes(doc: Doc, text: str) -> list[Span]:
    """ "D-Columbus", "DFL-Cook", "R-W. Va.": after a party letter and a hyphen,
    the capitalised words up to the comma or bracket."""
    if not _PARTY_TAG.search(text):
        return []
    spans = (
        doc.char_span(m.start(1), m.end(1), label=PARTY_HOME, alignment_mode="expand")
        for m in _PARTY_HOME.finditer(text)
    )
    return [s for s in spans if s is not None]


def _county_lists(doc: Doc, text: str) -> list[Span]:
    """Each name of "Clay, Douglas and Otter Tail counties", back to the list's start."""
    if not _may_name_counties(text):
        return []
    out = []
    for match in _COUNTIES.finditer(text):
        word = doc.char_span(match.start(), match.end())
        if word is None:
            continue
        label = REGION_LIST if match.group().lower() in _REGION_WORDS else COUNTY_LIST
        end = word.start
        while end > 0:
            start = end
            while start > 0 and end - start < MAX_WORDS and doc[start - 1].is_title:
                start -= 1
            if start == end:
                break
            out.append(Span(doc, start, end, label=label))
            end = start
            while end > 0 and doc[end - 1].lower_ in _LIST_JOINERS:
                end -= 1
            if end == start:
                break
    return out


def _may_name_counties(text: str) -> bool:
    """False only when ``_COUNTIES`` cannot match: a case-insensitive expression
    is slow to scan a whole article with, and few articles list counties."""
    lowered = text.lower()
    listed = _COUNTY_WORDS + _REGION_WORDS
    return any(w in lowered for w in listed) or any(c in text for c in _FOLDS_TO_ASCII)
