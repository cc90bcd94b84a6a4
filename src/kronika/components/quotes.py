"""``kronika_quotes``: what was said, by whom, robust to lost quotation marks.

Direct quotes come from paired quotation marks (:mod:`quotes_marks`); a
boundary whose mark was lost is inferred from the paragraph: back to the
sentence holding an inserted attribution ("…, he says. …»"), to a colon, or
over the sentences that do not speak of a person in the third person. Quotes
interrupted by their attribution ("“A,” she said. “B.”") and quotes running
over paragraphs become one quote each. Indirect quotes ("X said that …",
"according to X, …") come from the parse. Speakers are found through cue verbs
and resolved to the document's entities (:mod:`quotes_speakers`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from kronika.components import register_extensions, text_of
from kronika.components.people_lexicon import FIRST_PERSON
from kronika.components.people_pronouns import paragraph_floors
from kronika.components.quotes_attribution import (
    CUED,
    Draft,
    cue_after,
    cue_before,
    para_end,
    reported_by,
    uncued_speaker,
)
from kronika.components.quotes_indirect import find_indirect, phrase_gap
from kronika.components.quotes_marks import (
    QUOTE_MARKS,
    Marked,
    is_direct,
    marked_of,
)
from kronika.components.quotes_named import name_speakers
from kronika.components.quotes_speakers import PERSONAL, Cue, Speakers
from kronika.records import Quote

CUE_VERBS = [
    "say", "tell", "add", "explain", "note", "proclaim", "declare", "lament", "deplore",
    "recall", "recount", "insist", "claim", "warn", "urge", "admit", "confirm", "stress",
    "argue", "write", "reply", "answer", "ask", "continue", "conclude", "complain",
    "acknowledge", "emphasise", "emphasize", "state", "announce", "assure", "boast",
    "report", "suggest", "predict", "tweet", "testify", "allege", "contend", "maintain",
    "observe", "remark", "reveal", "joke", "quip", "mention", "deny", "agree", "respond",
    "vow", "promise", "concede", "caution", "repeat", "shout", "cry", "whisper", "yell",
    "exclaim", "wonder", "affirm", "assert", "counter", "retort", "protest", "plead",
    "confess", "murmur", "sigh", "laugh", "smile", "summarise", "summarize", "point",
    "believe", "think", "fear", "hope", "estimate", "indicate", "post", "comment", "chant",
    "scream", "sing", "text", "email", "read", "inform", "describe", "put", "go", "groan",
    "grumble", "snap", "sneer", "surmise", "muse", "interject", "marvel", "scoff", "gush",
    "concur",
]  # fmt: skip
TITLE_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "for", "in", "on", "at", "to", "with", "by"}  # fmt: skip
# Quoted phrases shorter than this with no cue verb are scare quotes or titles.
MIN_UNCUED_WORDS = 4
MIN_EMBEDDED_WORDS = 5
MIN_UNSPOKEN_WORDS = 15
WORD = re.compile(r"\w+")
# How a quote broken off by its attribution ends: '“A,” she said, “B”'.
BREAKS = {",", "?", "!", "—"}
SENTENCE_BREAK = re.compile(r"(\S+)[.!?]\s+(?=\S)")


@Language.factory(
    "kronika_quotes",
    default_config={"cue_verbs": CUE_VERBS, "max_gap_tokens": 30, "indirect": True},
)
def make_quotes(
    nlp: Language, name: str, cue_verbs: list[str], max_gap_tokens: int, indirect: bool
):
    return QuoteFinder(cue_verbs, max_gap_tokens, indirect)


class QuoteFinder:
    def __init__(self, cue_verbs: list[str], max_gap_tokens: int = 30, indirect: bool = True):
        register_extensions()
        self.cue_verbs = set(cue_verbs)
        self.max_gap_tokens = max_gap_tokens
        self.indirect = indirect

    def __call__(self, doc: Doc) -> Doc:
        speakers = Speakers(doc, self.cue_verbs, [])
        drafts = [self._draft(m, speakers) for m in _join_paragraphs(text_of(doc), marked_of(doc))]
        # Titles ('told NBC’s “Today”') are not speech and must not split a quote.
        drafts = [d for d in drafts if not _is_title(text_of(doc)[d.start : d.end])]
        drafts = _chain_phrases(text_of(doc), drafts, speakers)
        drafts = self._merge_interrupted(drafts, speakers)
        speakers.quoted = sorted((d.start, d.end) for d in drafts)
        for i, draft in enumerate(drafts):
            self._attribute(draft, speakers, drafts[i - 1] if i else None)
        _pull_quotes(text_of(doc), drafts)
        drafts = _continue_paragraphs(text_of(doc), drafts)
        quotes = [_record(doc, d) for d in drafts if self._keep(doc, d)]
        # Quoted phrases inside a narrated sentence are kept only as part of an
        # attribution ("called him “a loser”", "said the deal was “a disaster.”").
        fragments = [_record(doc, d) for d in drafts if _embedded(text_of(doc), d)]
        if self.indirect:
            quotes = find_indirect(doc, speakers, quotes, fragments)
        name_speakers(doc, quotes, speakers)
        doc._.quotes = sorted(quotes, key=lambda q: q.start)
        return doc

    # --- boundaries -----------------------------------------------------------

    def _draft(self, m: Marked, speakers: Speakers) -> Draft:
        assert m.end is not None
        if m.start is not None:
            return Draft(m.start, m.end, m.para_start)
        inside = self._inserted_cue(m, speakers)
        if inside is not None:
            start = inside.verb.doc[_clause_start(inside)].sent.start_char
            return Draft(max(start, m.para_start), m.end, m.para_start, inside, "inside")
        return Draft(_lost_start(m, speakers), m.end, m.para_start)

    def _inserted_cue(self, m: Marked, speakers: Speakers) -> Cue | None:
        """An attribution set off by a comma inside a quote whose opener was
        lost: "We made our choice, proclaims X, …" or "…, he says.\""""
        for tok in speakers.tokens(m.para_start, m.end):
            # ', who tell them …' describes people; it attributes nothing.
            if not speakers.is_cue(tok) or tok.dep_ == "relcl":
                continue
            speaker = speakers.speaker_of(tok)
            if speaker is None:
                continue
            cue = Cue(tok, speaker)
            first = _clause_start(cue)
            if first > 0 and tok.doc[first - 1].text == ",":
                return cue
        return None

    def _merge_interrupted(self, drafts: list[Draft], speakers: Speakers) -> list[Draft]:
        """'“A,” she said. “B.”': one quote, attributed by the words between.
        A short quoted phrase in those words ('after hinting at “changes”')
        does not stop the merge."""
        text = text_of(speakers.doc)
        phrases = [d for d in drafts if _embedded(text, d) and _words(text, d) < MIN_UNCUED_WORDS]
        out: list[Draft] = []
        for draft in drafts:
            if draft in phrases:
                continue
            prev = out[-1] if out else None
            if prev is not None and prev.end > draft.para_start:
                gap = speakers.tokens(prev.end, draft.start)
                cue = speakers.cue_in(prev.end, draft.start) or (
                    speakers.mistagged_cue(gap) if len(gap) else None
                )
                if (
                    cue is not None
                    and cue.speaker is not None
                    and cue.speaker.start_char < prev.end
                ):
                    # The parser hung the cue on a verb of the quote ('We will …,”
                    # Chief X said'): the person named between the parts speaks.
                    named = speakers.person_speaker(prev.end, draft.start)
                    if named is not None:
                        cue = Cue(cue.verb, speakers.tokens(named.start, named.end))
                between = text_of(speakers.doc)[prev.end : draft.start]
                # '“A,” X said, adding that it was “B.”': the second quote stands
                # in a new clause of X's, a separate attribution.
                # '“A,” he said, adding: “B.”': a second cue right before the
                # second part opens a new attribution.
                words = [t for t in gap if not (t.is_punct or t.is_space)]
                # 'adding later, “B”': adverbs after the second cue change nothing.
                while len(words) > 1 and words[-1].pos_ == "ADV":
                    words.pop()
                second = sum(speakers.is_cue(t) for t in words) > 1 and speakers.is_cue(words[-1])
                if (
                    cue is not None
                    and not second
                    and not _embedded(text, draft)
                    and cue_after(draft, speakers) is None
                    and len(gap) <= self.max_gap_tokens
                    and not prev.cue
                    and _only_attribution(text_of(speakers.doc)[prev.start : prev.end], between)
                ):
                    prev.end, prev.cue, prev.how = draft.end, cue, "gap"
                    continue
            out.append(draft)
        return sorted(out + phrases, key=lambda d: d.start)

    # --- attribution ----------------------------------------------------------

    def _attribute(self, d: Draft, speakers: Speakers, prev: Draft | None) -> None:
        if d.cue is None:
            d.cue, d.how = cue_after(d, speakers), "after"
        if d.cue is None:
            d.cue, d.how = cue_before(d, speakers), "before"
        if d.cue is not None and _first_person_in_quote(d.cue, speakers):
            d.cue, d.how = None, "none"  # 'I' and 'we' in a quote are never its speaker
        if d.cue is not None:
            outlet = reported_by(d.cue, speakers)
            if outlet is not None and outlet.speaker is not None:
                d.via = speakers.speaker(outlet.speaker)
            mention = d.cue.speaker
            assert mention is not None
            d.speaker = speakers.speaker(mention, _topic(speakers, prev, d))
            stop = d.start if mention.start_char < d.start else para_end(speakers.doc, d.end)
            d.descriptor = speakers.descriptor(mention, stop)
            return
        d.speaker, d.how = uncued_speaker(d, speakers, prev)

    def _keep(self, doc: Doc, d: Draft) -> bool:
        words = _words(text_of(doc), d)
        if _is_title(text_of(doc)[d.start : d.end]):
            return False
        if _embedded(text_of(doc), d):
            introduced = d.how == "before" and d.cue is not None and _introduces(d.cue, d.start)
            # A long quoted clause with a cue in its sentence is speech even
            # when no attribution frames it ('he had “very serious concerns …”').
            return (d.how in CUED and words >= MIN_EMBEDDED_WORDS) or introduced
        if d.how in CUED:
            return words > 0
        # Short quoted text nobody is found to have said is mostly headlines and
        # markup; a long passage is speech even when its speaker is unknown.
        return words >= (MIN_UNCUED_WORDS if d.speaker is not None else MIN_UNSPOKEN_WORDS)


