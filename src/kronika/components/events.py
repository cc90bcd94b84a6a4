"""``kronika_events``: what happened, typed in PLOVER's categories and ACLED's
event types, with who did it to whom, where, when, and whether it happened.

Triggers are verbs and nouns of the lexicon (:mod:`events_lexicon`), checked
against the parse where a word alone is ambiguous. A trigger's span grows to
the event's name ("the battle of X", "the X operation", "Operation X") or back
to its light verb ("launched a criminal case"). Status, actors and recipients
come from the parse (:mod:`events_roles`); place and time are the places and
times of the trigger's phrase, else of its clause, else the nearest ones in
its sentence. A recurring event links to its SET time ("every month").
"""

from __future__ import annotations

import re
from bisect import bisect_left

import numpy as np
from spacy.attrs import HEAD, IDX, LEMMA, LOWER
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc, Span, Token

from kronika.components import register_extensions, text_of
from kronika.components.events_fatalities import assign_fatalities
from kronika.components.events_lexicon import (
    BACKGROUND_PREPS,
    CAPTIVE_WORDS,
    CAPTURED_PEOPLE,
    COLLECTIVE,
    DEFINITE,
    LIGHT_VERBS,
    MILITARY_OBJECTS,
    NAMED_NOUNS,
    PERIOD_START,
    PHRASAL,
    TRIGGERS,
    VERB_OBJECT,
    WEAPONS,
    Trigger,
    acled,
)
from kronika.components.events_roles import REPORTING, background, roles, satisfied, status
from kronika.records import Event

EXCLUDED_TAGS = {"JJ", "JJR", "JJS"}  # "offensive weapons", "the occupied territories"
BOUNDARY = re.compile(r"[:;\"“”«»()–—]|\s-\s")
ENTITY_LABELS_AS_ACTORS = {"PERSON", "ORG", "UNIT", "NORP", "GPE"}
# A word inside a name is not an event: "the 3rd Assault Brigade", "the Strike Group".
NAME_LABELS = {"UNIT", "ORG", "PERSON", "FAC", "WORK_OF_ART", "LAW", "PRODUCT"}
CAPTURE_LEMMAS = {"capture", "seize", "take", "abduct", "kidnap"}
# Every word a trigger can start from: most tokens are not one, and ruling them
# out before reading their children saves most of this component's time.
TRIGGER_WORDS = frozenset(
    {w for w, _ in TRIGGERS} | {w for w, _ in PHRASAL} | {w for w, _ in VERB_OBJECT} | {"attack"}
)


@Language.factory("kronika_events")
def make_events(nlp: Language, name: str):
    return EventFinder()


class EventFinder:
    """Fills ``doc._.events`` with :class:`kronika.records.Event` records."""

    def __init__(self):
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        events: list[Event] = []
        triggers = _maybe_triggers(doc)
        if not triggers:
            doc._.events = events
            return doc
        entity_at = _entity_index(doc)
        parse = _Parse(doc)
        # A duration ("in 24 hours") says how long, not when; "since April" when it began.
        text = text_of(doc)
        times = _Facts(
            [t if t.type != "DURATION" and not _since(text, t) else None for t in doc._.times or []]
        )
        places = _Facts(doc._.places or [])
        found = list(_found(doc, triggers))
        # Every trigger of the document, so that a time a trigger owns dates no other.
        self._triggers = {token.i for token, _, _, _ in found}
        self._parse = parse
        tokens: list[Token] = []
        for token, trigger, span, governor in found:
            events.append(
                self._event(doc, token, trigger, span, governor, entity_at, parse, times, places)
            )
            tokens.append(token)
        _continue_times(doc, events, tokens)
        assign_fatalities(doc, events, tokens)
        doc._.events = events
        return doc

    def _event(self, doc, token, trigger, span, governor, entity_at, parse, times, places) -> Event:
        sent = token.sent
        context = parse.lemmas(sent)
        lemma = _lemma(token)
        acled_type, subtype = acled(trigger.plover, lemma, context, _captive(token))
        actor_tokens, recipient_tokens = roles(token, governor)
        # A place in the event's name ("the X incursions") is where, not who.
        actor_tokens = [t for t in actor_tokens if not _named_place(t, span)]
        actors = _entities(actor_tokens, entity_at)
        recipients = [e for e in _entities(recipient_tokens, entity_at) if e not in actors]
        if trigger.plover == "MOBILIZE" and not actors:
            actors, recipients = recipients, []  # the unit formed or joined is the one mobilising
        scopes = _Scopes(parse, token, governor)
        owners = _TimeOwners(doc, token, governor, self._triggers, self._parse)
        time = _nearest(doc, times, sent, span, scopes, owners.elsewhere)
        state = status(token)
        if state == "occurred" and time is not None and _future(doc, doc._.times[time].value):
            state = "planned"
        if (
            state == "occurred"
            and context & BACKGROUND_PREPS
            and background(token, doc._.published)
        ):
            state = "background"
        return Event(
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            plover=trigger.plover,
            acled_type=acled_type,
            acled_subtype=subtype,
            actors=actors,
            recipients=recipients,
            place=_nearest(doc, places, sent, span, scopes),
            time=time,
            status=state,
            confidence=trigger.confidence,
        )


