"""Spellings of one name meet on one key."""

from kronika.gazetteer.normalize import fold, is_code, usable


def test_transliterations_and_scripts_fold_together():
    assert fold("Kryvyi Rih") == fold("kryvyi-rih") == "kryvyi rih"
    assert fold("Харків") == fold("Kharkiv")
    assert fold("Zaporizhzhia’s") == "zaporizhzhias"


def test_abbreviations_lose_their_dots():
    assert fold("U.S.") == "us"
    assert is_code("U.S.") and is_code("UK")
    assert not is_code("Ohio")


def test_only_latin_and_cyrillic_names_are_indexed():
    assert usable("Kharkiv") and usable("Харків")
    assert not usable("哈尔科夫")
