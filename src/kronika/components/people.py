"""``kronika_people``: every person and armed unit of a document as a chain of
its mentions, built by ordered sieves (precise first; the first that links a
mention decides, and its name is kept in ``Mention.how``):

1. ``name``: full names, surnames and first names of an earlier full name;
2. ``callsign``: call signs and nicknames ("who goes by the call sign X",
   "with the callsign X", "known as X", "X (call sign)"), with the phrase that
   introduces their holder ("a 34-year-old Chechen with the call sign X");
3. ``description`` for anonymous sources ("a military officer, who asked not
   to be named"): an entity with ``anonymous=True`` named by its description;
4. ``apposition``: "X, their commander", "their commander, X";
5. ``description``: "the official", "the brigade's medic", linked to the
   person an earlier phrase described so;
6. ``pronoun``: he/she/him/her, to the nearest compatible person outside
   quotations (:mod:`people_pronouns`).

The entities are ``doc._.entities`` themselves, extended: their ids do not
change, so quotes, claims and events keep pointing at the same people. What
the text says of a person (age, origin, ethnicity, role, unit) is kept on
``Entity.descriptions``; call signs on ``Entity.callsigns``. Other components
ask :func:`resolve_mention` who a span of the text refers to.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable
from dataclasses import dataclass

import numpy
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LOWER, ORTH, SENT_START, TAG
from spacy.language import Language
from spacy.strings import hash_string
from spacy.symbols import appos, conj, nsubj, nsubjpass
from spacy.tokens import Doc, Span
from wordfreq import zipf_frequency

from kronika.components import people_lexicon as lex
from kronika.components import people_sieves as sieves
from kronika.components import register_extensions, text_of
from kronika.components.people_given_names import gender_of_given_name
from kronika.components.people_phrases import (
    Unnamed,
    describe,
    gender_of_phrase,
    is_person_noun,
    is_subject,
    noun_phrase,
)
from kronika.components.people_pronouns import Candidate, antecedent, paragraph_floors
from kronika.components.quotes_marks import marked_of
from kronika.gazetteer.index import default as gazetteer  # the places component's, shared
from kronika.records import Description, Entity, Mention, Speaker

PEOPLE = {"PERSON", "UNIT"}
KEY = "kronika_people"
# Dependency labels as the parse's arrays hold them (a label's hash is the
# same in every vocab; symbols for the labels spaCy has them for).
COMPOUND, APPOS = hash_string("compound"), int(appos)
SUBJECT_DEPS = (int(nsubj), int(nsubjpass))
PROPER_TAGS = (hash_string("NNP"), hash_string("NNPS"))
ROOT, CONJ = hash_string("ROOT"), int(conj)
# A speaker's ``how`` from the sieve that linked its mention.
SPEAKER_HOW = {"surname": "name", "first_name": "name"}
# How sure each way of finding a speaker is (a flagged one, less).
CONFIDENCE = {
    "name": 0.95, "callsign": 0.9, "apposition": 0.9, "description": 0.8, "anonymous": 0.8,
    "pronoun": 0.75, "continuation": 0.7, "only_candidate": 0.5,
}  # fmt: skip
FLAGGED = 0.4
GIVEN_NAME_VOTES = 2
# How many people a place must hold for a lone name of it to be the place.
CITY = 50_000
# Words a describing phrase goes on with after its head ('the ambassador to Kyiv').
PHRASE_POS = {"ADP", "PROPN", "NOUN", "DET", "ADJ"}
NAME_AFTER_WORDS = 8
TITLE_WORDS = 3


@dataclass
class Resolution:
    """Who a span refers to, by which sieve, and any disagreement kept."""

    entity: Entity
    how: str
    flag: str | None = None


@Language.factory("kronika_people")
def make_people(nlp: Language, name: str):
    return PeopleFinder()


class PeopleFinder:
    def __init__(self):
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        people = People(doc)
        for sieve in sieves.ORDER:
            sieve(people)
        people.link_pronouns()
        people.finish()
        doc.user_data[KEY] = people
        return doc


def as_speaker(found: Resolution, start: int, end: int) -> Speaker:
    """The speaker record of a resolved mention at [start, end)."""
    how = SPEAKER_HOW.get(found.how, found.how)
    if found.entity.anonymous and how in {"description", "apposition"}:
        how = "anonymous"
    confidence = FLAGGED if found.flag else CONFIDENCE.get(how)
    return Speaker(found.entity.name, found.entity.id, start, end, how, confidence, found.flag)


def people_of(doc: Doc) -> People | None:
    """The chains ``kronika_people`` built for ``doc`` (None without it)."""
    return doc.user_data.get(KEY)


def resolve_mention(doc: Doc, start: int, end: int) -> tuple[str, str] | None:
    """The entity id the text span [start, end) refers to, and the sieve that
    linked it (name, surname, first_name, callsign, apposition, description,
    pronoun); None when the span names no person or unit of the document.

    For events' actors, claims' claimants and anything else that holds a span:
    "he", "the commander", "a 34-year-old Chechen with the call sign X" and
    "Sova" all give the one entity."""
    people = people_of(doc)
    found = people.resolve(start, end) if people is not None else None
    return (found.entity.id, found.how) if found is not None else None


class People:
    """The chains of one document, and the lookups that resolve a span."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = text_of(doc)
        self.lower = self.text.lower()
        # 'the electrician said' taken by the NER for a name: a description, not a person.
        # So is 'one Muscovite', 'a Ukrainian': somebody, not a name.
        self.entities: list[Entity] = [
            e for e in doc._.entities or [] if not (_common_noun(e) or _indefinite(e, self.text))
        ]
        for entity in self.entities:
            if _a_city(entity):  # 'The ferryman of Kherson' tagged as a person
                entity.type = "GPE"
            elif _an_organisation(entity):  # 'United Nations', 'Twitter' tagged as people
                entity.type = "ORG"
            elif _a_named_person(entity):  # 'Franz-Stefan Gady' tagged ORG
                entity.type = "PERSON"
        # The words' attributes, read once as arrays: a Token built for every
        # word would cost more than the sieves.
        arrays = doc.to_array([IDX, ENT_TYPE, LEMMA, TAG, LOWER, DEP, HEAD, ORTH]).T.reshape(8, -1)
        self.lemmas, self.tags, self.lowers = arrays[2], arrays[3], arrays[4]
        self.lowercase = arrays[4] == arrays[7]
        self.deps = arrays[5]
        # Token starts, for spans from offsets (Doc.char_span costs more).
        self.token_starts: list[int] = arrays[0].tolist()
        self._dep: list[int] = self.deps.tolist()
        self._head: list[int] = (arrays[6].astype(numpy.int64) + numpy.arange(len(doc))).tolist()
        # Token index → its entity label (NORP, UNIT, GPE…).
        labels, strings = arrays[1], doc.vocab.strings
        self.label_at: dict[int, str] = {
            i: strings[int(labels[i])] for i in numpy.flatnonzero(labels).tolist()
        }
        self.gender: dict[str, str] = {}
        # Token start → the person or unit whose mention holds that token.
        self.at: dict[int, tuple[Entity, str]] = {}
        self.unnamed_at: dict[int, Unnamed] = {}
        self.unnamed: list[Unnamed] = []
        # Role lemma → (position, entity or unnamed) of the phrases describing so.
        # Role lemma → (position, id, entity or unnamed, the words that set it
        # apart: 'French' of 'the French president'; None for a title).
        self.roles: dict[str, list[tuple[int, int, Entity | Unnamed, frozenset | None]]] = {}
        self.quoted = sorted(
            (m.start if m.start is not None else m.para_start, m.end or m.para_end)
            for m in marked_of(doc)
        )
        self.phrases: set[tuple[int, int]] = set()  # describing phrases: never aliases
        self.candidates: list[Candidate] = []
        self.starts: list[int] = []
        self._next = 1 + max((_number(e.id) for e in self.entities), default=0)
        self._held = {(e.id, m.start, m.end) for e in self.entities for m in e.mentions}
        # The same for places, organisations and groups: a call sign they took is taken back.
        self.other_at: dict[int, Entity] = {}
        # An organisation's head word → where it was named ('Russia's defence
        # ministry'), so that 'the ministry said' finds it.
        self.org_heads: dict[str, list[tuple[int, Entity]]] = {}
        for entity in self.entities:
            for m in entity.mentions:
                if entity.type == "UNIT" and m.text.split():  # 'the regiment said'; 'it said'
                    self.org_heads.setdefault(m.text.split()[-1].lower(), []).append(
                        (m.start, entity)
                    )
                if entity.type in PEOPLE:
                    self._cover(entity, m.start, m.end, m.how or "name")
                else:
                    for i in self._token_range(m.start, m.end):
                        self.other_at[self.token_starts[i]] = entity
                    if entity.type == "ORG" and m.text.split():
                        head = m.text.split()[-1].lower()
                        self.org_heads.setdefault(head, []).append((m.start, entity))
        for named in self.org_heads.values():
            named.sort(key=lambda n: n[0])
        # Every organisation mention in text order, for 'it said'.
        self.orgs = sorted((n for named in self.org_heads.values() for n in named), key=_first)

    # --- building -----------------------------------------------------------

    def _token_range(self, start: int, end: int) -> range:
        """The indices of the tokens that overlap [start, end)."""
        first = max(0, bisect_right(self.token_starts, start) - 1)
        return range(first, max(first + 1, bisect_left(self.token_starts, end)))

    def span(self, start: int, end: int) -> Span:
        r = self._token_range(start, end)
        return self.doc[r.start : r.stop]

    def _cover(self, entity: Entity, start: int, end: int, how: str) -> None:
        starts = self.token_starts
        for i in self._token_range(start, end):
            if i < len(starts):
                self.at[starts[i]] = (entity, how)

    def named_at(self, char: int) -> Entity | None:
        """The named person (or organisation, which may be one) whose mention
        holds the token at ``char``."""
        hit = self.at.get(char)
        if hit is not None:
            return hit[0] if hit[0].type == "PERSON" and not hit[0].anonymous else None
        other = self.other_at.get(char)
        return other if other is not None and other.type == "ORG" else None

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The person or unit one of whose mentions holds a token of [start, end)."""
        starts = self.token_starts
        for i in self._token_range(start, end):
            hit = self.at.get(starts[i]) if i < len(starts) else None
            if hit is not None:
                return hit[0]
        return None

    def new_entity(self, name: str, anonymous: bool = False) -> Entity:
        entity = Entity(id=f"E{self._next}", name=name, type="PERSON", anonymous=anonymous)
        self._next += 1
        self.entities.append(entity)
        return entity

    def add_mention(self, entity: Entity, start: int, end: int, how: str) -> None:
        # A set, not a scan of the mentions: a main character may have thousands.
        if (entity.id, start, end) not in self._held:
            self._held.add((entity.id, start, end))
            entity.mentions.append(Mention(start, end, self.text[start:end], how))
        if how != "pronoun":
            self._cover(entity, start, end, how)

    def add_phrase(self, entity: Entity, phrase: Span, how: str) -> None:
        """A describing phrase as a mention of ``entity``, with what it says."""
        self.add_mention(entity, phrase.start_char, phrase.end_char, how)
        self.phrases.add((phrase.start_char, phrase.end_char))
        self.describe(entity, phrase)

    def describe(self, entity: Entity, phrase: Span) -> None:
        for d in describe(phrase, self.label_at):
            # Each description once; a role said again ('the electrician') adds nothing.
            if not any(_same(x, d) for x in entity.descriptions):
                entity.descriptions.append(d)
                if d.kind == "role":
                    lemma = phrase.root.lemma_.lower()
                    self.add_role(lemma, phrase.start_char, entity, sieves.modifiers(phrase))
        self.set_gender(entity, gender_of_phrase(phrase))

    def add_role(
        self, lemma: str, start: int, who: Entity | Unnamed, words: frozenset | None = None
    ) -> None:
        entry = (start, id(who), who, words)
        insort(self.roles.setdefault(lemma, []), entry, key=lambda r: r[0])

    def set_gender(self, entity: Entity, gender: str | None) -> None:
        if gender is not None:
            self.gender.setdefault(entity.id, gender)

    def absorb(self, target: Entity, other: Entity, how: str) -> None:
        """Merge ``other`` into ``target``: one person after all."""
        for m in other.mentions:
            self.add_mention(target, m.start, m.end, how if m.how in (None, "name") else m.how)
        target.descriptions += [d for d in other.descriptions if d not in target.descriptions]
        target.callsigns += [c for c in other.callsigns if c not in target.callsigns]
        self.entities.remove(other)
        if other.id in self.gender:
            self.gender.setdefault(target.id, self.gender[other.id])

    def forget_organisation(self, entity: Entity) -> None:
        """``entity`` is no organisation after all: out of the lookups."""
        for m in entity.mentions:
            self.other_at.pop(m.start, None)
        for head, named in self.org_heads.items():
            self.org_heads[head] = [n for n in named if n[1] is not entity]
        self.orgs = [n for n in self.orgs if n[1] is not entity]

    def materialise(self, unnamed: Unnamed) -> Entity:
        """The anonymous entity of an unnamed person, made on first reference."""
        if unnamed.entity is None:
            first = unnamed.phrases[0]
            entity = self.new_entity(first.text, anonymous=True)
            unnamed.entity = entity
            for phrase in unnamed.phrases:
                self.add_phrase(entity, phrase, "description")
            self.set_gender(entity, unnamed.gender)
        return unnamed.entity

    # --- pronouns -------------------------------------------------------------

    def build_candidates(self) -> None:
        found = []
        for entity in self.entities:
            if entity.type != "PERSON":
                continue
            named = [m for m in entity.mentions if m.how != "pronoun"]
            first = min((m.start for m in named), default=-1)
            for m in named:
                subject = self._subject(m.start, m.end)
                if not subject and (m.start, m.end) in self.phrases:
                    continue  # 'to support the Republican nominee': a title, not the topic
                found.append(Candidate(m.start, entity.id, subject, m.start == first))
        for u in self.unnamed:
            # An unnamed person is a candidate as a subject only: 'a soldier's
            # mother' as an object is seldom who 'he' is.
            phrase = u.phrases[0]
            if u.entity is None and not u.definite and is_subject(phrase.root):
                found.append(Candidate(phrase.start_char, id(u), True, True))
        found.sort(key=lambda c: c.start)
        self.candidates, self.starts = found, [c.start for c in found]
        self._keys = {e.id: e for e in self.entities} | {id(u): u for u in self.unnamed}

    def _subject(self, start: int, end: int) -> bool:
        """The mention heads a subject (its last word heads a name), names one
        in apposition ('Another delegate, X, said') or is part of its name."""
        i = self._token_range(start, end)[-1]
        dep, head = self._dep, self._head
        # Up a name ('Sen.' of 'Sen. X'), not into what it modifies ('the X campaign').
        while dep[i] == COMPOUND and head[i] > i and self.tags[head[i]] in PROPER_TAGS:
            i = head[i]
        if dep[i] == APPOS:
            i = head[i]
        return dep[i] in SUBJECT_DEPS and self._main_clause(head[i])

    def _main_clause(self, verb: int) -> bool:
        """The verb is its sentence's own ('X said Clinton would …': X's, not
        Clinton's), or joined to it ('X arrived and said')."""
        dep, head = self._dep, self._head
        if dep[verb] == CONJ:
            verb = head[verb]
        return dep[verb] == ROOT

    def antecedent(
        self,
        char: int,
        pronoun: str,
        in_quote: Callable[[int], bool] | None = None,
        topic: str | None = None,
    ) -> Resolution | None:
        found = antecedent(
            self.candidates,
            self.starts,
            char,
            lex.PRONOUNS.get(pronoun),
            self.text,
            in_quote or self.in_quote,
            self._gender_of,
            topic=topic,
        )
        if found is None:
            return None
        key, flag = found
        who = self._keys[key]
        entity = self.materialise(who) if isinstance(who, Unnamed) else who
        return Resolution(entity, "only_candidate" if flag else "pronoun", flag)

    def _gender_of(self, key) -> str | None:
        who = self._keys[key]
        if isinstance(who, Unnamed):
            return who.gender if who.entity is None else self.gender.get(who.entity.id)
        return self.gender.get(who.id)

    def in_quote(self, char: int) -> bool:
        i = bisect_right(self.quoted, (char, float("inf"))) - 1
        return i >= 0 and self.quoted[i][0] <= char < self.quoted[i][1]

    def infer_gender(self) -> None:
        """The gender the text uses of a person: in a sentence that names one
        person only (outside quotations), a he/his/she/her after the name is
        most often theirs ('X said she would …'). A gender from a title or a
        noun comes first; a person the sentences disagree on gets none."""
        named = sorted(
            (m.start, e.id)
            for e in self.entities
            if e.type == "PERSON" and not e.anonymous
            for m in e.mentions
            if m.how != "pronoun" and (m.start, m.end) not in self.phrases
        )
        if not named:
            return
        gendered = sieves.gendered_words(self)
        votes: dict[str, list[int]] = {}
        n = p = 0
        # Sentence bounds from the parse's array: Doc.sents builds a Span each.
        firsts = numpy.flatnonzero(self.doc.to_array(SENT_START) == 1).tolist()
        bounds = [self.token_starts[i] for i in firsts if i] + [len(self.text)]
        start = 0
        for end in bounds:
            ids, first = set(), None
            while n < len(named) and named[n][0] < end:
                if named[n][0] >= start and not self.in_quote(named[n][0]):
                    ids.add(named[n][1])
                    first = named[n][0] if first is None else first
                n += 1
            while p < len(gendered) and gendered[p][0] < end:
                char, gender = gendered[p]
                p += 1
                if len(ids) == 1 and first is not None and char > first and not self.in_quote(char):
                    tally = votes.setdefault(next(iter(ids)), [0, 0])
                    tally[gender == "f"] += 1
            start = end
        for entity in self.entities:
            # 'Melanie said': a lone given name weighs as two of the text's
            # he/she, no more, for 'Warren' and 'Clinton' are given names too.
            given = entity.type == "PERSON" and sieves.given_name_gender(entity.name, several=False)
            if given and GIVEN_NAME_VOTES and entity.id not in self.gender:
                votes.setdefault(entity.id, [0, 0])[given == "f"] += GIVEN_NAME_VOTES
        for key, (male, female) in votes.items():
            if male >= 3 * female or female >= 3 * male:
                self.set_gender_of(key, "m" if male > female else "f")

    def set_gender_of(self, key: str, gender: str) -> None:
        self.gender.setdefault(key, gender)

    def link_pronouns(self) -> None:
        """Every he/she/him/her outside quotations joins the chain it refers to."""
        self.infer_gender()
        self.build_candidates()
        for char, word in sieves.pronouns(self):
            if self.in_quote(char):
                continue
            found = self.antecedent(char, word)
            if found is not None:
                self.add_mention(found.entity, char, char + len(word), "pronoun")
                if not found.flag:
                    self.add_candidate(char, word, found.entity)

    def add_candidate(self, char: int, word: str, entity: Entity) -> None:
        """A resolved he/him/she/her keeps its person in view: 'He said …' or
        'According to him, …' a paragraph back is as good as the name."""
        if entity.id in self._keys:
            subject = self._subject(char, char + len(word))
            i = bisect_left(self.starts, char)
            self.candidates.insert(i, Candidate(char, entity.id, subject))
            self.starts.insert(i, char)

    # --- resolving ------------------------------------------------------------

    def resolve(
        self,
        start: int,
        end: int,
        in_quote: Callable[[int], bool] | None = None,
        speaker: bool = False,
        topic: str | None = None,
    ) -> Resolution | None:
        """Who the span [start, end) refers to: a pronoun's antecedent, else the
        person whose mention holds the span's head (or another of its words),
        else the unnamed person the span describes. A quote's ``speaker``
        called by a title ('the French president added') is the named person
        in view whom a he/she would be: a speaker is the paragraph's topic,
        while a description in narration often brings in someone new."""
        span = self.span(start, end)
        if not len(span):
            return None
        if len(span) == 1 and span[0].lower_ in lex.PRONOUNS:
            return self.antecedent(span[0].idx, span[0].lower_, in_quote, topic)
        root = span.root
        # Not the owner of the phrase: 'Aslin’s local MP' is the MP.
        for tok in (root, *(t for t in span if not _owner_of(t, root))):
            hit = self.at.get(tok.idx)
            if hit is not None:
                return Resolution(*hit)
        unnamed = self.unnamed_at.get(root.idx)
        if unnamed is not None and speaker:
            named = self.named_after(span)
            if named is not None:
                return named
        if unnamed is not None:
            named = self._titled(unnamed, in_quote, topic) if speaker else None
            if named is not None:
                return named
            return Resolution(self.materialise(unnamed), "description")
        return self._organisation(span)

    def named_after(self, span: Span) -> Resolution | None:
        """'the US ambassador to Kyiv, X, tweeted', 'said the head of the
        regional administration X': a speaker phrase followed (after a comma,
        or straight on) by a person's name is that person, whatever the parse
        made of the apposition."""
        doc = self.doc
        j = span.end  # over the phrase's own words ('to Kyiv') to the name
        while j < min(len(doc), span.end + NAME_AFTER_WORDS):
            person = self._person_at(doc[j])
            if doc[j].text == ",":  # ', state Del. X,': a title may stand before the name
                person = self._person_after_title(j + 1)
            if person is not None:
                self.add_phrase(person, span, "apposition")
                return Resolution(person, "apposition")
            if doc[j].pos_ not in PHRASE_POS:
                return None
            j += 1
        return None

    def _person_after_title(self, i: int) -> Entity | None:
        """The person named at token ``i`` or after a short title there."""
        doc = self.doc
        for k in range(i, min(len(doc), i + TITLE_WORDS + 1)):
            person = self._person_at(doc[k])
            if person is not None or (doc[k].is_punct and doc[k].text != "."):
                return person
        return None

    def _person_at(self, tok) -> Entity | None:
        hit = self.at.get(tok.idx)
        if hit is None or hit[0].type != "PERSON" or hit[0].anonymous:
            return None
        return hit[0]

    def _titled(
        self,
        unnamed: Unnamed,
        in_quote: Callable[[int], bool] | None,
        topic: str | None = None,
    ) -> Resolution | None:
        """'the French president added', 'the senator said' with nobody described
        so before: the text calls a person in view by a title. The named person
        a he/she there would be (gender agreeing, never against it, never
        from paragraphs back) takes the phrase, and those that refer back to it."""
        if not unnamed.definite or unnamed.entity is not None:
            return None
        phrase = unnamed.phrases[0]
        owned = any(t.dep_ in {"poss", "case"} for t in phrase)
        if owned or (phrase.root.lemma_.lower() in lex.RELATIONAL_NOUNS and not _office(phrase)):
            return None  # 'the aide', 'Turkey's president': someone else's
        found = antecedent(
            self.candidates,
            self.starts,
            phrase.start_char,
            unnamed.gender,
            self.text,
            in_quote or self.in_quote,
            self._gender_of,
            reach=False,
            topic=topic,
        )
        if found is None and self._agreeing_topic(topic, unnamed.gender):
            found = (topic, None)  # '“…,” the official added' after his quote
        if found is None or found[1] is not None or not isinstance(found[0], str):
            return None
        entity = self._keys[found[0]]
        if entity.anonymous:
            return None
        unnamed.entity = entity
        for said in unnamed.phrases:  # 'the French president' … 'the president'
            self.add_phrase(entity, said, "description")
        return Resolution(entity, "description")

    def _agreeing_topic(self, topic: str | None, gender: str | None) -> bool:
        if topic not in self._keys:
            return False
        return gender is None or self._gender_of(topic) in (None, gender)

    def name_organisation(self, entity: Entity, start: int, head: str) -> None:
        """An organisation named at ``start`` with the head word ``head``."""
        insort(self.org_heads.setdefault(head, []), (start, entity), key=_first)
        insort(self.orgs, (start, entity), key=_first)

    def organisation_before(self, char: int) -> Entity | None:
        """What 'it said' at ``char`` refers to: the organisation that is a
        subject in this paragraph, else in the one before, else the nearest
        named in them, outside quotations."""
        here, before = paragraph_floors(self.text, char)
        subject: list[Entity | None] = [None, None]
        nearest: list[Entity | None] = [None, None]
        i = bisect_left(self.orgs, char, key=_first) - 1
        while i >= 0 and self.orgs[i][0] >= before:
            start, entity = self.orgs[i]
            i -= 1
            if self.in_quote(start):
                continue
            zone = 0 if start >= here else 1
            nearest[zone] = nearest[zone] or entity
            if self._subject(start, start + 1):
                subject[zone] = subject[zone] or entity
        return next((e for e in (subject[0], subject[1], nearest[0], nearest[1]) if e), None)

    def phrase_before(self, head: str, char: int) -> Span | None:
        """The nearest phrase before ``char`` (outside quotations, not far
        back) headed by the word ``head``, with its modifiers ('Russia’s
        foreign ministry' for 'ministry')."""
        lowers, starts, key = self.lowers, self.token_starts, hash_string(head)
        i = self._token_range(char, char + 1).start - 1
        while i >= 0 and char - starts[i] <= sieves.ROLE_WINDOW:
            if lowers[i] == key and not self.in_quote(starts[i]):
                return noun_phrase(self.doc[i])
            i -= 1
        return None

    def _organisation(self, span: Span) -> Resolution | None:
        """'the ministry', 'the regiment': the organisation last named with that
        head word before the span ('Russia's defence ministry'), not far back."""
        if span[0].lower_ not in sieves.DEFINITE or span.root.i == span[0].i:
            return None
        named = self.org_heads.get(span.root.lower_, [])
        i = bisect_left(named, span.start_char, key=lambda n: n[0]) - 1
        if i < 0 or span.start_char - named[i][0] > sieves.ROLE_WINDOW:
            return None
        return Resolution(named[i][1], "description")

    def finish(self) -> None:
        for entity in self.entities:
            entity.mentions.sort(key=lambda m: (m.start, m.end))
            entity.descriptions.sort(key=lambda d: (d.start, d.kind))
            if entity.type in PEOPLE:
                names = [
                    m.text
                    for m in entity.mentions
                    if m.how != "pronoun" and (m.start, m.end) not in self.phrases
                ]
                entity.aliases = sorted(
                    {n for n in names if n and n != entity.name} - set(entity.callsigns)
                )
        self.doc._.entities = self.entities


