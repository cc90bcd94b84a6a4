"""Speakers the entity step missed, made entities.

The NER does not tag every speaker: 'Roscosmos said', 'Russia's defence
ministry said', 'said Vitter' can leave a quote's speaker with a name but no
entity, so the record cannot gather what it said, and 'the ministry said' two
paragraphs later finds nobody; 'it said' finds nobody either. After attribution, each such speaker that is a
proper noun or an organisation noun (``people_lexicon.ORGANISATION_NOUNS``)
becomes an entity (one per name in a document); a definite 'the ministry'
refers back to the organisation last named with that head word; 'it said'
to the organisation that is the subject of its paragraph or the one before.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from kronika.components import people_lexicon as lex
from kronika.components.people import CONFIDENCE, People, people_of
from kronika.components.people_phrases import noun_phrase
from kronika.components.people_pronouns import paragraph_floors
from kronika.components.quotes_speakers import DOCUMENTS, Speakers
from kronika.records import Entity, Quote, Speaker

DETERMINERS = {"the", "a", "an"}
SUBJECTS = {"nsubj", "nsubjpass"}
# Times, amounts and places do not speak.
NOT_SOMEONE = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "GPE", "LOC"}


def name_speakers(doc: Doc, quotes: list[Quote], speakers: Speakers) -> None:
    """Give each quote's named speaker without an entity its entity, in text order."""
    people = people_of(doc)
    if people is None:
        return
    made: dict[object, Entity] = {}
    for q in sorted(quotes, key=lambda q: q.start):
        speaker = q.speaker
        if speaker is None or speaker.entity is not None or speaker.start is None:
            continue
        span = speakers.tokens(speaker.start, speaker.end)
        if span.text.lower() == "it":  # 'it said in a statement'
            found = people.organisation_before(speaker.start)
            if found is not None:
                q.speaker = _as(speaker, found, "pronoun")
            continue
        if span.text.lower() == "they":  # 'Local officials said …. “…,” they said'
            group = _group_before(people, span[0], made)
            if group is not None:
                q.speaker = _as(speaker, group, "pronoun")
            continue
        if not len(span) or span.text.lower() in lex.NAMES_NOBODY | lex.FIRST_PERSON:
            continue
        entity = _entity_for(people, span, made)
        if entity is not None:
            people.add_mention(entity, speaker.start, speaker.end, "name")
            how = "anonymous" if entity.anonymous else speaker.how or "name"
            q.speaker = _as(speaker, entity, how)


def _as(speaker: Speaker, entity: Entity, how: str) -> Speaker:
    return replace(
        speaker, name=entity.name, entity=entity.id, how=how, confidence=CONFIDENCE.get(how)
    )


def _entity_for(people: People, span: Span, made: dict) -> Entity | None:
    """The entity a speaker span without one names: an organisation by its
    head noun ('Ukraine’s operational command south', 'the ministry'), a
    person or organisation by its proper name, else, for a phrase that
    describes somebody ('a military commentator on X TV', 'one Muscovite',
    'representatives of the plant'), an anonymous source."""
    root = span.root
    head = _organisation_head(span)
    if head is not None and span[0].lower_ in DETERMINERS:
        found = people._organisation(span)
        if found is not None:
            return found.entity
        return _organisation(people, span, head, made, earlier=True)
    if head is not None:
        return _organisation(people, span, head, made)
    if root.pos_ == "PROPN" and not _indefinite(span):
        return _named(people, span, made)
    if _describes_someone(span):
        named = people.named_after(span)  # 'Scott's niece, state Del. X,'
        if named is not None:
            return named.entity
        return _anonymous(people, _with_tail(_indefinite_phrase(span)), made)
    return None


def _anonymous(people: People, phrase: Span, made: dict) -> Entity:
    """The anonymous source a phrase describes, one per phrase."""
    key = (phrase.start_char, phrase.end_char)
    if key not in made:
        made[key] = people.new_entity(phrase.text, anonymous=True)
        people.describe(made[key], phrase)
    return made[key]


