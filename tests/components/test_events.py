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


# Issue 15: events an analyst can load. Each case is one bullet of the list.


def record(nlp, text, published="2024-05-27"):
    from kronika.ingest import Item
    from kronika.pipeline import analyze

    return analyze(Item(name="t", text=text, published=published), nlp)


def by_text(doc, trigger):
    found = [e for e in doc.events if e.text == trigger]
    assert found, f"{trigger!r} not in {[e.text for e in doc.events]}"
    return found[0]


@pytest.mark.parametrize(
    "text",
    [
        "The 47th Separate Assault Brigade held its positions near the river.",
        "The commander of the Air Assault Forces toured the front on Monday.",
        "Officers of the Strike Group were questioned by investigators.",
    ],
)
def test_unit_names_and_titles_are_not_triggers(nlp, text):
    doc, found = events(nlp, text)
    assert not any(w in t for t in found for w in ("Assault", "Strike")), list(found)


def test_attacks_repelled_are_an_armed_clash_not_a_territory_change(nlp):
    _, event = one(nlp, "Ukrainian troops repelled nine attacks near the village.", "repelled")
    assert (event.acled_type, event.acled_subtype) == ("Battles", "Armed clash")


def test_destroyed_armour_is_fighting_not_property_destruction(nlp):
    _, event = one(
        nlp, "Ukrainian forces destroyed three armoured vehicles near the town.", "destroyed"
    )
    assert event.plover == "ASSAULT"
    assert event.acled_subtype != "Looting/property destruction"


def test_soldiers_taken_prisoner_are_no_territory_change(nlp):
    _, found = events(nlp, "Four soldiers had been taken prisoner, their brigade said.")
    assert all("territory" not in (e.acled_subtype or "") for e in found.values())
    assert found["taken prisoner"].plover == "ASSAULT"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Before the full-scale invasion, the plant employed three thousand people.", "invasion"),
        ("Since 2014, fighting has continued in the east of the country.", "fighting"),
        ("The market had been shelled only twice before the war.", "shelled"),
    ],
)
def test_background_is_not_an_event_of_the_week(nlp, text, trigger):
    doc = record(nlp, text)
    assert by_text(doc, trigger).status == "background"


@pytest.mark.parametrize(
    ("text", "trigger", "plover", "subtype"),
    [
        ("Russian artillery shelled the outskirts of the town.", "shelled", "ASSAULT",
         "Shelling/artillery/missile attack"),
        ("Drones struck a fuel depot overnight.", "struck", "ASSAULT", "Air/drone strike"),
        ("A missile strike hit the railway station.", "strike", "ASSAULT",
         "Shelling/artillery/missile attack"),
        ("Russian troops captured the village after weeks of fighting.", "captured", "ASSAULT",
         "Non-state actor overtakes territory"),
        ("Ukrainian troops recaptured the village on Friday.", "recaptured", "ASSAULT",
         "Government regains territory"),
        ("The battalion withdrew from the town.", "withdrew", "RETREAT",
         "Non-violent transfer of territory"),
        ("Police arrested two men at the station.", "arrested", "COERCE", "Arrests"),
        ("Air defences shot down two drones over the city.", "shot down", "ASSAULT",
         "Disrupted weapons use"),
        ("The European Union imposed sanctions on four banks.", "imposed sanctions", "SANCTION",
         None),
        ("The delegations held talks in Geneva.", "held talks", "CONSULT", None),
    ],
)  # fmt: skip
def test_mapping_to_plover_and_acled(nlp, text, trigger, plover, subtype):
    _, event = one(nlp, text, trigger)
    assert (event.plover, event.acled_subtype) == (plover, subtype)


def test_the_side_and_the_side_acted_on(nlp):
    doc, event = one(nlp, "The 24th Brigade said it had repelled nine Russian attacks.", "repelled")
    assert names(doc, event.actors) == ["24th Brigade"]
    assert names(doc, event.recipients) == ["Russian"]
    doc, event = one(nlp, "Russian troops captured the village of Zarichne.", "captured")
    assert "Zarichne" in names(doc, event.recipients)


def test_a_part_of_day_is_kept_in_the_time(nlp):
    doc = record(nlp, "Russian missiles struck the city centre on Saturday afternoon.")
    event = by_text(doc, "struck")
    assert doc.times[event.time].value == "2024-05-25TAF"


def test_a_timeless_mention_continues_the_day_of_the_event_before(nlp):
    doc = record(nlp, "Missiles struck the port on Thursday. The strike destroyed two warehouses.")
    assert by_text(doc, "strike").time == by_text(doc, "struck").time


def test_the_time_of_a_statement_does_not_date_the_event(nlp):
    doc = record(
        nlp, "Russia has opened a criminal case against the lawyer, his wife said on Tuesday."
    )
    assert by_text(doc, "opened a criminal case").time is None


# Fatalities: a stated death toll of that event, and nothing else.


def test_the_death_toll_goes_to_the_attack_not_to_the_missing(nlp):
    doc = record(
        nlp,
        "A missile strike on the market killed at least nine people. "
        "More than 25 people were still missing on Sunday.",
    )
    strike = by_text(doc, "strike")
    assert strike.fatalities == 9
    assert doc.claims[strike.fatalities_claim].text == "at least nine people"
    assert all(e.fatalities != 25 for e in doc.events)


def test_the_verb_of_dying_hands_its_toll_to_the_attack(nlp):
    doc = record(nlp, "Russian drones attacked the port overnight, killing two people.")
    assert by_text(doc, "attacked").fatalities == 2
    assert by_text(doc, "killing").fatalities is None  # one toll, one ACLED row


def test_a_toll_that_rose(nlp):
    doc = record(
        nlp,
        "The death toll from Saturday's strike on the shopping centre rose to 16, officials said.",
    )
    assert by_text(doc, "strike").fatalities == 16


@pytest.mark.parametrize(
    "text",
    [
        "Five people were killed or wounded in the shelling.",
        "Russia's defence ministry said its forces had killed 300 soldiers over the past week.",
        "The general staff reported 800 enemy losses over the past week.",
        "At least 40 soldiers were wounded in the attack.",
        "Artillery killed at least eight people in the region in 24 hours.",
    ],
)
def test_totals_wounded_losses_and_periods_are_not_fatalities(nlp, text):
    doc = record(nlp, text)
    assert all(e.fatalities is None for e in doc.events), [
        (e.text, e.fatalities) for e in doc.events
    ]


def test_killed_and_wounded_counted_apart_keeps_the_dead(nlp):
    doc = record(nlp, "At least seven people were killed and dozens more were wounded.")
    assert by_text(doc, "killed").fatalities == 7


def test_when_figures_differ_the_lowest_is_kept_and_the_other_stays_a_claim(nlp):
    doc = record(
        nlp,
        "The death toll from the strike rose to 15, the mayor said, while police counted 12 dead.",
    )
    strike = by_text(doc, "strike")
    assert strike.fatalities == 12
    assert any(c.low == 15 for c in doc.claims)  # the mayor's figure is kept as a claim


def test_a_victim_named_without_a_number_counts_one(nlp):
    doc = record(nlp, "She was killed by a drone strike on Tuesday.")
    assert by_text(doc, "strike").fatalities == 1
