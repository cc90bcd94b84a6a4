"""``kronika_places``: place names resolved to gazetteer entries with
coordinates, filling ``doc._.places`` with :class:`kronika.records.Place`.

Candidates come from the corrected entities (GPE, LOC; NORP demonyms when
asked) and from capitalised words that the gazetteer knows and the context
marks as places ("in X", "X region"), so a town the NER calls a PERSON is
still found. See :mod:`kronika.components.places_resolve` for the choice of
entry, and docs/places.md for the decisions.
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher

import numpy
from spacy.attrs import IDX, IS_ALPHA, IS_ASCII, IS_TITLE, LENGTH, LOWER, POS, SENT_START
from spacy.language import Language
from spacy.symbols import ADJ, NOUN, PROPN
from spacy.tokens import Doc, Span

from kronika.components import places_context as ctx
from kronika.components import register_extensions, text_of
from kronika.components.places_coordinates import coordinates
from kronika.components.places_lexicon import Feature
from kronika.components.places_marked import COUNTY_LIST, DATELINE, MARKS, REGION_LIST, marked
from kronika.components.places_resolve import Mention, _fast_km, resolve
from kronika.gazetteer.index import Gazetteer, default
from kronika.gazetteer.normalize import fold
from kronika.gazetteer.records import CODE, DEMONYM, PRIMARY, Entry
from kronika.records import Place

PLACE_LABELS = ("GPE", "LOC")
# Organisations named after a place ("the Texas Department of Transportation",
# "the University of Alexandria") say where they are: the place is a mention.
NESTING_LABELS = {"ORG", "FAC", "UNIT"}
NESTED = "NESTED_PLACE"
# Other names that may start with a place ("Dublin Mayor …", "The Dublin
# Singers"): kept only when the article names that place on its own.
NAMING_LABELS = {"PERSON", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"}
NESTED_AGREED = "NESTED_AGREED_PLACE"
# "Kyiv said": the NER (and kronika_entities) call a speaking capital a PERSON.
SPEAKING = "SPEAKING_PLACE"
# A name the NER calls a person, an organisation or a people but whose words
# around say place: "drones hit X overnight", "near X", "in X" (a NORP "X").
CUED = "CUED_PLACE"
CUED_LABELS = {"PERSON", "ORG", "NORP", "UNIT"}
CUED_WORDS = 2  # a longer PERSON is a full name, not a mistyped town
# The spans a feature word can be about: not a part of an organisation's name
# ("the Texas Forest Service") nor a people ("a Ukrainian port").
FEATURE_LABELS = {"GPE", "LOC", "FAC", "", CUED}
AGREED = "AGREED_PLACE"
DIRECTIONS = {
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    "northern", "southern", "eastern", "western", "central", "upstate", "downtown",
}  # fmt: skip
OTHER_LABELS = {
    "PERSON",
    "ORG",
    "UNIT",
    "NORP",
    "DATE",
    "TIME",
    "MONEY",
    "CARDINAL",
    "ORDINAL",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "PRODUCT",
}
# Below this, a name found without the NER calling it a place (or one it calls
# a LOC, a region) is more likely something else than the village.
SMALL_TOWN = 5000
# ... unless one of its namesakes lies this close to a place the article is sure of.
LOCAL_KM = 40.0
LOCAL_SURE = 0.5
# "East Texas", "north Dallas": the name after a compass word is a region or
# a city with quarters, not any town that happens to share it.
PART_OF_CITY = 100_000
# Below this the winner is one of three or more equally likely places (a lone
# "Springfield"): the name is not placed. Fallback areas are capped at this, so
# one survives only when its sentence names the area or the article's sure
# places all lie in it. (Chosen on LGL: see docs/places.md.)
MIN_CONFIDENCE = 0.3
FALLBACK = MIN_CONFIDENCE  # the most a guessed enclosing area is sure of
# The country codes English text uses as names (folded); the others ("ML",
# "ST", "NL") are far more often something else.
COUNTRY_CODES = {"us", "usa", "uk", "uae", "drc", "prc", "dprk", "rok", "ussr"}
_PUTS_IN = re.compile(r"^\W*,|\b(?:in|of|near|outside)\b", re.IGNORECASE)
_TRAILING = re.compile(r"(?:['’]s|['’])$")
_CYRILLIC_NAME = re.compile(r"^[А-ЯЁЇІЄҐ][а-яёїієґ'’-]+$")
# The capitals _CYRILLIC_NAME opens with: a cheap test before the expression.
_CYRILLIC_CAPITALS = {chr(c) for c in range(ord("А"), ord("Я") + 1)} | set("ЁЇІЄҐ")
_AGREEING = OTHER_LABELS - {"NORP"}
_TAKEN = OTHER_LABELS | set(PLACE_LABELS)


@Language.factory(
    "kronika_places",
    default_config={
        "demonyms": False,
        "min_confidence": MIN_CONFIDENCE,
        "scan": True,
        "gazetteer_path": None,
    },
)
def make_places(
    nlp: Language,
    name: str,
    demonyms: bool,
    min_confidence: float,
    scan: bool,
    gazetteer_path: str | None,
):
    return PlaceResolver(demonyms, min_confidence, scan, gazetteer_path)


class PlaceResolver:
    def __init__(
        self, demonyms: bool, min_confidence: float, scan: bool, gazetteer_path: str | None
    ):
        register_extensions()
        self.demonyms = demonyms
        self.min_confidence = min_confidence
        self.scan = scan
        self.gazetteer: Gazetteer = Gazetteer(gazetteer_path) if gazetteer_path else default()

    def __call__(self, doc: Doc) -> Doc:
        ents = doc.ents  # each read of doc.ents builds every entity's Span anew
        read = _Reading(doc, ents, text_of(doc))
        spans = self._spans(doc, ents, read)
        norp = doc.vocab.strings["NORP"]
        peoples = {e.text for e in ents if e.label == norp}
        names = _Names(self.gazetteer, {text for _, text in spans} | peoples)
        named = {text for s, text in spans if s.label_ in PLACE_LABELS}
        mentions, unknown, unplaced = [], [], []
        for span, text in spans:
            mention = self._mention(span, text, names, named, read)
            if mention is None:
                unknown.append(span)
            elif mention.candidates:
                nested = span.label_ in {NESTED, NESTED_AGREED}
                mention.role = ctx.role(span) or ("name" if nested else None)
                mentions.append(mention)
        mentions = _without_overlaps(mentions)
        local = [m for m in mentions if m.local]
        mentions = [m for m in mentions if not m.local]
        _link_within(text_of(doc), mentions)
        resolve(mentions, _theatre(peoples - {m.text for m in mentions}, names))
        bests = [m.best() for m in mentions]
        resolved = [(m, best) for m, best in zip(mentions, bests, strict=True) if best is not None]
        places, unsure = [], []
        for m, best in zip(mentions, bests, strict=True):
            p = self._place(doc, m, best)
            if p is not None and p.confidence >= self.min_confidence:
                places.append(p)
            elif m.strong:
                unsure.append(m)  # one of several equally likely places: kept unresolved
        for m in local:
            p = self._local(doc, m, resolved)
            if p is not None:
                places.append(p)
            elif m.strong:
                unsure.append(m)
        # A guessed enclosing area is never sure (at most FALLBACK); one is kept
        # when the name says what it is ("the X peninsula") or the guess is whole.
        for span in unknown:
            if any(m.start < span.end_char and span.start_char < m.end for m in mentions):
                continue  # a known name inside it is placed
            p = _fallback(span, resolved)
            if p is not None and (ctx.hint(span) or p.confidence >= self.min_confidence):
                places.append(p)
            elif _NAME_LIKE.match(span.text):
                unplaced.append(Mention(span.start_char, span.end_char, span.text, []))
        places += [_unresolved(m, _UNKNOWN) for m in unplaced]
        places += [_unresolved(m, _AMBIGUOUS) for m in unsure]
        places += coordinates(text_of(doc))
        doc._.places = _one_per_stretch(places)
        return doc

    def _spans(self, doc: Doc, ents: tuple[Span, ...], read: _Reading) -> list[tuple[Span, str]]:
        """The spans that may name places, each with its text."""
        labels = set(PLACE_LABELS) | ({"NORP"} if self.demonyms else set())
        labelled = [(e, e.label_) for e in ents]  # each label_ is a string-store lookup
        own = [e for e, label in labelled if label in labels]
        spans = [_trim(e) for e in own]
        # "Russian-American", "Israeli-Egyptian": each side of the hyphen.
        spans += [s for e in own for s in _hyphen_parts(e)]
        # One name, one label per article: "Dublin" tagged GPE once and ORG
        # elsewhere is the same town (agreement the NER lacks).
        named = {s.text for s in spans if s is not None}
        spans += [
            Span(doc, e.start, e.end, label=AGREED)
            for e, label in labelled
            if label in _AGREEING and e.text in named
        ]
        if self.scan:
            taken = {i for e, label in labelled if label in _TAKEN for i in range(e.start, e.end)}
            # Marked spans first (of two equal spans the first is kept), and over
            # the NER's other labels: "Clay counties" is no person.
            found = marked(doc, text_of(doc))
            read.region_lists = {(s.start, s.end) for s in found if s.label_ == REGION_LIST}
            spans += found
            spans += [
                doc[i:j]
                for i, j in _capitalised_runs(read)
                if not any(k in taken for k in range(i, j))
            ]
            spans += [
                s
                for e, label in labelled
                if label in NESTING_LABELS
                for s in _nested(e, NESTED, read.capitalised)
            ]
            # A place entity the gazetteer does not know whole may start with
            # one it does ("Lamar County Commissioners", "Greer City Hall").
            spans += [s for e, label in labelled if label in PLACE_LABELS for s in _headed(e)]
            spans += [
                s
                for e, label in labelled
                if label in NAMING_LABELS
                for s in _nested(e, NESTED_AGREED, read.capitalised)
            ]
            spans += [
                Span(doc, e.start, e.end, label=SPEAKING)
                for e, label in labelled
                if label == "PERSON" and len(e) == 1
            ]
            spans += [
                c
                for e, label in labelled
                if label in CUED_LABELS and len(e) <= CUED_WORDS + 1
                if (c := _cued(e, label, read)) is not None
            ]
        text = text_of(doc)
        texts = [(s, s.text) for s in spans if s is not None]
        return [
            (s, t)
            for s, t in texts
            if t.lower() not in ctx.NOT_PLACES
            and not ctx.only_feature(t.split())
            and not ctx.callsign(s, text)
        ]

    def _mention(
        self, span: Span, text: str, names: _Names, named: set[str], read: _Reading
    ) -> Mention | None:
        """The span's candidates, or None when it should be a place and is unknown."""
        label = span.label_
        ner = label in PLACE_LABELS or label == "NORP"
        candidates = names.candidates(text, demonym=label == "NORP")
        if not candidates and self.demonyms and label in PLACE_LABELS:
            candidates = names.candidates(text, demonym=True)  # "Sri Lankan" as a GPE
        listed = label == REGION_LIST or (span.start, span.end) in read.region_lists
        hint = "region" if listed else ctx.hint(span)
        none = Mention(span.start_char, span.end_char, text, [])
        found = ctx.feature(span) if hint == "feature" and label in FEATURE_LABELS else None
        if found is not None and _names_feature(span, text, candidates, names):
            return _on_feature(span, text, candidates, found)
        if hint == "feature":
            hint = None
        if label == CUED:
            return _cued_mention(span, text, candidates, hint)
        if not candidates and label in PLACE_LABELS and names.candidates(text, demonym=True):
            return none  # "a Ukrainian missile" the NER called a GPE: a people, no unknown place
        candidates = _level(candidates, "town" if label == DATELINE and hint is None else hint)
        if label == "LOC" and candidates:
            # The NER's LOC is a region, a sea, a range: not a hamlet that shares
            # its name ("the Middle East" is no village called Middle East).
            large = [(e, k) for e, k in candidates if e.is_area or e.population >= SMALL_TOWN]
            if not large:  # kept only next to the article's other places
                return Mention(span.start_char, span.end_char, text, candidates, local=True)
            candidates = large
        if label == DATELINE:
            candidates = [(e, k) for e, k in candidates if k != CODE]  # "ST. PAUL" is not São Tomé
        if label == SPEAKING:
            return (
                Mention(span.start_char, span.end_char, text, candidates)
                if _government_seat(candidates)
                else none
            )
        if ctx.street(span):  # "Lincoln Highway", also inside a longer name
            return none
        if label in {NESTED, NESTED_AGREED}:
            if label == NESTED and not candidates and self.demonyms:
                # "the American Farm Bureau": a demonym heading an organisation's name
                candidates = names.candidates(text, demonym=True)
                if candidates:
                    return Mention(span.start_char, span.end_char, text, candidates)
            if text in named:
                return Mention(span.start_char, span.end_char, text, candidates)
            if label != NESTED or not _well_known(candidates):
                return none
            # A name the NER gives wholly to an organisation ("Honda", "AP") is
            # the organisation, unless the words around say place ("in Winona"),
            # it is a city or region by its own name, or it lies next to the
            # article's other places (then it is kept as a local name).
            whole = read.whole_entity(span)
            sure = not whole or _plausible(span, candidates, hint) or _major(candidates)
            return Mention(span.start_char, span.end_char, text, candidates, local=not sure)
        if label in MARKS:
            # Where it stands says it is a place, as surely as the NER's label
            # ("ST. PAUL," over a GPE "ST"); the gazetteer must still know it.
            hint = "district" if label == COUNTY_LIST else hint
            known = any(k in {PRIMARY, CODE} for _, k in candidates) or bool(hint and candidates)
            # "VINNYTSIA, Ukraine —": a city known by another spelling (Vinnytsya)
            known = known or any(e.population >= CITY_OF_REGION for e, _ in candidates)
            return (
                Mention(span.start_char, span.end_char, text, candidates, hint, ner=True)
                if known
                else none
            )

        if label == AGREED:
            ner = True
        elif not ner and not (text in named or _plausible(span, candidates, hint)):
            if _in_place_context(span, hint) and any(k == PRIMARY for _, k in candidates):
                return Mention(
                    span.start_char, span.end_char, text, candidates, hint, local=True,
                    strong=hint is not None or ctx.cued(span),
                )  # fmt: skip
            return none
        if not candidates:
            strong = hint is not None or ner
            return None if strong and label != "NORP" else none
        strong = label in PLACE_LABELS or hint is not None or ctx.cued(span)
        return Mention(span.start_char, span.end_char, text, candidates, hint, ner, strong=strong)

    def _local(
        self, doc: Doc, m: Mention, resolved: list[tuple[Mention, tuple[Entry, float]]]
    ) -> Place | None:
        """A small town named with place context ("in Elbow Lake"): kept when
        one of its namesakes lies next to a place the article is sure of."""
        sure = [e for _, (e, c) in resolved if c >= LOCAL_SURE]
        anchors = [e for e in sure if e.precision < 3]
        states = {(e.country, e.admin1) for e in sure if e.feature == "ADM1"}
        own = [(e, k) for e, k in m.candidates if k == PRIMARY]
        near = [
            (_fast_km(e, a), e, k) for e, k in own for a in anchors if _fast_km(e, a) < LOCAL_KM
        ]
        if not near:  # else: the one namesake in a state the article names
            inside = [(e, k) for e, k in own if (e.country, e.admin1) in states]
            near = [(LOCAL_KM, *inside[0])] if len(inside) == 1 else []
        if not near:
            return None
        _, entry, kind = min(near, key=lambda t: t[0])
        m.candidates, m.scores = [(entry, kind)], [0.0]
        place = self._place(doc, m)
        if place is not None:
            place.confidence = LOCAL_SURE
        return place

    def _place(self, doc: Doc, m: Mention, best: tuple[Entry, float] | None = None) -> Place | None:
        best = best or m.best()
        if best is None:
            return None
        entry, confidence = best
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        precision = entry.precision
        if span is not None and precision == 1 and ctx.near(span):
            precision = 2
        if span is not None and span[0].lower_ in DIRECTIONS and len(span) > 1:
            precision = max(precision, 2)  # part of the place
        if m.precision is not None:
            precision = (
                max(precision, m.precision) if entry.feature.startswith("PPL") else m.precision
            )
        meto = span is not None and entry.feature == "PPLC" and ctx.metonymic(span)
        place = _record(m.start, m.end, m.text, entry, precision, confidence, meto)
        place.reason = m.reason
        place.role = m.role
        return place