def _topic(speakers: Speakers, prev: Draft | None, d: Draft) -> str | None:
    """Who spoke the quote before, if it ended in this paragraph or the two before."""
    if prev is None or prev.speaker is None or prev.speaker.entity is None:
        return None
    text = text_of(speakers.doc)
    floor = paragraph_floors(text, paragraph_floors(text, d.para_start)[1])[1]
    return prev.speaker.entity if prev.end > floor else None


def _first_person_in_quote(cue: Cue, speakers: Speakers) -> bool:
    mention = cue.speaker
    return (
        mention is not None
        and mention.text.lower() in FIRST_PERSON
        and speakers.in_quote(mention.start_char)
    )


def _only_attribution(quote: str, between: str) -> bool:
    """Words between two quotes that only attribute them: the first quote is
    broken off ('“A,” she said. “B.”', '“A?” he asked, “B.”') and the words
    are one clause in the same paragraph."""
    broken = quote.rstrip(QUOTE_MARKS + "‘’' ")[-1:] in BREAKS or between.lstrip()[:1] == ","
    words = between.strip()
    one_clause = not any(_ends_sentence(m.group(1)) for m in SENTENCE_BREAK.finditer(words))
    return broken and one_clause and "\n" not in between


def _ends_sentence(word: str) -> bool:
    # "Sen.", "(D-Ill.)", "U.S.": abbreviations do not end a sentence.
    abbreviation = word[:1].isupper() and len(word.strip("()")) <= 4
    return not abbreviation and not re.search(r"[-().]", word)


