"""kronika_places: place names on the map, with offsets into the text.

Each place carries the gazetteer entry it was resolved to, ACLED's
precision (1 a town, 2 part of a region, 3 a region or country), a
confidence, and whether the name stands for a government (metonymy).
"""

from __future__ import annotations

import pytest

from kronika.gazetteer.geo import distance_km


def places(nlp, text, resolved=True):
    """The places on the map (or, with ``resolved=False``, the names not placed), by text."""
    doc = nlp(text)
    for place in doc._.places:
        assert doc.text[place.start : place.end] == place.text  # offsets index the text
    return {p.text: p for p in doc._.places if p.resolved == resolved}


def near(place, lat, lon, km=161):
    return place.lat is not None and distance_km(place.lat, place.lon, lat, lon) <= km


def test_a_town_is_placed_on_the_map(nlp):
    found = places(nlp, "Explosions were reported in Kharkiv overnight, the mayor said.")
    kharkiv = found["Kharkiv"]
    assert near(kharkiv, 49.99, 36.23, km=50)
    assert kharkiv.country == "UA"
    assert not kharkiv.metonymy


def test_a_region_named_with_its_level_is_the_region(nlp):
    found = places(nlp, "Drones struck fuel depots in the Kursk region on Sunday.")
    kursk = next(p for t, p in found.items() if t.startswith("Kursk"))
    assert kursk.feature == "ADM1" and kursk.precision == 3


def test_cyrillic_names_are_resolved(nlp):
    found = places(nlp, "Air-raid sirens sounded again in Запоріжжя on Friday.")
    assert near(found["Запоріжжя"], 47.84, 35.14)


def test_the_state_after_a_comma_chooses_between_namesakes(nlp):
    found = places(nlp, "The plant in Columbus, Georgia, will close next year.")
    assert near(found["Columbus"], 32.46, -84.99, km=50)


def test_a_capital_speaking_for_its_government_is_metonymy(nlp):
    said = places(nlp, "Kyiv said on Monday that the talks had stalled.")
    lived = places(nlp, "Thousands of families in Kyiv spent the night in shelters.")
    assert said["Kyiv"].metonymy
    assert not lived["Kyiv"].metonymy


def test_an_unknown_place_falls_back_to_the_area_the_text_gives(nlp):
    text = "The unit landed on the Zorgvast peninsula in the south of the country, officials in Ukraine said."
    place = places(nlp, text)["Zorgvast"]
    assert place.country == "UA" and place.precision == 3
    assert place.confidence <= 0.3  # never a confident guess


def test_demonyms_are_not_places_by_default(nlp):
    assert "Ukrainian" not in places(nlp, "Ukrainian soldiers repaired the bridge.")


# The seed article: where its places are (coordinates written here, not taken from the gazetteer).
SEED_PLACES = {
    "Ukraine": (49.0, 32.0),
    "Russia": (60.0, 100.0),
    "Belgorod": (50.60, 36.59),
    "Avdiivka": (48.14, 37.74),
    "Georgia": (42.0, 43.5),
    "Bashkortostan": (54.5, 56.0),
    "Kursk": (51.73, 36.19),
    "Chechnya": (43.3, 45.7),
    "Moscow": (55.75, 37.62),
    "Kyiv": (50.45, 30.52),
}


@pytest.mark.parametrize("name", SEED_PLACES)
def test_seed_places_within_161_km(seed_doc, name):
    mentions = [p for p in seed_doc.places if name in p.text]
    assert mentions, f"{name} not found"
    lat, lon = SEED_PLACES[name]
    assert all(near(p, lat, lon) for p in mentions), [
        (p.text, p.name, p.lat, p.lon) for p in mentions
    ]


def test_seed_capitals_standing_for_governments_are_metonymy(seed_doc):
    capitals = [p for p in seed_doc.places if p.text in {"Moscow", "Kyiv"}]
    # "fighting alongside the Ukrainians against Moscow", "side with Kyiv",
    # "complacency towards Moscow", "fighting Moscow": every one is a government.
    assert capitals and all(p.metonymy for p in capitals)


