"""One key for every spelling of a name.

Transliterations differ in diacritics, apostrophes, hyphens and script
("Kryvyi Rih", "Kryvyy Rih", "Кривий Ріг"); folding to lower-case ASCII with
unidecode and dropping punctuation makes most of them meet on one key. What
folding cannot join (Kharkiv / Kharkov) the GeoNames alternate names join.
"""

from __future__ import annotations

import re
import unicodedata

try:
    from unidecode import unidecode
except ModuleNotFoundError:  # degraded: accents fold, Cyrillic keeps its own keys

    def unidecode(text: str) -> str:
        return "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )


_DROP = re.compile(r"[’'`ʼ‘.]")
_SPACE = re.compile(r"[^a-z0-9\u0400-\u04ff]+")
# Names in other scripts would only bloat the index: articles kronika reads are
# in English, with the odd Ukrainian or Russian name left in Cyrillic.
_LATIN_OR_CYRILLIC = re.compile(
    r"^[\sA-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0400-\u04FF0-9'’`ʼ.,()\-]+$"
)


# Words names abbreviate ("St. Petersburg", "Mt. Pleasant", "Ft. Worth"): one key
# for both spellings, so the abbreviation matches the place's own name.
_SHORT = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft"}


def fold(name: str) -> str:
    """The lookup key of a name: lower-case ASCII words separated by one space."""
    text = unidecode(unicodedata.normalize("NFKC", name)).lower()
    words = _SPACE.sub(" ", _DROP.sub("", text)).split()
    return " ".join(_SHORT.get(w, w) for w in words)


def usable(name: str) -> bool:
    """Latin or Cyrillic, and long enough not to be noise."""
    return len(name) > 1 and bool(_LATIN_OR_CYRILLIC.match(name))


def is_code(name: str) -> bool:
    """ "US", "U.S.", "USA": matched only when written in capitals."""
    letters = re.sub(r"[^A-Za-z]", "", name)
    return 0 < len(letters) <= 3 and letters.isupper()
