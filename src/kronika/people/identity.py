"""Names folded for transliteration, and whether two names can be one person or unit.

Everything here is pure: :func:`profile` reads one entity record into the keys and
attributes the store keeps, and :func:`name_match` / :func:`conflict` compare an
entity's profile with the attributes of a stored person. The store
(:mod:`kronika.people.store`) decides, with the context of the archive, which match
to take.

Folding is in three steps: unidecode (any script to ASCII, so "Олександр" and
"Oleksandr" meet), transliteration variants folded to one spelling
(``identity_lexicon.VARIANTS``, double letters single, every ending of -ий as "i"),
then an edit distance that grows with the word's length, so rare long names
survive one more slip ("Oleksandr"/"Aleksandr") while short common ones must agree.
Candidates are found by each word's *skeleton* (its consonants), which the
variants and most transliteration slips leave alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial

from rapidfuzz.distance import Levenshtein
from unidecode import unidecode

from kronika.people.identity_lexicon import TITLES, UNIT_FILLER, UNIT_KINDS, VARIANTS

LINKED_TYPES = ("PERSON", "UNIT")
NON_WORD = re.compile(r"[^a-z0-9]+")
ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th|d|h)?$")
ENDING = re.compile(r"(?:iy|yi|yy|ii|ij|yj|iyi)$")
DOUBLE = re.compile(r"([a-z])\1+")
VOWELS = re.compile(r"[aeiouy]")
HAS_DIGIT = re.compile(r"\d")
AGE = re.compile(r"\d{1,3}")
MOST_VALUE_CHARS = 200  # a key's value; an index entry must stay small
MOST_DESCRIPTIONS = 20  # kept per entity; a long article's hundredth epithet adds nothing


def fold(text: str) -> list[str]:
    """Words of ``text`` in ASCII lower case (unidecode-level folding)."""
    text = text or ""
    # Names come back in document after document: short texts are folded once
    # (unidecode is the costly step).
    return list(_fold_cached(text) if len(text) <= CACHED_CHARS else _fold(text))


def _fold(text: str) -> tuple[str, ...]:
    # unidecode writes the soft sign as an apostrophe: Сирський → "Sirs'kii", one word
    ascii_text = unidecode(text).lower().replace("'", "").replace("`", "")
    return tuple(w for w in NON_WORD.split(ascii_text) if w)


CACHED_CHARS = 200  # longer texts (a rare long description) are not kept in caches
_fold_cached = lru_cache(maxsize=65536)(_fold)


@lru_cache(maxsize=65536)
def normalise(word: str) -> str:
    """One spelling for the transliterations of a folded word: Syrskyi, Syrsky,
    Syrskiy → "sirski"; Olexandr, Oleksandr → "oleksandr"."""
    for old, new in VARIANTS:
        word = word.replace(old, new)
    word = ENDING.sub("i", word)
    word = word.replace("y", "i")
    word = DOUBLE.sub(r"\1", word)
    if word.startswith("ie") and len(word) > 3:  # Ievgen / Yevhen / Evgen
        word = word[1:]
    return word


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """The consonants of a normalised word: the key candidates are looked up by."""
    bare = VOWELS.sub("", word)
    return bare if len(bare) >= 2 else word


def allowed_distance(word: str) -> int:
    """Edits two spellings of a name may differ by: none for short (common) names,
    one from five letters, two from nine."""
    return 0 if len(word) < 5 else 1 if len(word) < 9 else 2


def similar(a: str, b: str) -> bool:
    """Two normalised words are one name's spellings."""
    if a == b:
        return True
    if (a[:1] != b[:1] and skeleton(a) != skeleton(b)) or HAS_DIGIT.search(a + b):
        return False  # numbers (unit numbers, ids) are never a slip of the pen
    most = min(allowed_distance(a), allowed_distance(b))
    return most > 0 and Levenshtein.distance(a, b, score_cutoff=most) <= most


def initial_fits(initial: str, given: str) -> bool:
    return len(initial) == 1 and given.startswith(initial)


