"""Reading an event trigger's surroundings in the parse: whether an ambiguous
trigger counts (:func:`satisfied`), its status (occurred, hypothetical,
negated, planned) and who did it to whom (:func:`roles`)."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from kronika.components.events_lexicon import (
    AID_WORDS,
    BACKGROUND_ANCHORS,
    BACKGROUND_PREPS,
    DEAL_WORDS,
    MILITARY_OPERATION,
    PARTICIPATE,
    PERSONS,
    POLITICAL,
    TROOPS,
    UNIT_NOUNS,
    VICTIM_SUBJECT,
    WEAPONS,
)

SUBJECTS = {"nsubj", "csubj"}
OBJECTS = {"dobj", "nsubjpass", "attr"}
TARGET_PREPS = {"against", "on", "at", "into", "upon"}
CLAUSE_EDGES = {"advcl", "relcl", "acl", "ccomp", "parataxis", "ROOT", "csubj"}
MODALS = {"would", "could", "might", "may", "can", "should", "must"}
FUTURE = {"will", "shall", "'ll", "wo"}
PLAN_WORDS = {
    "plan", "prepare", "intend", "expect", "aim", "seek", "want", "propose", "threaten", "vow",
    "promise", "pledge", "ready", "set", "schedule", "hope", "try", "attempt", "decide",
    "imminent", "likely", "due", "upcoming", "planned", "expected", "future", "next", "possible",
}  # fmt: skip
CONDITIONAL = {"if", "unless", "whether"}
ADJUNCT_PREPS = {"after", "before", "since", "during", "following", "amid", "despite", "over",
                 "for", "because", "until", "as", "like"}  # fmt: skip
REPORTING = {"say", "tell", "announce", "add", "state", "report", "claim", "insist", "warn",
             "promise", "pledge", "vow", "predict", "expect", "believe", "think", "suggest"}  # fmt: skip
PLAN_MODIFIERS = {"planned", "upcoming", "expected", "imminent", "future", "proposed", "possible"}
ENTITY_OBJECTS = {"fight", "effort", "war", "government", "bid", "plan", "proposal",
                  "candidacy", "independence", "sovereignty", "struggle", "cause"}  # fmt: skip


def _lemmas(tokens) -> set[str]:
    return {t.lemma_.lower() for t in tokens}


def _children(token: Token, deps: set[str]) -> list[Token]:
    found = [c for c in token.children if c.dep_ in deps]
    return found + [cc for c in found for cc in c.conjuncts]


def _subjects(token: Token) -> list[Token]:
    subjects = _children(token, SUBJECTS)
    if (
        not subjects
        and token.dep_ in ("xcomp", "conj", "advcl")
        and token.head.pos_ in ("VERB", "AUX")
    ):
        subjects = _children(token.head, SUBJECTS)
    return subjects


def _agents(token: Token) -> list[Token]:
    return [p for a in token.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]


def _objects(token: Token) -> list[Token]:
    objs = _children(token, OBJECTS)
    passive = any(c.dep_ == "auxpass" for c in token.children)
    if passive and not objs and token.dep_ == "xcomp":
        objs = _children(token.head, SUBJECTS | {"nsubjpass"})  # "he was set to be released"
    if token.tag_ == "VBN" and not objs and token.dep_ in ("acl", "amod", "advcl"):
        # "the battalion, created in 2023"; "the besieged city": the participle's noun.
        objs += [token.head] if token.dep_ != "advcl" else _noun_before(token)
    return objs


def _noun_before(token: Token) -> list[Token]:
    doc = token.doc
    for i in range(token.i - 1, max(-1, token.i - 7), -1):
        if doc[i].pos_ in ("NOUN", "PROPN"):
            return [doc[i], doc[i].head] if doc[i].dep_ == "appos" else [doc[i]]
    return []


def _subtree_lemmas(tokens: list[Token]) -> set[str]:
    return {t.lemma_.lower() for tok in tokens for t in tok.subtree}


def _has_entity(tokens: list[Token], labels: set[str]) -> bool:
    return any(t.ent_type_ in labels for tok in tokens for t in tok.subtree)


def _is_unit(token: Token) -> bool:
    near = [token, token.head, *token.children]
    return any(t.lemma_.lower() in UNIT_NOUNS or t.ent_type_ == "UNIT" for t in near)


NEEDS: dict[str, Callable[[Token], bool]] = {
    "weapon_subject": lambda t: bool(_subtree_lemmas(_subjects(t) + _agents(t)) & WEAPONS),
    "weapon_object": lambda t: bool(
        _subtree_lemmas(_objects(t) + _agents(t)) & WEAPONS
        or any(c.dep_ == "prep" and c.lower_ in ("on", "at") for c in t.children)
    ),
    "not_deal": lambda t: not (_lemmas(_children(t, {"dobj"})) & DEAL_WORDS),
    "military_operation": lambda t: _named_or_military(t),
    "troop_subject": lambda t: bool(_lemmas(_subjects(t)) & TROOPS),
    "troop_object": lambda t: bool(_lemmas(_children(t, {"dobj"})) & TROOPS),
    "unit": lambda t: any(_is_unit(o) for o in _objects(t) + _subjects(t) + _of_objects(t)),
    "military_modifier": lambda t: bool(
        _lemmas(t.children) & {"military", "naval", "joint", "war", "army", "nato", "nuclear"}
    ),
    "legal_case": lambda t: bool(_lemmas(t.children) & {"criminal", "treason", "legal", "court"}),
    "person_object": lambda t: any(
        o.lemma_.lower() in PERSONS or o.ent_type_ == "PERSON" for o in _objects(t)
    ),
    "visa_object": lambda t: bool(_lemmas(_children(t, {"dobj"})) & {"visa", "entry", "access"}),
    "call_for": lambda t: any(c.dep_ == "prep" and c.lower_ in ("for", "on") for c in t.children),
    "protest": lambda t: not _children(t, {"ccomp"}),
    "deal_object": lambda t: bool(_lemmas(_children(t, {"dobj"})) & DEAL_WORDS),
    "political_subject": lambda t: any(
        s.lemma_.lower() in POLITICAL or s.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        for s in _subjects(t) + _children(t, {"nsubjpass"})
    ),
    "entity_object": lambda t: any(
        o.ent_type_ in ("GPE", "ORG", "PERSON", "NORP") or o.lemma_.lower() in ENTITY_OBJECTS
        for o in _children(t, {"dobj"})
    ),
    "entity_pair": lambda t: (
        _has_entity(_subjects(t), {"GPE", "ORG", "PERSON", "NORP"})
        and _has_entity(_children(t, {"dobj"}), {"GPE", "ORG", "PERSON", "NORP", "UNIT"})
    ),
    "aid_object": lambda t: bool(
        _subtree_lemmas(_children(t, {"dobj", "nsubjpass"}) + _preps(t, {"with"})) & AID_WORDS
    ),
    "not_compound": lambda t: t.dep_ != "compound",
    "held_captive": lambda t: _held_captive(t),
    "military": lambda t: bool(
        _lemmas(_subjects(t) + _children(t, {"dobj", "nsubjpass"})) & (TROOPS | WEAPONS)
        or _has_entity(_subjects(t), {"GPE", "NORP", "UNIT"})
        or _lemmas(t.children) & {"military", "troop", "army", "naval"}
    ),
    "not_own": lambda t: not any(c.lower_ == "own" for c in t.children),  # "of their own accord"
    "prisoner_modifier": lambda t: bool(
        _subtree_lemmas([c for c in t.children if c.dep_ in ("compound", "amod", "prep")])
        & {"prisoner", "pow", "captive", "hostage"}
    ),
}


def _held_captive(token: Token) -> bool:
    # "held prisoner", "held for three months" (of a person): not "held talks".
    people = [o for o in _objects(token) if o.lemma_.lower() in PERSONS or o.ent_type_ == "PERSON"]
    captive = _lemmas(token.children) & {"captive", "hostage", "prisoner", "incommunicado"}
    participle = (
        token.tag_ == "VBN" and token.dep_ in ("advcl", "ROOT") and not _children(token, OBJECTS)
    )
    return bool(people or captive or (participle and _preps(token, {"for"})))


def satisfied(token: Token, need: str | None) -> bool:
    return need is None or NEEDS[need](token)


def _preps(token: Token, words: set[str]) -> list[Token]:
    return [p for c in token.children if c.dep_ == "prep" and c.lower_ in words for p in c.children]


def _of_objects(token: Token) -> list[Token]:
    return _preps(token, {"of"})


def _named_or_military(token: Token) -> bool:
    if token.text[0].isupper() and token.i + 1 < len(token.doc) and token.nbor().pos_ == "PROPN":
        return True  # "Operation Z"
    mods = [c for c in token.children if c.dep_ in ("compound", "amod", "nmod")]
    if any(m.pos_ == "PROPN" or m.ent_type_ in ("GPE", "LOC") for m in mods):
        return True  # "the Kursk operation"
    if any(MILITARY_OPERATION.fullmatch(m.lower_) for m in mods):
        return True
    targets = _preps(token, {"in", "into", "against", "on"})
    return any(t.ent_type_ in ("GPE", "LOC") for t in targets)


def status(token: Token) -> str:
    """occurred, hypothetical, negated or planned, from the clauses above the trigger."""
    if token.pos_ == "NOUN" and any(
        c.lower_ == "no" or c.lemma_.lower() in PLAN_MODIFIERS or c.lower_ in PLAN_MODIFIERS
        for c in token.children
    ):
        return "negated" if any(c.lower_ == "no" for c in token.children) else "planned"
    negated = planned = embedded = False
    current, child = token, None
    while True:
        kids = list(current.children)
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL for c in kids):
            return "hypothetical"
        modal = next((c for c in kids if c.dep_ == "aux" and c.lower_ in MODALS), None)
        if modal is not None:
            if modal.lower_ == "would" and _reported(current):
                planned = True  # "he said they would supply": the future of a past report
            else:
                return "hypothetical"
        if current.dep_ == "prep" and current.lower_ in ADJUNCT_PREPS:
            embedded = True  # "did not adopt sanctions after the invasion": the invasion happened
        is_subject_of = (
            current.i != token.i and token.dep_ in SUBJECTS and current.i == token.head.i
        )
        if any(_negates(c) for c in kids) and not is_subject_of and not embedded:
            negated = True
        if not embedded and _plans(current, child, kids):
            planned = True
        if current.dep_ in CLAUSE_EDGES or current.head.i == current.i:
            break
        current, child = current.head, current
    return "negated" if negated else "planned" if planned else "occurred"


def background(token: Token, published: str | None) -> bool:
    """Named as the time before or since which something holds ("before the war", "since
    the full-scale invasion", "since 2014"): an event of the background, not of the news."""
    if _anchor(token):
        return True
    current = token
    while True:
        for prep in current.children:
            if prep.dep_ == "prep" and any(_anchor(o, published) for o in _prep_objects(prep)):
                return True
        if current.dep_ in CLAUSE_EDGES or current.head.i == current.i:
            return False
        current = current.head


def _prep_objects(prep: Token) -> list[Token]:
    objects = [o for o in prep.children if o.dep_ == "pobj"]
    if prep.lower_ == "prior":  # "prior to the war"
        objects += [o for c in prep.children if c.lower_ == "to" for o in c.children]
    return objects


def _anchor(token: Token, published: str | None = None) -> bool:
    """``token`` is the object of "before"/"since"/"prior to" and names the war's start or
    a year before the publication's."""
    prep = token.head
    if token.dep_ != "pobj":
        return False
    if prep.lower_ == "to" and prep.head.lower_ == "prior":
        prep = prep.head
    if prep.lower_ not in BACKGROUND_PREPS:
        return False
    if token.lemma_.lower() in BACKGROUND_ANCHORS:
        return True
    year = published[:4] if published else ""
    return prep.lower_ == "since" and token.like_num and len(token.text) == 4 and token.text < year


def _plans(current: Token, child: Token | None, kids: list[Token]) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in FUTURE for c in kids) or _going_to(current):
        return True
    # "plan to attack", "prepare an offensive", "the offensive is expected": not "setting off".
    if child is not None and current.lemma_.lower() in PLAN_WORDS:
        return child.dep_ in ("xcomp", "dobj", "nsubjpass", "acl", "amod")
    return any(c.dep_ == "acomp" and c.lemma_.lower() in PLAN_WORDS for c in kids)


