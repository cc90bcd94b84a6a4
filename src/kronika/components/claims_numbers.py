"""The grammar of quantities in English news text, as regular expressions.

:func:`find` returns :class:`Quantity` candidates (number, range, vague amount,
fraction, percentage or sum of money, with the hedge before it) and their
values. Whether a candidate is a *claim* (not an age, a date or a name) and
what it counts is decided against the parse in :mod:`claims`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "a dozen": 12, "dozen": 12,
}  # fmt: skip
SCALES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000, "bn": 1_000_000_000, "m": 1_000_000, "k": 1_000,
    "mn": 1_000_000, "tn": 1_000_000_000_000,
}  # fmt: skip
# Vague plurals: the smallest and largest amount a reader would accept for them.
VAGUE = {
    "dozens": (24, 99), "scores": (40, 199), "hundreds": (200, 999), "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999), "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 9_999_999), "tens of millions": (20_000_000, 99_999_999),
    "hundreds of millions": (200_000_000, 999_999_999), "billions": (2e9, 9.99e9),
}  # fmt: skip
# "a few hundred": the multiplier range put before a scale word.
FEW = {"a few": (2, 5), "few": (2, 5), "several": (3, 9), "a couple of": (2, 3), "many": (2, 9)}
FRACTIONS = {
    "half": 1 / 2, "halves": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4,
    "quarters": 1 / 4, "fifth": 1 / 5, "fifths": 1 / 5, "sixth": 1 / 6, "tenth": 1 / 10,
    "tenths": 1 / 10, "eighth": 1 / 8, "hundredth": 1 / 100,
}  # fmt: skip
CURRENCIES = {"$": "USD", "£": "GBP", "€": "EUR", "₴": "UAH", "₽": "RUB", "¥": "JPY"}
CURRENCY_WORDS = {
    "dollars": "USD", "euros": "EUR", "pounds": "GBP", "roubles": "RUB", "rubles": "RUB",
    "hryvnias": "UAH", "hryvnia": "UAH", "yuan": "CNY",
}  # fmt: skip
# Hedge → (approximate, bound): the bound says which of low/high the number is.
HEDGES = {
    "about": (True, "both"), "around": (True, "both"), "approximately": (True, "both"),
    "roughly": (True, "both"), "some": (True, "both"), "an estimated": (True, "both"),
    "estimated": (True, "both"), "close to": (True, "high"), "nearly": (True, "high"),
    "almost": (True, "high"), "at least": (False, "low"), "more than": (False, "low"),
    "over": (False, "low"), "upwards of": (False, "low"), "no fewer than": (False, "low"),
    "well over": (False, "low"), "in excess of": (False, "low"), "up to": (False, "high"),
    "at most": (False, "high"), "fewer than": (False, "high"), "less than": (False, "high"),
    "under": (False, "high"), "as many as": (False, "high"), "no more than": (False, "high"),
    "only": (False, "both"), "just": (False, "both"), "exactly": (False, "both"),
    "at least some": (False, "low"),
}  # fmt: skip

_WORD = "|".join(sorted((k for k in UNITS if " " not in k), key=len, reverse=True))
_WORDNUM = rf"(?:{_WORD})(?:[- ](?:{_WORD}))?"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:hundred|thousand|million|billion|trillion)"
_SCALE_SHORT = r"(?:bn|mn|tn|m|k)"
_BASE = (
    rf"(?:(?:{_DIGITS})(?:\s?{_SCALE_SHORT}\b|(?:\s{_SCALE})+)?"
    rf"|(?:{_WORDNUM}|a|one)(?:\s{_SCALE})+"
    rf"|(?:{_WORDNUM})"
    rf"|a dozen)"
)
_FEW = "|".join(re.escape(k) for k in FEW)
_VAGUE = "|".join(sorted((re.escape(k) for k in VAGUE), key=len, reverse=True))
_FRAC = "|".join(sorted(FRACTIONS, key=len, reverse=True))
_CUR = "|".join(re.escape(k) for k in CURRENCIES)
_CUR_CHARS = re.escape("".join(CURRENCIES))
_CURW = "|".join(CURRENCY_WORDS)
_HEDGE = "|".join(sorted((re.escape(k) for k in HEDGES), key=len, reverse=True))

# The lookbehind lets the scan skip positions inside words at once (it was a
# quarter of the claims component's time); such matches were rejected anyway.
CORE = re.compile(
    rf"""
    (?<![\w{_CUR_CHARS}])(?:
    (?P<money>(?P<cur>{_CUR})\s?(?P<mnum>{_BASE}))
    |(?P<between>between\s(?P<blo>{_BASE})\s(?:and|&)\s(?P<bhi>{_BASE}))
    |(?P<range>(?P<rlo>{_DIGITS}|{_WORDNUM})\s?(?:-|–|to|or)\s?(?P<rhi>{_BASE}))
    |(?P<fewscale>(?P<few>{_FEW})\s(?P<fscale>hundred|thousand|million|dozen)s?)
    |(?P<vague>{_VAGUE})
    |(?P<frac>(?P<fnum>a|one|two|three|four|nine)[- ](?P<fden>{_FRAC})|half|(?P<one_in>one\sin\s(?P<oin>{_BASE})))
    |(?P<num>{_BASE}))
    """,
    re.IGNORECASE | re.VERBOSE,
)
# CORE is all lower case: in the lowered text it matches case-sensitively where it
# matches the text ignoring case, and three times faster.
LOWER_CORE = re.compile(CORE.pattern, re.VERBOSE)
# Letters that match an ASCII letter ignoring case but do not lower to it ("ı", "ſ").
UNFOLDED = re.compile("[\u0131\u017f]")
PERCENT_AFTER = re.compile(r"^\s?(?:%|percent\b|per cent\b|pc\b)", re.IGNORECASE)
CURRENCY_AFTER = re.compile(rf"^\s(?:{_CURW})\b", re.IGNORECASE)
HEDGE_BEFORE = re.compile(rf"(?:^|(?<=\W))(?P<hedge>{_HEDGE})\s+$", re.IGNORECASE)


@dataclass
class Quantity:
    start: int
    end: int
    kind: str  # count, fraction, percent, money
    low: float | None
    high: float | None
    quantity: str
    approximate: bool = False
    hedge: str | None = None
    currency: str | None = None
    vague: bool = False


def value(text: str) -> float | None:
    """The value of one number written in digits or words ("3,500", "Seventy-one")."""
    text = text.strip().lower().replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    total, current = 0.0, 0.0
    for part in re.split(r"[\s-]+", text):
        if re.fullmatch(r"\d+(?:\.\d+)?", part):
            current += float(part)
        elif part in ("a", "one") and current == 0:
            current = 1
        elif part in UNITS:
            current += UNITS[part]
        elif part == "dozen":
            current = (current or 1) * 12
        elif part in SCALES:
            current = (current or 1) * SCALES[part]
            if SCALES[part] >= 1000:
                total, current = total + current, 0.0
        elif _short_scale(part) is not None:
            current += _short_scale(part)
        else:
            return None
    return total + current


def _short_scale(part: str) -> float | None:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(bn|mn|tn|m|k)", part)
    return float(match.group(1)) * SCALES[match.group(2)] if match else None


def find(text: str) -> list[Quantity]:
    """Every quantity candidate in ``text``, longest first at each position."""
    found = []
    for match in _core_matches(text):
        if _inside_word(text, match.start(), match.end()):
            continue
        quantity = _quantity(text, match)
        if quantity is not None:
            _hedge(text, quantity)
            found.append(quantity)
    return found


def _core_matches(text: str):
    """``CORE.finditer(text)``, searched for in the lowered text."""
    lower = text.lower()
    if len(lower) != len(text) or UNFOLDED.search(text):  # "İ" lowers to two characters
        yield from CORE.finditer(text)
        return
    for found in LOWER_CORE.finditer(lower):
        # Matched again for groups in the text's own case.
        yield CORE.match(text, found.start())


def _inside_word(text: str, start: int, end: int) -> bool:
    # "G7", "Su-25", "S-400", "Covid-19": a number glued to letters is a name.
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or after.isalnum():
        return True
    return before == "-" and start >= 2 and text[start - 2].isalpha()


def _quantity(text: str, m: re.Match) -> Quantity | None:
    s, e = m.start(), m.end()
    if m.group("money"):
        amount = value(m.group("mnum"))
        cur = CURRENCIES[m.group("cur")]
        return _exact(s, e, amount, "money", f"{cur} {_fmt(amount)}", currency=cur)
    if m.group("between") or m.group("range"):
        lo = value(m.group("blo") or m.group("rlo"))
        hi = value(m.group("bhi") or m.group("rhi"))
        if lo is None or hi is None:
            return None
        lo, hi = _share_scale(lo, hi)
        if not lo < hi:
            # "Seventy-one" or "one-two" read as a range: try it as one number.
            whole = value(m.group())
            return (
                None if whole is None else _percent(text, _exact(s, e, whole, "count", _fmt(whole)))
            )
        return _percent(text, Quantity(s, e, "count", lo, hi, f"{_fmt(lo)}-{_fmt(hi)}"))
    if m.group("fewscale"):
        lo, hi = FEW[m.group("few").lower()]
        scale = 12 if m.group("fscale").lower() == "dozen" else SCALES[m.group("fscale").lower()]
        lo, hi = lo * scale, hi * scale
        return Quantity(s, e, "count", lo, hi, f"{_fmt(lo)}-{_fmt(hi)}", True, vague=True)
    if m.group("vague"):
        lo, hi = VAGUE[re.sub(r"\s+", " ", m.group("vague").lower())]
        return Quantity(s, e, "count", lo, hi, f"{_fmt(lo)}-{_fmt(hi)}", True, vague=True)
    if m.group("frac"):
        return _fraction(s, e, m)
    amount = value(m.group("num"))
    if amount is None:
        return None
    currency = CURRENCY_AFTER.match(text[e:])
    if currency:
        cur = CURRENCY_WORDS[currency.group().strip().lower()]
        return _exact(s, e + currency.end(), amount, "money", f"{cur} {_fmt(amount)}", currency=cur)
    return _percent(text, _exact(s, e, amount, "count", _fmt(amount)))


def _fraction(s: int, e: int, m: re.Match) -> Quantity:
    if m.group("one_in"):
        share = 1 / (value(m.group("oin")) or 1)
        return _exact(s, e, share, "fraction", f"1/{_fmt(1 / share)}")
    if m.group("fden"):
        count = 1 if m.group("fnum").lower() in ("a", "one") else UNITS[m.group("fnum").lower()]
        den = FRACTIONS[m.group("fden").lower()]
        return _exact(s, e, count * den, "fraction", f"{count}/{_fmt(round(1 / den))}")
    return _exact(s, e, 0.5, "fraction", "1/2")


def _percent(text: str, quantity: Quantity) -> Quantity:
    after = PERCENT_AFTER.match(text[quantity.end :])
    if not after:
        return quantity
    quantity.end += after.end()
    quantity.kind = "percent"
    quantity.quantity += "%"
    return quantity


def _share_scale(lo: float, hi: float) -> tuple[float, float]:
    # "two to three million": the scale written once applies to both ends.
    for scale in (1e9, 1e6, 1e3, 100):
        if hi >= scale and lo < 1000 and lo * scale <= hi and hi % scale == 0 and lo < hi / 10:
            return lo * scale, hi
    return lo, hi


def _exact(s, e, amount, kind, quantity, currency=None) -> Quantity:
    return Quantity(s, e, kind, amount, amount, quantity, currency=currency)


def _hedge(text: str, quantity: Quantity) -> None:
    match = HEDGE_BEFORE.search(text[max(0, quantity.start - 30) : quantity.start])
    if not match:
        return
    hedge = match.group("hedge").lower()
    approximate, bound = HEDGES[hedge]
    quantity.start -= len(text[max(0, quantity.start - 30) : quantity.start]) - match.start()
    quantity.hedge = hedge
    quantity.approximate = quantity.approximate or approximate
    if bound == "low":
        quantity.high = None
    elif bound == "high":
        quantity.low = None


def _fmt(number: float) -> str:
    if number == int(number):
        return str(int(number))
    return f"{number:.4g}"