def _continue_paragraphs(text: str, drafts: list[Draft]) -> list[Draft]:
    """A paragraph that is one unattributed quote, right after a paragraph whose
    quote has a speaker, goes on with that speaker's words (not after a quoted
    phrase inside narration: 'said she would “win.”')."""
    out: list[Draft] = []
    for d in drafts:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.how in CUED
            and d.how not in CUED | {"colon"}  # 'She went on to say:' introduces anew
            and not _embedded(text, prev)
            and d.start == d.para_start
            and _next_paragraph(text, prev.end, d.start)
        ):
            prev.end = d.end
            continue
        out.append(d)
    return out


def _next_paragraph(text: str, end: int, start: int) -> bool:
    between = text[end:start]
    return between.count("\n") >= 1 and "\n" not in between.strip()


def _join_paragraphs(text: str, marked: list[Marked]) -> list[Marked]:
    """A quote left open at a paragraph's end continues into the next paragraph
    when that one opens with a mark (the English convention) or closes a quote
    whose opener was lost; otherwise it ends with its paragraph."""
    out: list[Marked] = []
    for m in marked:
        prev = out[-1] if out else None
        if prev is not None and prev.end is None:
            follows = not text[prev.para_end : m.para_start].strip()
            opens_paragraph = m.start is None or m.start == m.para_start
            if follows and m.para_start > prev.para_start and opens_paragraph:
                prev.end, prev.para_end = m.end, m.para_end
                continue
            prev.end = prev.para_end
        out.append(m)
    if out and out[-1].end is None:
        out[-1].end = out[-1].para_end
    return out


def _clause_start(cue: Cue) -> int:
    """First token of an attribution clause: the cue, its subject, adverbs before it."""
    verb = cue.verb
    first = min(verb.i, cue.speaker.start) if cue.speaker is not None else verb.i
    while (
        first > 0
        and verb.doc[first - 1].dep_ in {"advmod", "aux", "neg"}
        and verb.doc[first - 1].head.i == verb.i
    ):
        first -= 1
    return first