def test_seed_peninsula_missing_from_the_gazetteer_is_at_least_in_its_country(seed_doc):
    (peninsula,) = [p for p in seed_doc.places if p.text.startswith("Kinburn")]
    assert peninsula.country == "UA"
    assert peninsula.precision == 3 and peninsula.confidence < 0.5


def test_a_compass_word_does_not_make_a_hamlet_of_an_area(nlp):
    found = places(nlp, "Settlers built new homes in the West Bank last year.")
    bank = found.get("West Bank")
    assert bank is None or bank.precision == 3  # not a village called Bank


def test_a_state_named_only_inside_an_agency_picks_the_town(nlp):
    # "Georgia" reads first as the country; the article's towns make it the state.
    text = (
        "Inspectors from the Georgia Department of Agriculture visited a farm near Gainesville. "
        "The farm sells eggs in Gainesville and Athens."
    )
    found = places(nlp, text)
    assert near(found["Gainesville"], 34.30, -83.82, km=50)


def test_one_name_is_one_place_in_an_article(nlp):
    text = (
        "The council of Dublin, Ohio, met on Monday. Dublin will repave two roads, "
        "and Dublin residents can comment until May."
    )
    dublins = [p for p in nlp(text)._.places if p.text == "Dublin"]
    assert len(dublins) >= 2 and all(near(p, 40.10, -83.11, km=50) for p in dublins)


def test_a_county_takes_the_state_of_the_article_s_towns(nlp):
    # Many states have a Boone County; this one has Zionsville and Lebanon in it.
    text = (
        "Deputies in Boone County arrested two men on Tuesday. One lives in Zionsville, "
        "the other in Lebanon, and both were held in Indianapolis."
    )
    county = places(nlp, text)["Boone County"]
    assert county.admin1 == "Indiana"


def test_a_dateline_in_capitals_is_a_place(nlp):
    found = places(
        nlp,
        "Fire destroys barn.\nMANSFIELD, Ohio -- A barn burned down late Sunday, firefighters said.",
    )
    assert near(found["MANSFIELD"], 40.76, -82.52, km=50)


def test_a_lower_case_common_noun_after_a_town_keeps_the_town(nlp):
    # "Athens Center" would be a building; "Athens center" is the town's centre.
    found = places(nlp, "Donations are accepted at the Athens center, Georgia officials said.")
    assert "Athens" in found


def test_a_town_inside_an_organisation_after_a_hyphen_or_in(nlp):
    text = "Students from the Fargo-Moorhead area visited a Lutheran School in Lombard."
    found = places(nlp, text)
    assert "Moorhead" in found


def test_a_legislators_party_and_home_name_a_place(nlp):
    text = "The bill's sponsor, Ohio state Sen. Ann Marlow, D-Columbus, said it would pass."
    found = places(nlp, text)
    assert near(found["Columbus"], 39.96, -83.0, km=100)


def test_a_name_with_many_equally_likely_places_is_not_placed(nlp):
    # Eight sizeable Springfields and nothing to choose between them.
    found = places(nlp, "The mayor of Springfield said the budget would pass.")
    assert "Springfield" not in found or found["Springfield"].confidence >= 0.3
    # It is kept as a name not placed, with the readings that were weighed.
    springfield = places(nlp, "The mayor of Springfield said the budget would pass.", False)
    springfield = springfield["Springfield"]
    assert (springfield.lat, springfield.lon) == (None, None)
    assert springfield.reason.startswith("ambiguous") and len(springfield.candidates) >= 3


def test_each_name_in_a_list_of_counties_is_a_county(nlp):
    text = "Storms damaged barns in Otter Tail, Wilkin and Clay counties, Minnesota officials said."
    found = places(nlp, text)
    assert found["Otter Tail"].feature == "ADM2" and found["Otter Tail"].admin1 == "Minnesota"
    assert "Wilkin" in found