def _office(phrase: Span) -> bool:
    """'the secretary of state', 'the member of parliament': a relational noun
    made a title by what it is of (not 'the son of the mayor')."""
    for prep in (c for c in phrase.root.children if c.dep_ == "prep" and c.lower_ == "of"):
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is not None and obj.ent_type_ != "PERSON" and not is_person_noun(obj):
            return True
    return False


def _owner_of(tok, root) -> bool:
    """``tok`` belongs to the possessor of the noun ``root`` ('Aslin' of
    'Aslin’s local MP')."""
    while tok.i != root.i and tok.head.i != tok.i:
        if tok.dep_ == "poss" and tok.head.i == root.i:
            return True
        tok = tok.head
    return False


def _first(pair: tuple) -> int:
    return pair[0]


def _same(a: Description, b: Description) -> bool:
    if a.kind == b.kind == "role":
        return a.text.lower() == b.text.lower()
    return (a.kind, a.start, a.end) == (b.kind, b.start, b.end)


def _common_noun(entity: Entity) -> bool:
    return entity.type == "PERSON" and all(
        m.text[:1].islower() and m.text.split()[-1].lower() in lex.PERSON_NOUNS
        for m in entity.mentions
    )


def _indefinite(entity: Entity, text: str) -> bool:
    """A one-word person every mention of which follows 'one', 'a', 'another'."""

    def after_indefinite(start: int) -> bool:
        before = text[max(0, start - 10) : start].split()
        return bool(before) and before[-1].lower() in lex.INDEFINITE

    return entity.type == "PERSON" and all(
        " " not in m.text and after_indefinite(m.start) for m in entity.mentions
    )