# An unknown name kept as not placed reads like a name: no digits ("G7"),
# not an abbreviation in capitals ("EU"), starting with a capital.
_NAME_LIKE = re.compile(r"^(?=.*[a-zà-ÿа-яёіїєґ])[^\W\d_][^\d]*$")
# Why a name the text uses as a place has no coordinates.
_UNKNOWN = "not in the gazetteer"
_AMBIGUOUS = "ambiguous"
SHOWN_CANDIDATES = 5


def _unresolved(m: Mention, reason: str) -> Place:
    """A name used as a place that the gazetteer cannot place: no coordinates,
    the reason, and the likeliest readings that were considered."""
    order = sorted(range(len(m.candidates)), key=lambda i: -(m.scores or [0.0] * 99)[i])
    seen, shown = set(), []
    for i in order:
        e = m.candidates[i][0]
        if e.id not in seen:
            seen.add(e.id)
            shown.append(_describe(e))
    if m.local:
        reason = "only small places of that name, none near the article's other places"
    elif reason == _AMBIGUOUS:
        reason = f"ambiguous: {len(seen)} places of that name, none likelier than the others"
    return Place(
        start=m.start, end=m.end, text=m.text, name=m.text, resolved=False, reason=reason,
        candidates=shown[:SHOWN_CANDIDATES],
    )  # fmt: skip