def test_a_demonym_heading_an_organisation_is_its_country_when_asked(nlp):
    from kronika.components.places import PlaceResolver

    doc = nlp("Farmers met the American Farmers Guild in Des Moines on Friday.")
    assert not any(p.text == "American" for p in doc._.places)  # not by default
    doc = PlaceResolver(demonyms=True, min_confidence=0.0, scan=True, gazetteer_path=None)(doc)
    assert any(p.text == "American" and p.country == "US" for p in doc._.places)


def test_a_region_the_ner_calls_loc_is_not_a_namesake_village(nlp):
    found = places(nlp, "Oil prices rose after new unrest in the Middle East this week.")
    east = found.get("Middle East")
    assert east is None or east.feature != "PPL"


def test_a_dateline_is_not_read_as_a_country_code(nlp):
    found = places(nlp, "Snow closes schools.\nST. PAUL, Minn. -- Schools closed on Monday.")
    paul = next(p for t, p in found.items() if "PAUL" in t)
    assert paul.country == "US"


def test_a_name_given_wholly_to_an_organisation_is_not_a_far_away_town(nlp):
    found = places(nlp, "The recall by Honda covers 5,000 cars.")
    assert "Honda" not in found  # a town in Colombia shares the name


def test_a_small_town_next_to_the_article_s_places_is_kept(nlp):
    text = (
        "Firefighters from Fergus Falls, Minn., were called to a barn fire in Elbow Lake on Sunday."
    )
    found = places(nlp, text)
    # A village of 1,000 the NER calls a LOC: kept because it lies in the state named.
    assert near(found["Elbow Lake"], 45.99, -95.98, km=50)
    assert found["Elbow Lake"].confidence <= 0.5


def test_the_capital_is_not_outvoted_by_the_article_s_state(nlp):
    # Georgia and Iowa have towns called Washington; a local story's "Washington" is the capital.
    text = (
        "Farmers from Ames and Ankeny, Iowa, will travel to Washington next week "
        "to meet lawmakers about the farm bill."
    )
    assert near(places(nlp, text)["Washington"], 38.90, -77.04, km=50)


def test_a_state_s_name_in_its_own_story_is_the_state(nlp):
    # A Minnesota village answers to "Minnesota" too; the state's votes are the state's.
    text = (
        "A barn burned near St. Cloud in central Minnesota on Saturday. Crews from "
        "Sauk Rapids and Waite Park helped, Minnesota officials said."
    )
    states = [p for p in nlp(text)._.places if p.text.endswith("Minnesota")]
    assert states and all(p.feature == "ADM1" for p in states)


def test_an_agency_named_after_a_state_is_not_a_street(nlp):
    found = places(nlp, "The crash was in Ocala, according to a Florida Highway Patrol report.")
    assert found["Florida"].feature == "ADM1"
    assert "Lincoln" not in places(nlp, "The shop on Lincoln Highway closed in May.")


def test_an_unknown_place_falls_back_to_the_state_the_article_is_in(nlp):
    text = (
        "Fire crews from Ames and Ankeny were sent to Zorgvastville on Sunday. "
        "Iowa officials said Ames and Ankeny crews worked through the night."
    )
    place = places(nlp, text)["Zorgvastville"]
    assert place.admin1 == "Iowa" and place.precision == 3 and place.confidence <= 0.3


def test_a_state_s_name_is_not_its_namesake_county(nlp):
    text = "Crews from Ames and Ankeny worked through the night, Iowa officials said."
    assert places(nlp, text)["Iowa"].feature == "ADM1"


def test_a_short_word_in_capitals_is_an_abbreviation_not_a_town(nlp):
    found = places(nlp, "Ministers met EU officials in Brussels on Monday.")
    assert "EU" not in found or found["EU"].feature != "PPL"


