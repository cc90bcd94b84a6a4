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


def test_abbreviated_words_of_names_fold_with_the_full_word():
    assert fold("St. Petersburg") == fold("Saint Petersburg")
    assert fold("Mt. Pleasant") == fold("Mount Pleasant")
    assert fold("Ft. Worth") == fold("Fort Worth")
    assert fold("Stanford") == "stanford"  # only whole words