def _describe(e: Entry) -> str:
    where = ", ".join(x for x in (e.admin1, e.country) if x)
    gid = f" geonames:{e.geonameid}" if e.geonameid else ""
    return f"{e.name} ({where}; {e.feature}){gid}"


def _one_per_stretch(places: list[Place]) -> list[Place]:
    """Sorted by start; an unresolved name overlapping another place is dropped."""
    placed = [p for p in places if p.resolved]
    kept = list(placed)
    for p in sorted(
        (p for p in places if not p.resolved), key=lambda p: (p.start, p.start - p.end)
    ):
        if all(p.end <= k.start or k.end <= p.start for k in kept):
            kept.append(p)
    return sorted(kept, key=lambda p: p.start)


def _record(
    start: int, end: int, text: str, e: Entry, precision: int, confidence: float, meto: bool
) -> Place:
    return Place(
        start=start, end=end, text=text, name=e.name, geonameid=e.geonameid, lat=round(e.lat, 5),
        lon=round(e.lon, 5), country=e.country, admin1=e.admin1, feature=e.feature,
        precision=precision, confidence=round(confidence, 3), metonymy=meto,
    )  # fmt: skip


def _theatre(peoples: set[str], names: _Names) -> list[Entry]:
    """The countries of the peoples the article names ("Russian officials")."""
    found = {}
    for text in peoples:
        for e, _ in names.candidates(text, demonym=True):
            if e.feature.startswith("PCL"):
                found[e.id] = e
    return list(found.values())