def _found(doc: Doc, candidates: list[int]):
    """(token, trigger, span, governor) for each trigger that counts, without overlaps."""
    taken: list[tuple[int, int]] = []
    for i in candidates:
        token = doc[i]
        trigger = _trigger(token)
        if trigger is None or not satisfied(token, trigger.need) or _yields(token):
            continue
        trigger = _destroyed(token, trigger)
        if trigger is None:
            continue
        span, governor = _extent(token)
        if any(s < span.end_char and span.start_char < e for s, e in taken):
            continue
        taken.append((span.start_char, span.end_char))
        yield token, trigger, span, governor


def _maybe_triggers(doc: Doc) -> list[int]:
    """Indexes of tokens whose lower form or lemma may be a trigger word, found in one
    array pass (a Python loop over every token was half of this component). The keys
    are sorted, so a binary search finds them: np.isin sorts both arrays on every call."""
    forms = doc.to_array([LOWER, LEMMA])
    if not len(forms):
        return []
    at = np.searchsorted(_TRIGGER_KEYS, forms)
    at[at == len(_TRIGGER_KEYS)] = 0
    return np.flatnonzero((_TRIGGER_KEYS[at] == forms).any(axis=1)).tolist()


# The lemma's case is the token's for proper nouns: "Strikes" has lemma "Strikes".
_TRIGGER_KEYS = np.array(
    sorted({hash_string(v) for w in TRIGGER_WORDS for v in (w, w.capitalize(), w.upper())}),
    dtype=np.uint64,
)


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _pos(token: Token) -> str | None:
    if token.pos_ in ("NOUN", "PROPN"):
        return "NOUN"
    if token.pos_ == "VERB" or token.tag_ in ("VBN", "VBD", "VBG", "VBZ", "VBP", "VB"):
        return "VERB"
    return None


def _trigger(token: Token) -> Trigger | None:
    pos = _pos(token)
    if pos is None or token.tag_ in EXCLUDED_TAGS:
        return None
    lemma = _lemma(token)
    if lemma not in TRIGGER_WORDS and token.lower_ not in TRIGGER_WORDS:
        return None
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    if pos == "VERB" and (lemma, particle) in PHRASAL:
        return PHRASAL[(lemma, particle)]
    complement = _complement(token, lemma) if pos == "VERB" else None
    if complement is not None:
        return VERB_OBJECT[(lemma, complement.lemma_.lower())]
    if lemma == "attack" and token.i >= 2 and token.doc[token.i - 2].lower_ == "cyber":
        return TRIGGERS[("cyberattack", "NOUN")]
    if token.pos_ == "PROPN" and lemma not in NAMED_NOUNS:
        return None  # proper names are not triggers, except "Operation X"
    if token.ent_type_ in NAME_LABELS and lemma != "operation":
        return None
    found = TRIGGERS.get((lemma, pos)) or TRIGGERS.get((token.lower_, pos))
    modifier = token.tag_ in ("VBN", "VBG") and token.dep_ in ("amod", "compound")
    if found is None or (modifier and lemma != "besiege"):  # "targeting information"
        return None
    return found


