"""An event's fatalities: the reported death toll of that event, and nothing else.

A number counts when the parse makes it a death toll ("nine people were killed",
"killing nine", "nine dead", "the death toll rose to nine", "claimed nine lives")
and not when it counts the missing, the wounded, "losses", a "killed and wounded"
total, the enemy a side says it killed, or a period ("over the past week", "so
far", "in total"): those stay claims (``doc._.claims``) with their claimants.

The toll goes to the event it is a toll of: the strike the deaths are caused by
("killed by a missile strike", "died after the attack", "the toll from the
strike"), the attack the death verb hangs from ("struck the city, killing
nine"), else the death verb's own event, else the nearest attack of the
sentence (of the sentence before, for a toll that names no event). One toll per
event: when figures differ, the lowest, as the ACLED codebook rule has it (the
most conservative reported figure); the others stay claims.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kronika.components.events_lexicon import (
    CUMULATIVE_PREPS,
    CUMULATIVE_WORDS,
    DEATH_NOUNS,
    DEATH_VERBS,
    ENEMY_WORDS,
    NOT_DEATHS,
    SO_FAR,
    TOLL_NOUNS,
    VAGUE_TOLLS,
    VICTIM_NOUNS,
)
from kronika.records import Claim, Event

CAUSE_DEPS = {"agent", "prep", "nsubj", "pobj", "pcomp", "advcl", "npadvmod", "conj", "acl",
              "ccomp"}  # fmt: skip
CAUSE_DEPTH = 4
CAUSE_PREPS = {"in", "after", "during", "from", "by", "of", "following", "amid", "as", "when"}
LIFE_VERBS = {"claim", "take", "cost"}  # "claimed nine lives", not "saved nine lives"
PERIOD_NOUNS = {"hour", "day", "week", "month", "year"}


def assign_fatalities(doc: Doc, events: list[Event], tokens: list[Token]) -> None:
    """Set ``fatalities`` and ``fatalities_claim`` on the events the tolls belong to."""
    if not events:
        return
    triggers = {t.i: k for k, t in enumerate(tokens)}
    tolls = list(_claimed_tolls(doc)) + list(_named_victims(tokens))
    for value, death, claim in tolls:
        k = _target(death, triggers, tokens, events)
        if k is None:
            continue
        event = events[k]
        if event.fatalities is None or value < event.fatalities:
            event.fatalities, event.fatalities_claim = value, claim


def _claimed_tolls(doc: Doc):
    """(toll, death word, claim index) for each claim that is a death toll."""
    for c, claim in enumerate(doc._.claims or []):
        value = _value(claim)
        if value is None:
            continue
        span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
        if span is None:
            continue
        death = _death(span.root)
        if death is not None and not _not_a_toll(span, death):
            yield value, death, c


def _named_victims(tokens: list[Token]):
    """(count, death verb, None) for "she was killed", "he and his wife died": victims
    named one by one, without a number (numbers are claims, read above)."""
    for token in tokens:
        lemma = _lemma(token)
        if lemma not in DEATH_VERBS:
            continue
        passive = any(c.dep_ == "auxpass" for c in token.children)
        if lemma == "kill" and not passive:
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if len(subjects) != 1:
            continue
        victims = [subjects[0], *subjects[0].conjuncts]
        if all(_one_person(v) for v in victims) and not _cumulative(token):
            yield len(victims), token, None


def _one_person(token: Token) -> bool:
    if any(c.like_num or c.dep_ == "nummod" for c in token.children):
        return False
    if token.lower_ in {"he", "she", "him", "her"} or token.ent_type_ == "PERSON":
        return True
    return token.tag_ == "NN" and _lemma(token) in VICTIM_NOUNS


def _value(claim: Claim) -> int | None:
    words = set(claim.text.lower().split())
    vague = [VAGUE_TOLLS[w] for w in words & set(VAGUE_TOLLS)]
    if vague:
        return min(vague)
    return int(claim.low) if claim.low is not None else None


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _death(root: Token) -> Token | None:
    """The word that makes the number at ``root`` a count of the dead, if any."""
    head = root.head
    if _lemma(root) in DEATH_NOUNS and _lemma(root) != "life":
        return root  # "nine deaths", "nine dead"
    if _lemma(root) == "life" and _lemma(head) in LIFE_VERBS:
        return head
    if _lemma(head) in DEATH_VERBS and head.i != root.i:
        passive = any(c.dep_ == "auxpass" for c in head.children) or head.tag_ == "VBN"
        if _lemma(head) == "kill":
            ok = root.dep_ == "dobj" or (root.dep_ in ("nsubjpass", "nsubj") and passive)
        else:
            ok = root.dep_ in ("nsubj", "nsubjpass")
        return head if ok else None
    for child in root.children:  # "nine people killed", "nine civilians dead"
        if child.dep_ in ("acl", "amod", "relcl") and _lemma(child) in DEATH_VERBS | {"dead"}:
            return child
    if root.dep_ in ("nummod", "amod", "compound") and _lemma(head) in DEATH_NOUNS:
        return head
    if root.dep_ in ("nsubj", "dobj") and any(
        c.dep_ in ("acomp", "oprd") and _lemma(c) == "dead" for c in head.children
    ):
        return head  # "nine people are dead", "left nine people dead"
    return _toll(root)


def _toll(root: Token) -> Token | None:
    """ "the death toll rose to nine", "the toll stands at nine", "the toll is nine"."""
    verb = root.head
    if root.dep_ == "pobj" and verb.lower_ in ("to", "at"):
        verb = verb.head
    elif root.dep_ not in ("attr", "dobj"):
        return None
    for subject in verb.children:
        if subject.dep_ in ("nsubj", "nsubjpass") and _lemma(subject) in TOLL_NOUNS:
            kinds = {_lemma(c) for c in subject.children if c.dep_ in ("compound", "amod")}
            return subject if not kinds & NOT_DEATHS else None
    return None


def _not_a_toll(span, death: Token) -> bool:
    """Wounded or missing counted in, the enemy's dead, or a count over a period."""
    root = span.root
    words = {_lemma(t) for t in span} | {_lemma(c) for c in root.children}
    if _lemma(root) in NOT_DEATHS or words & (ENEMY_WORDS | CUMULATIVE_WORDS):
        return True
    for conj in death.conjuncts:  # "killed and wounded": one total, unless each has its count
        if _lemma(conj) in NOT_DEATHS and not _own_count(conj):
            return True
    if any(_lemma(c) in NOT_DEATHS for c in root.conjuncts if not c.like_num):
        return True  # "nine dead and wounded"
    return _cumulative(death) or _sides_own_count(death)