def _lost_start(m: Marked, speakers: Speakers) -> int:
    """Where a quote with no opening mark and no inserted cue begins: after a
    colon that follows an introduction, or at the first of the sentences before
    the closer that do not speak of a person in the third person."""
    doc = speakers.doc
    span = speakers.tokens(m.para_start, m.end)
    colons = [t for t in span if t.text == ":" and t.idx > m.para_start]
    for colon in reversed(colons):
        intro = text_of(doc)[colon.sent.start_char : colon.idx]
        if speakers.cue_in(colon.sent.start_char, colon.idx, strict=True) or (
            speakers.person_speaker(colon.sent.start_char, colon.idx) and len(intro) < 300
        ):
            return colon.idx + 1 + _leading_space(text_of(doc), colon.idx + 1)
    sents = _sentences(doc, m.para_start, m.end)
    start = sents[-1].start_char if sents else m.para_start
    for sent in reversed(sents[:-1]):
        if _narrates(sent, speakers):
            break
        start = sent.start_char
    return max(start, m.para_start)


def _narrates(sent: Span, speakers: Speakers) -> bool:
    """A sentence that names a person or refers to one as he/she is narration."""
    if speakers.person_speaker(sent.start_char, sent.end_char) is not None:
        return True
    return any(t.lower_ in PERSONAL | {"his"} for t in sent)


def _sentences(doc: Doc, start: int, end: int) -> list[Span]:
    return [s for s in doc.sents if s.end_char > start and s.start_char < end]


def _leading_space(text: str, pos: int) -> int:
    n = 0
    while pos + n < len(text) and text[pos + n] in " \t":
        n += 1
    return n


def _words(text: str, d: Draft) -> int:
    return len(WORD.findall(text[d.start : d.end]))


def _is_title(text: str) -> bool:
    """'“State of the Union,”', '“Law and Order”': a name of a show, book or
    slogan (every word capitalised but short function words), not speech."""
    words = WORD.findall(text)
    inner = text.strip(QUOTE_MARKS + " ,.")
    if not 2 <= len(words) <= 8 or ". " in inner or "?" in inner or "!" in inner:
        return False
    content = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    return all(w[0].isupper() or w[0].isdigit() for w in content)


def _introduces(cue: Cue, start: int) -> bool:
    """'chanted “…”', 'told reporters “…”': the cue verb (or its object) stands
    right before the opening mark, so the quote is what was said."""
    doc = cue.verb.doc
    before = [t for t in doc[max(0, cue.verb.i) : cue.verb.i + 4] if t.idx < start]
    if not before:
        return False
    last = before[-1]
    return last.i == cue.verb.i or (
        last.head.i == cue.verb.i and last.dep_ in {"dobj", "dative", "prt"}
    )


def _chain_phrases(text: str, drafts: list[Draft], speakers: Speakers) -> list[Draft]:
    """'as a “con artist” and a “fraud”': quoted phrases a few words apart
    inside one narrated clause are one quote."""
    out: list[Draft] = []
    for d in drafts:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.para_start == d.para_start
            and _embedded(text, prev)
            and _embedded(text, d)
            and phrase_gap(speakers, prev.end, d.start)
        ):
            prev.end = d.end
            continue
        out.append(d)
    return out


def _embedded(text: str, d: Draft) -> bool:
    """A quoted phrase in the middle of a narrated sentence ('called it “a …”')."""
    before = text[d.para_start : d.start].rstrip()
    return bool(before) and before[-1].isalnum()


def _pull_quotes(text: str, drafts: list[Draft]) -> None:
    """A heading that repeats a sentence of a later quote takes its speaker."""
    for d in drafts:
        if d.how in CUED or d.start != d.para_start:
            continue
        key = _normal(text[d.start : d.end])
        if len(key.split()) < MIN_UNCUED_WORDS:
            continue
        for other in drafts:
            if (
                other is not d
                and other.speaker is not None
                and key in _normal(text[other.start : other.end])
            ):
                # A copy: the pipeline maps each record's offsets once, in place.
                d.speaker, d.how, d.cue = replace(other.speaker), "pull", None
                break


def _normal(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def _record(doc: Doc, d: Draft) -> Quote:
    text = text_of(doc)[d.start : d.end]
    return Quote(
        start=d.start,
        end=d.end,
        text=text,
        direct=is_direct(text),
        speaker=d.speaker,
        cue=d.cue.verb.text if d.cue is not None else None,
        descriptor=d.descriptor,
        via=d.via,
    )
