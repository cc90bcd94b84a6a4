"""English words and phrases the people component reads. Logic lives in
:mod:`kronika.components.people` and its helpers; another language adds its
own module with the same names."""

from __future__ import annotations

# A name as the patterns below capture it: one or two capitalised words, in
# quotation marks or not ("call sign «Sova»", "known as Big Ivan").
NAME = r"[«“\"'‘„]?(?P<name>[A-ZА-ЯЁІЇЄҐ][\w’'-]+(?: [A-ZА-ЯЁІЇЄҐ][\w’'-]+)?)[»”\"'’]?"
CALLSIGN_NOUN = r"(?:call[- ]?sign|nom de guerre|nickname|code[- ]?name|alias|radio name)"
CALLSIGN_NOUN_HINTS = ("call", "nom de", "nickname", "code", "alias", "radio name")
# What introduces a call sign or nickname before it: "who goes by the call sign
# X", "with the callsign X", "known as X", "code name X", "nicknamed X",
# "introduced himself by the callsign X", "who gave his name as X". Each comes
# with the lower-case words it needs: a text holding none of them is not searched.
CALLSIGN_BEFORE = [
    (CALLSIGN_NOUN_HINTS, rf"\b{CALLSIGN_NOUN}s?\s*(?:is\s+|was\s+|of\s+)?[:,]?\s*" + NAME),
    (
        ("known as", "known only as", "known simply as", "referred to"),
        r"\b(?:known|referred to)\s+(?:only\s+|simply\s+)?(?:to\s+\w+\s+)?as\s+(?:the\s+)?" + NAME,
    ),
    (
        ("nicknamed", "code", "dubbed", "called h", "calls h", "go by", "goes by", "went by"),
        r"\b(?:nicknamed|code[- ]?named|dubbed|called himself|called herself|calls himself|"
        r"calls herself|goes by|go by|went by)\s+(?:the\s+)?" + NAME,
    ),
    (
        ("introduced h", "introduced t"),
        r"\bintroduced (?:himself|herself|themselves) (?:only )?(?:as|by) (?:the )?" + NAME,
    ),
    (("name as",), r"\bgave (?:only )?(?:his|her) (?:first )?name as\s+" + NAME),
]
# "Sova (call sign)", "Grom (nom de guerre)": the name before a bracketed label.
CALLSIGN_AFTER = [
    (CALLSIGN_NOUN_HINTS, r"(?P<name>[A-Z][\w’'-]+)\s*\((?:his |her |a )?" + CALLSIGN_NOUN + r"\)")
]
# The words of the patterns themselves: never a holder of the call sign.
CALLSIGN_WORDS = {
    "call", "sign", "callsign", "call-sign", "nickname", "name", "code", "codename",
    "alias", "guerre", "nom", "radio",
}  # fmt: skip

# An unnamed source: the noun phrase before one of these is an anonymous person.
ANONYMOUS = [
    (
        ("not to be", "to remain", "name not be"),
        r"\bwho (?:asked|requested|wished|wanted) (?:not to be|to remain|that (?:his|her|their) "
        r"name not be)\s*(?:named|identified|anonymous|used|published)",
    ),
    (
        ("anonym", "not named", "unnamed"),
        r"\bwho (?:spoke|was speaking|talked|agreed to speak) (?:to \w+ )?(?:on|under) "
        r"(?:the )?conditions? (?:of|that (?:he|she|they) (?:not )?(?:remain|be)) "
        r"(?:anonymity|anonymous|not named|unnamed)",
    ),
    (("anonymity",), r"\b(?:speaking|talking) (?:on|under) (?:the )?condition of anonymity"),
    (
        ("to be named", "to be identified", "to give"),
        r"\bwho (?:declined|refused|did not want|didn't want) to (?:be named|be identified|"
        r"give (?:his|her|their) (?:full )?names?)",
    ),
    (("not be named",), r"\bwho (?:could|can) not be named"),
    (
        ("withheld", "not disclosed"),
        r"\bwhose (?:name|identity) (?:was|is|has been) (?:withheld|not disclosed)",
    ),
]

