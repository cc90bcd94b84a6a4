"""English words the identity rules load: titles and ranks stripped from person
names, the words that name an armed unit's kind, and words a unit's name may or may
not carry. Other languages add their words here; the rules do not change."""

TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "sir",
        "madam",
        "president",
        "vice",
        "prime",
        "minister",
        "deputy",
        "chairman",
        "chairwoman",
        "spokesman",
        "spokeswoman",
        "general",
        "gen",
        "lieutenant",
        "lt",
        "colonel",
        "col",
        "major",
        "maj",
        "captain",
        "capt",
        "sergeant",
        "sgt",
        "corporal",
        "cpl",
        "private",
        "pvt",
        "commander",
        "cmdr",
        "admiral",
        "adm",
        "marshal",
        "brigadier",
        "senior",
        "junior",
        "chief",
        "head",
        "governor",
        "mayor",
        "ambassador",
        "senator",
        "father",
        "fr",
        "saint",
        "st",
    ]
)

UNIT_KINDS = frozenset(
    [
        "army",
        "corps",
        "division",
        "brigade",
        "regiment",
        "battalion",
        "company",
        "platoon",
        "squad",
        "squadron",
        "detachment",
        "legion",
        "group",
        "unit",
        "force",
        "forces",
        "battery",
    ]
)

# Words official unit names carry or drop from one report to the next.
UNIT_FILLER = frozenset(
    [
        "the",
        "of",
        "separate",
        "independent",
        "guards",
        "guard",
        "special",
        "purpose",
        "named",
        "after",
        "operational",
        "tactical",
        "territorial",
        "defence",
        "defense",
        "national",
    ]
)

# Transliteration variants folded to one spelling, applied in order to each word
# after unidecode and lower-casing (Ukrainian/Russian romanisations: kh/h, g/h,
# x/ks, j/y, w/v, ph/f, and the many endings of -ий).
VARIANTS = (
    ("x", "ks"),
    ("kh", "h"),
    ("g", "h"),
    ("ph", "f"),
    ("w", "v"),
    ("j", "y"),
    ("q", "k"),
    ("ck", "k"),
)