def _destroyed(token: Token, trigger: Trigger) -> Trigger | None:
    """ "destroyed": a military result is part of the fighting (ASSAULT), and when a strike
    or a weapon is its subject, that event is the one to keep; else property destruction."""
    if _lemma(token) != "destroy" or _pos(token) != "VERB":
        return trigger
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "agent")]
    subjects += [p for c in subjects if c.dep_ == "agent" for p in c.children]
    if any(_lemma(s) in WEAPONS or _trigger(s) is not None for s in subjects):
        return None
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    objects += [cc for c in objects for cc in c.conjuncts]
    if any(_lemma(o) in MILITARY_OBJECTS for o in objects):
        return Trigger("ASSAULT", trigger.pos, None, trigger.confidence)
    return trigger


def _captive(token: Token) -> bool:
    """The event takes people captive: "taken prisoner", "captured two soldiers"."""
    if _lemma(token) not in CAPTURE_LEMMAS:
        return False
    near = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass", "oprd", "attr", "xcomp")]
    if token.dep_ in ("amod", "acl"):
        near.append(token.head)  # "captured soldiers", "the soldiers captured in May"
    words = {_lemma(t) for t in near} | {t.lower_ for t in near}
    return bool(words & (CAPTURED_PEOPLE | CAPTIVE_WORDS)) or any(
        t.ent_type_ == "PERSON" for t in near
    )


def _complement(token: Token, lemma: str) -> Token | None:
    """The object or complement that makes a verb an event: "took control", "found guilty"."""
    complements = ("dobj", "acomp", "oprd", "ccomp", "xcomp", "attr")
    for child in token.children:
        if child.dep_ in complements and (lemma, child.lemma_.lower()) in VERB_OBJECT:
            return child
    return None


def _yields(token: Token) -> bool:
    """Leave the event to a better trigger: the noun a modifier or a light verb goes with."""
    if token.dep_ == "compound" and token.head.pos_ == "NOUN":
        return True  # "attack drones", "ceasefire agreement"
    if _lemma(token) not in LIGHT_VERBS:
        return False
    return any(c.dep_ == "dobj" and _trigger(c) is not None for c in token.children)


def _extent(token: Token) -> tuple[Span, Token | None]:
    """The event's span and the verb governing a noun trigger (if any)."""
    doc = token.doc
    governor = _governor(token)
    start, end = token.i, token.i + 1
    particle = [c for c in token.children if c.dep_ == "prt"]
    if particle:
        end = max(end, particle[0].i + 1)
    complement = _complement(token, _lemma(token)) if _pos(token) == "VERB" else None
    if complement is not None:
        end = max(end, complement.i + 1)
    if _lemma(token) in NAMED_NOUNS or token.lower_ in NAMED_NOUNS:
        start, end = _name(token, start, end)
    if token.i >= 2 and doc[token.i - 2].lower_ == "cyber":
        start = token.i - 2
    if governor is not None and token.dep_ == "dobj" and _lemma(governor) in LIGHT_VERBS:
        start = governor.i
    return doc[start:end], governor


