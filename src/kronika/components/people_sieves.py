"""The sieves of :mod:`kronika.components.people`, in the order they run.

Each takes the document's :class:`~kronika.components.people.People` and
links mentions to people; a mention a sieve has linked is not linked again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

import numpy
from rapidfuzz.distance import Levenshtein
from spacy.strings import hash_string
from spacy.symbols import appos
from spacy.tokens import Span, Token
from wordfreq import zipf_frequency

from kronika.components import people_lexicon as lex
from kronika.components.people_given_names import gender_of_given_name
from kronika.components.people_phrases import Unnamed, gender_of_phrase, is_person_noun, noun_phrase
from kronika.records import Description, Entity

if TYPE_CHECKING:
    from kronika.components.people import People

# Walking up the parse from a call sign to the noun it belongs to: a few steps.
MAX_CLIMB = 8
# "the official" refers back to a person described so at most this far before.
ROLE_WINDOW = 6000
DEFINITE = {"the", "this", "that"}
APPOSED_AGE = re.compile(r"\s*,\s*(\d{1,3})\s*,")


@cache
def _patterns() -> tuple[list[tuple[tuple[str, ...], re.Pattern[str], bool]], list]:
    """The call-sign patterns (with the words each needs, and whether the
    pattern alone makes a person) and the anonymous-source patterns."""
    callsign = [
        (hints, re.compile(p), i == 0) for i, (hints, p) in enumerate(lex.CALLSIGN_BEFORE)
    ] + [(hints, re.compile(p), True) for hints, p in lex.CALLSIGN_AFTER]
    anonymous = [(hints, re.compile(p, re.IGNORECASE), True) for hints, p in lex.ANONYMOUS]
    return callsign, anonymous


def _matches(people: People, patterns) -> Iterator[tuple[re.Match[str], bool]]:
    """Each pattern's matches, searched only in a text holding one of its words."""
    for hints, pattern, strong in patterns:
        if any(hint in people.lower for hint in hints):
            for m in pattern.finditer(people.text):
                yield m, strong


# --- 0. names the NER missed -------------------------------------------------


def unseen_names(people: People) -> None:
    """'Oleh Dovzhenko is 41': a rare given name, then one or two more
    capitalised proper nouns, none tagged by the NER, is a person; so is the
    last of those words standing alone later (the surname). English first
    names are left to the NER, which knows them: a given name here must be
    rare as a word ('Will', 'Mark', 'Victoria' are words too)."""
    proper = numpy.flatnonzero(people.tags == _NNP).tolist()
    untagged = [i for i in proper if i not in people.label_at]
    names: dict[str, Entity] = {}
    for i in untagged:
        end = _name_end(people, i, set(untagged))
        if end is None:
            continue
        span = people.doc[i:end]
        entity = names.get(span.text) or people.new_entity(span.text)
        names[span.text] = entity
        people.add_mention(entity, span.start_char, span.end_char, "name")
    surnames = {e.name.split()[-1]: e for e in names.values()}
    for i in untagged:
        tok = people.doc[i]
        entity = surnames.get(tok.text)
        if entity is not None and people.at.get(tok.idx) is None:
            people.add_mention(entity, tok.idx, tok.idx + len(tok.text), "surname")


def _name_end(people: People, i: int, untagged: set[int]) -> int | None:
    """Where a name opened by the given name at ``i`` ends (None: no name)."""
    doc = people.doc
    first = doc[i]
    if i - 1 in untagged or people.at.get(first.idx) is not None:
        return None  # inside a run of proper nouns: not its first word
    if not first.is_title or gender_of_given_name(first.text) is None:
        return None
    if zipf_frequency(first.lower_, "en") >= MAX_NAME_ZIPF:
        return None
    end = i + 1
    while end in untagged and end - i < 3 and doc[end].is_title:
        end += 1
    return end if end > i + 1 else None


