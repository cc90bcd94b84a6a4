"""The words that say what kind of place a name is, per language.

Place recognition and resolution read these lists and nothing else that is
language-specific, so another language is one more :class:`PlaceWords`
in ``LEXICONS``. English is the only one so far.

A feature word ("the Oskil River", "the Kakhovka dam") says which GeoNames
features the name can be and, when the gazetteer has no such feature, whether
the town the feature is named after is a fair point for it (a dam or a port
is at its town; a river or a forest is not) — see docs/places.md.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Feature:
    """What a feature word means for resolution."""

    codes: frozenset[str]  # GeoNames feature codes the named place may have
    precision: int  # ACLED precision when the feature itself is found
    at_town: bool  # placed at the town of its name when the gazetteer lacks it
    # May the word follow the name outside it ("the Kakhovka dam")? Not "bank":
    # "two Indiana banks" are no river banks.
    after: bool = True


def _feature(codes: str, precision: int, at_town: bool, after: bool = True) -> Feature:
    return Feature(frozenset(codes.split()), precision, at_town, after)


@dataclass(frozen=True)
class PlaceWords:
    # After a name, the level of area it is: "Kursk region", "Donetsk oblast".
    region: frozenset[str]
    # The plural, after a list: "the Sumy, Chernihiv and Poltava regions".
    region_plural: frozenset[str]
    district: frozenset[str]
    town: frozenset[str]
    # Large areas the old rules knew ("the X peninsula"): placed in the
    # country the article names when the gazetteer lacks them.
    area: frozenset[str]
    features: dict[str, Feature]
    # A side or compass word: "the left bank", "the eastern front" name no place.
    sides: frozenset[str]
    # Words just before a name that make it a place in war reporting ("near X",
    # "toward X"): these are strong enough to keep an unknown name as unresolved.
    near_cues: frozenset[str]
    # Verbs whose object is a place: "drones hit X", "troops captured X".
    place_verbs: frozenset[str]
    # Nouns after "the X ...": "the Lyman direction", "the Bakhmut axis".
    front_words: frozenset[str]
    # "X-based", "X-born": the name says where someone is from, not where anything happened.
    origin_suffixes: frozenset[str]
    # "Russia's embassy", "the Ukrainian consulate": a mission, not a place of events.
    missions: frozenset[str]
    # "call sign X", "nicknamed X": a name, not a place (lowered, as written before it).
    callsign_cues: tuple[str, ...] = ()


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ENGLISH = PlaceWords(
    region=_words("region oblast province state krai kray republic governorate"),
    region_plural=_words("regions oblasts provinces krais governorates"),
    district=_words("district county raion parish municipality borough"),
    town=_words("city town village settlement hamlet suburb"),
    area=_words("peninsula valley mountains bay coast"),
    features={
        "river": _feature("STM STMS STMX STMI", 3, False),
        "bank": _feature("STM STMS", 2, False, after=False),
        "banks": _feature("STM STMS", 2, False, after=False),
        "island": _feature("ISL ISLS ISLET ISLF", 2, False),
        "islands": _feature("ISLS ISL", 3, False),
        "spit": _feature("SPIT PEN PT", 2, False),
        "reservoir": _feature("RSV LK", 3, False),
        "dam": _feature("DAM", 1, True),
        "bridge": _feature("BDG", 1, True),
        "plant": _feature("PS PSN PSH MFG", 1, True),
        "port": _feature("PRT HBR", 1, True),
        "airfield": _feature("AIRF AIRB AIRP", 1, True),
        "airport": _feature("AIRP AIRF", 1, True),
        "forest": _feature("FRST", 2, False),
        "heights": _feature("HGTS HLL HLLS", 2, False),
    },
    sides=_words(
        "left right east west north south eastern western northern southern central "
        "upper lower opposite near far"
    ),
    near_cues=_words("near outside toward towards outskirts around"),
    place_verbs=_words(
        "hit struck strike strikes shelled shell shelling pounded bombed bombarded attacked "
        "targeted captured seized took liberated recaptured retook encircled besieged "
        "stormed entered reached evacuated occupied held controlled annexed"
    ),
    front_words=_words("direction axis front sector salient outskirts area"),
    origin_suffixes=_words("based born raised headquartered registered"),
    missions=_words("embassy embassies consulate consulates mission"),
    callsign_cues=(
        "call sign",
        "call-sign",
        "callsign",
        "nicknamed",
        "nickname",
        "codenamed",
        "code name",
        "alias",
        "nom de guerre",
    ),  # fmt: skip
)

LEXICONS = {"en": ENGLISH}


def words(language: str = "en") -> PlaceWords:
    """The place words of ``language`` (English when there is none yet)."""
    return LEXICONS.get(language, ENGLISH)
