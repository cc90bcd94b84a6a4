"""The words around a place name that say what kind of place it is, whether it
is a place at all, and whether it stands for a government (metonymy)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.attrs import LOWER
from spacy.tokens import Doc, Span

from kronika.components import once, text_of
from kronika.components.places_lexicon import Feature, words

WORDS = words("en")

LOCATIVE = {
    "in", "at", "from", "to", "into", "near", "outside", "around", "across", "through",
    "throughout", "inside", "within", "via", "past", "beyond", "between", "along", "onto",
}  # fmt: skip
NEAR = {"near", "outside", "around", "close", "beyond"}
# A word after the name that says which level of area it is (places_lexicon).
REGION_WORDS = WORDS.region
DISTRICT_WORDS = WORDS.district
TOWN_WORDS = WORDS.town
AREA_WORDS = WORDS.area
FEATURES = WORDS.features
# "the Republic of X", "the battle of X": a place name follows.
OF_PLACE = {
    "republic": "region", "region": "region", "province": "region", "state": "region",
    "city": "town", "town": "town", "village": "town", "battle": "any", "siege": "any",
    "invasion": "any", "liberation": "any", "capture": "any", "outskirts": "any",
    "fall": "any", "people": "any", "government": "any", "county": "district",
    "regions": "region", "provinces": "region", "oblasts": "region",
}  # fmt: skip
# Words that look like places in title case but, alone, are not ones.
NOT_PLACES = {
    "west", "east", "north", "south", "the west", "the east", "midwest", "centre", "center",
    "mommy", "daddy", "god", "earth", "union", "federation", "republic", "state", "kremlin",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "college", "university", "church", "hospital", "school", "court",
}  # fmt: skip
# What a place entity the gazetteer lacks may be named after the place it
# starts with: "Lamar County Commissioners", "Greer City Hall", "Hamilton Township".
PLACE_HEADS = {
    "county", "co", "township", "city", "town", "village", "hall", "jail", "marina",
    "commissioners", "commission", "council", "court", "district", "sheriff", "sheriff's",
    "office", "police", "fire", "schools", "school", "parish", "borough",
}  # fmt: skip
NAMING_HEADS = {"county", "co", "parish", "borough"}  # part of the place's own name
# A name before one of these is a street or a building, not the town.
STREET_WORDS = {
    "street", "st", "avenue", "ave", "road", "rd", "drive", "dr", "boulevard", "blvd", "lane",
    "highway", "hwy", "way", "square", "park", "bridge", "hall", "center", "centre", "mall",
}  # fmt: skip


def street(span: Span) -> bool:
    """ "Athens Center" is a building; "at Athens center" is the town."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    word = doc[span.end]
    if not (word.text[:1].isupper() and word.lower_.rstrip(".") in STREET_WORDS):
        return False
    # "the Florida Highway Patrol": an organisation named after the place goes on.
    after = doc[span.end + 1] if span.end + 1 < len(doc) else None
    return not (after is not None and after.is_title and after.pos_ == "PROPN")


# Verbs a government does and a town does not.
MOTION_VERBS = {
    "advance",
    "move",
    "march",
    "head",
    "drive",
    "push",
    "fly",
    "travel",
    "go",
    "come",
    "retreat",
    "return",
    "flee",
}
METONYMIC_PREPS = {"against", "with", "towards", "toward", "by", "on", "over"}


def hint(span: Span) -> str | None:
    """'region', 'district', 'town', 'area', 'feature', 'any' or None, from the words around."""
    doc = span.doc
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    last = span[-1].lower_
    for word in (after, last):
        if word in REGION_WORDS:
            return "region"
        if word in DISTRICT_WORDS:
            return "district"
        if word in TOWN_WORDS:
            return "town"
        if word in AREA_WORDS:
            return "area"
    if feature(span) is not None:
        return "feature"
    if after == "," and _apposed_region(span):
        return "region"
    if span.start >= 2 and doc[span.start - 1].lower_ == "of":
        return OF_PLACE.get(doc[span.start - 2].lower_)
    return None


def locative(span: Span) -> bool:
    """Governed by a locative preposition: "in X", "near X"."""
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    return before in LOCATIVE or (
        before == "the" and span.start > 1 and doc[span.start - 2].lower_ in LOCATIVE
    )


def near(span: Span) -> bool:
    doc = span.doc
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    return before in NEAR or doc[max(0, span.start - 2) : span.start].text.lower() in {
        "close to",
        "outskirts of",
    }


def metonymic(span: Span) -> bool:
    """Does the name stand for those who govern there? "Moscow said", "fighting
    Moscow", "side with Kyiv", "Moscow's demands" — not "in Moscow"."""
    root = span.root
    if locative(span):
        return False
    if root.dep_ in {"nsubj", "nsubjpass", "poss"}:
        return root.head.lemma_ not in {"be", "lie", "sit", "stand"} or root.dep_ == "poss"
    if root.dep_ == "dobj":
        return root.head.lemma_ not in MOTION_VERBS | {
            "visit",
            "reach",
            "leave",
            "enter",
            "capture",
            "take",
            "liberate",
            "shell",
            "bomb",
            "attack",
            "strike",
            "hit",
        }
    if root.dep_ == "pobj" and root.head.lower_ in METONYMIC_PREPS:
        governor = root.head.head
        return not (governor.pos_ == "VERB" and governor.lemma_ in MOTION_VERBS)
    return False


