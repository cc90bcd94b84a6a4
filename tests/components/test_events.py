"""kronika_events: what happened. Sentences are written for these tests."""

import pytest

import kronika.pipeline
from kronika.components.events_lexicon import acled


def events(nlp, text):
    doc = nlp(text)
    return doc, {e.text: e for e in doc._.events}


def one(nlp, text, trigger):
    doc, found = events(nlp, text)
    assert trigger in found, f"{trigger!r} not in {list(found)}"
    return doc, found[trigger]


def names(doc, ids):
    by_id = {e.id: e.name for e in doc._.entities}
    return [by_id[i] for i in ids]


def test_violence_is_typed_in_plover_and_acled(nlp):
    doc, event = one(nlp, "Russian artillery shelled the village of Hrakove on Tuesday.", "shelled")
    assert event.plover == "ASSAULT"
    assert (event.acled_type, event.acled_subtype) == (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    )
    _, event = one(nlp, "Drones struck an oil depot overnight.", "struck")
    assert event.acled_subtype == "Air/drone strike"


def test_actors_and_recipients_are_entity_ids(nlp):
    doc, event = one(nlp, "Poland accused Belarus of sending migrants to the border.", "accused")
    assert event.plover == "ACCUSE"
    assert names(doc, event.actors) == ["Poland"] and names(doc, event.recipients) == ["Belarus"]


def test_named_battles_operations_and_invasions(nlp):
    doc, found = events(
        nlp,
        "He fought in the battle of Bakhmut and later in the Kherson operation after the invasion of Crimea.",
    )
    assert {"battle of Bakhmut", "Kherson operation", "invasion of Crimea"} <= set(found)
    assert all(found[t].plover == "ASSAULT" for t in ("battle of Bakhmut", "Kherson operation"))


def test_ambiguous_words_need_their_context(nlp):
    _, found = events(
        nlp, "Workers struck a deal with the port. The report was released on Monday."
    )
    assert all(e.plover != "ASSAULT" for e in found.values())
    assert "released" not in found
    _, event = one(nlp, "The rebels released twelve hostages.", "released")
    assert event.plover == "RETREAT"
    _, event = one(
        nlp, "Two ministers signed a ceasefire agreement in Ankara.", "signed a ceasefire agreement"
    )
    assert event.plover == "AGREE"


def test_status_hypothetical_negated_planned(nlp):
    _, event = one(
        nlp,
        "If the army had withdrawn earlier, the town would not have been destroyed.",
        "withdrawn",
    )
    assert event.status == "hypothetical"
    _, event = one(nlp, "The troops have not captured the bridge.", "captured")
    assert event.status == "negated"
    _, event = one(nlp, "The government will deploy two more brigades to the north.", "deploy")
    assert event.status == "planned"
    _, event = one(nlp, "The militia attacked the convoy.", "attacked")
    assert event.status == "occurred"


def test_a_recurring_event_links_a_set_time(nlp):
    if "kronika_times" not in kronika.pipeline.available_components():
        pytest.skip("kronika_times is not available yet")
    doc, event = one(nlp, "Every week, fresh volunteers arrive at the training camp.", "arrive")
    assert event.plover == "MOBILIZE" and event.time is not None
    assert doc._.times[event.time].type == "SET"


def test_acled_mapping_for_territory_and_arrests():
    assert acled("ASSAULT", "recapture", set()) == ("Battles", "Government regains territory")
    assert acled("COERCE", "arrest", set()) == ("Strategic developments", "Arrests")
    assert acled("CONSULT", "meet", set()) == (None, None)


def seed_event(seed_doc, text):
    found = [e for e in seed_doc.events if text in e.text]
    assert found, f"no event {text!r} in {[e.text for e in seed_doc.events]}"
    return found[0]


def time_text(doc, event):
    return doc.times[event.time].text if event.time is not None else None


def test_seed_events(seed_doc):
    created = seed_event(seed_doc, "created")
    assert created.plover == "MOBILIZE" and "2023" in (time_text(seed_doc, created) or "")
    incursions = seed_event(seed_doc, "incursions")
    assert incursions.plover == "ASSAULT" and time_text(seed_doc, incursions) == "last March"
    offensives = seed_event(seed_doc, "offensives")
    assert offensives.plover == "ASSAULT" and time_text(seed_doc, offensives) == "this summer"
    for name in ("battle of Avdiivka", "invasion of Georgia", "Kursk operation"):
        assert seed_event(seed_doc, name).plover == "ASSAULT"
    invasion = seed_event(seed_doc, "invasion of Georgia")
    assert "Georgia" in names_of(seed_doc, invasion.recipients)
    arrive = seed_event(seed_doc, "arrive")
    assert arrive.plover == "MOBILIZE" and seed_doc.times[arrive.time].type == "SET"


def names_of(doc, ids):
    by_id = {e.id: e.name for e in doc.entities}
    return [by_id[i] for i in ids]


def test_seed_counterfactual_is_hypothetical(seed_doc):
    sanctions = seed_event(seed_doc, "sanctions")
    assert sanctions.plover == "SANCTION" and sanctions.status == "hypothetical"
    assert time_text(seed_doc, sanctions) == "2008"


def test_seed_places_are_linked_when_places_are_available(seed_doc):
    if "kronika_places" not in kronika.pipeline.available_components():
        pytest.skip("kronika_places is not available yet")
    incursions = seed_event(seed_doc, "incursions")
    assert incursions.place is not None
    assert "Belgorod" in seed_doc.places[incursions.place].text
    battle = seed_event(seed_doc, "battle of Avdiivka")
    assert battle.place is not None and "Avdiivka" in seed_doc.places[battle.place].text
