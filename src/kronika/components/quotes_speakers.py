"""Who said it: cue verbs, their subjects, pronouns and descriptors.

A speaker is found through a cue verb's grammatical subject ("…, he says",
"says the mayor", "X said:"), mapped to the document's entities so that
every quote by one person carries one entity id. A pronoun speaker is resolved
to the nearest person named before it outside any quotation: reporting names a
speaker first and refers back to them with a pronoun.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.attrs import IDX
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc, Span, Token

from kronika.components import text_of
from kronika.components.people import CONFIDENCE, as_speaker, people_of
from kronika.components.quotes_marks import is_quote_mark
from kronika.records import Entity, Speaker

PERSONAL = {"he", "she", "him", "her"}
PLURAL = {"they", "them"}
RELATIVE = {"who", "that"}
SUBJECTS = {"nsubj", "nsubjpass"}
# A cue inside a relative clause ("those who say …") describes people, it does
# not attribute the quote at hand.
NOT_ATTRIBUTING = {"relcl", "acl", "amod", "advcl", "pcomp", "xcomp"}
MODIFIERS = {"compound", "amod", "det", "poss", "nummod"}
DOCUMENTS = {
    "statement", "email", "e-mail", "letter", "post", "tweet", "report", "memo", "ad",
    "release", "message", "note", "book", "column", "article", "website", "video", "filing",
}  # fmt: skip
FEMININE_TITLES = {"mrs", "ms", "miss", "madam"}
MASCULINE_TITLES = {"mr", "sir"}
# Verbs that pass on another's words: 'reported X as saying'.
REPORTING = {"report", "cite", "quote"}
SPEAKER_LABELS = {"PERSON", "ORG", "UNIT", "NORP", "GPE"}


@dataclass
class Cue:
    """A cue verb and the mention of whoever it attributes speech to."""

    verb: Token
    speaker: Span | None


class Speakers:
    """Speaker lookup over one analysed document."""

    def __init__(self, doc: Doc, cue_lemmas: Iterable[str], quoted: list[tuple[int, int]]):
        self.doc = doc
        # doc.ents rebuilds every span on each access: read it once.
        self.ents = tuple(doc.ents)
        self.cue_lemmas = set(cue_lemmas)
        self.quoted = sorted(quoted)
        self.starts = doc.to_array(IDX).tolist()
        # Token index → its entity span, for mention(): scanning every entity
        # per subject was quadratic in long articles.
        self.ent_at: dict[int, Span] = {}
        for ent in self.ents:
            for i in range(ent.start, ent.end):
                self.ent_at.setdefault(i, ent)
        entities: list[Entity] = doc._.entities or []
        # The chains of kronika_people, when it ran: who each span refers to.
        self.people = people_of(doc)
        phrases = self.people.phrases if self.people is not None else set()
        self.by_char: dict[int, Entity] = {}
        self.persons: list[tuple[int, int, Entity]] = []
        for entity in entities:
            for m in entity.mentions:
                if m.how == "pronoun":
                    continue
                for i in range(m.start, m.end):
                    self.by_char[i] = entity
                # Names only: a describing phrase or a pronoun names nobody.
                if entity.type == "PERSON" and (m.start, m.end) not in phrases:
                    self.persons.append((m.start, m.end, entity))
        self.persons.sort(key=lambda p: p[0])

    # --- tokens -------------------------------------------------------------

    def tokens(self, start: int, end: int) -> Span:
        """The tokens that start within [start, end)."""
        return self.doc[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def token_at(self, char: int) -> Token:
        return self.doc[max(0, bisect_right(self.starts, char) - 1)]

    def is_cue(self, tok: Token) -> bool:
        # Only verbs are cues: ruling the rest out first spares their lemma.
        if tok.pos not in (VERB, AUX):
            return False
        lemma = tok.lemma_.lower()
        if lemma == "put" and not any(c.lower_ in {"it", "out"} for c in tok.children):
            return False  # 'as he put it', 'put out a statement'; not 'put together'
        return lemma in self.cue_lemmas

    def in_quote(self, char: int) -> bool:
        i = bisect_right(self.quoted, (char, float("inf"))) - 1
        return i >= 0 and self.quoted[i][0] <= char < self.quoted[i][1]

    # --- cues ---------------------------------------------------------------

    def cue_in(self, start: int, end: int, strict: bool = False) -> Cue | None:
        """The first cue verb in [start, end) that has a subject (or, not
        strict, any cue verb whose speaker sits next to it)."""
        for tok in self.tokens(start, end):
            if not self.is_cue(tok) or (strict and tok.dep_ in NOT_ATTRIBUTING):
                continue
            speaker = self.speaker_of(tok)
            if speaker is not None:
                return Cue(tok, speaker)
        return None

    def last_cue_speaker(self, start: int, end: int, any_clause: bool = False) -> Speaker | None:
        """The speaker of the last attributing cue in [start, end) outside
        quotations; with ``any_clause``, a cue in a relative clause counts too
        ('at a rally, where he suggested:')."""
        for tok in reversed(self.tokens(start, end)):
            skip = tok.dep_ in NOT_ATTRIBUTING and not any_clause
            if not self.is_cue(tok) or skip or self.in_quote(tok.idx):
                continue
            mention = self.speaker_of(tok)
            if mention is None or mention.start_char < start or self.in_quote(mention.start_char):
                continue
            # In a relative clause only a person stated as its subject speaks
            # ('where he suggested'), not the clause's antecedent ('those who say').
            if tok.dep_ in NOT_ATTRIBUTING and not _nameable(mention.root):
                continue
            return self.speaker(mention)
        return None

    def speaker_of(self, verb: Token) -> Span | None:
        apposed = self._apposed(verb)
        if apposed is not None:
            return apposed
        inverted = self._inverted(verb)
        if inverted is not None:
            return inverted
        reported = _reported_as(verb)
        if reported is not None:  # 'Belta reported X as saying': X speaks
            return _plausible(self.mention(_named(reported)), verb)
        by = _by_agent(verb)
        if by is not None:  # 'was asked by the moderator whether “…”': the agent speaks
            return _plausible(self.mention(_named(by)), verb)
        shown = _shown(verb)
        if shown is not None:
            return _plausible(self.mention(shown), verb)
        subject = _subject(verb)
        if subject is None:
            return None
        main = _what_clause_owner(verb, subject)
        if main is not None:
            return _plausible(self.mention(main), verb)
        if subject.lower_ in RELATIVE and verb.dep_ == "relcl":
            # 'X, who said …': the relative pronoun is the mention (its offsets,
            # as for he/she); speaker() names it after its antecedent.
            if _plausible(self.mention(verb.head), verb) is None:
                return None
            return self.doc[subject.i : subject.i + 1]
        if (
            subject.lower_ == "it"
            and verb.tag_ in {"VBD", "VBZ", "VBP"}
            and self._next_to_quote(subject, verb)
        ):
            # 'it said, “…”', '“…,” it read': a statement or an organisation,
            # as PolNeAR credits it.
            return self.doc[subject.i : subject.i + 1]
        if subject.lower_ in {"it", "this", "that", "which", "there", "what"}:
            return None
        return _plausible(self.mention(_named(subject)), verb)

    def _next_to_quote(self, subject: Token, verb: Token) -> bool:
        """A quotation mark right before the subject ('“…,” it read') or just
        after the cue ('it said, “…”'), not a title earlier in the sentence."""
        after = self.doc[verb.i + 1 : verb.i + 4]
        closes_before = subject.i > 0 and is_quote_mark(self.doc[subject.i - 1].text)
        return closes_before or any(is_quote_mark(t.text) for t in after)

    def _apposed(self, verb: Token) -> Span | None:
        """'“…,” X, 49, told …': a name right after the closing mark, then its
        apposition; the comma before the verb closes the apposition."""
        doc, i = self.doc, verb.i - 1
        if i < 1 or doc[i].text != ",":
            return None
        for j in range(i - 1, max(0, i - 8), -1):
            if is_quote_mark(doc[j].text):
                name = doc[j + 1]
                if j + 2 < i and (name.pos_ == "PROPN" or name.ent_type_ == "PERSON"):
                    return _plausible(self.mention(name), verb)
                return None
        return None

    def _inverted(self, verb: Token) -> Span | None:
        """', says X' / ',” said the mayor': the speaker follows the cue. The
        parser often reads the name as an object here, so the order decides."""
        doc, i = self.doc, verb.i - 1
        while i >= 0 and doc[i].pos_ == "ADV":
            i -= 1
        if (
            i < 0
            or not (doc[i].text == "," or is_quote_mark(doc[i].text))
            or verb.i + 1 >= len(doc)
            or verb.lemma_ == "tell"  # 'told Fox News': who is told, not who tells
        ):
            return None
        subject = _subject(verb)
        stated = subject is not None and subject.i < i
        if verb.tag_ == "VBG" or (stated and (_nameable(subject) or subject.pos_ == "NOUN")):
            # "X, a nurse, told …", "One voter, who …, said the plan …",
            # "…, promising the …": not inverted
            return None
        nxt = doc[verb.i + 1]
        if nxt.i + 1 < len(doc) and doc[nxt.i + 1].text == "-":
            return None  # 'said matter-of-factly': a hyphenated adverb, not a speaker
        if nxt.pos_ == "DET" and nxt.head.i > nxt.i and nxt.head.pos_ in {"NOUN", "PROPN"}:
            nxt = nxt.head
        if nxt.pos_ == "PROPN":
            return _plausible(self._title_and_name(nxt), verb)
        named = nxt.pos_ == "PROPN" or nxt.ent_type_ in SPEAKER_LABELS
        described = nxt.pos_ == "NOUN" and (nxt.i > verb.i + 1 or verb.lemma_ == "say")
        # 'said he' inverts; 'said he was …' is the complement's subject.
        pronoun = nxt.lower_ in {"he", "she", "they"} and nxt.head.i == verb.i
        if named or described or pronoun:
            return _plausible(self.mention(nxt), verb)
        return None

    def _title_and_name(self, first: Token) -> Span:
        """'said Senate Minority Whip Dick Durbin': the person at the end of a run
        of capitalised words, or the run's last word."""
        end = first.i
        while end + 1 < len(self.doc) and self.doc[end + 1].pos_ == "PROPN":
            end += 1
        for ent in self.ents:
            if first.i <= ent.start <= end and ent.label_ == "PERSON":
                return ent
        return self.mention(self.doc[end])

    def mention(self, tok: Token) -> Span:
        """The mention a subject token belongs to: a named entity, a pronoun,
        or the noun phrase it heads."""
        if tok.ent_type_ and tok.i in self.ent_at:
            return self.ent_at[tok.i]
        if tok.pos_ == "PRON":
            return self.doc[tok.i : tok.i + 1]
        start = tok.i
        # 'Bush's Facebook post:': a document speaks for its owner, who is
        # part of the mention (and names it, being the entity in it).
        deps = MODIFIERS | ({"poss", "case"} if tok.lemma_.lower() in DOCUMENTS else set())
        while (
            start > 0
            and self.doc[start - 1].dep_ in deps
            and (self.doc[start - 1].head.i >= start or self.doc[start - 1].dep_ == "case")
        ):
            start -= 1
        return self.doc[start : tok.i + 1]

    # --- from mentions to speakers -------------------------------------------

    def speaker(self, mention: Span, topic: str | None = None) -> Speaker:
        """A speaker record: pronouns resolved (``topic``: the entity who spoke
        the quote before), names merged with entities."""
        lower = mention.text.lower()
        root = mention.root
        author = _author(root)
        if author is not None:  # 'An email from X indicated: “…”': X wrote it
            return self.speaker(self.mention(author), topic)
        start, end = mention.start_char, mention.end_char
        if lower in RELATIVE and root.head.dep_ == "relcl" and root.head.head.i != root.i:
            # 'the governor, X, who said': the name in apposition names the speaker.
            return replace(self.speaker(self.mention(_named(root.head.head))), start=start, end=end)
        found = (
            self.people.resolve(start, end, self.in_quote, speaker=True, topic=topic)
            if self.people
            else None
        )
        if found is not None:
            return as_speaker(found, start, end)
        if lower in PERSONAL:
            person = self.antecedent(start, lower)
            if person is not None:
                return Speaker(person.name, person.id, start, end, "pronoun", CONFIDENCE["pronoun"])
        entity = self._entity_of(mention)
        if entity is not None:
            return Speaker(entity.name, entity.id, start, end, "name", CONFIDENCE["name"])
        return Speaker(mention.text, None, start, end)

    def _entity_of(self, mention: Span) -> Entity | None:
        """The entity the mention's head word names ('The Republican nominee'
        is no mention of the Republicans)."""
        root = mention.root
        # A document speaks for the owner named in it ('the IMF report').
        start, end = (
            (mention.start_char, mention.end_char)
            if root.lemma_.lower() in DOCUMENTS
            else (root.idx, root.idx + len(root.text))
        )
        for i in range(start, end):
            entity = self.by_char.get(i)
            if entity is not None and entity.type in SPEAKER_LABELS:
                return entity
        return None

    def antecedent(self, char: int, pronoun: str) -> Entity | None:
        """The person a he/she before ``char`` refers to: the last person who
        was a subject in this paragraph or the one before (reporting keeps its
        topic as the subject), else the last person named. A title of the
        other gender ('Mrs.' for he) rules a person out."""
        text = text_of(self.doc)
        floor = text.rfind("\n", 0, max(0, text.rfind("\n", 0, char) - 1)) + 1
        fallback = None
        i = bisect_left(self.persons, char, key=lambda p: p[0]) - 1
        while i >= 0:
            start, _, entity = self.persons[i]
            i -= 1
            if self.in_quote(start) or not self._agrees(start, pronoun):
                continue
            if start < floor:
                return fallback or entity
            if self._subject_at(start):
                return entity
            fallback = fallback or entity
        return fallback

    def _agrees(self, start: int, pronoun: str) -> bool:
        title = text_of(self.doc)[max(0, start - 5) : start].split()[-1:]
        other = FEMININE_TITLES if pronoun in {"he", "him"} else MASCULINE_TITLES
        return not (title and title[0].lower().rstrip(".") in other)

    def _subject_at(self, start: int) -> bool:
        """The mention starting at ``start`` heads a subject ('Sen. X said')."""
        tok = self.token_at(start)
        while tok.dep_ == "compound" and tok.head.i > tok.i:
            tok = tok.head
        if tok.dep_ == "appos":  # 'Another delegate, X, said'
            tok = tok.head
        return tok.dep_ in SUBJECTS

    def person_before(self, char: int, floor: int = 0) -> Entity | None:
        """The last person named before ``char`` (and after ``floor``) outside quotations."""
        i = bisect_left(self.persons, char, key=lambda p: p[0]) - 1
        while i >= 0 and self.persons[i][0] >= floor:
            start, _, entity = self.persons[i]
            if not self.in_quote(start):
                return entity
            i -= 1
        return None

    def person_speaker(self, start: int, end: int) -> Speaker | None:
        """The last person named in [start, end) outside quotations, as a speaker."""
        best = None
        for s, e, entity in self.persons:
            if start <= s and e <= end and not self.in_quote(s):
                best = Speaker(entity.name, entity.id, s, e, "name", CONFIDENCE["name"])
        return best

    def subject_person(self, start: int, end: int) -> Speaker | None:
        """The last named person in [start, end) who heads a subject (or opens
        it), outside quotations."""
        i = bisect_left(self.persons, start, key=lambda p: p[0])
        best = None
        while i < len(self.persons) and self.persons[i][0] < end:
            s, e, entity = self.persons[i]
            i += 1
            # A name opening the paragraph is its topic, whatever the parse made of it.
            if e <= end and not self.in_quote(s) and (s == start or self._subject_at(s)):
                best = Speaker(entity.name, entity.id, s, e, "name", CONFIDENCE["name"])
        return best

    def named_then_verb(self, tail: Span) -> Cue | None:
        """'Name [, descriptor,] verbed' or 'verbed Name' at the start of ``tail``."""
        first = tail[0]
        if first.pos_ == "VERB" and len(tail) > 1 and _nameable(tail[1]):
            return Cue(first, self.mention(tail[1]))
        if first.lower_ in PERSONAL | {"they"} and len(tail) > 1 and tail[1].pos_ == "VERB":
            return Cue(tail[1], self.mention(first))  # '“…,” he surmised'
        if not (first.pos_ == "PROPN" or first.ent_type_ in SPEAKER_LABELS):
            return None
        mention = self.mention(first)
        verbs = [
            t
            for t in tail
            if t.i >= mention.end and t.pos_ == "VERB" and t.tag_ in {"VBD", "VBZ", "VBN", "VBP"}
        ]
        if not verbs:
            return None
        verb = verbs[0]
        between = self.doc[mention.end : verb.i]
        if len(between) and between[0].text != ",":
            return None  # "Trump campaign officials said": the name is not the speaker
        return Cue(verb, mention)

    def mistagged_cue(self, tail: Span) -> Cue | None:
        """'“…,” the two write.': a noun phrase, then a cue word the tagger took
        for a noun ('write', 'states'). Word order decides after a broken-off quote."""
        if tail[0].pos_ not in {"DET", "NUM", "NOUN", "PROPN", "ADJ"}:
            return None
        for tok in tail[1:9]:
            if (tok.is_punct and tok.text != "-") or tok.pos_ in {"VERB", "AUX"}:
                return None
            after = tok.nbor() if tok.i + 1 < len(self.doc) else None
            ends = after is None or after.is_punct or after.pos_ in {"ADP", "ADV"}
            if tok.lemma_.lower() in self.cue_lemmas and ends:
                return Cue(tok, self.doc[tail[0].i : tok.i])
        return None

    def named_before(self, char: int) -> Speaker | None:
        """'Pew Research: “…”': the person or organisation named right before ``char``."""
        tok = self.token_at(char - 1)
        for ent in self.ents:
            if ent.start <= tok.i < ent.end and ent.label_ in {"PERSON", "ORG"}:
                return self.speaker(ent)
        return None

    def according_to(self, tail: Span) -> Cue | None:
        """'“…,” according to a report by X': the source right after a quote."""
        words = [t for t in tail[:3] if t.text != ","]
        if len(words) < 2 or words[0].lower_ != "according" or words[1].lower_ != "to":
            return None
        obj = next((c for c in words[1].children if c.dep_ == "pobj"), None)
        return Cue(words[0], self.mention(_agent(obj))) if obj is not None else None

    def reporting_outlet(self, cue: Cue, end: int) -> Cue | None:
        """'“…,” X said, according to CNN' / '…, said X, reports the Gazette':
        the attribution is itself reported; the outlet is the quote's source."""
        for tok in self.tokens(cue.verb.idx + 1, end):
            if is_quote_mark(tok.text):
                return None
            if tok.lower_ == "according":
                found = self.according_to(self.doc[tok.i : tok.i + 3])
                if found is not None:
                    return found
            reports = tok.lemma_.lower() == "report" and tok.pos_ == "VERB"
            if reports and tok.nbor(-1).text == "," and tok.i + 1 < len(self.doc):
                nxt = tok.nbor()
                if nxt.pos_ == "DET" and nxt.i + 1 < len(self.doc):
                    nxt = nxt.nbor()
                if nxt.pos_ == "PROPN" or nxt.ent_type_ in SPEAKER_LABELS:
                    return Cue(tok, self.mention(nxt))
        return None

    def source_before(self, char: int) -> Speaker | None:
        """'From the report: “…”': the document a colon's introduction names."""
        tok = self.token_at(char - 1)
        if (
            tok.pos_ in {"NOUN", "PROPN"}
            and tok.dep_ == "pobj"
            and tok.head.lower_ in {"from", "to"}
        ):
            return self.speaker(self.mention(tok))
        return None

    def subject_speaker(self, start: int, end: int) -> Speaker | None:
        """The person (named, or he/she) subject of a main verb in [start, end)."""
        found = None
        for tok in self.tokens(start, end):
            main = tok.head.dep_ == "ROOT" and tok.head.pos_ in {"VERB", "AUX"}
            person = tok.ent_type_ == "PERSON" or tok.lower_ in PERSONAL
            if tok.dep_ in SUBJECTS and main and person:
                found = tok
        return self.speaker(self.mention(found)) if found is not None else None

    def descriptor(self, mention: Span, stop: int) -> str | None:
        """The apposition after a named speaker: "X, around fifty, who …"."""
        doc = self.doc
        if mention.end >= len(doc) or doc[mention.end].text != ",":
            return None
        if mention.root.pos_ == "PRON":
            return None
        out = []
        for tok in doc[mention.end + 1 :]:
            if tok.idx >= stop or is_quote_mark(tok.text) or tok.is_sent_start:
                break
            if self.is_cue(tok) and tok.i == mention.root.head.i:
                break
            out.append(tok)
        while out and (out[-1].is_punct or out[-1].lower_ in {"and", "but"}):
            out.pop()
        if not out:
            return None
        return text_of(doc)[out[0].idx : out[-1].idx + len(out[-1].text)]