def test_a_less_populous_namesake_next_to_the_other_towns_wins(nlp):
    # Hanover, N.H. is only the fifth most populous Hanover in the US, but
    # Lebanon and Enfield lie beside it.
    text = (
        "A barn burned outside Hanover on Sunday. Crews came from Lebanon, Enfield and Norwich, Vt."
    )
    from kronika.components.places import PlaceResolver

    doc = PlaceResolver(False, 0.0, True, None)(nlp(text))  # the choice, however unsure
    (hanover,) = [p for p in doc._.places if p.text == "Hanover"]
    assert near(hanover, 43.70, -72.29, km=50)


def test_a_state_s_name_in_another_state_s_story_is_still_the_state(nlp):
    # Illinois has a village called Kansas; an Illinois story's "Kansas" is the state.
    text = (
        "Farmers near Peoria and Bloomington said the drought in Illinois was the worst "
        "since 1988. Growers in Kansas and Nebraska fared better, the Springfield office said."
    )
    kansas = places(nlp, text)["Kansas"]
    assert kansas.feature == "ADM1" and kansas.admin1 == "Kansas"


def test_an_area_the_packages_lack_is_known(nlp):
    found = places(nlp, "Troops moved into South Ossetia as talks in Geneva stalled.")
    assert near(found["South Ossetia"], 42.3, 44.0, km=50)


def test_a_bare_unknown_name_gets_no_country(nlp):
    # A country's centre is no guess of where an unknown town lies.
    text = "Protesters gathered in Zorgvastville on Sunday. Ukraine said little; Kyiv was quiet."
    assert "Zorgvastville" not in places(nlp, text)


def test_each_side_of_a_hyphenated_demonym_is_a_country(nlp):
    from kronika.components.places import PlaceResolver

    doc = PlaceResolver(True, 0.0, True, None)(nlp("A Russian-American crew reached the station."))
    assert {(p.text, p.country) for p in doc._.places} == {("Russian", "RU"), ("American", "US")}


def test_a_place_entity_named_after_a_known_place_gives_that_place(nlp):
    text = (
        "Two men were booked into the Lamar County Jail in Paris, Texas, and a third "
        "into the Greer City Hall holding cell in Greer, S.C."
    )
    found = places(nlp, text)
    lamar = [p for p in found.values() if p.text.startswith("Lamar")]
    assert lamar and all(p.feature == "ADM2" and p.admin1 == "Texas" for p in lamar)


def test_an_unknown_abbreviation_is_not_given_an_area(nlp):
    found = places(nlp, "Officials from the EU met Egyptian and Israeli envoys in Cairo.")
    assert "EU" not in found


def test_an_area_merely_listed_after_an_unknown_name_does_not_enclose_it(nlp):
    text = "Aid reached Zorgvastan and Egypt last week, officials in Cairo said."
    found = places(nlp, text)
    assert "Zorgvastan" not in found or found["Zorgvastan"].country != "EG"


def test_a_city_outweighs_a_smaller_region_of_its_name(nlp):
    # Gaza the city (400,000 people) over Gaza, a Mozambican province whose towns are fewer.
    found = places(nlp, "Aid convoys waited at the border before entering Gaza on Tuesday.")
    assert found["Gaza"].country == "PS"


def test_a_demonym_the_ner_calls_a_gpe_is_its_country_when_demonyms_count(nlp):
    from spacy.tokens import Span

    from kronika.components.places import PlaceResolver

    doc = nlp("Sri Lankan troops crossed the river on Monday.")
    doc.ents = [Span(doc, 0, 2, label="GPE")]
    doc = PlaceResolver(True, 0.0, True, None)(doc)
    assert [(p.text, p.country) for p in doc._.places] == [("Sri Lankan", "LK")]


def test_a_rare_country_code_is_not_the_country(nlp):
    found = places(nlp, "The ML team beat the visitors in Leeds, and the UK press cheered.")
    assert "ML" not in found
    assert found["UK"].country == "GB"
