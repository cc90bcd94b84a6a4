"""Choosing one gazetteer entry per place mention.

Each candidate gets a score from priors (population, feature, how its name was
matched, what the context says it is) and then from the document: places in
a country or first-level region the article talks about, and places near
the article's other confident places, gain. Confidence is the winner's share
of the probability mass, so an ambiguous name never comes out confident.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field

from kronika.gazetteer.geo import distance_km
from kronika.gazetteer.records import ALTERNATE, CODE, DEMONYM, PRIMARY, Entry

FEATURE_PRIOR = {"PCLI": 4.0, "CONT": 3.0, "PPLC": 2.5, "ADM1": 1.5, "PPL": 0.0, "ADM2": -1.0}
KIND_PRIOR = {PRIMARY: 1.5, ALTERNATE: -1.0, CODE: 3.0, DEMONYM: 3.0}
# Population matters, but less than what the article says about where it is.
POPULATION_WEIGHT = 0.6
AGREE_KM = 161.0
# A name a city this large bears is not foremost a region's ("Alexandria").
CITY = 100_000
ANY = "*"
COUNTRY_WEIGHT = 7.0
THEATRE_WEIGHT = 0.2  # a people the article names ("Russian"), per country
ROLE_WEIGHT = 0.1  # a name that is no place of events ("London-based")
REGION_BONUS = 3.5
# The share of the article's other names lying in the same first-level region
# (a county and a town of one state), as COUNTRY_WEIGHT is for countries.
STATE_WEIGHT = 5.0
ROUNDS = 2  # context read from priors, then from the first round's winners
TOP_K = 8  # readings per name considered for map coherence
NEIGHBOUR_WEIGHT = 3.0
NEIGHBOUR_CAP = 3.0
CLOSE_KM, NEAR_KM = 60.0, 150.0  # a neighbour counts fully, then half
KM_PER_DEGREE = 111.0  # of latitude
HINT_FEATURES = {
    "region": {"ADM1"},
    "district": {"ADM2", "ADM3", "ADMD"},
    "town": {"PPL", "PPLC", "PPLA", "PPLA2", "PPLX"},
}


@dataclass
class Mention:
    """A place name in the text and the entries it could be."""

    start: int
    end: int
    text: str
    candidates: list[tuple[Entry, int]]
    hint: str | None = None
    ner: bool = False
    within: Mention | None = None  # "Alexandria, Louisiana": the area after the comma
    contains: Mention | None = None  # and, seen from the area, the town before it
    local: bool = False  # a small town, kept only next to the article's other places
    strong: bool = False  # the text uses it as a place: kept as unresolved if not placed
    precision: int | None = None  # set by a feature word ("the X dam": 1, at its town: 2)
    reason: str | None = None  # how a feature was placed ("at the town of its name")
    role: str | None = None  # "origin", "mission", "name": see places_context.role
    _regions: set[tuple[str | None, str | None]] | None = field(default=None, repr=False)
    _areas: set[str | None] | None = field(default=None, repr=False)

    def names_area(self, country: str | None) -> bool:
        """Is this the very name of a country, or of a first-level region of
        ``country`` ("Kansas" for the US), rather than of a city?"""
        if self._areas is None:
            own = [e for e, k in self.candidates if k == PRIMARY]
            city = any(e.feature.startswith("PPL") and e.population >= CITY for e in own)
            self._areas = (
                set()
                if city
                else {
                    ANY if e.feature.startswith("PCL") else e.country
                    for e in own
                    if e.feature == "ADM1" or e.feature.startswith("PCL")
                }
            )
        return ANY in self._areas or country in self._areas

    def regions(self) -> set[tuple[str | None, str | None]]:
        """The first-level regions this name can itself be ("Minnesota")."""
        if self._regions is None:
            self._regions = {
                (e.country, e.admin1) for e, _ in self.candidates if e.feature == "ADM1"
            }
        return self._regions

    scores: list[float] = field(default_factory=list)

    def best(self) -> tuple[Entry, float] | None:
        if not self.candidates:
            return None
        i = max(range(len(self.scores)), key=self.scores.__getitem__)
        winner = self.candidates[i][0]
        # Candidates close to the winner (a city and its region) agree with it.
        agree = [
            j
            for j, (e, _) in enumerate(self.candidates)
            if j == i or distance_km(e.lat, e.lon, winner.lat, winner.lon) < AGREE_KM
        ]
        return winner, _share(self.scores, agree)


def prior(entry: Entry, kind: int, mention: Mention) -> float:
    score = POPULATION_WEIGHT * math.log10(entry.population + 10) + FEATURE_PRIOR.get(
        entry.feature, -0.5
    )
    if entry.feature == "ADM1" and entry.population < _largest_town(mention):
        # A region whose towns together are smaller than a city of its name
        # (Gaza the province, Portland the parish) is not the likelier reading.
        score -= FEATURE_PRIOR["ADM1"]
    score += KIND_PRIOR.get(kind, 0.0)
    wanted = HINT_FEATURES.get(mention.hint or "")
    if wanted:
        score += 4.0 if entry.feature in wanted else -1.0
    if mention.hint == "area" and entry.feature.startswith("PPL"):
        score -= 3.0  # "the X peninsula" is not the town called X
    return score


def _largest_town(mention: Mention) -> int:
    return max(
        (e.population for e, k in mention.candidates if k == PRIMARY and e.precision == 1),
        default=0,
    )


def resolve(mentions: list[Mention], theatre: list[Entry] | None = None) -> None:
    """Score every candidate of every mention: priors, then the document read
    twice (a "Georgia" first read as the country may turn out to be the state
    once the article's towns have voted). ``theatre``: countries the article
    is about without naming them as places ("Russian politicians")."""
    priors = [[prior(e, k, m) for e, k in m.candidates] for m in mentions]
    for m, p in zip(mentions, priors, strict=True):
        m.scores = list(p)
    for _ in range(ROUNDS):
        context = Context.of(mentions, theatre or [])
        near = _neighbours(mentions)
        for m, p in zip(mentions, priors, strict=True):
            m.scores = [
                s + context.bonus(e, m) + NEIGHBOUR_WEIGHT * near.get((m.text, e.id), 0.0)
                for s, (e, _) in zip(p, m.candidates, strict=True)
            ]
    _one_sense(mentions)


def _one_sense(mentions: list[Mention]) -> None:
    """One name, one place per article: every "Dublin" takes the reading the
    best-placed of them supports ("Dublin, Ohio" once settles the others)."""
    groups: dict[tuple, list[Mention]] = {}
    for m in mentions:
        ids = tuple(e.id for e, _ in m.candidates)
        groups.setdefault((m.text.lower(), ids), []).append(m)
    for group in groups.values():
        if len(group) > 1:
            best = [max(col) for col in zip(*(m.scores for m in group), strict=True)]
            for m in group:
                m.scores = list(best)


def _neighbours(mentions: list[Mention]) -> dict[tuple[str, int], float]:
    """For each (name, candidate): how many of the article's other names have a
    plausible reading close to it. Towns of one local story cluster on the map;
    this picks the Charleston among the other places the article names."""
    tops: dict[str, list[tuple[Entry, float]]] = {}
    for m in mentions:
        if m.text in tops or not m.candidates:
            continue
        order = sorted(range(len(m.scores)), key=lambda i: -m.scores[i])[:TOP_K]
        weights = [math.exp(m.scores[i] - m.scores[order[0]]) for i in order]
        total = sum(weights)
        tops[m.text] = [
            (m.candidates[i][0], w / total) for i, w in zip(order, weights, strict=True)
        ]
    # The others' readings that can be anyone's neighbour (towns and counties;
    # regions count through Context, and capitals are named for their
    # governments as often as for their streets), sorted by latitude so each
    # reading looks only at those within NEAR_KM north or south of it.
    points = sorted(
        (e.lat, e.lon, text, w)
        for text, readings in tops.items()
        for e, w in readings
        if e.precision < 3 and e.feature != "PPLC"
    )
    lats = [p[0] for p in points]
    band = NEAR_KM / KM_PER_DEGREE
    support: dict[tuple[str, int], float] = {}
    for m in mentions:
        # Every reading of every name is supported (the neighbours' choice of
        # "Hanover" may be its fifth most populous).
        for entry, _ in m.candidates:
            key = (m.text, entry.id)
            if entry.precision == 3 or key in support:  # regions and countries: see Context
                continue
            best: dict[str, float] = {}
            lo = bisect.bisect_left(lats, entry.lat - band)
            hi = bisect.bisect_right(lats, entry.lat + band)
            for lat, lon, other, w in points[lo:hi]:
                if other == m.text:
                    continue
                km = _km(entry.lat, entry.lon, lat, lon)
                near = w * (1.0 if km < CLOSE_KM else 0.5 if km < NEAR_KM else 0.0)
                if near > best.get(other, 0.0):
                    best[other] = near
            support[key] = min(sum(best.values()), NEIGHBOUR_CAP)
    return support


def _fast_km(a: Entry, b: Entry) -> float:
    return _km(a.lat, a.lon, b.lat, b.lon)


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    # Equirectangular: plenty for "is it within a few hundred km", and cheap.
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


@dataclass
class Vote:
    """One distinct name's say: its winner, and where its readings' probability
    mass lies (an ambiguous "Columbus" is still surely American)."""

    winner: Entry
    weight: float
    countries: dict[str, float]
    regions: dict[tuple[str, str], float]


@dataclass
class Context:
    """What the article's names say about where it is. Each distinct name
    votes once (twenty "Dublin"s are one vote), and a name never votes for
    itself: its context is the *other* names."""

    votes: dict[str, Vote]
    # Sums over every vote, so a name's context is the total minus its own vote.
    weight: float = 0.0
    countries: dict[str, float] = field(default_factory=dict)
    regions: dict[tuple[str, str], float] = field(default_factory=dict)
    named_regions: dict[tuple[str | None, str | None], int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for v in self.votes.values():
            self.weight += v.weight
            for cc, p in v.countries.items():
                self.countries[cc] = self.countries.get(cc, 0.0) + v.weight * p
            for key, p in v.regions.items():
                self.regions[key] = self.regions.get(key, 0.0) + v.weight * p
            if v.winner.feature == "ADM1":
                key = (v.winner.country, v.winner.admin1)
                self.named_regions[key] = self.named_regions.get(key, 0) + 1

    @classmethod
    def of(cls, mentions: list[Mention], theatre: list[Entry] | None = None) -> Context:
        # A people the article names votes for its country, softly (a key no
        # mention's text can be, so it never votes against itself).
        votes: dict[str, Vote] = {
            f"\0{e.country}": Vote(e, THEATRE_WEIGHT, {e.country: 1.0}, {})
            for e in theatre or []
            if e.country
        }
        for m in mentions:
            if m.text in votes or not m.candidates:
                continue
            top = max(m.scores)
            mass = [math.exp(s - top) for s in m.scores]
            total = sum(mass)
            countries: dict[str, float] = {}
            regions: dict[tuple[str, str], float] = {}
            for (e, _), w in zip(m.candidates, mass, strict=True):
                if e.country:
                    countries[e.country] = countries.get(e.country, 0.0) + w / total
                    if e.admin1:
                        key = (e.country, e.admin1)
                        regions[key] = regions.get(key, 0.0) + w / total
            winner = m.candidates[mass.index(1.0)][0]
            # Names the NER saw as places speak louder than capitalised words
            # found by scanning; "London-based", "Russia's embassy" hardly at all.
            # (An organisation named after its town, "the Athens Police", still says where.)
            weight = ROLE_WEIGHT if m.role in {"origin", "mission"} else 1.0 if m.ner else 0.3
            votes[m.text] = Vote(winner, weight, countries, regions)
        return cls(votes)

    def bonus(self, entry: Entry, mention: Mention) -> float:
        own = self.votes.get(mention.text)
        total = (self.weight - (own.weight if own else 0.0)) or 1.0
        bonus = same = 0.0
        if entry.country:
            same = self.countries.get(entry.country, 0.0)
            if own:
                same -= own.weight * own.countries.get(entry.country, 0.0)
            bonus += COUNTRY_WEIGHT * same / total
        region = (entry.country, entry.admin1)
        if entry.precision < 3 and entry.feature != "PPLC" and mention.names_area(entry.country):
            # "Kansas" in an Illinois story is the state, not the Illinois
            # village of Kansas, and "Minnesota" in a Minnesota story is not
            # Minneota, which answers to it too: the state's votes belong to
            # the state; a town needs its own link ("Kansas, Ill.") or neighbours.
            return bonus + self._links(entry, mention)
        if entry.feature == "PPLC":
            # The capital is the whole country's ("Washington" in a local
            # paper is the federal government's): it shares every state's vote.
            bonus += STATE_WEIGHT * same / total
        elif entry.admin1 and entry.precision < 3:  # towns and counties
            state = self.regions.get(region, 0.0)
            if own:
                state -= own.weight * own.regions.get(region, 0.0)
            bonus += STATE_WEIGHT * state / total
        named = self.named_regions.get(region, 0)
        if own and own.winner.feature == "ADM1":
            named -= (own.winner.country, own.winner.admin1) == region
        if entry.feature == "PPLC":  # and every region its country's
            named = sum(n for (cc, _), n in self.named_regions.items() if cc == entry.country)
            if own and own.winner.feature == "ADM1":
                named -= own.winner.country == entry.country
        if (entry.admin1 or entry.feature == "PPLC") and named > 0:
            bonus += REGION_BONUS
        return bonus + self._links(entry, mention)

    @staticmethod
    def _links(entry: Entry, mention: Mention) -> float:
        """ "X, Y": the town in the area after the comma, the area with the town before."""
        bonus = 0.0
        if mention.within is not None:
            bonus += 6.0 if _inside_any(entry, mention.within) else -2.0
        if mention.contains is not None and any(
            _inside(e, entry) for e, _ in mention.contains.candidates
        ):
            bonus += 4.0
        return bonus


def _inside_any(entry: Entry, area: Mention) -> bool:
    """Could ``entry`` lie in any reading of the area mention?"""
    return any(_inside(entry, outer) for outer, _ in area.candidates if outer.is_area)


def _inside(entry: Entry, outer: Entry) -> bool:
    if not outer.is_area or entry.id == outer.id:
        return False
    if outer.feature.startswith("PCL"):
        return entry.country == outer.country
    return entry.country == outer.country and entry.admin1 == outer.admin1


def _share(scores: list[float], chosen: list[int]) -> float:
    top = max(scores)
    weights = [math.exp(s - top) for s in scores]
    return sum(weights[j] for j in chosen) / sum(weights)