DIRECTION_NAMES = {"east", "west", "north", "south"}
# Words that may stand between a name and its feature word: "the Zaporizhzhia
# nuclear power plant", "the Kherson International Airport".
_FEATURE_GAP = 2


def _apposed_region(span: Span) -> bool:
    """ "Donetsk, an eastern province": the apposition says region."""
    doc = span.doc
    for word in doc[span.end + 1 : min(span.end + 5, len(doc))]:
        if word.lower_ in REGION_WORDS:
            return True
        if not word.is_alpha:
            return False
    return False


# The text just after a name that may hold a feature word: a cheap test
# before the words are looked at one by one.
_FEATURE_AFTER = re.compile(
    rf"\s+(?:[a-z]+\s+){{0,{_FEATURE_GAP}}}(?:{'|'.join(sorted(FEATURES))})\b"
)


def feature(span: Span) -> tuple[str, Feature] | None:
    """The feature word that says what the name is: its own last word ("the
    Oskil River") or a word just after it ("the Kakhovka dam", "… nuclear
    power plant"), with what that word means."""
    last = span[-1].lower_
    if len(span) > 1 and last in FEATURES:
        return last, FEATURES[last]
    doc = span.doc
    if not _FEATURE_AFTER.match(text_of(doc), span.end_char):
        return None
    for i in range(span.end, min(span.end + _FEATURE_GAP + 1, len(doc))):
        word = doc[i]
        if word.is_title:  # "the Texas Forest Service": a longer name goes on
            return None
        if word.lower_ in FEATURES:
            found = FEATURES[word.lower_]
            named = i + 1 < len(doc) and doc[i + 1].lower_ == "of"  # "the North Sea port of X"
            return (word.lower_, found) if found.after and not named else None
        if not word.is_alpha or word.pos_ not in {"ADJ", "NOUN", "PROPN"}:
            return None
    return None


def only_feature(words: list[str]) -> bool:
    """ "Left Bank", "the River": a feature word with nothing but sides before it."""
    lowered = [w.lower() for w in words if w.lower() != "the"]
    sides = WORDS.sides - DIRECTION_NAMES  # "West Bank", "East Bank" are names
    return bool(lowered) and lowered[-1] in FEATURES and all(w in sides for w in lowered[:-1])


def cued(span: Span) -> bool:
    """War reporting's place cues: "near X", "toward X", "drones hit X",
    "the X direction"."""
    return cued_at(span.doc, span.start, span.end)


def cued_at(doc: Doc, start: int, end: int) -> bool:
    """:func:`cued` for the words [start, end), read from word indexes."""
    cues = _cue_words(doc)
    opened = start - 1 in cues.the
    i = start - 2 if opened else start - 1
    return i in cues.before or (opened and end in cues.front)


def locative_at(doc: Doc, start: int) -> bool:
    cues = _cue_words(doc)
    return start - 1 in cues.locative or (start - 1 in cues.the and start - 2 in cues.locative)


@dataclass
class _Cues:
    """Where a document's cue words stand (word indexes), found once from its
    lower-case array: the rules ask of every candidate name."""

    the: set[int]
    before: set[int]
    front: set[int]
    locative: set[int]


def _cue_words(doc: Doc) -> _Cues:
    return once(doc, "place_cues", _find_cues)


def _find_cues(doc: Doc) -> _Cues:
    lower = doc.to_array(LOWER).tolist()
    strings = doc.vocab.strings

    def at(words) -> set[int]:
        wanted = {strings.add(w) for w in words}
        return {i for i, h in enumerate(lower) if h in wanted}

    return _Cues(
        at({"the"}), at(WORDS.near_cues | WORDS.place_verbs), at(WORDS.front_words), at(LOCATIVE)
    )


def callsign(span: Span, text: str) -> bool:
    """ "call sign Odesa", "nicknamed 'Sumy'": a name, not a place."""
    before = text[max(0, span.start_char - 20) : span.start_char].lower().rstrip(" \"'“‘«:")
    return before.endswith(WORDS.callsign_cues)


def role(span: Span) -> str | None:
    """ "London-based", "Kherson-born" (origin); "Russia's embassy" (mission):
    named, but not where anything in the sentence happened."""
    doc = span.doc
    tail = text_of(doc)[span.end_char : span.end_char + 24].lower()
    if not tail.startswith("-") and not any(w in tail for w in WORDS.missions):
        return None  # the common case, read from the text alone
    j = span.end
    if j + 1 < len(doc) and doc[j].text == "-" and doc[j + 1].lower_ in WORDS.origin_suffixes:
        return "origin"
    if j < len(doc) and doc[j].text in {"'s", "’s"}:
        j += 1
    for k in range(j, min(j + 2, len(doc))):
        if doc[k].lower_ in WORDS.missions:
            return "mission"
        if not doc[k].is_alpha:
            break
    return None
