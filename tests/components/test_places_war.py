"""Places on front-line reporting: towns at town level, regions only when the
text says region, features, cues spaCy misses, and names kept when the
gazetteer cannot place them. The sentences are written for these tests."""

from __future__ import annotations

import pytest
from test_places import places

from kronika.components.places_coordinates import coordinates


def test_a_bare_oblast_centre_is_the_city(nlp):
    found = places(nlp, "A Russian missile hit a school in Sumy on Monday, officials in Kyiv said.")
    assert (found["Sumy"].feature, found["Sumy"].precision) == ("PPL", 1)


def test_the_region_is_the_region_when_the_text_says_so(nlp):
    text = "Shelling was reported across the Sumy, Chernihiv and Poltava regions of Ukraine."
    found = places(nlp, text)
    assert {found[n].feature for n in ("Sumy", "Chernihiv", "Poltava")} == {"ADM1"}
    found = places(nlp, "Drones struck an airfield in the Kursk region of Russia overnight.")
    assert next(p for t, p in found.items() if t.startswith("Kursk")).feature == "ADM1"


def test_a_dateline_is_the_city_and_an_apposition_can_say_province(nlp):
    found = places(nlp, "POLTAVA, Ukraine — Sirens sounded at dawn.")
    assert found["POLTAVA"].feature == "PPL"
    text = "Fighting grew in Donetsk, an eastern province, after Russia took Luhansk Province."
    assert places(nlp, text)["Donetsk"].feature == "ADM1"


def test_cues_of_war_reporting_find_names_the_ner_misses(nlp):
    found = places(nlp, "Russian drones hit Odesa overnight, and fighting went on near Pokrovsk.")
    assert found["Odesa"].country == "UA"
    assert found["Pokrovsk"].precision == 2  # near a town
    assert found["Pokrovsk"].country == "UA"  # not Engels, a former name


def test_a_feature_at_its_town_and_a_feature_the_gazetteer_lacks(nlp):
    found = places(nlp, "Ukraine said the Kakhovka dam in the Kherson region was blown up.")
    assert (found["Kakhovka"].precision, found["Kakhovka"].feature) == (2, "PPL")
    assert "dam" in found["Kakhovka"].reason
    text = "Ukrainian troops crossed the Oskil River east of Kharkiv, the army said."
    river = places(nlp, text, resolved=False)["Oskil River"]  # never the centre of Ukraine
    assert (river.lat, river.lon, river.reason) == (None, None, "not in the gazetteer")


def test_origins_missions_and_call_signs_are_not_where_things_happen(nlp):
    text = "A London-based monitor said Russia's embassy in Kyiv was shut. A soldier, call sign Odesa, spoke."
    found = places(nlp, text)
    assert found["London"].role == "origin"
    assert found["Russia"].role == "mission"
    assert found["Kyiv"].role is None
    assert "Odesa" not in found and "Odesa" not in places(nlp, text, resolved=False)


def test_a_name_that_exists_many_times_is_kept_with_its_candidates(nlp):
    text = "Shelling continued near Pervomaiske, a village, the governor said in Kyiv."
    found = places(nlp, text) | places(nlp, text, resolved=False)
    village = found["Pervomaiske"]
    assert village.resolved or village.candidates  # placed, or shown with what was weighed


@pytest.mark.parametrize(
    "text, lat, lon",
    [
        ("The strike was at 48.5N 37.9E, the army said.", 48.5, 37.9),
        ("Coordinates: 47°05′N 37°33′E.", 47.0833, 37.55),
        ("at coordinates 46.63, 32.61 on the map", 46.63, 32.61),
    ],
)
def test_coordinates_in_the_text_are_a_place(text, lat, lon):
    (place,) = coordinates(text)
    assert (round(place.lat, 3), round(place.lon, 3)) == (round(lat, 3), round(lon, 3))
    assert text[place.start : place.end] == place.text


def test_an_article_naming_a_hundred_villages_is_read_in_one_pass(nlp):
    names = [f"Zorivka{chr(97 + i % 26)}{chr(97 + i // 26)}" for i in range(100)]
    text = "Russian forces shelled " + ", ".join(names) + " in the Kharkiv region."
    doc = nlp(text)
    assert any(p.feature == "ADM1" for p in doc._.places)
    assert len(doc._.places) <= 102  # every name at most once, none invented