def _cued(ent: Span, label: str, read: _Reading) -> Span | None:
    """A mistyped entity in place context: "drones hit X", "near X", "in X"."""
    doc = ent.doc
    start = ent.start + int(read.lower[ent.start] == read.the)
    # "in X" is cue enough only for a people's name ("in Belgorod" as a NORP):
    # "from Nato" is an organisation.
    cued = ctx.cued_at(doc, start, ent.end)
    if not (cued or (label == "NORP" and ctx.locative_at(doc, start))):
        return None
    span = _trim(ent)
    return None if span is None else Span(doc, span.start, span.end, label=CUED)


def _cued_mention(
    span: Span, text: str, candidates: list[tuple[Entry, int]], hint: str | None
) -> Mention:
    """A town or area by its own name; a village only next to the article's other places."""
    own = _level([(e, k) for e, k in candidates if k == PRIMARY], hint)
    large = [(e, k) for e, k in own if e.is_area or e.population >= SMALL_TOWN]
    if large:
        return Mention(span.start_char, span.end_char, text, large, hint, strong=True)
    return Mention(span.start_char, span.end_char, text, own, hint, local=bool(own))


# A city of a region's name this large is its centre (a town of 2,000 called
# Oklahoma is not what "Oklahoma" means).
CITY_OF_REGION = 50_000
# How alike a city's and its region's own names must be when only another
# spelling matches ("Mykolaiv" for Mykolayiv; not "New York" for New York City).
ALIKE = 0.85