def _a_city(entity: Entity) -> bool:
    """A one-word 'person' that is a city of the gazetteer and no given name
    ('Kherson'): the NER's slip; a person never merges with a place."""
    name = entity.name
    if entity.type != "PERSON" or " " in name or any(m.text != name for m in entity.mentions):
        return False
    if sieves.given_name_gender(name, several=False) is not None:
        return False
    return any(e.population >= CITY for e, _ in gazetteer().lookup(name))


def _an_organisation(entity: Entity) -> bool:
    """A 'person' that is a platform, or named with an organisation's words
    and no given name ('United Nations'; not 'Ivan Bank')."""
    if entity.type != "PERSON":
        return False
    words = [w.lower() for w in entity.name.split()]
    if " ".join(words) in lex.PLATFORMS:
        return True
    if sieves.given_name_gender(entity.name, several=True) is not None:
        return False
    return any(w in lex.ORGANISATION_NOUNS or w in lex.ORGANISATION_NAME_WORDS for w in words)


def _a_named_person(entity: Entity) -> bool:
    """An 'organisation' named by a given name and a surname or two, no
    organisation word among them."""
    words = entity.name.split()
    if entity.type != "ORG" or not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return False
    if any(w.lower() in lex.ORGANISATION_NOUNS for w in words):
        return False
    given = words[0].split("-")[0]  # 'Franz' of 'Franz-Stefan'
    rare = zipf_frequency(given.lower(), "en") < sieves.MAX_NAME_ZIPF
    return rare and gender_of_given_name(given) is not None


def _number(entity_id: str) -> int:
    digits = entity_id.lstrip("E")
    return int(digits) if digits.isdigit() else 0