def _negates(token: Token) -> bool:
    # "not just X but also Y" does not negate X.
    if token.dep_ != "neg":
        return False
    nxt = token.nbor() if token.i + 1 < len(token.doc) else None
    return nxt is None or nxt.lower_ not in {"just", "only", "merely", "simply", "least"}


def _reported(token: Token) -> bool:
    """A clause reported by a verb of saying, in a sentence with no condition."""
    if any(t.lower_ in CONDITIONAL for t in token.sent):
        return False
    current = token
    while current.head.i != current.i:
        if current.dep_ == "ccomp" and current.head.lemma_.lower() in REPORTING:
            return True
        current = current.head
    return False


def _going_to(token: Token) -> bool:
    head = token.head
    return token.dep_ == "xcomp" and head.lower_ == "going" and head.tag_ == "VBG"


def _reporter(subjects: list[Token], token: Token) -> list[Token]:
    """A pronoun subject of a reported clause is the one reporting: "the brigade said it
    had repelled nine attacks" (the brigade repelled them)."""
    if len(subjects) != 1 or subjects[0].lower_ not in {"it", "they", "we"}:
        return subjects
    current = token
    while current.dep_ in ("conj", "xcomp") and current.head.i != current.i:
        current = current.head
    head = current.head
    if current.dep_ == "ccomp" and head.lemma_.lower() in REPORTING:
        return _children(head, SUBJECTS) or subjects
    return subjects