def _alike(town: Entry, regions: dict) -> bool:
    _, region = regions[town.country, town.admin1]
    return SequenceMatcher(None, fold(town.name), fold(region.name)).ratio() >= ALIKE


def _level(candidates: list[tuple[Entry, int]], hint: str | None) -> list[tuple[Entry, int]]:
    """A city and the first-level region named after it ("Poltava", "Sumy"):
    the region only when the text says region; else the city."""
    if hint not in {None, "town", "region", "any"}:
        return candidates
    regions = {(e.country, e.admin1): (k, e) for e, k in candidates if e.feature == "ADM1"}
    if not regions:
        return candidates
    pairs = {
        (e.country, e.admin1)
        for e, k in candidates
        if e.feature.startswith("PPL")
        and (e.country, e.admin1) in regions
        and e.population >= CITY_OF_REGION
        and (k == PRIMARY or k == regions[e.country, e.admin1][0] or _alike(e, regions))
    }
    if not pairs:
        return candidates
    if hint == "region":
        return [
            (e, k)
            for e, k in candidates
            if not (e.precision == 1 and (e.country, e.admin1) in pairs)
        ]
    return [
        (e, k)
        for e, k in candidates
        if not (e.feature == "ADM1" and (e.country, e.admin1) in pairs)
    ]


def _names_feature(
    span: Span, text: str, candidates: list[tuple[Entry, int]], names: _Names
) -> bool:
    """Is the feature word about this name? Not when the whole name is a known
    place ("Rhode Island", "Golan Heights"), nor after a country ("a Ukrainian
    port", "Russia's nuclear plants")."""
    if span[-1].lower_ in ctx.FEATURES:
        whole = names.found.get(names.keys[text][0]) if names.keys.get(text) else None
        return not whole
    return not any(e.feature.startswith("PCL") or k == DEMONYM for e, k in candidates)


