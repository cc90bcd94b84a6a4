"""Attributing a direct quote: a cue verb inserted in it, after it or before
it; failing a cue, an introduction ending in a colon, a person the paragraph
names, or the speaker of the paragraph's previous quote."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Literal

from spacy.tokens import Doc, Span, Token

from kronika.components import people_lexicon, text_of
from kronika.components.people import CONFIDENCE
from kronika.components.people_pronouns import paragraph_floors
from kronika.components.quotes_marks import QUOTE_MARKS
from kronika.components.quotes_speakers import Cue, Speakers, casts_as, of_document
from kronika.records import Speaker

CUED = {"inside", "gap", "after", "before"}
DESCRIBING = {"amod", "compound", "acl"}
How = Literal["inside", "gap", "after", "before", "colon", "paragraph", "previous", "pull", "none"]
DASH = re.compile(r"\s[-–—]\s")
# A signature under or after a quote: a dash (or a quotation dash '―'), then a
# short name ending its line; an initial keeps its period ('Jane Q. Roe').
SIGNATURE = re.compile(
    r"[ \t\xa0]*(?:\n\s*)?[-–—―][ \t\xa0]*((?:\b[A-Z]\.|[^\n,.])+)[^\n]{0,40}(?:\n|$)"
)
# 'in her words', 'in the Gazette’s own words', 'in the words of X' (not 'in
# other words').
IN_WORDS = re.compile(
    r"\b[Ii]n (?:the words of ([A-Z][\w.’' -]{0,40}?)"
    r"|(?:the )?(her|his|their|its|[A-Z][\w.-]*)(?:[’']s?)? (?:own )?words)[,:]?\s*$"
)
SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
# A period after an initial or a title does not end a sentence ("Jeffrey M.
# Jones wrote", "said Sen. Smith").
ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|St|Jr|Sr|Prof|Rev|Maj))\.$"
)


@dataclass
class Draft:
    """A direct quote being assembled: boundaries first, then its attribution."""

    start: int
    end: int
    para_start: int
    cue: Cue | None = None
    how: How = "none"
    speaker: Speaker | None = None
    descriptor: str | None = None
    via: Speaker | None = None


def uncued_speaker(d: Draft, speakers: Speakers, prev: Draft | None) -> tuple[Speaker | None, How]:
    """No cue verb: the subject, cue or person of an introduction ending in a
    colon, else the speaker of the last cue or the last person named since the
    previous quote of the paragraph, else that quote's speaker, else the last
    person the paragraph named."""
    text = text_of(speakers.doc)
    signed = signature(text, d.end) or words_of(text, d.start) or words_after(text, d.end)
    if signed is not None:
        return speakers.speaker(speakers.tokens(*signed)), "after"
    intro = colon_intro(text_of(speakers.doc), d)
    if intro is not None:
        found = (
            speakers.subject_speaker(*intro)
            or speakers.last_cue_speaker(*intro, any_clause=True)
            or speakers.person_speaker(*intro)
            or speakers.named_before(intro[1])
            or speakers.source_before(intro[1])
            or byline(text_of(speakers.doc), *intro)
        )
        if found is not None:
            return found, "colon"
    # The previous quote may have begun paragraphs earlier; it counts when it
    # ends in this one.
    same = prev is not None and prev.end > d.para_start and prev.speaker is not None
    since = prev.end if same and prev is not None else d.para_start
    # 'X isn't ready, he said. “…”': whoever the last cue since then names
    # speaks on; failing a cue, the last person named.
    found = speakers.last_cue_speaker(since, d.start) or speakers.person_speaker(since, d.start)
    if found is not None:
        return found, "paragraph"
    if same and prev is not None:
        return continued(prev.speaker), "previous"
    found = speakers.person_speaker(d.para_start, d.start)
    if found is not None:
        return found, "paragraph"
    # A quote in the paragraph right after an attributed one, with nobody new
    # named before it, is the same speaker going on.
    if prev is not None and prev.speaker is not None and not text[prev.end : d.para_start].strip():
        return continued(prev.speaker), "previous"
    found = introduced(d, speakers, prev)
    if found is not None:
        return continued(found), "previous"
    return None, "none"


def introduced(d: Draft, speakers: Speakers, prev: Draft | None) -> Speaker | None:
    """A paragraph that is only a quote, after a paragraph of narration about a
    person ('X, 36, a teacher, spent forty days in a cellar.' / 'X took to
    Telegram to demand answers.'): that person speaks, the speaker of the
    paragraph's last cue, else its subject."""
    text = text_of(speakers.doc)
    if text[d.para_start : d.start].strip():
        return None
    before = paragraph_floors(text, d.para_start)[1]
    if before >= d.para_start:
        return None
    if prev is not None and prev.end > before and prev.speaker is not None:
        # A quote of the paragraph before decides ('… took to Telegram to
        # demand “answers” about the swap.'), when it found somebody.
        return prev.speaker if prev.speaker.entity is not None else None
    # 'X told the Guardian that monitoring suggested …': a cue whose subject
    # is nobody ('monitoring') gives way to the paragraph's subject.
    for found in (
        speakers.last_cue_speaker(before, d.para_start),
        speakers.subject_person(before, d.para_start),
    ):
        if found is not None and found.entity is not None:
            return found
    return None


def continued(speaker: Speaker) -> Speaker:
    """The previous quote's speaker going on. A copy: the pipeline maps each
    record's offsets once, in place."""
    return replace(speaker, how="continuation", confidence=CONFIDENCE["continuation"], flag=None)


def words_after(text: str, end: int) -> tuple[int, int] | None:
    """'“…” These are the words of X.': whose words the quote was."""
    for pattern in _words_after():
        m = pattern.match(text, end)
        if m is not None:
            return m.span("name")
    return None


@cache
def _words_after() -> list[re.Pattern[str]]:
    return [re.compile(p, re.IGNORECASE) for p in people_lexicon.WORDS_AFTER]


def signature(text: str, end: int) -> tuple[int, int] | None:
    """'“…”\n\n- Jane Roe, Springfield.' or '“…” ― Jane Roe': a dash, then a
    short name ending the line: the quote's author, as under letters and
    quotes of the day."""
    m = SIGNATURE.match(text, end)
    if m is None or not byline(text, m.start(1), m.end(1)):
        return None
    return m.start(1), m.end(1)


def words_of(text: str, start: int) -> tuple[int, int] | None:
    """'in her words, “…”', 'in the words of X: “…”': whose words they are."""
    m = IN_WORDS.search(text, max(0, start - 80), start)
    if m is None:
        return None
    group = 1 if m.group(1) else 2
    return m.start(group), m.end(group)


def cue_after(d: Draft, speakers: Speakers) -> Cue | None:
    """'…,” he said.' / '…” said Smith, a spokesman.': a cue right after the quote."""
    doc = speakers.doc
    stop = min(para_end(doc, d.end), next_sentence_end(text_of(doc), d.end))
    tail = speakers.tokens(d.end, stop)[:40]
    if not len(tail):
        return None
    according = speakers.according_to(tail)
    if according is not None:
        return according
    words = [t for t in tail if not t.is_punct]
    bare = 0 < len(words) <= 4 and speakers.is_cue(words[-1])  # '“….” Smith said.'
    last = text_of(doc)[d.start : d.end].rstrip(QUOTE_MARKS + " ")[-1:]
    if last == "." and tail[0].is_title and not bare:
        return None  # '“….” Smith added that …': a new sentence, not this quote's attribution
    if last in {",", "!", "?"}:
        # '“…,” Trump barked': after a quote broken off mid-sentence, a name
        # and a verb attribute it whatever the verb.
        named = speakers.named_then_verb(tail) or speakers.mistagged_cue(tail)
        if named is not None:
            return named
    cue = speakers.cue_in(tail[0].idx, tail[-1].idx + 1)
    if cue is None or cue.speaker is None or cue.speaker.start_char < d.end:
        return None
    # The speaker stands right after the quote, or the cue does (a descriptor may
    # come between: '…,” Smith, a lawyer who …, said').
    near = cue.speaker.start - tail[0].i <= 3 or cue.verb.i - tail[0].i <= 3
    # '"…" before the incident, she said': only a phrase without a verb between.
    first = min(cue.verb.i, cue.speaker.start)
    # A participle that describes ('the Moscow-appointed leader of the occupied
    # region') is no verb of a new clause.
    verbless = not any(t.pos_ == "VERB" and t.dep_ not in DESCRIBING for t in tail if t.i < first)
    return cue if near or verbless else None


def reported_by(cue: Cue, speakers: Speakers) -> Cue | None:
    """'“…,” X said, according to CNN': the outlet an attribution is itself
    reported through. X still speaks; the outlet goes on ``Quote.via``
    (PolNeAR credits it as the source)."""
    doc = speakers.doc
    stop = min(para_end(doc, cue.verb.idx), next_sentence_end(text_of(doc), cue.verb.idx))
    return speakers.reporting_outlet(cue, stop)


def cue_before(d: Draft, speakers: Speakers) -> Cue | None:
    """'Smith said: “…”' / 'He told reporters, “…”': the nearest cue before the quote."""
    text = text_of(speakers.doc)
    intro = after_dash(text, intro_start(text, d), d.start)
    tokens = speakers.tokens(intro, d.start)
    for tok in reversed(list(tokens)):
        cue = speakers.is_cue(tok) and (
            tok.dep_ not in {"relcl", "acl", "amod", "pcomp"}
            or _who_then_quote(tok, tokens)
            or _gerund_with_subject(tok)
            or of_document(tok)
        )
        # 'characterized X as, “…”': a verb casting its object as the quote.
        if cue or (tok.pos_ == "VERB" and casts_as(tok, d.start)):
            speaker = speakers.speaker_of(tok)
            if speaker is not None and speaker.end_char <= d.start:
                return Cue(tok, speaker)
    return None


def _who_then_quote(verb: Token, tokens: Span) -> bool:
    """'X, who declared in the spin room, “…”': a relative clause whose verb
    leads straight to the quote attributes it (unlike 'those who say …')."""
    if verb.dep_ != "relcl" or not any(c.lower_ == "who" for c in verb.children):
        return False
    return not any(t.pos_ == "VERB" for t in tokens if t.i > verb.i)


def _gerund_with_subject(verb: Token) -> bool:
    """'footage of X saying, “…”': a gerund clause with a subject of its own
    attributes the quote to it."""
    return (
        verb.dep_ == "pcomp"
        and verb.tag_ == "VBG"
        and any(c.dep_ == "nsubj" for c in verb.children)
    )


def intro_start(text: str, d: Draft) -> int:
    """Start of the sentence the quote's opening mark stands in."""
    return sentence_start(text, d.start, d.para_start)


def sentence_start(text: str, pos: int, floor: int) -> int:
    i = pos - 1
    while i > floor:
        if (
            text[i] in ".!?"
            and text[i + 1 : i + 2].isspace()
            and not ABBREVIATION.search(text, max(floor, i - 5), i + 1)
        ):
            return i + 1
        i -= 1
    return floor


def colon_intro(text: str, d: Draft) -> tuple[int, int] | None:
    """The introduction a colon ends right before the quote: in the quote's
    sentence ('Smith: “…”') or as the previous paragraph ('X echoed:\n\n“…”')."""
    before = text[: d.start].rstrip()
    if not before.endswith(":"):
        return None
    end = len(before) - 1
    floor = d.para_start if end >= d.para_start else text.rfind("\n", 0, end) + 1
    return after_dash(text, sentence_start(text, end, floor), end), end


def after_dash(text: str, start: int, end: int) -> int:
    """'Polls missed the surge - Jane Roe: “…”': a digest's headline, then the
    source; the introduction starts after the dash."""
    dash = list(DASH.finditer(text, start, end))
    return dash[-1].end() if dash and ":" in text[dash[-1].end() : end + 1] else start


def byline(text: str, start: int, end: int) -> Speaker | None:
    """A short run of capitalised words as the whole introduction after a
    dash ('… - Pew Research:'): the source, named or not by the entity step."""
    words = text[start:end].split()
    if not 0 < len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return None
    lead = len(text[start:end]) - len(text[start:end].lstrip())
    trail = len(text[start:end]) - len(text[start:end].rstrip())
    return Speaker(" ".join(words), None, start + lead, end - trail)


def next_sentence_end(text: str, pos: int) -> int:
    for m in SENTENCE_END.finditer(text, pos):
        if not ABBREVIATION.search(text, max(pos, m.start() - 5), m.end()):
            return m.end()
    return len(text)


def para_end(doc: Doc, pos: int) -> int:
    end = text_of(doc).find("\n", pos)
    return len(text_of(doc)) if end < 0 else end