def _governor(token: Token) -> Token | None:
    """The verb a noun trigger hangs from, through "of" ("introduced a tenth of the sanctions")."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    current = token
    for _ in range(3):
        head = current.head
        if current.dep_ == "pobj" and head.dep_ == "prep":
            head = head.head
        if head.i == current.i:  # the root: spaCy makes a new Token object per access
            return None
        if head.pos_ in ("VERB", "AUX"):
            return head
        if not (current.dep_ == "pobj" and current.head.lower_ == "of"):
            return None
        current = head
    return None


def _named_place(token: Token, span: Span) -> bool:
    return span.start <= token.i < span.end and token.ent_type_ != "NORP" and _is_name(token)


def _name(token: Token, start: int, end: int) -> tuple[int, int]:
    doc = token.doc
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            names = [p for p in child.children if p.dep_ == "pobj" and _is_name(p)]
            if names:
                end = max(end, names[0].i + 1)
        if child.dep_ in ("compound", "nmod", "amod") and child.i < token.i and _is_name(child):
            start = min(start, child.left_edge.i if child.left_edge.pos_ == "PROPN" else child.i)
    if token.text[0].isupper() and end < len(doc) and doc[end].pos_ == "PROPN":
        while end < len(doc) and doc[end].pos_ == "PROPN":
            end += 1  # "Operation Z"
    return start, end


def _is_name(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in ("GPE", "LOC", "FAC")


def _entity_index(doc: Doc) -> dict[int, str]:
    """Character offset → entity id, for every mention of every entity."""
    index: dict[int, str] = {}
    for entity in doc._.entities or []:
        if entity.type not in ENTITY_LABELS_AS_ACTORS | {"LOC", "FAC"}:
            continue
        for mention in entity.mentions:
            for offset in range(mention.start, mention.end):
                index[offset] = entity.id
    return index


def _entities(tokens: list[Token], entity_at: dict[int, str]) -> list[str]:
    found: list[str] = []
    for token in tokens:
        for candidate in _candidates(token):
            entity = entity_at.get(candidate.idx)
            if entity and entity not in found:
                found.append(entity)
                break
    return found


class _Parse:
    """What every trigger of a document reads, taken from arrays once per document:
    building Token objects for whole sentences and subtrees per trigger was most of
    this component's time."""

    def __init__(self, doc: Doc):
        self.doc = doc
        idx, head = doc.to_array([IDX, HEAD]).astype(np.int64).T
        self.starts = {start: i for i, start in enumerate(idx.tolist())}
        self.heads = (np.arange(len(doc)) + head).tolist()
        self.lemma_ids = doc.to_array(LEMMA).tolist()
        self._lemmas: dict[int, set[str]] = {}

    def lemmas(self, sent: Span) -> set[str]:
        """The lower-cased lemmas of a sentence (kept: triggers share sentences)."""
        if sent.start not in self._lemmas:
            strings = self.doc.vocab.strings
            ids = set(self.lemma_ids[sent.start : sent.end])
            self._lemmas[sent.start] = {strings[i].lower() for i in ids}
        return self._lemmas[sent.start]

    def token_at(self, start: int) -> int | None:
        if start in self.starts:
            return self.starts[start]
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        return span.start if span is not None else None

    def under(self, i: int, root: int) -> bool:
        """Token ``i`` is ``root`` or one of its descendants: in ``root.subtree``."""
        for _ in range(len(self.heads)):
            if i == root:
                return True
            head = self.heads[i]
            if head == i:
                return False
            i = head
        return False


class _Scopes:
    """A trigger's scopes for its place and time: its phrase, its governor's,
    its clause; without what a relative clause on it says."""

    def __init__(self, parse: _Parse, token: Token, governor: Token | None):
        self.parse = parse
        scopes = (token, governor, _clause(token))
        self.roots = [scope.i for scope in scopes if scope is not None]
        # What a relative clause says of the trigger's noun happened at another time.
        self.aside = [c.i for c in token.children if c.dep_ in ("relcl", "acl")]

    def allows(self, root: int, i: int | None) -> bool:
        under = self.parse.under
        return i is not None and under(i, root) and not any(under(i, c) for c in self.aside)


class _TimeOwners:
    """The word a time belongs to: "his lawyer said on Tuesday" dates the saying, "a pause
    in July" the pause; neither dates another event of the sentence."""

    def __init__(self, doc: Doc, token: Token, governor, triggers: set[int], parse: _Parse):
        self.doc, self.triggers, self.parse, self.token = doc, triggers, parse, token.i
        self.own = {token.i} | ({governor.i} if governor is not None else set())

    def elsewhere(self, i: int) -> bool:
        current = self.doc[i]
        for _ in range(6):
            head = current.head
            if head.i == current.i:
                return False
            current = head
            if current.i in self.own:
                return False
            if current.lemma_.lower() in REPORTING and current.i not in self.triggers:
                return not self.parse.under(current.i, self.token)
            if current.i in self.triggers:
                # An event in the trigger's own phrase shares its time ("called for an
                # inquiry on Saturday"), and so does one the trigger continues ("hit the
                # city on Thursday, killing 23"); another's does not ("a pause in July").
                under = self.parse.under(current.i, self.token)
                return not (under or _continues(self.doc[self.token], current))
            if current.pos_ in ("VERB", "AUX"):
                return False
        return False


def _continues(token: Token, owner: Token) -> bool:
    """``token`` carries on the event of ``owner`` above it: a participle or coordinated
    clause, or "in the strike" (not a reason or purpose: "sentenced for denouncing")."""
    current = token
    for _ in range(4):
        if current.i == owner.i:
            return True
        dep, head = current.dep_, current.head
        joined = dep in CONTINUING or (
            dep in ("pobj", "prep") and (current if dep == "prep" else head).lower_ in WITHIN
        )
        if not joined or head.i == current.i:
            return False
        current = head
    return False