_NNP = hash_string("NNP")
# How common a word a given name may be (wordfreq's Zipf scale) for the
# sieve to trust it: 'Oleh' 2.3, 'Vladimir' 3.9; 'Victoria' 4.4, 'Mark' 5.1.
MAX_NAME_ZIPF = 4.0


# --- 1. names ---------------------------------------------------------------


def names(people: People) -> None:
    """Full names, surnames (merged by kronika_entities) and first names: a
    lone word that begins exactly one earlier full name is that person."""
    persons = [e for e in people.entities if e.type == "PERSON"]
    for entity in persons:
        words = entity.name.split()
        for m in entity.mentions:
            if m.how is None:
                surname = len(words) > 1 and m.text == words[-1]
                m.how = "surname" if surname else "name"
            people.set_gender(entity, _title_gender(people.text, m.start))
            _title_role(people, entity, m.start, " " in m.text)
        people.set_gender(entity, given_name_gender(entity.name, several=True))
    _lone_surnames(people, persons)
    persons = [e for e in people.entities if e.type == "PERSON"]
    first_words: dict[str, list] = {}
    for entity in persons:
        words = entity.name.split()
        if len(words) > 1:
            first_words.setdefault(words[0], []).append(entity)
    merged: set[str] = set()
    for entity in persons:
        if " " in entity.name or entity.id in merged:
            continue
        owners = [
            e
            for e in first_words.get(entity.name, [])
            if e.mentions and entity.mentions and e.mentions[0].start < entity.mentions[0].start
        ]
        if len(owners) == 1 and owners[0].id not in merged:
            merged.add(entity.id)
            people.absorb(owners[0], entity, "first_name")
            for m in owners[0].mentions:
                if m.text == entity.name:
                    m.how = "first_name"


def given_name_gender(name: str, several: bool) -> str | None:
    """The gender the given name of ``name`` tells ('Sen. Iryna Bondar': f).
    A one-word name is taken only when not ``several``: 'Clinton' and 'Warren'
    are given names too, so a lone word is the last thing to go by."""
    words = [w for w in name.split() if w.lower().rstrip(".") not in _title_words()]
    if len(words) < (2 if several else 1) or words[0].endswith("."):
        return None
    return gender_of_given_name(words[0])


@cache
def _title_words() -> frozenset[str]:
    # The identity rules' titles, one list for both ('Sen.', 'Lt', 'Gen.').
    from kronika.people.identity_lexicon import TITLES

    return frozenset(TITLES | lex.PERSON_NOUNS | lex.NAME_ABBREVIATIONS)


def _lone_surnames(people: People, persons: list[Entity]) -> None:
    """'Trump responded' tagged as an organisation while 'Donald Trump' is a
    person of the document, and a lone 'Scott' the entity step left apart
    from 'Bobby Scott' (named five times) and 'Tim Scott' (once): the person
    whose surname it is, when one person of that surname dominates."""
    by_surname: dict[str, list[Entity]] = {}
    for entity in persons:
        # Names of two words or more, opened by a proper noun ('Bobby Scott';
        # not 'Beside Oksana', the NER's span over a preposition).
        if " " in entity.name and _opens_with_a_name(people, entity):
            by_surname.setdefault(entity.name.split()[-1], []).append(entity)
    lone = [e for e in people.entities if e.type in {"ORG", "PERSON"} and " " not in e.name]
    for other in lone:
        owner = _dominant(by_surname.get(other.name, [])) or _misspelt(other.name, by_surname)
        if owner is None or any(m.text != other.name for m in other.mentions):
            continue
        if other.type == "ORG":
            people.forget_organisation(other)
        people.absorb(owner, other, "surname")


def _opens_with_a_name(people: People, entity: Entity) -> bool:
    return any(
        m.how in (None, "name") and people.span(m.start, m.end)[0].pos_ == "PROPN"
        for m in entity.mentions
    )


