"""Words of English time expressions and the regular-expression pieces built
from them. Shared by the grammar (:mod:`times_grammar`) and the normaliser
(:mod:`times_normalise`)."""

from __future__ import annotations

MONTHS = {
    "january": 1, "jan.": 1, "february": 2, "feb.": 2, "march": 3, "mar.": 3, "april": 4,
    "apr.": 4, "may": 5, "june": 6, "jun.": 6, "july": 7, "jul.": 7, "august": 8, "aug.": 8,
    "september": 9, "sept.": 9, "sep.": 9, "october": 10, "oct.": 10, "november": 11,
    "nov.": 11, "december": 12, "dec.": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7,
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# TIMEX3 unit letters; "quarter" and "decade" get their own duration codes.
UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M",
    "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE", "weekend": "WE",
}  # fmt: skip
TIME_UNITS = {"second", "minute", "hour"}
SMALL = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "half": 0.5, "couple": 2,
}  # fmt: skip
# Vague amounts: "several years" is a duration of unknown length (PXY).
VAGUE = {"several", "a few", "few", "some", "many", "the"}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "1st": 1, "2nd": 2, "3rd": 3,
    "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8, "9th": 9, "10th": 10, "11th": 11,
    "12th": 12, "13th": 13, "14th": 14, "15th": 15, "16th": 16, "17th": 17, "18th": 18,
    "19th": 19, "20th": 20, "21st": 21, "final": 4, "last": 4,
}  # fmt: skip
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def alternation(words) -> str:
    """A regex alternation, longest first so that "sept." beats "sep"."""
    return "|".join(w.replace(".", r"\.") for w in sorted(words, key=len, reverse=True))


END = r"(?![\w-])"  # a word end that also works after "Sept."
MONTH = rf"(?:{alternation(MONTHS)}){END}"
WEEKDAY = rf"(?:{alternation(WEEKDAYS)})"
SEASON = rf"(?:{alternation(SEASONS)})"
UNIT = rf"(?:{alternation(UNITS)})"
NUMBER_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four"
    rf"|five|six|seven|eight|nine))?|{alternation(set(SMALL) - {'a', 'an', 'half'})})"
)
NUMBER = rf"(?:(?:\d+(?:\.\d+)?|{NUMBER_WORD})(?:\s+1/2|½|\s+and\s+a\s+half)?|an?|half an?|half a|a couple of)"
AMOUNT = rf"(?:{NUMBER}|{alternation(VAGUE - {'the'})})"
_TEENS_TENS = (
    r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)"
)
# Spoken years, as in broadcast transcripts: "nineteen ninety-six", "two thousand one".
SPOKEN_YEAR = (
    rf"(?:(?:nineteen|twenty)[- ]{_TEENS_TENS}"
    r"|two thousand(?:(?: and)? (?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))?)"
)
YEAR = rf"(?:1[0-9]\d\d|20\d\d(?![\d,.]\d)|{SPOKEN_YEAR}(?![\w-]))"


def year_number(text: str) -> int:
    """The year a written or spoken year stands for: "1996", "nineteen ninety-six"."""
    if text.isdigit():
        return int(text)
    words = text.lower().replace("-", " ").replace(" and", "").split()
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(SMALL[w] for w in words[2:])
    return SMALL[words[0]] * 100 + sum(SMALL[w] for w in words[1:])


DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
ORDINAL = rf"(?:{alternation(ORDINALS)})"

# Holidays with a fixed date, or a rule (None: worked out in the normaliser).
HOLIDAYS = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "christmas eve": (12, 24),
    "christmas day": (12, 25), "christmas": (12, 25), "independence day": (7, 4),
    "thanksgiving day": None, "thanksgiving": None, "election day": None,
}  # fmt: skip
HOLIDAY = rf"(?:{alternation(HOLIDAYS)})"