def _on_feature(
    span: Span, text: str, candidates: list[tuple[Entry, int]], found: tuple[str, Feature]
) -> Mention | None:
    """ "the Oskil River", "the Kakhovka dam": the feature itself when the
    gazetteer has it (a GeoNames dump brings rivers, dams, islands); else, for
    a feature that stands at its town (a dam, a port), the town; else unknown."""
    word, feature = found
    own = [(e, k) for e, k in candidates if e.feature in feature.codes]
    if own:
        return Mention(
            span.start_char, span.end_char, text, own, "feature", ner=True, strong=True,
            precision=feature.precision,
        )  # fmt: skip
    towns = [(e, k) for e, k in _level(candidates, "town") if e.feature.startswith("PPL")]
    if feature.at_town and towns:
        return Mention(
            span.start_char, span.end_char, text, towns, "town", ner=True, strong=True,
            precision=2, reason=f"the {word} is placed at the town of its name",
        )  # fmt: skip
    return None


def _hyphen_parts(ent: Span) -> list[Span]:
    """The words either side of a hyphen inside an entity, as the entity's label."""
    cuts = [t.i for t in ent if t.text == "-"]
    if not cuts:
        return []
    bounds = [ent.start - 1, *cuts, ent.end]
    return [
        Span(ent.doc, a + 1, b, label=ent.label_)
        for a, b in zip(bounds, bounds[1:], strict=False)
        if b > a + 1
    ]


def _trim(span: Span) -> Span | None:
    """Drop a leading article and a trailing possessive: "the Donbas's" -> "Donbas"."""
    doc = span.doc
    start, end = span.start, span.end
    if end - start > 1 and doc[start].lower_ == "the":
        start += 1
    if end - start > 1 and doc[end - 1].text in {"'s", "’s", "'", "’"}:
        end -= 1
    out = Span(doc, start, end, label=span.label_)
    return out if out.text.strip() else None


class _Names:
    """A document's names looked up in the gazetteer. Each distinct name's keys
    and candidates are worked out once: a name recurs ("Kyiv" ten times)."""

    def __init__(self, gazetteer: Gazetteer, texts: set[str]):
        self.keys = {text: _keys(text) for text in texts}
        self.found = gazetteer.lookup_keys(k for keys in self.keys.values() for k in keys)
        self._candidates: dict[tuple[str, bool], list[tuple[Entry, int]]] = {}

    def candidates(self, text: str, demonym: bool) -> list[tuple[Entry, int]]:
        if (text, demonym) not in self._candidates:
            found = _candidates(text, self.keys[text], self.found, demonym)
            self._candidates[text, demonym] = found
        return list(self._candidates[text, demonym])  # a copy: mentions own their lists


class _Reading:
    """Per-word facts about a document that several rules read."""

    def __init__(self, doc: Doc, ents: tuple[Span, ...], text: str):
        self.doc = doc
        self.ents = ents
        # Read from arrays: a Token for every word cost more than the rules.
        rows = doc.to_array([IS_TITLE, IS_ALPHA, LENGTH, POS, IS_ASCII, IDX, SENT_START])
        self.capitalised = _capitalised_words(text, rows)
        # Token.is_sent_start is True where sent_start is 1.
        pos, sent_start = rows[:, 3], rows[:, 6]
        self.opens_sentence = ((sent_start == 1) & (pos != PROPN)).tolist()
        self._wholes: set[tuple[int, int]] | None = None
        self.lower = doc.to_array(LOWER).tolist()
        self.the = doc.vocab.strings["the"]
        self.region_lists: set[tuple[int, int]] = set()  # "the A, B and C regions"

    def whole_entity(self, span: Span) -> bool:
        """Is the span all of an entity, but for a leading "the"? Entities do not
        overlap, so the one that contains the span is the one it could be all of."""
        if self._wholes is None:
            lower, the = self.lower, self.the
            self._wholes = {(e.start + int(lower[e.start] == the), e.end) for e in self.ents}
        return (span.start, span.end) in self._wholes


_LEVEL_WORDS = ctx.REGION_WORDS | ctx.DISTRICT_WORDS | ctx.TOWN_WORDS | set(ctx.FEATURES)


def _keys(text: str) -> list[str]:
    """Lookup keys, longest first: "Republic of Crimea", "Crimea"; "Kursk region", "Kursk"."""
    text = _TRAILING.sub("", text)
    keys = [fold(text)]
    words = text.split()
    if "." in text and len(words) > 1 and len(text) <= 8:  # "W. Va." as "W.Va."
        keys.append(fold(text.replace(" ", "")))
    if _part_of(words):  # "northeast Georgia"
        keys.append(fold(" ".join(words[1:])))
    if len(words) > 1 and words[-1].lower() in _LEVEL_WORDS:
        keys.append(fold(" ".join(words[:-1])))
    lowered = text.lower()
    for marker in (" of ",):
        if marker in lowered:
            keys.append(fold(text[lowered.index(marker) + len(marker) :]))
    return [k for k in keys if k]


