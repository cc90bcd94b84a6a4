"""Event triggers: which words name which kind of event, in PLOVER's categories,
and how an event's type maps to ACLED's event type and sub-type.

A trigger is a lemma with the parts of speech it counts for and, where the
word alone is ambiguous, a check (``need``) applied by :mod:`events` against
the parse: ``weapon_subject`` ("missiles hit"), ``person_object`` ("released
the prisoners", not "released the images"), ``political_subject`` ("ministers
met"), ``entity_pair`` ("X supports Y"), ``unit`` ("a battalion was created").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

V, N = frozenset({"VERB"}), frozenset({"NOUN"})
VN = V | N
# A noun trigger's span reaches back to its light verb: "launched a criminal case".
LIGHT_VERBS = {
    "launch", "carry", "conduct", "stage", "wage", "mount", "open", "impose", "introduce",
    "announce", "begin", "start", "take", "hold", "sign", "reach", "strike", "make", "file",
    "unleash", "deliver", "participate", "join", "continue", "resume",
}  # fmt: skip


@dataclass(frozen=True)
class Trigger:
    plover: str
    pos: frozenset[str] = VN
    need: str | None = None
    confidence: float = 0.8


def _many(plover: str, words: str, pos=VN, need=None, confidence=0.8) -> dict:
    trigger = Trigger(plover, pos, need, confidence)
    return {(w, p): trigger for w in words.split() for p in pos}


# (lemma, part of speech) → trigger.
TRIGGERS: dict[tuple[str, str], Trigger] = {
    **_many("ASSAULT", "attack assault offensive counteroffensive counter-offensive incursion "
            "invasion invade raid ambush siege besiege bombardment bombard shelling barrage "
            "airstrike onslaught battle clash fighting fight massacre killing", confidence=0.9),
    **_many("ASSAULT", "shell bomb pound", V, confidence=0.85),
    **_many("ASSAULT", "bombing explosion blast strike", N, confidence=0.85),
    **_many("ASSAULT", "kill die wound injure maim murder execute torture abduct kidnap "
            "explode repel recapture retake capture seize occupy annex liberate", V),
    **_many("ASSAULT", "strike", V, "not_deal", 0.8),
    **_many("ASSAULT", "hit smash slam crash land", V, "weapon_subject", 0.7),
    **_many("ASSAULT", "capture seizure recapture", N, None, 0.75),
    **_many("ASSAULT", "execution torture abduction kidnapping murder rape shootout", N, None, 0.8),
    **_many("ASSAULT", "beat", V, "person_object", 0.7),
    **_many("ASSAULT", "push", V, "troop_subject", 0.6),
    **_many("ASSAULT", "fire", V, "weapon_object", 0.7),
    **_many("ASSAULT", "target", V, None, 0.6),
    **_many("ASSAULT", "advance annexation occupation", N, None, 0.7),
    **_many("ASSAULT", "operation", N, "military_operation", 0.8),
    **_many("MOBILIZE", "deploy deployment", VN, "military", 0.75),
    **_many("MOBILIZE", "mobilize mobilise mobilization mobilisation "
            "conscription reinforce reinforcement regroup buildup recruitment", confidence=0.8),
    **_many("MOBILIZE", "conscript recruit", V, None, 0.75),
    **_many("MOBILIZE", "arrive", V, "troop_subject", 0.75),
    **_many("MOBILIZE", "create form establish found", V, "unit", 0.75),
    **_many("MOBILIZE", "creation formation", N, "unit", 0.75),
    **_many("MOBILIZE", "join grow", V, "unit", 0.6),
    **_many("MOBILIZE", "exercise drill", N, "military_modifier", 0.7),
    **_many("COERCE", "arrest detain detention sentence convict prosecute indict deport expel "
            "censor", confidence=0.85),
    **_many("COERCE", "jail imprison", V, None, 0.85),
    **_many("COERCE", "interrogate suppress repress persecute", V, None, 0.75),
    **_many("COERCE", "trial crackdown repression persecution", N, None, 0.75),
    **_many("COERCE", "hold", V, "held_captive", 0.6),
    **_many("COERCE", "ban block fine confiscate destroy demolish", V, None, 0.7),
    **_many("COERCE", "case", N, "legal_case", 0.8),
    **_many("COERCE", "charge", V, "person_object", 0.7),
    **_many("COERCE", "cyberattack cyber-attack", N, None, 0.85),
    **_many("SANCTION", "sanction embargo boycott", confidence=0.9),
    **_many("SANCTION", "deny", V, "visa_object", 0.75),
    **_many("ACCUSE", "accuse accusation blame condemn denounce criticize criticise allege",
            confidence=0.85),
    **_many("REJECT", "reject refuse rebuff veto", V, None, 0.75),
    **_many("THREATEN", "threaten threat ultimatum", confidence=0.8),
    **_many("DEMAND", "demand", V, None, 0.75),
    **_many("DEMAND", "demand", N, "call_for", 0.7),
    **_many("DEMAND", "call", VN, "call_for", 0.75),
    **_many("PROTEST", "protest demonstration demonstrate rally riot", VN, "protest", 0.7),
    **_many("INVESTIGATE", "investigate investigation probe inquiry", confidence=0.8),
    **_many("RETREAT", "withdraw withdrawal retreat surrender ceasefire truce", confidence=0.8),
    **_many("RETREAT", "release free", V, "person_object", 0.75),
    **_many("RETREAT", "exchange swap", N, "prisoner_modifier", 0.8),
    **_many("RETREAT", "pause", N, None, 0.6),
    **_many("CONCEDE", "concede", V, None, 0.6),
    **_many("AGREE", "agreement deal accord treaty pact", N, "not_own", 0.75),
    **_many("AGREE", "agree", V, "political_subject", 0.6),
    **_many("AGREE", "sign", V, "deal_object", 0.85),
    **_many("CONSULT", "meet visit negotiate host", V, "political_subject", 0.7),
    **_many("CONSULT", "meeting summit talks negotiation visit", N, None, 0.7),
    **_many("CONSULT", "broker mediate", V, None, 0.75),
    **_many("SUPPORT", "back endorse praise recognise recognize", V, "entity_object", 0.6),
    **_many("SUPPORT", "support", V, "entity_pair", 0.6),
    **_many("COOPERATE", "cooperate", V, None, 0.6),
    **_many("COOPERATE", "cooperation", N, None, 0.6),
    **_many("AID", "supply donate", V, None, 0.7),
    **_many("AID", "provide send deliver", V, "aid_object", 0.7),
    **_many("AID", "receive", V, "aid_object", 0.6),
    **_many("AID", "aid assistance", N, "not_compound", 0.7),
}  # fmt: skip

# Phrasal triggers: (lemma, particle) → category.
PHRASAL = {
    ("blow", "up"): Trigger("ASSAULT", V, None, 0.85),
    ("rain", "down"): Trigger("ASSAULT", V, None, 0.8),
    ("shoot", "down"): Trigger("ASSAULT", V, None, 0.85),
    ("pull", "out"): Trigger("RETREAT", V, None, 0.75),
    ("pull", "back"): Trigger("RETREAT", V, None, 0.75),
    ("build", "up"): Trigger("MOBILIZE", V, "troop_object", 0.7),
    ("take", "over"): Trigger("ASSAULT", V, None, 0.7),
    ("crack", "down"): Trigger("COERCE", V, None, 0.8),
}
# Verb + object or complement that together name an event: "took control", "found guilty".
VERB_OBJECT = {
    ("take", "control"): Trigger("ASSAULT", V, None, 0.8),
    ("gain", "control"): Trigger("ASSAULT", V, None, 0.8),
    ("seize", "control"): Trigger("ASSAULT", V, None, 0.85),
    ("establish", "control"): Trigger("ASSAULT", V, None, 0.7),
    ("find", "guilty"): Trigger("COERCE", V, None, 0.85),
    ("open", "fire"): Trigger("ASSAULT", V, None, 0.85),
    # People taken captive: an abduction in PLOVER's ASSAULT, never a change of territory.
    ("take", "prisoner"): Trigger("ASSAULT", V, None, 0.8),
    ("take", "captive"): Trigger("ASSAULT", V, None, 0.8),
    ("take", "hostage"): Trigger("ASSAULT", V, None, 0.8),
}
CAPTIVE_WORDS = {"prisoner", "captive", "hostage"}
# Named events: "the battle of X", "the invasion of X", "the X operation", "Operation X".
# Harm verbs whose subject is the victim ("two soldiers died", "he was wounded").
VICTIM_SUBJECT = {"die", "wound", "injure", "maim", "kill", "torture", "execute", "abduct",
                  "kidnap", "murder"}  # fmt: skip
# Verbs whose subject is the actor of the event named by their object ("took part in the raids").
PARTICIPATE = {"take", "participate", "join", "launch", "conduct", "carry", "lead", "stage",
               "wage", "mount", "begin", "start", "continue", "order", "plan", "prepare",
               "impose", "introduce", "announce", "sign", "reach", "resume", "step", "intensify",
               "unleash", "escalate", "deliver", "fire"}  # fmt: skip
NAMED_NOUNS = {"battle", "invasion", "siege", "operation", "offensive", "counteroffensive",
               "incursion", "incursions", "occupation", "liberation", "capture", "fall", "defence",
               "defense", "assault", "raid", "massacre"}  # fmt: skip

WEAPONS = {
    "missile", "rocket", "shell", "artillery", "drone", "bomb", "mortar", "strike", "airstrike",
    "warplane", "aircraft", "jet", "himars", "projectile", "munition", "grenade", "mine",
    "barrage", "volley", "attack", "helicopter", "tank", "howitzer", "salvo", "explosive",
}  # fmt: skip
TROOPS = {
    "recruit", "troop", "soldier", "reinforcement", "volunteer", "fighter", "mercenary",
    "conscript", "unit", "force", "battalion", "brigade", "regiment", "reservist",
}  # fmt: skip
UNIT_NOUNS = {"battalion", "brigade", "regiment", "legion", "corps", "division", "unit",
              "militia", "detachment", "army", "force", "squadron", "company", "platoon"}  # fmt: skip
PERSONS = {
    "prisoner", "hostage", "captive", "soldier", "civilian", "detainee", "crew", "journalist",
    "person", "people", "he", "she", "they", "him", "her", "them", "sailor", "fighter", "pow",
    "citizen", "national", "activist", "opposition", "figure", "man", "woman", "child",
}  # fmt: skip
POLITICAL = {
    "minister", "leader", "official", "president", "delegation", "delegate", "diplomat",
    "ambassador", "envoy", "governor", "chancellor", "secretary", "negotiator", "representative",
    "lawmaker", "senator", "counterpart", "head", "spokesman", "spokeswoman", "premier",
    "king", "mayor", "general", "commander", "government", "ministry", "side", "country",
}  # fmt: skip
AID_WORDS = {
    "weapon", "arm", "aid", "assistance", "missile", "system", "equipment", "ammunition",
    "howitzer", "tank", "drone", "troop", "money", "fund", "loan", "grain", "vehicle",
    "armor", "armour", "munition", "jet", "rocket", "artillery", "package", "supply",
}  # fmt: skip
DEAL_WORDS = {"deal", "agreement", "treaty", "accord", "ceasefire", "pact", "memorandum",
              "truce", "contract", "armistice"}  # fmt: skip
MILITARY_OPERATION = re.compile(r"military|special|counter-?terrorist|combat|offensive|ground|"
                                r"air|amphibious|rescue|evacuation|naval", re.IGNORECASE)  # fmt: skip

# ACLED (event type, sub-event type) by PLOVER category and trigger.
AIR = {"drone", "warplane", "aircraft", "jet", "airstrike", "air", "helicopter", "bomber"}
REMOTE = {"missile", "rocket", "shell", "artillery", "mortar", "himars", "barrage", "shelling",
          "howitzer", "salvo", "projectile", "bombardment", "bombard", "pound", "volley"}  # fmt: skip
EXPLOSIVE = {"mine", "landmine", "ied", "explosive", "car bomb"}
TERRITORY_LOST = {"capture", "seize", "occupy", "occupation", "take", "advance", "over"}
# Lemmas of the people a capture can take (a capture of people is no change of territory).
CAPTURED_PEOPLE = {"prisoner", "hostage", "captive", "soldier", "civilian", "serviceman",
                   "servicemen", "fighter", "troop", "marine", "man", "woman", "child", "he",
                   "she", "they", "him", "her", "them", "crew", "sailor", "journalist",
                   "volunteer", "resident", "people", "person", "pow"}  # fmt: skip
TERRITORY_WON = {"recapture", "retake", "liberate", "liberation"}
# An attack repelled is a battle in which no territory changed hands (ACLED: Armed clash).
REPELLED = {"repel", "repulse", "fend", "beat"}
# Weapons stopped before they struck (ACLED: Disrupted weapons use).
INTERCEPT = {"shoot", "intercept", "interception"}  # "shot down", as a phrasal trigger
# What "destroyed" acts on when it is a military result, not ACLED's property destruction.
MILITARY_OBJECTS = {
    "vehicle", "tank", "equipment", "position", "depot", "warehouse", "system", "aircraft",
    "helicopter", "drone", "ship", "boat", "vessel", "launcher", "howitzer", "gun", "radar",
    "artillery", "ammunition", "stockpile", "base", "post", "command", "headquarters",
    "bunker", "trench", "fortification", "convoy", "train", "jet", "plane", "missile", "battery",
}  # fmt: skip
CIVILIANS = {"civilian", "resident", "child", "girl", "boy", "family", "people", "woman",
             "villager", "passenger", "patient", "journalist"}  # fmt: skip
ARRESTS = {"arrest", "detain", "detention", "sentence", "jail", "imprison", "convict",
           "prosecute", "indict", "case", "charge"}  # fmt: skip
REMOTE_TRIGGERS = {"bomb", "bombing", "shell", "shelling", "strike", "explosion", "blast",
                   "airstrike", "pound", "barrage", "bombardment", "bombard", "blow", "rain",
                   "explode", "hit", "fire", "target"}  # fmt: skip


def acled(
    plover: str, lemma: str, context: set[str], captive: bool = False
) -> tuple[str | None, str | None]:
    """ACLED's event type and sub-type for a trigger, given its sentence's lemmas.
    ``captive``: the event takes people captive ("took two soldiers prisoner")."""
    if plover == "ASSAULT":
        if captive:
            # ACLED codes the abduction of civilians; a capture of combatants belongs to
            # the battle it happened in and has no event type of its own.
            return (
                ("Violence against civilians", "Abduction/forced disappearance")
                if (context & CIVILIANS)
                else (None, None)
            )
        return _acled_violence(lemma, context)
    if plover == "PROTEST":
        return "Protests", "Peaceful protest"
    if plover == "COERCE":
        if lemma in ARRESTS:
            return "Strategic developments", "Arrests"
        if lemma in {"destroy", "demolish"}:
            return "Strategic developments", "Looting/property destruction"
        return None, None
    if plover == "MOBILIZE":
        return "Strategic developments", "Change to group/activity"
    if plover == "AGREE" or (
        plover == "RETREAT"
        and lemma in {"exchange", "swap", "ceasefire", "truce", "release", "free"}
    ):
        return "Strategic developments", "Agreement"
    if plover == "RETREAT" and lemma in {"withdraw", "withdrawal", "retreat", "pull"}:
        return "Strategic developments", "Non-violent transfer of territory"
    return None, None


def _acled_violence(lemma: str, context: set[str]) -> tuple[str, str]:
    if lemma in {"annex", "annexation"}:
        return "Strategic developments", "Non-violent transfer of territory"
    if lemma in INTERCEPT:
        return "Strategic developments", "Disrupted weapons use"
    if lemma in REPELLED:
        return "Battles", "Armed clash"
    if lemma in TERRITORY_WON:
        return "Battles", "Government regains territory"
    if lemma in TERRITORY_LOST:
        return "Battles", "Non-state actor overtakes territory"
    if lemma in {"abduct", "kidnap"}:
        return "Violence against civilians", "Abduction/forced disappearance"
    if lemma in {"torture", "execute", "massacre", "murder"}:
        return "Violence against civilians", "Attack"
    remote = _remote(context)
    if remote and (lemma in REMOTE_TRIGGERS or lemma in HARM):
        return "Explosions/Remote violence", remote
    if lemma in REMOTE_TRIGGERS:
        return "Explosions/Remote violence", "Shelling/artillery/missile attack"
    if lemma in HARM and context & CIVILIANS:
        return "Violence against civilians", "Attack"
    return "Battles", "Armed clash"


HARM = {"kill", "die", "wound", "injure", "maim", "attack", "destroy"}


def _remote(context: set[str]) -> str | None:
    if context & AIR:
        return "Air/drone strike"
    if context & EXPLOSIVE:
        return "Remote explosive/landmine/IED"
    if context & REMOTE:
        return "Shelling/artillery/missile attack"
    return None


# Background: an event named as the time before which, or since which, something else
# holds ("before the war", "since the full-scale invasion") is not an event of the
# article's days.
BACKGROUND_PREPS = {"before", "since", "prior"}
BACKGROUND_ANCHORS = {"war", "invasion", "occupation", "annexation", "conflict", "revolution",
                      "independence", "collapse", "escalation"}  # fmt: skip

# Fatalities: the words of a stated death toll, and those that make a number something else.
DEATH_VERBS = {"kill", "die", "perish"}
DEATH_NOUNS = {"death", "fatality", "dead", "life"}
TOLL_NOUNS = {"toll"}
# Counted with deaths, these make a total that is not a death toll ("killed and wounded").
NOT_DEATHS = {"wound", "injure", "injury", "hurt", "maim", "missing", "loss", "casualty",
              "wounded", "injured", "hospitalise", "hospitalize", "evacuate", "rescue",
              "capture", "detain", "disappear"}  # fmt: skip
# A victim named without a number: "she was killed", "he and his wife died" (one each).
VICTIM_NOUNS = PERSONS | {
    "wife", "husband", "son", "daughter", "mother", "father", "brother", "sister", "girl",
    "boy", "baby", "teenager", "resident", "driver", "officer", "worker", "volunteer",
    "medic", "doctor", "nurse", "teacher", "priest", "commander", "pensioner", "farmer",
}  # fmt: skip
# A side's count of the other side's dead is its claim, not a reported toll of one event.
ENEMY_WORDS = {"enemy", "occupier", "invader", "occupant", "terrorist"}
# A count over a period ("over the past week", "so far", "in total") is cumulative.
CUMULATIVE_PREPS = {"since", "over", "throughout"}
CUMULATIVE_WORDS = {"total", "overall", "altogether", "cumulative", "tally"}
SO_FAR = ({"so", "thus"}, "far")  # "so far", "thus far"; not "far from the front"
# The ACLED codebook's figures for vague tolls ("dozens" is coded 12, "hundreds" 100).
VAGUE_TOLLS = {"several": 10, "many": 10, "dozens": 12, "scores": 12, "hundreds": 100,
               "thousands": 1000}  # fmt: skip

# Times: a time after this word starts a period, and does not date an event ("since April").
PERIOD_START = "since"
# An event named with these continues one named before ("the strike", "these attacks").
DEFINITE = {"the", "this", "that", "these", "those"}
COLLECTIVE = {
    "string",
    "series",
    "wave",
    "spate",
    "volley",
    "number",
    "round",
    "barrage",
    "hail",
    "salvo",
    "chain",
}  # fmt: skip  "the string of explosions"