def _misspelt(name: str, by_surname: dict[str, list[Entity]]) -> Entity | None:
    """'McLenney' for 'Tyresha McClenney': the one person whose surname is a
    letter or two off a long lone name (not a feminine form: 'Ivanova' is
    not 'Ivanov')."""
    if len(name) < MIN_MISSPELT:
        return None
    near = [
        owners
        for surname, owners in by_surname.items()
        if Levenshtein.distance(name, surname, score_cutoff=2) <= (1 if len(name) < 8 else 2)
        and surname[0] == name[0]
        and not _gendered_pair(name, surname)
    ]
    return near[0][0] if len(near) == 1 and len(near[0]) == 1 else None


def _gendered_pair(a: str, b: str) -> bool:
    return any(a == b + end or b == a + end for end in lex.FEMININE_SURNAME_ENDINGS)


def _dominant(owners: list[Entity]) -> Entity | None:
    """The one owner, or the one named at least twice as often as any other."""
    if len(owners) < 2:
        return owners[0] if owners else None
    named = sorted(((sum(m.how != "pronoun" for m in e.mentions), e) for e in owners), key=_count)
    return named[-1][1] if named[-1][0] >= SALIENT * named[-2][0] else None


def _count(pair: tuple[int, Entity]) -> int:
    return pair[0]


# How much more often a person must be named than another of the same
# surname for a lone surname to be theirs.
SALIENT = 2
# Lone names shorter than this are never taken for a misspelt surname.
MIN_MISSPELT = 5


def _title_role(people: People, entity: Entity, start: int, several: bool) -> None:
    """'President X', 'Defence Minister X', 'commander X': the person noun
    before a name (or opening a name of several words) is a role, so that
    'the president' later refers to X. A one-word name is no title ('Pilot')."""
    i = people._token_range(start, start + 1).start
    for j in (i - 1, i) if several else (i - 1,):
        if 0 <= j < len(people.token_starts) and people.lowers[j] in _person_noun_words():
            tok = people.doc[j]
            if tok.pos_ in {"NOUN", "PROPN"} and (j == i or tok.dep_ == "compound"):
                word = _description(people, "role", tok.idx, tok.idx + len(tok.text))
                if not any(d.kind == "role" and d.text == word.text for d in entity.descriptions):
                    entity.descriptions.append(word)
                    people.add_role(tok.lower_, tok.idx, entity)
                return


def _person_noun_words() -> numpy.ndarray:
    return _hashes(tuple(sorted(lex.PERSON_NOUNS)))


def _title_gender(text: str, start: int) -> str | None:
    """'Mr. X', 'Mrs X': the gender a title before a name gives."""
    before = text[max(0, start - 8) : start].split()[-1:]
    title = before[0].lower().rstrip(".") if before else ""
    if title in lex.MASCULINE_TITLES:
        return "m"
    return "f" if title in lex.FEMININE_TITLES else None


# --- 2. call signs ----------------------------------------------------------


def callsigns(people: People) -> None:
    """'their instructor, who goes by the call sign X', 'a medic with the
    callsign X', 'Oleh Bor, known as X', 'X (call sign)'."""
    for m, strong in _matches(people, _patterns()[0]):
        name = people.span(*m.span("name"))
        if not len(name) or name[0].lower_ in {"the", "a", "an"}:
            continue
        holder = _holder(people, name, m.start()) if m.start() < m.start("name") else None
        if holder is not None and holder.pos_ == "PRON":
            continue  # 'he goes by X': the pronoun sieve links him
        if not strong and (holder is None or not _personal(people, holder)):
            continue  # 'the town known as X' is no person
        _link_callsign(people, name, holder, m)