@dataclass
class Profile:
    """What the store keeps of one entity: lookup keys, attributes, display forms."""

    type: str
    name: str
    anonymous: bool = False
    given: str | None = None
    surname: str | None = None
    single: str | None = None
    callsigns: set[str] = field(default_factory=set)
    unit: str | None = None  # a unit's own key: "number|kind|qualifiers"
    units: set[str] = field(default_factory=set)  # units a person is said to serve in
    ages: set[int] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)
    callsign_texts: set[str] = field(default_factory=set)
    descriptions: set[str] = field(default_factory=set)
    # Worked out once per profile: a profile is shared by every entity of the same
    # name and details (see profile()), so it is read-only once made.
    _keys: set[tuple[str, str]] | None = field(default=None, repr=False, compare=False)
    _lookups: dict[bool, frozenset] = field(default_factory=dict, repr=False, compare=False)
    stored: list[tuple[str, str]] | None = field(default=None, repr=False, compare=False)
    remembered: tuple[list, list] | None = field(default=None, repr=False, compare=False)

    @cached_property
    def key(self) -> str:
        """The entity's name as one folded string: what identifies it in a document."""
        return self.type + "|" + (self.unit or " ".join(self.words) or self.name.lower())

    @property
    def words(self) -> list[str]:
        if self.single:
            return [self.single]
        return [w for w in (self.given, self.surname) if w]

    def lookups(self, local: bool = False) -> frozenset[tuple[str, str]]:
        """(kind, value) keys whose stored persons are this entity's candidates.
        A full name looks for the same full name (``f``, by the skeletons of both
        words) and for a person known by the surname alone (``s1``); a one-word name
        for full names with that surname (``sn``) and the same one word (``s1``).
        First names are looked up only among the people of the same document or
        story (``local``): across the archive a first name fits thousands.
        Worked out once per profile (linking asks three times)."""
        if local not in self._lookups:
            self._lookups[local] = frozenset(self._find_lookups(local))
        return self._lookups[local]

    def _find_lookups(self, local: bool) -> set[tuple[str, str]]:
        if self.anonymous:
            return set()
        t = self.type
        found = {("c", f"{t}|{c}") for c in self.callsigns}
        if self.unit:
            found.add(("u", f"{t}|{unit_block(self.unit)}"))
        if self.surname:
            found.add(("s1", f"{t}|{skeleton(self.surname)}"))
            if self.given and len(self.given) > 1:
                found.add(("f", f"{t}|{skeleton(self.given)} {skeleton(self.surname)}"))
            else:  # an initial: any full name with this surname
                found.add(("sn", f"{t}|{skeleton(self.surname)}"))
            if local and self.given:
                found.add(("s1", f"{t}|{skeleton(self.given)}"))
        if self.single:
            found |= {
                ("sn", f"{t}|{skeleton(self.single)}"),
                ("s1", f"{t}|{skeleton(self.single)}"),
            }
            if local:
                found.add(("g", f"{t}|{skeleton(self.single)}"))
        return found

    def given_keys(self) -> set[tuple[str, str]]:
        """Every (kind, value) this entity adds to its person: lookups for later
        documents, attributes for comparing, display forms for listing."""
        if self._keys is None:
            self._keys = self._given_keys()
        return self._keys

    def _given_keys(self) -> set[tuple[str, str]]:
        display = {("alias", a) for a in self.aliases} | {("desc", d) for d in self.descriptions}
        if self.anonymous:  # never found by a later document
            return display | {("n", self.name.lower())}
        t = self.type
        keys = display | {("c", f"{t}|{c}") for c in self.callsigns}
        keys |= {("cs", c) for c in self.callsigns}
        if self.unit:
            keys |= {("u", f"{t}|{unit_block(self.unit)}"), ("uname", self.unit)}
        if self.surname:
            keys |= {("sn", f"{t}|{skeleton(self.surname)}"), ("sur", self.surname)}
            if self.given and len(self.given) > 1:
                keys.add(("f", f"{t}|{skeleton(self.given)} {skeleton(self.surname)}"))
        if self.given:
            keys |= {("g", f"{t}|{skeleton(self.given)}"), ("given", self.given)}
        if self.single:
            keys |= {("s1", f"{t}|{skeleton(self.single)}"), ("single", self.single)}
        keys |= {("unit", u) for u in self.units}
        keys |= {("age", str(a)) for a in self.ages}
        keys |= {("cstext", c) for c in self.callsign_texts}
        if self.unit:  # what `kronika people QUERY` searches (a person's words are attributes)
            keys.add(("n", " ".join(normalise(w) for w in fold(self.name))))
        return keys


