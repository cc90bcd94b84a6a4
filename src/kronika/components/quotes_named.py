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

from spacy.tokens import Doc

from kronika.components import people_lexicon as lex
from kronika.components.people import CONFIDENCE, people_of
from kronika.components.quotes_speakers import Speakers
from kronika.records import Entity, Quote

DETERMINERS = {"the", "a", "an"}


def name_speakers(doc: Doc, quotes: list[Quote], speakers: Speakers) -> None:
    """Give each quote's named speaker without an entity its entity, in text order."""
    people = people_of(doc)
    if people is None:
        return
    made: dict[str, Entity] = {}
    for q in sorted(quotes, key=lambda q: q.start):
        speaker = q.speaker
        if speaker is None or speaker.entity is not None or speaker.start is None:
            continue
        span = speakers.tokens(speaker.start, speaker.end)
        if span.text.lower() == "it":  # 'it said in a statement'
            found = people.organisation_before(speaker.start)
            if found is not None:
                q.speaker = replace(
                    speaker,
                    name=found.name,
                    entity=found.id,
                    how="pronoun",
                    confidence=CONFIDENCE["pronoun"],
                )
            continue
        if not len(span) or span.text.lower() in lex.NAMES_NOBODY | lex.FIRST_PERSON:
            continue
        root = span.root
        organisation = root.lower_ in lex.ORGANISATION_NOUNS
        if span[0].lower_ in DETERMINERS and organisation:
            found = people._organisation(span)
            if found is not None:
                q.speaker = replace(speaker, name=found.entity.name, entity=found.entity.id)
            continue
        if root.pos_ != "PROPN" and not organisation:
            continue
        words = [t for t in span if not (t.i == span.start and t.lower_ in DETERMINERS)]
        name = doc[words[0].i : span.end].text if words else span.text
        entity = made.get(name.lower())
        if entity is None:
            kind = "ORG" if organisation or root.ent_type_ == "ORG" else "PERSON"
            entity = people.new_entity(name)
            entity.type = kind
            made[name.lower()] = entity
            if kind == "ORG":
                people.name_organisation(entity, speaker.start, root.lower_)
        people.add_mention(entity, speaker.start, speaker.end, "name")
        how = speaker.how or "name"
        q.speaker = replace(
            speaker, name=entity.name, entity=entity.id, how=how, confidence=CONFIDENCE.get(how)
        )