CONTINUING = {"advcl", "conj", "xcomp", "acl"}
WITHIN = {"in", "during", "amid"}


def _since(text: str, time) -> bool:
    return text[max(0, time.start - 8) : time.start].lower().split()[-1:] == [PERIOD_START]


def _continue_times(doc: Doc, events: list[Event], tokens: list[Token]) -> None:
    """An event that happened with no time of its own takes the day of the event of its
    category it continues: the one before it in its paragraph ("…on Thursday. Three
    children were among those killed"), or any one before it when it is named with a
    definite article ("the strike", "the attacks")."""
    text = text_of(doc)
    times = doc._.times or []
    dated = _Facts(times)  # every time, durations too: "two weeks earlier" is no gap to fill
    last: dict[str, int] = {}  # category → index of the last event with a day
    for k, event in enumerate(events):
        if event.status != "occurred":
            continue
        sent = tokens[k].sent
        if event.time is None and dated.within(sent.start_char, sent.end_char):
            continue
        if event.time is not None:
            if re.match(r"\d{4}-\d{2}-\d{2}", times[event.time].value or ""):
                last[event.plover] = k
            continue
        before = last.get(event.plover)
        if before is None:
            continue
        same_paragraph = "\n" not in text[events[before].end : event.start]
        if same_paragraph or _definite(tokens[k]):
            event.time = events[before].time
            last[event.plover] = k


def _definite(token: Token) -> bool:
    """ "the strike", "the string of explosions"."""
    if token.pos_ != "NOUN":
        return False
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.pos_ == "NOUN":
        if token.head.head.lemma_.lower() not in COLLECTIVE:
            return False
        token = token.head.head
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children)


class _Facts:
    """A document's times or places (None for one that does not count), by start:
    a sentence's are found by bisection, not a scan per trigger."""

    def __init__(self, facts: list):
        self.facts = facts
        found = sorted((f.start, i) for i, f in enumerate(facts) if f is not None)
        self.starts = [start for start, _ in found]
        self.indexes = [i for _, i in found]

    def within(self, start: int, end: int) -> list[int]:
        """Indexes, in list order, of the facts starting in [start, end)."""
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return sorted(self.indexes[lo:hi])


def _candidates(token: Token):
    """The head word, its apposition ("the attorney general, X,"), then its
    pre-modifiers; lazily, since the head word is mostly the entity."""
    yield token
    yield from [c for c in token.children if c.dep_ == "appos"]
    yield from (t for t in token.subtree if t.i < token.i)
    # "the village of X": the named place after "of".
    yield from (
        p for c in token.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"
    )


def _nearest(doc: Doc, found: _Facts, sent: Span, span: Span, scopes: _Scopes, elsewhere=None):
    """Index of the fact in the trigger's phrase, else its clause, else nearest in its
    sentence; ``elsewhere(token index)`` rules out a fact that belongs to another word."""
    facts = found.facts
    inside = found.within(sent.start_char, sent.end_char)
    if not inside:
        return None
    at = {i: scopes.parse.token_at(facts[i].start) for i in inside}
    if elsewhere is not None:
        inside = [i for i in inside if at[i] is None or not elsewhere(at[i])]
    for root in scopes.roots:
        hits = [i for i in inside if scopes.allows(root, at[i])]
        if hits:
            return min(hits, key=lambda i: _distance(facts[i], span))
    near = [i for i in inside if not BOUNDARY.search(_between(text_of(doc), facts[i], span))]
    return min(near, key=lambda i: _distance(facts[i], span)) if near else None


def _between(text: str, fact, span: Span) -> str:
    if fact.end <= span.start_char:
        return text[fact.end : span.start_char]
    return text[span.end_char : fact.start]


def _clause(token: Token) -> Token:
    current = token
    while current.dep_ not in ("ROOT", "advcl", "relcl", "ccomp") and current.head.i != current.i:
        current = current.head
    return current


def _distance(fact, span: Span) -> int:
    if fact.end <= span.start_char:
        return span.start_char - fact.end
    return max(0, fact.start - span.end_char)


def _future(doc: Doc, value: str | None) -> bool:
    """A DATE value after the publication date: the event is still to come."""
    published = doc._.published
    value = value.split("T")[0] if value and value[:1].isdigit() else value  # "…TAF": its day
    if not value or not published or not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value):
        return False
    return value > published[: len(value)]