def roles(token: Token, governor: Token | None) -> tuple[list[Token], list[Token]]:
    """Tokens for the event's actors (who acts) and recipients (who it is done to)."""
    if token.pos_ in ("VERB", "AUX"):
        actors = _reporter(_subjects(token), token) + _agents(token)
        recipients = _children(token, {"dobj", "nsubjpass"}) + _preps(token, TARGET_PREPS)
        if not actors and not recipients:
            recipients = _objects(token)  # a participle's noun: "the battalion, created in …"
        if token.lemma_.lower() in VICTIM_SUBJECT and not _children(token, {"dobj"}):
            # "two soldiers died", "Wounded during the battle, X …": the subject is the victim.
            victims = [a for a in actors if a not in _agents(token)]
            actors = [a for a in actors if a not in victims]
            recipients = victims + recipients
        return actors, recipients
    actors = [c for c in token.children if c.dep_ in ("poss", "amod", "compound", "nmod")]
    actors += _preps(token, {"by"})
    recipients = _preps(token, TARGET_PREPS)
    if token.lemma_.lower() in {"invasion", "occupation", "annexation", "attack", "bombing",
                                "shelling", "blockade"}:  # fmt: skip
        recipients += _of_objects(token)
    if governor is not None and not actors and governor.lemma_.lower() in PARTICIPATE:
        actors = _subjects(governor)
    return actors, recipients