# Nouns that name a person by what they are or do. A noun phrase headed by one
# is a person; "the official" later refers back to the person described so.
PERSON_NOUNS = {
    "official", "officer", "spokesman", "spokeswoman", "spokesperson", "commander", "soldier",
    "volunteer", "fighter", "medic", "surgeon", "doctor", "nurse", "paramedic", "electrician",
    "engineer", "driver", "farmer", "teacher", "student", "resident", "villager", "refugee",
    "survivor", "witness", "instructor", "sniper", "gunner", "pilot", "sergeant", "lieutenant",
    "captain", "colonel", "general", "major", "private", "corporal", "marine", "paratrooper",
    "recruit", "conscript", "mercenary", "prisoner", "detainee", "veteran", "chaplain", "priest",
    "journalist", "reporter", "photographer", "correspondent", "analyst", "expert", "researcher",
    "diplomat", "minister", "ambassador", "governor", "mayor", "deputy", "lawmaker", "senator",
    "president", "leader", "chief", "head", "director", "manager", "worker", "miner", "mechanic",
    "operator", "scout", "signaller", "signalman", "gunman", "militant", "separatist", "rebel",
    "partisan", "guerrilla", "negotiator", "adviser", "advisor", "aide", "representative",
    "lawyer", "prosecutor", "judge", "investigator", "activist", "organiser", "organizer",
    "coordinator", "man", "woman", "boy", "girl", "mother", "father", "son", "daughter",
    "brother", "sister", "husband", "wife", "widow", "grandmother", "grandfather", "pensioner",
    "civilian", "local", "eyewitness", "guard", "serviceman", "servicewoman", "trooper",
    "infantryman", "tankman", "artilleryman", "deminer", "sapper", "rescuer", "firefighter",
    "policeman", "policewoman", "source", "insider", "defector", "interpreter", "translator",
    "cook", "owner", "shopkeeper", "neighbour", "neighbor", "friend", "colleague", "comrade",
    "chairman", "chairwoman", "secretary", "member", "staffer", "employee", "contractor",
    "fisherman", "shepherd", "priestess", "nun", "monk", "bishop", "professor", "economist",
    "historian", "writer", "poet", "artist", "musician", "singer", "athlete", "businessman",
    "businesswoman", "entrepreneur", "banker", "pastor", "imam", "rabbi", "patient", "victim",
    "hostage", "captive", "deserter", "defender", "occupant", "occupier", "invader",
    "nominee", "candidate", "contender", "congressman", "congresswoman", "commentator", "strategist", "pundit", "blogger", "columnist", "presenter", "campaigner", "propagandist", "evacuee",
}  # fmt: skip
MASCULINE_NOUNS = {
    "man", "boy", "father", "son", "brother", "husband", "grandfather", "spokesman",
    "policeman", "chairman", "businessman", "fisherman", "serviceman", "monk", "priest",
    "gentleman", "uncle", "nephew", "king", "prince", "signalman", "gunman", "infantryman",
    "tankman", "artilleryman",
}  # fmt: skip
FEMININE_NOUNS = {
    "woman", "girl", "mother", "daughter", "sister", "wife", "widow", "grandmother",
    "spokeswoman", "policewoman", "chairwoman", "businesswoman", "servicewoman", "nun",
    "priestess", "lady", "aunt", "niece", "queen", "princess", "actress", "waitress",
}  # fmt: skip
MASCULINE_TITLES = {"mr", "sir", "mister"}
FEMININE_TITLES = {"mrs", "ms", "miss", "madam", "madame"}
# Abbreviated titles before a name ('Sen. Bernie Sanders'), besides the
# identity rules' titles: never a given name.
NAME_ABBREVIATIONS = {"sen", "rep", "gov", "rev", "hon", "amb", "supt", "insp"}
# What a surname adds for a woman ('Ivanov' → 'Ivanova'): another person.
FEMININE_SURNAME_ENDINGS = ("a", "aya")
MASCULINE_WORDS = {"himself", "his"}
FEMININE_WORDS = {"herself", "her"}

# Third-person pronouns a chain takes in, with their gender.
PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}
# Every third-person singular word with a gender: a sentence that names one
# person and uses one of these of someone tells that person's gender.
GENDERED_WORDS = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
}  # fmt: skip
RELATIVE = {"who", "that", "whom"}