def _holder(people: People, name: Span, cue: int) -> Token | None:
    """The noun a call sign belongs to: up the parse from the name to the
    first noun before the cue words ('a Chechen with the call sign X')."""
    tok = name.root
    for _ in range(MAX_CLIMB):
        if tok.head.i == tok.i:
            return _noun_before(people.span(cue, cue + 1))
        tok = tok.head
        if tok.idx >= cue or tok.lower_ in lex.CALLSIGN_WORDS:
            continue
        if tok.pos_ in {"NOUN", "PROPN", "PRON"}:
            return tok
        if tok.pos_ in {"VERB", "AUX"} and tok.dep_ not in {"relcl", "acl"}:
            subject = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            return subject if subject is not None and subject.idx < cue else None
    return None


def _noun_before(cue: Span) -> Token | None:
    """The parse lost the call sign ('A sniper nicknamed X waits' read X as
    part of the verb): the noun right before the cue words, over the words that
    join them ('who goes by the', 'with the')."""
    doc = cue.doc
    for tok in reversed(doc[max(0, cue.start - 5) : cue.start]):
        if tok.pos_ in {"NOUN", "PROPN"}:
            return tok
        if tok.pos_ not in {"DET", "ADP", "PRON", "VERB", "AUX", "PUNCT"} or tok.text in ".;":
            return None
    return None


def _personal(people: People, tok: Token) -> bool:
    entity = people.entity_at(tok.idx, tok.idx + 1)
    return (
        (entity is not None and entity.type == "PERSON")
        or is_person_noun(tok)
        or people.label_at.get(tok.i) in {"PERSON", "NORP"}
    )


def _link_callsign(people: People, name: Span, holder: Token | None, m: re.Match) -> None:
    phrases = _holder_phrases(holder, m.start()) if holder is not None else []
    named = None
    for phrase in phrases:
        found = people.entity_at(phrase.root.idx, phrase.root.idx + 1)
        if found is None or found.type != "PERSON" or found.anonymous:
            continue
        if phrase[0].pos_ == "DET" or phrase[0].like_num:
            # 'a 29-year-old Ossetian' the NER took for a name: a description.
            _drop_mentions(people, found, phrase)
        else:
            named = found
    own = people.entity_at(name.start_char, name.end_char)
    own = own if own is not None and own.type == "PERSON" else None
    if named is not None:
        target = named
        if own is not None and own is not named:
            people.absorb(named, own, "callsign")
    else:
        target = own or people.new_entity(name.text)
        target.name = name.text
        for phrase in phrases:
            people.add_phrase(target, phrase, "callsign")
    for start, end in _take_from_non_person(people, name):
        people.add_mention(target, start, end, "callsign")
    people.add_mention(target, name.start_char, name.end_char, "callsign")
    if name.text not in target.callsigns:
        # The other mentions of the call sign, once per person: a call sign
        # introduced again and again must not walk them again.
        target.callsigns.append(name.text)
        for mention in target.mentions:
            if mention.text == name.text:
                mention.how = "callsign"
                people.add_mention(target, mention.start, mention.end, "callsign")
    said = m.group().lower().split()
    if "himself" in said or "his" in said:
        people.set_gender(target, "m")
    elif "herself" in said or "her" in said:
        people.set_gender(target, "f")


def _drop_mentions(people: People, entity: Entity, phrase: Span) -> None:
    start, end = phrase.start_char, phrase.end_char
    entity.mentions = [m for m in entity.mentions if not (start <= m.start and m.end <= end)]
    for i in people._token_range(start, end):
        people.at.pop(people.token_starts[i], None)
    if not entity.mentions:
        people.entities.remove(entity)


def _holder_phrases(holder: Token, cue: int) -> list[Span]:
    """The holder's phrase and the phrase in apposition with it ('their
    commander, a Pole who …')."""
    phrases = [noun_phrase(holder, stop=cue)]
    if holder.dep_ == "appos" and holder.head.pos_ in {"NOUN", "PROPN"}:
        phrases.insert(0, noun_phrase(holder.head, stop=holder.idx))
    for child in holder.children:
        if child.dep_ == "appos" and child.idx < cue and child.pos_ in {"NOUN", "PROPN"}:
            phrases.append(noun_phrase(child, stop=cue))
    return phrases