def _own_count(verb: Token) -> bool:
    """ "… and dozens more (were) wounded": the conjoined verb counts its own people."""
    return any(
        c.like_num or c.pos_ in ("NOUN", "NUM", "PROPN", "PRON") or c.lower_ in VAGUE_TOLLS
        for c in verb.children
        if c.dep_ not in ("cc", "punct", "prep", "agent", "advcl", "conj")
    )


def _cumulative(death: Token) -> bool:
    scopes = [death] + ([death.head] if death.dep_ in ("nsubj", "nsubjpass") else [])
    for scope in scopes:
        for child in scope.children:
            if child.dep_ == "advmod" and _so_far(child):
                return True
            if child.dep_ != "prep":
                continue
            if child.lower_ in CUMULATIVE_PREPS:
                return True
            for obj in child.children:  # "in the past 24 hours", "in the last week"
                mods = {_lemma(m) for m in obj.children}
                counted = any(m.like_num for m in obj.children)  # "in 24 hours"
                if _lemma(obj) in PERIOD_NOUNS and (counted or mods & {"past", "last", "previous"}):
                    return True
    return False


def _so_far(token: Token) -> bool:
    if _lemma(token) in CUMULATIVE_WORDS:
        return True
    before, word = SO_FAR
    return token.lower_ == word and token.i > 0 and token.doc[token.i - 1].lower_ in before


def _sides_own_count(death: Token) -> bool:
    """ "it said it had killed 300 soldiers": a side's claim of the dead it caused."""
    if _lemma(death) != "kill":
        return False
    subjects = [c for c in death.children if c.dep_ == "nsubj"]
    if not subjects and death.dep_ in ("advcl", "conj", "xcomp"):
        subjects = [c for c in death.head.children if c.dep_ == "nsubj"]  # "struck …, killing"
    return any(s.lower_ in {"it", "we", "they"} or _owned(s) for s in subjects)


def _owned(token: Token) -> bool:
    return any(c.dep_ == "poss" and c.lower_ in {"our", "its", "their"} for c in token.children)


def _target(death: Token, triggers: dict[int, int], tokens: list[Token], events) -> int | None:
    """The event the toll at ``death`` belongs to."""
    current = death
    for _ in range(2):  # "struck the city, killing nine"; "the attack, which killed nine"
        if current.dep_ not in ("advcl", "xcomp", "conj", "acl", "relcl", "ccomp"):
            break
        current = current.head
        if current.i in triggers:
            return triggers[current.i]
        # "an explosion ripped through the barracks, killing …": the head's subject
        for subject in current.children:
            if subject.dep_ == "nsubj" and subject.i in triggers:
                return triggers[subject.i]
    scopes = [death]
    if death.pos_ not in ("VERB", "AUX"):
        scopes.append(death.head)  # "the toll (from the strike) rose", "found dead after …"
    for scope in scopes:
        cause = _cause_below(scope, triggers)
        if cause is not None:
            return cause
    if death.i in triggers:
        return triggers[death.i]
    return _nearest_attack(death, tokens, events)


def _cause_below(scope: Token, triggers: dict[int, int]) -> int | None:
    """The nearest event below the death word through the words that name a cause: the
    agent ("killed by a strike"), a preposition ("in/after the shelling"), an adverbial
    clause and its subject ("after missiles struck"); a few steps, breadth first."""
    frontier = [scope]
    for _ in range(CAUSE_DEPTH):
        below = []
        for token in frontier:
            for child in token.children:
                if child.dep_ not in CAUSE_DEPS:
                    continue
                if child.dep_ == "prep" and child.lower_ not in CAUSE_PREPS:
                    continue
                if child.dep_ == "advcl":  # "after a missile attack hit …": the attack
                    for subject in child.children:
                        if subject.dep_ in ("nsubj", "nsubjpass") and subject.i in triggers:
                            return triggers[subject.i]
                # A harm verb beside the death ("… and 15 were injured by") is no cause.
                harm = _lemma(child) in NOT_DEATHS | DEATH_VERBS
                if child.i in triggers and not harm:
                    return triggers[child.i]
                below.append(child)
        frontier = below
    return None


def _nearest_attack(death: Token, tokens: list[Token], events: list[Event]) -> int | None:
    sent = death.sent
    violent = [
        k for k, t in enumerate(tokens) if events[k].plover == "ASSAULT" and events[k].acled_type
    ]
    same = [k for k in violent if tokens[k].sent.start == sent.start]
    if same:
        return min(same, key=lambda k: abs(tokens[k].i - death.i))
    if _lemma(death) in TOLL_NOUNS and sent.start > 0:
        before = [k for k in violent if tokens[k].sent.end == sent.start]
        return before[-1] if before else None
    return None
