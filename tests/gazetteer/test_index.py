"""The offline gazetteer: built once from registry packages, then opened fast.

The first test session on a machine builds the index (about a minute); later
ones reuse it from the cache directory.
"""

from __future__ import annotations

import time

import pytest

from kronika.gazetteer.geo import distance_km
from kronika.gazetteer.index import Gazetteer, cache_dir, default, default_path
from kronika.gazetteer.records import DEMONYM, PRIMARY


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return default()


def test_cache_directory_can_be_chosen(monkeypatch, tmp_path):
    monkeypatch.setenv("KRONIKA_CACHE", str(tmp_path))
    assert cache_dir() == tmp_path
    assert default_path().parent == tmp_path


def test_a_built_index_loads_in_under_a_second(gazetteer):
    started = time.perf_counter()
    fresh = Gazetteer(gazetteer.path, build=False)
    fresh.lookup("Lviv")
    assert time.perf_counter() - started < 1.0
    assert gazetteer.path.stat().st_size < 300 * 1024 * 1024


def _nearest(gazetteer, name, lat, lon):
    return min(distance_km(e.lat, e.lon, lat, lon) for e, _ in gazetteer.lookup(name))


def test_towns_are_found_under_their_transliterations(gazetteer):
    # Kramatorsk is at 48.72 N, 37.56 E.
    for spelling in ("Kramatorsk", "Краматорськ", "Краматорск"):
        assert _nearest(gazetteer, spelling, 48.72, 37.56) < 20


def test_first_level_regions_have_coordinates(gazetteer):
    # Zaporizhzhia oblast lies around 47.5 N, 35.5 E.
    regions = [e for e, _ in gazetteer.lookup("Zaporizhzhia") if e.feature == "ADM1"]
    assert regions and distance_km(regions[0].lat, regions[0].lon, 47.5, 35.5) < 161


def test_countries_come_with_codes_and_demonyms(gazetteer):
    countries = {e.country for e, _ in gazetteer.lookup("Poland") if e.feature == "PCLI"}
    assert countries == {"PL"}
    assert any(kind == DEMONYM and e.country == "PL" for e, kind in gazetteer.lookup("Polish"))
    assert any(e.country == "US" for e, _ in gazetteer.lookup("U.S."))


def test_unknown_names_find_nothing(gazetteer):
    assert gazetteer.lookup("Qwzrtplace") == []


def test_the_united_states_sits_at_geonames_point(gazetteer):
    # GeoNames (and the datasets scored against it) put the country at 39.76 N, 98.5 W.
    (us,) = {e.id: e for e, _ in gazetteer.lookup("United States") if e.feature == "PCLI"}.values()
    assert distance_km(us.lat, us.lon, 39.76, -98.5) < 50
    assert any(e.id == us.id for e, _ in gazetteer.lookup("America"))


def test_a_region_is_not_named_after_a_longer_namesake(gazetteer):
    # "Virginia" is a subset of "West Virginia": each state keeps its own name.
    states = {e.name: e for e, _ in gazetteer.lookup("Virginia") if e.feature == "ADM1"}
    assert "Virginia" in states and states["Virginia"].admin1 == "Virginia"
    west = [e for e, _ in gazetteer.lookup("West Virginia") if e.feature == "ADM1"]
    assert (
        len({e.id for e in west}) == 1 and distance_km(west[0].lat, west[0].lon, 38.6, -80.6) < 161
    )


def test_a_subdivision_does_not_take_a_name_another_one_has(gazetteer):
    # The District of Columbia is also called "Washington"; the state keeps that name.
    named = {e.id: e for e, _ in gazetteer.lookup("Washington") if e.name == "Washington"}
    (state,) = [e for e in named.values() if e.feature == "ADM1"]
    assert state.lat > 45  # the state in the north-west, not the District
    dc = [e for e, _ in gazetteer.lookup("District of Columbia") if e.feature == "ADM1"]
    assert dc and dc[0].name != "Washington"


def test_everyday_names_of_countries(gazetteer):
    assert any(e.country == "GB" and e.feature == "PCLI" for e, _ in gazetteer.lookup("Britain"))
    assert any(e.country == "RU" for e, _ in gazetteer.lookup("Soviet Union"))


def test_well_known_areas_of_conflict_news(gazetteer):
    (area,) = {e.id: e for e, _ in gazetteer.lookup("South Ossetia")}.values()
    assert area.country == "GE" and area.is_area and area.precision == 3
    assert any(e.country == "UA" for e, _ in gazetteer.lookup("Donbass"))


def test_everyday_demonyms_the_packages_lack(gazetteer):
    assert any(k == DEMONYM and e.country == "SA" for e, k in gazetteer.lookup("Saudis"))
    assert any(k == DEMONYM and e.is_area for e, k in gazetteer.lookup("South Ossetian"))
    assert any(k == DEMONYM and e.feature == "ADM1" for e, k in gazetteer.lookup("Chechen"))


def test_an_abbreviated_name_matches_the_place_s_own_name(gazetteer):
    assert any(k == PRIMARY and e.country == "RU" for e, k in gazetteer.lookup("St. Petersburg"))