def _candidates(text: str, keys: list[str], found: dict, demonym: bool) -> list[tuple[Entry, int]]:
    """Entries for the first of the name's keys that has any, one per entry with
    its best kind."""
    # Codes ("US", "Ky.") only as written: capitals, or an abbreviation with its dot.
    upper = not any(c.islower() for c in text) or text.endswith(".")
    # A short word in capitals is an abbreviation ("EU", "UN"): a code or nothing,
    # never the town that shares its letters (Eu in Normandy).
    acronym = text.isalpha() and text.isupper() and len(text) <= 3
    words = _TRAILING.sub("", text).split()
    part = fold(" ".join(words[1:])) if _part_of(words) else None
    for key in keys:
        best: dict[int, tuple[Entry, int]] = {}
        for entry, kind in found.get(key, []):
            if (kind == DEMONYM) != demonym or (kind == CODE and not upper):
                continue
            if acronym and kind != CODE:
                continue
            if kind == CODE and entry.feature.startswith("PCL") and key not in COUNTRY_CODES:
                continue  # "ML", "ST", "N.L." are not Mali, São Tomé, the Netherlands
            if key == part and not (entry.is_area or entry.population >= PART_OF_CITY):
                continue  # "West Bank" is not a town called Bank
            if entry.id not in best or _rank(kind) > _rank(best[entry.id][1]):
                best[entry.id] = (entry, kind)
        if best:
            return list(best.values())
    return []


def _part_of(words: list[str]) -> bool:
    """A compass word before a name: "northeast Georgia", "East Texas"."""
    return len(words) > 1 and words[0].lower() in DIRECTIONS


def _rank(kind: int) -> int:
    return {CODE: 3, DEMONYM: 3, PRIMARY: 2}.get(kind, 1)


def _major(candidates: list[tuple[Entry, int]]) -> bool:
    return any(k == PRIMARY and (e.is_area or e.population >= PART_OF_CITY) for e, k in candidates)


def _well_known(candidates: list[tuple[Entry, int]]) -> bool:
    return any(k != DEMONYM and (e.is_area or e.population >= 10_000) for e, k in candidates)


def _government_seat(candidates: list[tuple[Entry, int]]) -> bool:
    return any(k == PRIMARY and e.feature in {"PCLI", "PPLC"} for e, k in candidates)


def _nested(ent: Span, label: str, capitalised: list[bool]) -> list[Span]:
    """Place-name parts of an organisation's name: its leading capitalised
    words, and what follows "of", "in" or a hyphen."""
    doc, out = ent.doc, []
    start = ent.start + (1 if ent[0].lower_ == "the" else 0)
    for end in range(start + 1, min(start + 3, ent.end) + 1):
        if all(capitalised[t.i] or t.is_upper for t in doc[start:end]):
            out.append(Span(doc, start, end, label=label))
    for tok in ent:
        # "University of X", "School in X", "Fargo-Moorhead"
        if tok.lower_ in {"of", "in", "-"} and tok.i + 1 < ent.end:
            tail = doc[tok.i + 1 : min(tok.i + 4, ent.end)]
            for end in range(tail.start + 1, tail.end + 1):
                out.append(Span(doc, tail.start, end, label=label))
    return out