def _plausible(mention: Span, verb: Token) -> Span | None:
    """Times and numbers do not speak; nor does a subject across a paragraph break."""
    if mention.root.ent_type_ in {"TIME", "DATE", "MONEY", "PERCENT"}:
        return None
    lo, hi = min(mention.start_char, verb.idx), max(mention.end_char, verb.idx)
    return None if "\n" in text_of(mention.doc)[lo:hi] else mention


def _named(subject: Token) -> Token:
    """'Another volunteer, X, said': the person in apposition names the speaker.
    A possessor the parser made the subject ('Aslin’s local MP, X, said') is
    not: the person in apposition is, else the noun it owns."""
    owned = any(c.dep_ == "case" for c in subject.children)
    if subject.ent_type_ == "PERSON" and not owned:
        return subject
    apposed = [c for c in subject.children if c.dep_ == "appos"]
    person = next((c for c in apposed if c.ent_type_ == "PERSON"), None)
    if person is not None:
        return person
    return apposed[0] if owned and apposed else subject


def _shown(verb: Token) -> Token | None:
    """'footage of X saying, “…”', 'a clip of X asking': the person the
    gerund follows speaks, whatever the parser made the gerund hang on."""
    if verb.tag_ != "VBG" or verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    if before.dep_ == "pobj" and before.head.lower_ == "of" and _nameable(before):
        return before
    return None


