"""Name folding: transliterations meet, different names stay apart."""

import pytest

from kronika.people.identity import fold, name_match, normalise, profile, similar, unit_key


def key(name: str) -> str:
    return " ".join(normalise(w) for w in fold(name))


@pytest.mark.parametrize(
    "spellings",
    [
        ("Oleksandr", "Olexandr", "Олександр"),
        ("Syrskyi", "Syrsky", "Syrskiy", "Сирський", "Syrs'kyi"),
        ("Zelenskyy", "Zelensky", "Zelenskiy"),
        ("Andriy", "Andrii"),
        ("Ihor", "Igor"),
        ("Yevhen", "Ievgen"),
        ("Hrim", "Grim"),
    ],
)
def test_transliterations_fold_to_one_spelling(spellings):
    assert len({key(s) for s in spellings}) == 1


@pytest.mark.parametrize(
    ("a", "b"), [("Oleksandr", "Aleksandr"), ("Andriy", "Andrey"), ("Yevhen", "Evgeny")]
)
def test_one_slip_in_a_longer_name_is_the_same_name(a, b):
    assert similar(key(a), key(b))


@pytest.mark.parametrize(("a", "b"), [("Ivan", "Ivana"), ("Oleh", "Olha"), ("Petro", "Pavlo")])
def test_different_names_stay_different(a, b):
    assert not similar(key(a), key(b))


def _attrs(*entities):
    attrs = {}
    for entity in entities:
        for kind, value in profile(entity).given_keys():
            attrs.setdefault(kind, set()).add(value)
    return attrs


def test_surname_meets_its_full_name_and_a_different_first_name_does_not():
    stored = _attrs({"type": "PERSON", "name": "Oleksandr Syrskyi"})
    assert name_match(profile({"type": "PERSON", "name": "Syrsky"}), stored)[0] == "surname"
    assert name_match(profile({"type": "PERSON", "name": "Gen. Aleksandr Syrskiy"}), stored)
    assert name_match(profile({"type": "PERSON", "name": "Ivan Syrskyi"}), stored) is None


def test_a_person_is_never_a_place_or_an_organisation():
    assert profile({"type": "GPE", "name": "Syrskyi"}) is None
    assert profile({"type": "ORG", "name": "Syrskyi"}) is None


def test_units_match_by_number_and_kind_unless_their_names_disagree():
    assert unit_key("47th Separate Mechanized Brigade") == "47|brigade|mechanized"
    stored = _attrs({"type": "UNIT", "name": "47th Separate Mechanized Brigade"})
    assert name_match(profile({"type": "UNIT", "name": "the 47th brigade"}), stored)
    assert name_match(profile({"type": "UNIT", "name": "47th Artillery Brigade"}), stored) is None
    assert name_match(profile({"type": "UNIT", "name": "48th Mechanized Brigade"}), stored) is None


def test_call_signs_match_as_call_signs():
    stored = _attrs({"type": "PERSON", "name": "Grim", "callsigns": ["Grim"]})
    match = name_match(profile({"type": "PERSON", "name": "Hrim", "callsigns": ["Hrim"]}), stored)
    assert match[0] == "callsign"


def test_anonymous_sources_have_no_lookup_keys():
    anonymous = profile({"type": "PERSON", "name": "a senior officer", "anonymous": True})
    assert anonymous.lookups() == set()
    assert {k for k, _ in anonymous.given_keys()} <= {"alias", "desc", "n"}