def _take_from_non_person(people: People, name: Span) -> list[tuple[int, int]]:
    """A call sign the NER took for a place or organisation ('Terek'): this
    mention, and those of the same words that are subjects ('Terek said'),
    leave that entity for the person; the others stay with it."""
    entity = next((people.other_at[t.idx] for t in name if t.idx in people.other_at), None)
    if entity is None:
        return []
    taken = [
        m
        for m in entity.mentions
        if (m.start < name.end_char and name.start_char < m.end)
        or (m.text == name.text and people._subject(m.start, m.end))
    ]
    entity.mentions = [m for m in entity.mentions if m not in taken]
    for m in taken:
        for i in people._token_range(m.start, m.end):
            people.other_at.pop(people.token_starts[i], None)
    if not entity.mentions:
        people.entities.remove(entity)
    return [(m.start, m.end) for m in taken]


# --- 3. anonymous sources ---------------------------------------------------


def anonymous(people: People) -> None:
    """'a military officer, who asked not to be named', 'a senior official
    speaking on condition of anonymity': an entity named by its description."""
    for m, _ in _matches(people, _patterns()[1]):
        first = m.start()
        span = people.span(first, m.end())
        if not len(span):
            continue
        holder = _holder(people, span[:1], first)
        if holder is None or holder.pos_ == "PRON" or people.entity_at(holder.idx, holder.idx + 1):
            continue
        phrase = noun_phrase(holder, stop=first)
        entity = people.new_entity(phrase.text, anonymous=True)
        people.add_phrase(entity, phrase, "description")
        entity.descriptions.append(_description(people, "anonymity", first, m.end()))


def _description(people: People, kind: str, start: int, end: int) -> Description:
    return Description(kind, people.text[start:end], start, end)


# --- 4. appositions ---------------------------------------------------------


def appositions(people: People) -> None:
    """'X, their commander', 'their commander, X', 'X, 52,': what the text
    sets beside a name describes its person. Read from the appositions of the
    parse, a few per document, not from every mention."""
    doc = people.doc
    for a in numpy.flatnonzero(people.deps == int(appos)).tolist():
        tok = doc[a]
        head = tok.head
        if head.i >= a:
            continue
        if tok.pos_ == "NOUN" and tok.lower_ not in lex.CALLSIGN_WORDS:
            entity = people.named_at(head.idx)  # 'X, a machine gunner'
            if entity is not None:
                _apposition(people, entity, noun_phrase(tok))
        elif head.pos_ == "NOUN" and head.lower_ not in lex.CALLSIGN_WORDS:
            entity = people.named_at(tok.idx)  # 'their commander, X'
            if entity is not None and (entity.type == "PERSON" or is_person_noun(head)):
                _apposition(people, entity, noun_phrase(head, stop=tok.idx))
    for entity in people.entities:
        if entity.type == "PERSON":
            for m in entity.mentions:
                age = APPOSED_AGE.match(people.text, m.end)
                if age is not None:
                    entity.descriptions.append(_description(people, "age", *age.span(1)))


def _apposition(people: People, entity: Entity, phrase: Span) -> None:
    if people.entity_at(phrase.root.idx, phrase.root.idx + 1) is not None:
        return
    if entity.type == "ORG":
        if not is_person_noun(phrase.root):
            return
        entity.type = "PERSON"  # 'Hrim, a machine gunner': a person after all
        for named in entity.mentions:
            named.how = named.how or "name"
            people.add_mention(entity, named.start, named.end, named.how)
    people.add_phrase(entity, phrase, "apposition")


# --- 5. descriptions --------------------------------------------------------