def _get(entity, name: str, default=None):
    if isinstance(entity, dict):
        return entity.get(name, default)
    return getattr(entity, name, default)


def profile(entity) -> Profile | None:
    """The profile of an entity record (dataclass or JSON form); None for entities
    that are not linked across documents (places, organisations, groups). Entities
    alike in everything read here share one profile: the same names come back in
    document after document, and reading them again (folding, keys) was a quarter
    of linking's Python work."""
    get = entity.get if isinstance(entity, dict) else partial(getattr, entity)
    kind = get("type", None)
    if kind not in LINKED_TYPES:
        return None
    mentions = get("mentions", None) or []
    details = (
        kind,
        get("name", None) or "",
        bool(get("anonymous", False)),
        tuple(get("aliases", None) or ()),
        tuple(get("callsigns", None) or ()),
        # only ever written as a call sign (who-doc's Mention.how); stops at the first other
        bool(mentions) and all(_get(m, "how") == "callsign" for m in mentions),
        tuple(
            (_get(d, "kind") or "other", _get(d, "text") or "")
            for d in (get("descriptions", None) or [])[:MOST_DESCRIPTIONS]
        ),
    )
    if sum(len(text) for text in _texts(details)) > CACHED_CHARS * 5:
        return _profile(*details)  # a long description is not kept in the cache
    return _profile_cached(*details)


def _texts(details) -> list[str]:
    _, name, _, aliases, callsigns, _, descriptions = details
    return [name, *aliases, *callsigns, *(text for _, text in descriptions)]


def _profile(kind, name, anonymous, aliases, callsigns, by_callsign, descriptions) -> Profile:
    p = Profile(type=kind, name=name, anonymous=anonymous)
    p.aliases = {a for a in [name, *aliases] if a}
    for callsign in callsigns:
        words = [normalise(w) for w in fold(callsign)]
        if words:
            p.callsigns.add(" ".join(words))
            p.callsign_texts.add(callsign)
    if kind == "UNIT":
        p.unit = unit_key(name)
    else:
        _person_name(p, name, by_callsign)
    for description_kind, text in descriptions:
        _description(p, description_kind, text)
    return p


_profile_cached = lru_cache(maxsize=8192)(_profile)


def _person_name(p: Profile, name: str, by_callsign: bool) -> None:
    folded = fold(name)
    words = [normalise(w) for w in ([w for w in folded if w not in TITLES] or folded)]
    if len(words) == 1:
        p.single = words[0]
        # A name only ever written as a call sign is a call sign (who-doc's Mention.how).
        if by_callsign:
            p.callsigns.add(words[0])
            p.callsign_texts.add(name)
    elif words:
        p.given, p.surname = words[0], words[-1]


def _description(p: Profile, kind: str, text: str) -> None:
    p.descriptions.add(f"{kind}: {text}"[:MOST_VALUE_CHARS])
    if kind == "unit":
        p.units.add(unit_key(text))
    elif kind == "age":
        match = AGE.search(text)
        if match:
            p.ages.add(int(match.group()))


def unit_key(name: str) -> str:
    """``number|kind|qualifiers``: "47th Separate Mechanized Brigade" →
    "47|brigade|mechanized"; "Azov regiment" → "|regiment|azov"."""
    return _unit_key_cached(name) if len(name) <= CACHED_CHARS else _unit_key(name)


def _unit_key(name: str) -> str:
    number, kind, rest = "", "", []
    for word in fold(name):
        ordinal = ORDINAL.match(word)
        if ordinal and not number:
            number = ordinal.group(1)
        elif word in UNIT_KINDS and not kind:
            kind = word
        elif word not in UNIT_FILLER and word not in UNIT_KINDS:
            rest.append(normalise(word))
    return f"{number}|{kind}|{' '.join(sorted(set(rest)))}"


_unit_key_cached = lru_cache(maxsize=16384)(_unit_key)