def _author(root: Token) -> Token | None:
    """The person or organisation a document is from ('an email from X', 'a
    letter by X')."""
    if root.lemma_.lower() not in DOCUMENTS:
        return None
    for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ in {"from", "by"}):
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is not None and obj.ent_type_ in {"PERSON", "ORG"}:
            return obj
    return None


def _reported_as(verb: Token) -> Token | None:
    """'reported X as saying', 'cited X as saying', 'quoted X as telling': the
    object of the reporting verb, for that verb or the gerund after 'as'."""
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ == "as":
        verb = verb.head.head
    if verb.lemma_.lower() not in REPORTING:
        return None
    as_ = next((c for c in verb.children if c.lower_ == "as" and c.dep_ == "prep"), None)
    if as_ is None or not any(c.tag_ == "VBG" for c in as_.children):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _by_agent(verb: Token) -> Token | None:
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None


def _agent(tok: Token) -> Token:
    """'a document filed by X': X, who stands behind the document."""
    for acl in (c for c in tok.children if c.dep_ == "acl"):
        for agent in (c for c in acl.children if c.dep_ == "agent"):
            obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return tok


def _nameable(tok: Token) -> bool:
    return tok.lower_ in PERSONAL | PLURAL or tok.pos_ == "PROPN" or tok.ent_type_ in SPEAKER_LABELS