def _headed(ent: Span) -> list[Span]:
    """The place before what is named after it: "Lamar County" of "Lamar County
    Commissioners", "Greer" of "Greer City Hall" (not "Sri" of "Sri Lankan")."""
    doc, out = ent.doc, []
    start = ent.start + (1 if ent[0].lower_ == "the" else 0)
    for i in range(start + 1, ent.end):
        word = doc[i].lower_.rstrip(".")
        if word in ctx.PLACE_HEADS:
            end = i + 1 if word in ctx.NAMING_HEADS else i  # "Henry County" of "… Courthouse"
            if end < ent.end:
                out.append(Span(doc, start, end, label=NESTED))
            break
    return out


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Entities first, then longer spans: one mention per stretch of text."""
    ranked = sorted(mentions, key=lambda m: (not m.ner, -(m.end - m.start), m.start))
    kept: list[Mention] = []
    for m in ranked:
        if all(m.end <= k.start or k.end <= m.start for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def _plausible(span: Span, candidates: list[tuple[Entry, int]], hint: str | None) -> bool:
    """A capitalised run the NER did not call a place: keep it only with place
    context and a well-known entry, so common words that are also village
    names stay out."""
    if not candidates:
        return False
    context = _in_place_context(span, hint)
    known = any(k == PRIMARY and (e.is_area or e.population >= SMALL_TOWN) for e, k in candidates)
    return context and known


def _in_place_context(span: Span, hint: str | None) -> bool:
    return hint is not None or ctx.locative(span) or ctx.cued(span) or _before_comma_area(span)


def _before_comma_area(span: Span) -> bool:
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].is_title


def _capitalised_runs(read: _Reading) -> list[tuple[int, int]]:
    """(start, end) of runs of up to three capitalised words (or one Cyrillic
    name), not opening with a common word that opens a sentence. Only the
    capitalised words are visited: most words are not."""
    capitalised, opens_sentence = read.capitalised, read.opens_sentence
    runs, end, n = [], 0, len(capitalised)
    for i in [i for i, cap in enumerate(capitalised) if cap]:
        if i < end or opens_sentence[i]:
            continue  # inside the run before, or "Officials said"
        end = i + 1
        while end < n and end - i < 3 and capitalised[end]:
            end += 1
        runs.append((i, end))
    return runs


def _capitalised_words(text: str, rows: numpy.ndarray) -> list[bool]:
    """Per word, whether it is capitalised like a name; ``rows`` are the words'
    IS_TITLE, IS_ALPHA, LENGTH, POS, IS_ASCII and IDX."""
    title, alpha, length, pos, ascii_, idx = (rows[:, k] for k in range(6))
    name_pos = (pos == PROPN) | (pos == NOUN) | (pos == ADJ)
    words = (title != 0) & (alpha != 0) & (length > 1) & name_pos
    # Only a word with letters outside ASCII can be a Cyrillic name (and many
    # such words are quotation marks and dashes).
    for i in numpy.flatnonzero((ascii_ == 0) & ~words).tolist():
        start = int(idx[i])
        if text[start] in _CYRILLIC_CAPITALS:
            words[i] = bool(_CYRILLIC_NAME.match(text[start : start + int(length[i])]))
    return words.tolist()


def _link_within(text: str, mentions: list[Mention]) -> None:
    """'X, Y' where Y is an area: X lies in Y."""
    for a, b in zip(mentions, mentions[1:], strict=False):
        if text[a.end : b.start].strip() == "," and any(e.is_area for e, _ in b.candidates):
            a.within, b.contains = b, a


def _fallback(span: Span, resolved: list[tuple[Mention, tuple[Entry, float]]]) -> Place | None:
    """A place the gazetteer lacks ("the X peninsula in the south of the
    country"): the smallest area the text puts it in, with low confidence."""
    if span.text.isupper() and ctx.hint(span) is None:
        return None  # an unknown name in capitals is an abbreviation ("EU", "NATO")
    if ctx.hint(span) == "feature":
        return None  # no area's centre is a point on a river or a dam: kept unresolved
    area = _enclosing(span, resolved)
    if area is None:
        return None
    entry, confidence = area
    return _record(span.start_char, span.end_char, span.text, entry, 3, confidence, False)


def _enclosing(
    span: Span, resolved: list[tuple[Mention, tuple[Entry, float]]]
) -> tuple[Entry, float] | None:
    sent = span.sent
    # An area the same sentence puts it in ("… in the Kherson region", "X, Ukraine";
    # not "Darfur and Egypt").
    text = text_of(span.doc)
    for m, (entry, _) in resolved:
        after = sent.start_char <= m.start < sent.end_char and m.start > span.end_char
        area = entry.is_area and entry.feature != "CONT"
        if after and area and _PUTS_IN.search(text[span.end_char : m.start]):
            return entry, FALLBACK
    # The first-level region most of the article's sure places lie in, if it names it.
    regions = {(e.country, e.admin1): e for _, (e, _) in resolved if e.feature == "ADM1"}
    inside = Counter(
        (e.country, e.admin1) for _, (e, c) in resolved if e.precision < 3 and c >= LOCAL_SURE
    )
    if inside:
        key, count = inside.most_common(1)[0]
        share = count / sum(inside.values())
        if key in regions and count >= 2 and share >= 0.5:
            return regions[key], round(FALLBACK * share, 3)
    # "the X peninsula": the country the article names most. A bare unknown name
    # (a street, a township) gets no country: its centre is no guess of where it
    # is; nor does a river, a dam or an island (the country's centre is no
    # point on them: such a name is kept unresolved).
    if ctx.hint(span) in {None, "feature"}:
        return None
    countries: dict[str, Entry] = {}
    weight: Counter[str] = Counter()
    for _, (entry, _) in resolved:
        if entry.feature.startswith("PCL") and entry.country:
            countries[entry.country] = entry
            weight[entry.country] += 1
    if not weight:
        return None
    main, count = weight.most_common(1)[0]
    return countries[main], round(FALLBACK * count / sum(weight.values()), 3)
