"""Noun phrases that describe a person, and what they say of that person.

"the 52-year-old surgeon from the Poltava region" gives an age, a role and an
origin; "their Polish instructor" an ethnicity and a role; "the brigade's
medic" a unit and a role. Read from the parse: the head noun, the modifiers
before it and the prepositional phrases after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span, Token

from kronika.components import people_lexicon as lex
from kronika.components import text_of
from kronika.records import Description, Entity


@dataclass
class Unnamed:
    """A person the text describes but does not name ("a border guard
    spokesman"): made an anonymous entity when something refers to it."""

    phrases: list[Span]
    gender: str | None
    entity: Entity | None = None
    # 'the president' with nobody described so before: likely a named person
    # the text calls by a title, so no candidate for a pronoun.
    definite: bool = False


LEFT_DEPS = {"det", "poss", "amod", "compound", "nummod", "npadvmod", "advmod", "case", "punct"}
SUBJECTS = {"nsubj", "nsubjpass"}


@cache
def _age() -> re.Pattern[str]:
    return re.compile("|".join(lex.AGE), re.IGNORECASE)


def is_person_noun(tok: Token) -> bool:
    noun = tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.text.islower())
    return noun and tok.lemma_.lower() in lex.PERSON_NOUNS


def noun_phrase(head: Token, stop: int | None = None) -> Span:
    """The phrase ``head`` heads: its modifiers before it and, after it, the
    prepositional phrases of origin and unit ("from the Poltava region"), up to
    the character ``stop`` (where a call-sign phrase begins)."""
    doc = head.doc
    start = head.i
    for left in reversed([c for c in head.lefts if c.dep_ in LEFT_DEPS]):
        if left.i < start and all(t.text != "," for t in doc[left.left_edge.i : head.i]):
            start = left.left_edge.i
    end = head.i + 1
    for right in head.rights:
        if right.dep_ != "prep" or right.lower_ not in lex.ORIGIN_PREPOSITIONS:
            break
        last = right.right_edge
        if stop is not None and last.idx >= stop:
            break
        end = last.i + 1
    while start < head.i and doc[start].is_punct:
        start += 1
    return doc[start:end]


def describe(phrase: Span, kinds_of: dict[int, str]) -> list[Description]:
    """What a phrase says of its person: age, ethnicity, unit, origin, role.
    ``kinds_of`` maps a token index to its entity label (NORP, UNIT, GPE…)."""
    doc, head = phrase.doc, phrase.root
    found: list[Description] = []
    text = phrase.text
    for m in _age().finditer(text):
        found.append(
            _description(doc, "age", phrase.start_char + m.start(), phrase.start_char + m.end())
        )
    for tok in phrase:
        label = kinds_of.get(tok.i)
        if label == "NORP":
            found.append(_description(doc, "ethnicity", tok.idx, tok.idx + len(tok.text)))
        elif label == "UNIT" and (tok.i == phrase.start or kinds_of.get(tok.i - 1) != "UNIT"):
            end = tok.i
            while end + 1 < phrase.end and kinds_of.get(end + 1) == "UNIT":
                end += 1
            found.append(_description(doc, "unit", tok.idx, doc[end].idx + len(doc[end].text)))
    for prep in head.rights:
        if prep.dep_ == "prep" and prep.lower_ == "from" and prep.right_edge.i < phrase.end:
            found.append(_description(doc, "origin", prep.idx, _end(prep.right_edge)))
    if head.pos_ == "NOUN" or is_person_noun(head):
        first = head.i
        while (
            first > phrase.start
            and doc[first - 1].dep_ == "compound"
            and doc[first - 1].pos_ == "NOUN"
        ):
            first -= 1
        found.append(_description(doc, "role", doc[first].idx, _end(head)))
    return found


def gender_of_phrase(phrase: Span) -> str | None:
    lemma = phrase.root.lemma_.lower()
    if lemma in lex.MASCULINE_NOUNS:
        return "m"
    if lemma in lex.FEMININE_NOUNS:
        return "f"
    return None


def is_subject(tok: Token) -> bool:
    """The token heads a subject, or names one in apposition ('Another
    delegate, X, said') or as part of a compound name."""
    while tok.dep_ == "compound" and tok.head.i > tok.i:
        tok = tok.head
    if tok.dep_ == "appos":
        tok = tok.head
    return tok.dep_ in SUBJECTS


def _end(tok: Token) -> int:
    return tok.idx + len(tok.text)


def _description(doc: Doc, kind: str, start: int, end: int) -> Description:
    return Description(kind, text_of(doc)[start:end], start, end)