def _subject(verb: Token) -> Token | None:
    # '“My dear X,” the speaker says': the parser may give the verb two
    # subjects; the one nearest the verb is the speaker.
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if subjects:
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    # "…and added", "…, saying that": the subject of the verb they hang on.
    if verb.dep_ in {"conj", "advcl", "xcomp"} and verb.head.pos_ in {"VERB", "AUX"}:
        return _subject(verb.head)
    # 'he was quoted as telling X': the subject of the verb 'as' hangs on.
    as_ = verb.head
    if verb.dep_ == "pcomp" and as_.lower_ == "as" and as_.head.pos_ in {"VERB", "AUX"}:
        return _subject(as_.head)
    if of_document(verb):
        # 'X issued a statement saying …': X speaks through it; a statement
        # nobody is said to have issued speaks for itself.
        owner = verb.head
        issuer = _subject(owner.head) if owner.dep_ == "dobj" else None
        return issuer if issuer is not None else owner
    return None


def of_document(verb: Token) -> bool:
    """'a statement saying …', 'a letter warning …'."""
    return verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.lemma_.lower() in DOCUMENTS


def casts_as(verb: Token, start: int) -> bool:
    """'admires X as a “strong leader”', 'characterized X as, “…”': a verb
    whose object is cast as the quotation starting at ``start``."""
    words = [t for t in verb.doc[verb.i + 1 : verb.i + 12] if t.idx < start]
    as_ = next((t for t in reversed(words) if t.lower_ == "as"), None)
    if as_ is None or as_.head.i != verb.i:
        return False
    return all(t.lower_ in {"a", "an", "the"} or t.is_punct for t in words if t.i > as_.i)


def _what_clause_owner(verb: Token, subject: Token) -> Token | None:
    """'The council pledged sanctions over what it called “…”': it/they in a
    'what' clause is the sentence's own subject, who speaks."""
    if subject.lower_ not in {"it", "they"} or not any(c.lower_ == "what" for c in verb.children):
        return None
    main = _subject(verb.sent.root)
    return main if main is not None and main.i < subject.i and main.i != subject.i else None
