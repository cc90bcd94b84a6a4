"""Indirect speech from the parse: "X said (that) …", "…, officials said",
"according to X, …".

The content is the cue verb's clausal complement. A quoted fragment inside
that complement ("he said the deal was “a disaster.”") is part of the same
attribution, so the two become one quote spanning both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np
from spacy.attrs import LOWER, POS
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span, Token

from kronika.components import text_of
from kronika.components.quotes_marks import is_direct, is_quote_mark
from kronika.components.quotes_speakers import Speakers, casts_as
from kronika.records import Quote

OPENING = '“«„"'
CLOSING = '”»"'
COMPLEMENTS = {"ccomp"}
# Words between two quoted phrases of one content ('a “liar” and a “bully”').
MAX_CHAIN_GAP = 5
BREAK = re.compile(r"[.!?;:]\s|\n|[—–]")
# Verbs that attribute by naming: 'called him “a loser”', 'described it as “…”'.
NAMING = {
    "call", "describe", "label", "dub", "brand", "term", "deride", "denounce", "praise",
    "slam", "blast", "characterize", "characterise", "refer", "hail", "mock", "dismiss",
    "accuse", "liken", "compare", "criticize", "criticise", "laud", "tout", "applaud",
    "condemn", "decry", "ridicule", "lambaste", "chide", "exhort",
}  # fmt: skip


def find_indirect(
    doc: Doc, speakers: Speakers, quotes: list[Quote], fragments: list[Quote]
) -> list[Quote]:
    """``quotes`` with indirect attributions added. A quoted fragment inside a
    narrated sentence (in ``fragments``) counts only as part of an attribution."""
    out = list(quotes)
    for tok in _openers(doc):
        if speakers.in_quote(tok.idx) and not _in(tok.idx, fragments):
            continue
        found = _according_to(tok, speakers) if tok.lower_ == "according" else _said(tok, speakers)
        found = found or _naming(tok, speakers, fragments)
        if found is None:
            continue
        (start, end), mention, cue = found
        start = _open_quote(text_of(doc), start)
        end = _close_quote(text_of(doc), start, end)
        end = _chain(doc, speakers, end, fragments)
        if "\n" in text_of(doc)[min(start, tok.idx) : max(end, tok.idx)]:
            continue  # the parser joined paragraphs into one sentence
        new = _quote(doc, speakers, start, end, mention, cue)
        out = _merge(doc, out, new, [f for f in fragments if start <= f.start < end])
    return out


def _openers(doc: Doc) -> Iterator[Token]:
    """The tokens an attribution can hang on: verbs ("said", "called") and
    "according". Read from arrays: a Token for every word cost more than the rules,
    and so did a Python pass over the array."""
    pos, lower = doc.to_array([POS, LOWER]).T
    hits = (pos == VERB) | (pos == AUX) | (lower == doc.vocab.strings["according"])
    for i in np.flatnonzero(hits).tolist():
        yield doc[i]


def _in(char: int, quotes: list[Quote]) -> bool:
    return any(q.start <= char < q.end for q in quotes)


def _naming(tok: Token, speakers: Speakers, fragments: list[Quote]):
    """'X called him “a total loser.”': from the verb's object to the quote's end."""
    if tok.pos_ != "VERB" or tok.i + 1 >= len(tok.doc):
        return None
    start = speakers.starts[tok.i + 1]
    # Most verbs have no quoted phrase close after them: rule that out before
    # finding the sentence, which costs a walk over its tokens.
    if not any(start <= f.start <= start + 80 for f in fragments):
        return None
    sent_end = tok.sent.end_char
    after = [f for f in fragments if start <= f.start < sent_end]
    if not after or after[0].start - start > 80:
        return None
    if tok.lemma_.lower() not in NAMING and not casts_as(tok, after[0].start):
        return None
    mention = speakers.speaker_of(tok)
    if mention is None:
        return None
    return (start, after[0].end), mention, tok.text


def _chain(doc: Doc, speakers: Speakers, end: int, fragments: list[Quote]) -> int:
    """'called him a “liar,” a “bully” and “unstable”': a content that ends
    with a quoted phrase takes in the phrases that follow in the same clause,
    a few words apart with no sentence end and no new cue between."""
    if not text_of(doc)[:end].rstrip(" ,.").endswith(tuple(CLOSING)):
        return end
    for f in fragments:
        if f.start < end:
            continue
        if not phrase_gap(speakers, end, f.start):
            break
        end = f.end
    return end


def phrase_gap(speakers: Speakers, end: int, start: int) -> bool:
    """The words between two quoted phrases of one clause: a few, with no
    sentence end, dash or new cue ('a “liar,” a “bully” and “unstable”')."""
    gap = text_of(speakers.doc)[end:start]
    return (
        len(gap.split()) <= MAX_CHAIN_GAP
        and not BREAK.search(gap)
        and speakers.cue_in(end, start) is None
    )


def _open_quote(text: str, start: int) -> int:
    """Take in the opening mark the parser left outside the complement."""
    before = text[max(0, start - 2) : start]
    for i in range(1, len(before) + 1):  # at the text's start there is less before
        mark = start - i
        if before[-i:][:1] in OPENING and not before[-i:][1:].strip():
            # 'the “rigged economy” that he …': a mark glued to the word
            # before it closes that word's quote; it opens nothing here.
            glued = mark > 0 and not text[mark - 1].isspace() and text[mark - 1] not in "([—–-"
            return start if glued else mark
    return start


def _close_quote(text: str, start: int, end: int) -> int:
    """Extend a content whose quotation is still open to the closing mark."""
    content = text[start:end]
    if _marks(content, OPENING) <= _marks(content, CLOSING):
        return end
    m = re.compile(r"[^\n”»\"]{0,3}[”»\"]").match(text, end)
    return m.end() if m else end


def _marks(text: str, marks: str) -> int:
    # str.count runs in C; a generator over every character did not.
    return sum(text.count(mark) for mark in marks)


def _said(tok: Token, speakers: Speakers) -> tuple[tuple[int, int], Span, str] | None:
    if not speakers.is_cue(tok):
        return None
    comps = [c for c in tok.children if c.dep_ in COMPLEMENTS]
    # "In a statement after X suspended…, Y said he…": what follows is the content.
    comp = next((c for c in comps if c.i > tok.i), comps[0] if comps else None)
    if comp is None:
        return None
    mention = speakers.speaker_of(tok)
    if mention is None:
        return None
    bounds = _trim(_until_quote_ends(list(comp.subtree)))
    if bounds is None:
        return None
    return bounds, mention, tok.text


def _according_to(tok: Token, speakers: Speakers) -> tuple[tuple[int, int], Span, str] | None:
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if obj is None:
        return None
    sent = tok.sent
    phrase_end = obj.right_edge.i + 1
    before = [t for t in sent if t.i < tok.i]
    after = [t for t in sent if t.i >= phrase_end]
    side = after if len(after) >= len(before) else before
    bounds = _trim(side)
    if bounds is None:
        return None
    return bounds, speakers.mention(obj), "according to"


def _trim(tokens: list[Token]) -> tuple[int, int] | None:
    """Character bounds of a content, without the punctuation around it
    (a closing quotation mark and what it closes stay)."""
    while tokens and _loose(tokens[0]):
        tokens = tokens[1:]
    while tokens and _loose(tokens[-1]):
        tokens = tokens[:-1]
    if len(tokens) < 2:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _until_quote_ends(tokens: list[Token]) -> list[Token]:
    """'…“should be wrapped up by Cleveland,” referring to …': a content with a
    quotation ends with it when an adverbial clause or a dash follows."""
    closers = [i for i, t in enumerate(tokens) if t.text in CLOSING and i + 1 < len(tokens)]
    if not closers:
        return tokens
    nxt = tokens[closers[-1] + 1]
    if nxt.text in {",", ";", "—", "–", "--", "-"} or nxt.dep_ == "mark" or nxt.tag_ == "VBG":
        return tokens[: closers[-1] + 1]
    return tokens


def _loose(tok: Token) -> bool:
    return tok.is_space or (tok.is_punct and not is_quote_mark(tok.text))


def _quote(doc: Doc, speakers: Speakers, start: int, end: int, mention: Span, cue: str) -> Quote:
    text = text_of(doc)[start:end]
    return Quote(start, end, text, False, speakers.speaker(mention), cue, None)


def _attributed_inside(q: Quote, new: Quote) -> bool:
    """A direct quote whose own speaker stands inside the new content, outside
    the quote ('According to a report, X said: “…”')."""
    speaker = q.speaker
    if not q.direct or speaker is None or speaker.start is None or speaker.entity is None:
        return False
    if speaker.how == "anonymous":
        return False  # 'She said …, the mother of three replied, “…”': she names her
    outside = not q.start <= speaker.start < q.end
    return outside and new.start <= speaker.start < new.end


def _merge(doc: Doc, quotes: list[Quote], new: Quote, absorbed: list[Quote]) -> list[Quote]:
    """Add an indirect quote; a direct quote or fragment that starts inside it joins it."""
    for f in absorbed:
        new.end = max(new.end, f.end)
    out = []
    for q in quotes:
        if (q.start, q.end) == (new.start, new.end):
            return quotes
        if q.end <= new.start or q.start >= new.end:
            out.append(q)
        elif q.start >= new.start and _attributed_inside(q, new):
            # '“…,” he said, Reuters reported': the outlet reports his
            # attribution; he still speaks, through it.
            q.via = q.via or new.speaker
            return quotes
        elif q.start >= new.start:
            new.end = max(new.end, q.end)
            new.descriptor = new.descriptor or q.descriptor
            new.via = new.via or q.via
        else:
            return quotes  # the cue stands inside a direct quote's span: nothing new
    new.text = text_of(doc)[new.start : new.end]
    new.direct = is_direct(new.text)
    out.append(new)
    return out