def descriptions(people: People) -> None:
    """'the official', 'the 41-year-old electrician', 'the brigade's medic':
    a definite phrase headed by a person noun refers to the last person
    described with that noun; any other is an unnamed person of its own
    ('a border guard spokesman'), made an entity when referred to."""
    for tok in _person_nouns(people):
        if people.entity_at(tok.idx, tok.idx + 1) is not None:
            continue
        phrase = noun_phrase(tok)
        lemma = tok.lemma_.lower()
        earlier = (
            _described_before(people, lemma, phrase.start_char, modifiers(phrase))
            if _definite(phrase)
            else None
        )
        if earlier is not None:
            _join(people, earlier, phrase)
            continue
        unnamed = Unnamed([phrase], gender_of_phrase(phrase), definite=_definite(phrase))
        people.unnamed.append(unnamed)
        for t in phrase:
            people.unnamed_at.setdefault(t.idx, unnamed)
        people.add_role(lemma, phrase.start_char, unnamed, modifiers(phrase))


def _join(people: People, earlier, phrase: Span) -> None:
    if isinstance(earlier, Unnamed) and earlier.entity is None:
        earlier.phrases.append(phrase)
        for t in phrase:
            people.unnamed_at.setdefault(t.idx, earlier)
        return
    entity = earlier.entity if isinstance(earlier, Unnamed) else earlier
    people.add_phrase(entity, phrase, "description")


def _described_before(people: People, lemma: str, start: int, words: frozenset):
    """The last person described with ``lemma`` not far before ``start`` whom
    the phrase's own words fit: 'the president' fits 'the French president',
    'the Russian president' does not."""
    found = None
    for pos, _, who, said in people.roles.get(lemma, []):
        if pos >= start:
            break
        fits = words <= said if said is not None else not words
        if start - pos <= ROLE_WINDOW and fits:
            found = who
    return found


def modifiers(phrase: Span) -> frozenset:
    """The words of a describing phrase that set its person apart from others
    so described: adjectives, names and owners before its head ('French',
    'Ukraine', 'Vermont'), lower-cased, without determiners and numbers."""
    return frozenset(
        t.lower_
        for t in phrase
        if t.i < phrase.root.i and t.pos_ in {"ADJ", "PROPN", "NOUN"} and t.dep_ != "det"
    )


def _definite(phrase: Span) -> bool:
    first = phrase[0]
    return first.lower_ in DEFINITE or first.dep_ == "poss" or any(t.dep_ == "case" for t in phrase)


def _person_nouns(people: People) -> Iterator[Token]:
    """Singular nouns of the person lexicon, found from arrays (the tagger
    calls a lower-case 'minister' a proper noun now and then)."""
    singular = (people.tags == _hashes(("NN",))[0]) | (
        (people.tags == _hashes(("NNP",))[0]) & people.lowercase
    )
    hits = numpy.isin(people.lemmas, _person_noun_words()) & singular
    for i in numpy.flatnonzero(hits).tolist():
        yield people.doc[i]


def pronouns(people: People) -> Iterator[tuple[int, str]]:
    """Where each he/she/him/her stands, and the word, lower-cased."""
    words = {hash_string(w): w for w in lex.PRONOUNS}
    hits = numpy.isin(people.lowers, _hashes(tuple(lex.PRONOUNS)))
    for i in numpy.flatnonzero(hits).tolist():
        yield people.token_starts[i], words[int(people.lowers[i])]


def gendered_words(people: People) -> list[tuple[int, str]]:
    """Where each he/his/she/her/himself… stands, and the gender it says."""
    words = {hash_string(w): g for w, g in lex.GENDERED_WORDS.items()}
    hits = numpy.isin(people.lowers, _hashes(tuple(lex.GENDERED_WORDS)))
    return [
        (people.token_starts[i], words[int(people.lowers[i])])
        for i in numpy.flatnonzero(hits).tolist()
    ]


@cache
def _hashes(words: tuple[str, ...]) -> numpy.ndarray:
    # The same in every vocab: a string's hash does not depend on the store.
    return numpy.array(sorted(hash_string(w) for w in words), dtype=numpy.uint64)


ORDER = (unseen_names, names, callsigns, anonymous, appositions, descriptions)