def unit_block(key: str) -> str:
    """A unit's lookup key: its number and kind, or its first qualifier's skeleton."""
    number, kind, rest = key.split("|")
    if number:
        return f"{number}|{kind}"
    return "~" + skeleton(rest.split()[0]) if rest else "|" + kind


def units_compatible(a: str, b: str) -> bool:
    number_a, kind_a, rest_a = a.split("|")
    number_b, kind_b, rest_b = b.split("|")
    if number_a != number_b or (kind_a and kind_b and kind_a != kind_b):
        return False
    words_a, words_b = rest_a.split(), rest_b.split()
    if not number_a:  # a unit known by name only: the names must agree
        return bool(words_a) and _cover(words_a, words_b) and _cover(words_b, words_a)
    return not words_a or not words_b or any(similar(x, y) for x in words_a for y in words_b)


def _cover(words: list[str], others: list[str]) -> bool:
    return all(any(similar(w, o) for o in others) for w in words)


# What a match rests on, strongest first. The store takes the first two kinds on the
# name alone (when nothing in the contexts disagrees); the others need the context
# of the archive to agree (a shared story, unit, or person in the same documents).
STRENGTH = {"unit": 0, "callsign": 0, "full_name": 1, "surname": 2, "single": 3, "first_name": 3}
NEEDS_SUPPORT = {"single", "first_name"}


def name_match(p: Profile, attrs: dict[str, set[str]]) -> tuple[str, str] | None:
    """How the entity's name fits a stored person's: (kind, reason) or None."""
    if p.type == "UNIT":
        if p.unit and any(units_compatible(p.unit, u) for u in attrs.get("uname", ())):
            exact = p.unit in attrs["uname"]
            return "unit", "unit name" if exact else "unit number and kind"
        return None
    shared = p.callsigns & attrs.get("cs", set())
    if shared:
        return "callsign", f"call sign {sorted(shared)[0]!r}"
    surnames, singles = attrs.get("sur", set()), attrs.get("single", set())
    givens = attrs.get("given", set())
    if p.surname:
        if any(similar(p.surname, s) for s in surnames):
            if givens and not any(_given_fits(p.given or "", g) for g in givens):
                return None  # Ivan Syrskyi is not Oleksandr Syrskyi
            exact = p.surname in surnames and (not givens or p.given in givens)
            return "full_name", "full name" if exact else "full name, transliteration"
        if any(similar(p.surname, s) for s in singles):
            return "surname", "surname of a person known by surname"
        if p.given and any(similar(p.given, s) for s in singles):
            return "first_name", "first name"
        return None
    if p.single:
        if any(similar(p.single, s) for s in surnames):
            return "surname", "surname of a full name"
        if any(similar(p.single, s) for s in singles):
            return "single", "same one-word name"
        if any(similar(p.single, g) for g in givens):
            return "first_name", "first name of a full name"
    return None


def _given_fits(given: str, other: str) -> bool:
    return similar(given, other) or initial_fits(given, other) or initial_fits(other, given)


def conflict(p: Profile, attrs: dict[str, set[str]]) -> str | None:
    """Why the contexts disagree (different units, ages, surnames), or None."""
    units = attrs.get("unit", set())
    if p.units and units and not any(_same_unit(a, b) for a in p.units for b in units):
        return "different units"
    ages = {int(a) for a in attrs.get("age", ())}
    if p.ages and ages and not any(abs(a - b) <= 2 for a in p.ages for b in ages):
        return "different ages"
    surnames = attrs.get("sur", set())
    differ = p.surname and surnames and not any(similar(p.surname, s) for s in surnames)
    if differ and p.callsigns & attrs.get("cs", set()):
        return "different surnames"  # one call sign, two men
    return None


def _same_unit(a: str, b: str) -> bool:
    """Two units a person is said to serve in may be one (unknown counts as may)."""
    number_a, _, rest_a = a.split("|")
    number_b, _, rest_b = b.split("|")
    if number_a and number_b:
        return units_compatible(a, b)
    words_a, words_b = rest_a.split(), rest_b.split()
    return not words_a or not words_b or any(similar(x, y) for x in words_a for y in words_b)
