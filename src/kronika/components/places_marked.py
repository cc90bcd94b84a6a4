"""Place names that news conventions mark by their position rather than by
the words around them:

- a dateline in capitals: "MANSFIELD, Ohio —", "… 2009 HANOVER -- The";
- a legislator's party and home: "Sen. Ray Smith, D-Columbus," / "R-Pa.";
- a list of counties: "Clay, Grant and Otter Tail counties".

Each comes back as a span labelled with what marked it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

DATELINE = "DATELINE_PLACE"
PARTY_HOME = "PARTY_HOME_PLACE"
COUNTY_LIST = "COUNTY_LIST_PLACE"
MARKS = {DATELINE, PARTY_HOME, COUNTY_LIST}

_DATELINE_AFTER_OPENING = {",", "-", "--", "—", "–", "(", ":"}
_DATELINE_ANYWHERE = {"--", "—"}
PARTIES = {"d", "r", "i", "dfl"}
COUNTY_PLURALS = {"counties", "parishes", "boroughs"}
_LIST_JOINERS = {",", "and", "or"}
MAX_WORDS = 3


def marked(doc: Doc) -> list[Span]:
    # One pass over the tokens: spaCy builds a Token object on every access.
    words = [(t.text, t.is_sent_start, t.is_title) for t in doc]
    return [*_datelines(doc, words), *_party_homes(doc, words), *_county_lists(doc, words)]


def _datelines(doc: Doc, words: list[tuple[str, bool, bool]]) -> list[Span]:
    """Up to three words in capitals, then a comma or a dash (at a sentence's
    opening) or a double dash (anywhere: a byline may come first)."""
    out = []
    i = 0
    while i < len(words):
        end = i
        while end < len(words) and end - i < MAX_WORDS and _shouting(words[end][0]):
            end += 1
        if end == i:
            i += 1
            continue
        after = words[end][0] if end < len(words) else ""
        opening = words[i][1] or (i > 0 and words[i - 1][0] in {".", "\n"})
        if after in _DATELINE_ANYWHERE or (opening and after in _DATELINE_AFTER_OPENING):
            out.append(Span(doc, i, end, label=DATELINE))
        i = end
    return out


def _shouting(text: str) -> bool:
    word = text.rstrip(".")
    return len(word) > 1 and word.isalpha() and word.isupper()


def _party_homes(doc: Doc, words: list[tuple[str, bool, bool]]) -> list[Span]:
    """ "D-Columbus", "DFL-Cook", "R-W. Va.": after a party letter and a hyphen,
    the capitalised words up to the comma or bracket."""
    out = []
    for i in range(len(words) - 2):
        text = words[i][0]
        if text.lower() in PARTIES and text.isupper() and words[i + 1][0] == "-":
            start = end = i + 2
            while end < len(words) and end - start < MAX_WORDS and words[end][0][:1].isupper():
                end += 1
            if end > start:
                out.append(Span(doc, start, end, label=PARTY_HOME))
    return out


def _county_lists(doc: Doc, words: list[tuple[str, bool, bool]]) -> list[Span]:
    """Each name of "Clay, Douglas and Otter Tail counties", back to the list's start."""
    out = []
    for i, (text, _, _) in enumerate(words):
        if text.lower() not in COUNTY_PLURALS:
            continue
        end = i
        while end > 0:
            start = end
            while start > 0 and end - start < MAX_WORDS and words[start - 1][2]:
                start -= 1
            if start == end:
                break
            out.append(Span(doc, start, end, label=COUNTY_LIST))
            end = start
            while end > 0 and words[end - 1][0].lower() in _LIST_JOINERS:
                end -= 1
            if end == start:
                break
    return out