def _group_before(people: People, they: Token, made: dict) -> Entity | None:
    """The people a 'they' speaker is: the nearest plural subject before it in
    its paragraph or the one before, outside quotations, that is people
    ('local officials', 'residents'): an anonymous source named by its phrase."""
    before = paragraph_floors(people.text, they.idx)[1]
    doc = they.doc
    for tok in reversed(doc[: they.i]):
        if tok.idx < before:
            return None
        if people.in_quote(tok.idx) or tok.tag_ != "NNS" or tok.dep_ not in SUBJECTS:
            continue
        if tok.lemma_.lower() not in lex.PERSON_NOUNS:
            return None  # 'the talks stalled': the last plural subject is no people
        return _anonymous(people, noun_phrase(tok), made)
    return None


def _organisation_head(span: Span) -> Token | None:
    """The organisation noun the span is headed by, or whose name it ends
    ('the operational command south' parses with 'south' for its head)."""
    root = span.root
    if root.lower_ in lex.ORGANISATION_NOUNS:
        return root
    inner = [t for t in span if t.head.i == root.i and t.dep_ == "compound"]
    found = [t for t in inner if t.lower_ in lex.ORGANISATION_NOUNS]
    return found[-1] if found and root.pos_ != "NOUN" else None


def _organisation(
    people: People, span: Span, head: Token, made: dict, earlier: bool = False
) -> Entity:
    """The organisation entity of a speaker so named. 'the ministry' with no
    organisation named before: the nearest earlier phrase with that head
    word names it ('Russia’s foreign ministry summoned …')."""
    named = people.phrase_before(head.lower_, span.start_char) if earlier else None
    phrase = named if named is not None else span
    name = _without_article(phrase)
    entity = made.get(name.lower())
    if entity is None:
        entity = made[name.lower()] = people.new_entity(name)
        entity.type = "ORG"
        people.name_organisation(entity, phrase.start_char, head.lower_)
        if named is not None:
            people.add_mention(entity, named.start_char, named.end_char, "name")
    return entity


def _named(people: People, span: Span, made: dict) -> Entity:
    name = _without_article(span)
    entity = made.get(name.lower())
    if entity is None:
        entity = made[name.lower()] = people.new_entity(name)
        entity.type = "ORG" if span.root.ent_type_ == "ORG" else "PERSON"
    return entity


def _without_article(span: Span) -> str:
    """'the ministry' → 'ministry'; a lone 'the' stays."""
    if len(span) > 1 and span[0].lower_ in DETERMINERS:
        return span[1:].text
    return span.text


def _indefinite(span: Span) -> bool:
    """'one Muscovite', 'a Ukrainian', 'another': somebody, not a name."""
    return _indefinite_phrase(span)[0].lower_ in lex.INDEFINITE


def _indefinite_phrase(span: Span) -> Span:
    """The span with the determiner or number before it ('one' of 'one Muscovite')."""
    start = span.start
    while start > 0 and span.doc[start - 1].dep_ in {"det", "nummod"} and start > span.start - 2:
        start -= 1
    return span.doc[start : span.end]


def _with_tail(phrase: Span) -> Span:
    """The phrase with the prepositions that place its person ('a military
    commentator on X TV', 'representatives of the plant')."""
    end = phrase.end
    for right in phrase.root.rights:
        if right.dep_ != "prep" or right.i != end:
            break
        edge = right.right_edge
        if any(t.pos_ in {"VERB", "AUX"} or t.is_punct for t in phrase.doc[right.i : edge.i + 1]):
            break
        end = edge.i + 1
    return phrase.doc[phrase.start : end]


def _describes_someone(span: Span) -> bool:
    root = span.root
    if root.lower_ in lex.INDEFINITE and any(c.lower_ == "of" for c in root.children):
        return True  # 'one of them', 'one of the soldiers'
    if root.lemma_.lower() in DOCUMENTS or root.ent_type_ in NOT_SOMEONE:
        return False
    return root.pos_ == "NOUN" or _indefinite(span)