# "the 41-year-old", "aged 41", "in his twenties": an age.
AGE = [
    r"\b\d{1,3}[- ]years?[- ]old\b",
    r"\baged \d{1,3}\b",
    r"\bin (?:his|her|their) (?:early |mid-|mid |late )?(?:teens|twenties|thirties|forties|"
    r"fifties|sixties|seventies|eighties)\b",
    r"\b(?:around|about|nearly|almost) (?:\w+ )?(?:fifty|forty|thirty|sixty|twenty|seventy)"
    r"(?: years old)?\b",
]
ORIGIN_PREPOSITIONS = {"from", "of"}
# After a quote, naming whose words they were: '“…” These are the words of X.'
WORDS_AFTER = [
    r"\s*(?:[-–—]\s*)?(?:these|those|such|that|this) (?:are|were|was|is) (?:the )?"
    r"(?:(?:own |very |exact )?words) of\s+" + NAME,
    # '… the words of a company commander with the call sign X, whose men …'
    r"\s*(?:[-–—]\s*)?(?:these|those|such|that|this) (?:are|were|was|is) (?:the )?"
    r"(?:(?:own |very |exact )?words) of\s+(?P<name>(?:a|an|the|one) [^,.;:\n]{1,80})",
    r"\s*(?:[-–—]\s*)?(?:so|thus) (?:says|said)\s+" + NAME,
]

# Head nouns of an organisation named by what it is ('Russia's defence
# ministry', 'the regiment'): a speaker so named is an organisation, and "the
# ministry" later refers back to it.
ORGANISATION_NOUNS = {
    "ministry", "regiment", "command", "office", "agency", "department", "service",
    "government", "administration", "committee", "council", "commission", "embassy",
    "brigade", "battalion", "army", "navy", "staff", "headquarters", "company", "presidency",
    "kremlin", "parliament", "court", "prosecutor's", "police", "directorate", "bureau",
    "mission", "organisation", "organization", "institute", "foundation", "union", "party",
    "federation", "operator", "authority", "authorities", "corporation", "group", "centre",
    "center", "division", "corps", "forces", "guard", "secretariat", "cabinet",
}  # fmt: skip
# Words of organisations' proper names the NER may take for a person's
# ('United Nations'), besides ORGANISATION_NOUNS.
ORGANISATION_NAME_WORDS = {
    "nations", "united", "international", "bank", "fund", "watch", "news", "times", "post",
    "press", "media", "television", "radio", "network", "institute", "university", "club",
    "airlines", "group", "association", "society", "red", "cross", "crescent",
}  # fmt: skip
# Platforms and services the NER takes for people ('Writing on Twitter he
# said'): names, the same in every language's text.
PLATFORMS = {
    "twitter", "telegram", "facebook", "instagram", "youtube", "tiktok", "whatsapp",
    "viber", "signal", "vkontakte", "vk", "weibo", "wechat", "reddit", "linkedin", "skype",
}  # fmt: skip
# Words that make a phrase somebody rather than a name ('one Muscovite', 'another').
INDEFINITE = {"a", "an", "one", "another", "some", "two", "three", "several", "many"}
# Speakers that name nobody: pronouns, relatives, documents.
NAMES_NOBODY = {"it", "they", "them", "who", "which", "that", "this", "these", "those"}
# Person nouns that name someone by their tie to another person ('the aide',
# 'his lawyer'): never a title of the person in view.
RELATIONAL_NOUNS = {
    "aide", "adviser", "advisor", "spokesman", "spokeswoman", "spokesperson", "representative",
    "lawyer", "friend", "colleague", "comrade", "neighbour", "neighbor", "deputy", "assistant",
    "secretary", "source", "insider", "interpreter", "translator", "staffer", "employee",
    "mother", "father", "son", "daughter", "brother", "sister", "husband", "wife", "widow",
    "grandmother", "grandfather", "counterpart", "successor", "predecessor", "rival",
    "opponent", "ally", "partner", "member", "negotiator", "envoy",
}  # fmt: skip
