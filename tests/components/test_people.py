"""kronika_people: who each mention of a person refers to, and who said each
quote. War reporting introduces people by call signs, ages, ethnicities,
roles and anonymous descriptions; every sentence here is written for these
tests."""

from __future__ import annotations

import time

import pytest
from spacy.tokens import Doc

from kronika.components.people import people_of, resolve_mention
from kronika.ingest import Item
from kronika.pipeline import analyze


def quote_with(doc, words: str):
    found = [q for q in doc.quotes if words in q.text]
    assert found, f"no quote contains {words!r}: {[q.text for q in doc.quotes]}"
    return found[0]


def entity(doc, entity_id: str):
    return next(e for e in doc.entities if e.id == entity_id)


# (text, words of the quote, the speaker's name, how it was found)
SPEAKERS = {
    "a call sign after a relative clause names the instructor": (
        "“Dig deeper before dark,” said their Lithuanian instructor, who goes by the call sign Vovk.",
        "Dig deeper", "Vovk", "callsign",
    ),
    "a call sign after 'with' names the man described": (
        "“The drones come before sunrise,” said a 29-year-old Ossetian with the call sign Baikal.",
        "drones come", "Baikal", "callsign",
    ),
    "a call sign in the subject's relative clause": (
        "One paratrooper, who goes by the call sign Shmel, said: “We have not slept since Friday.”",
        "not slept", "Shmel", "callsign",
    ),
    "age, role and origin before the call sign": (
        "“I stitch them up and send them back,” said the 47-year-old anaesthetist from the Sumy region with the call sign Pilot.",
        "stitch them up", "Pilot", "callsign",
    ),
    "a call sign given in brackets": (
        "Zubr (call sign) runs the repair shop. “We fix whatever the others break,” Zubr said.",
        "fix whatever", "Zubr", "callsign",
    ),
    "a nickname the parse loses": (
        "A sniper nicknamed Lys waits on the roof. “I have been up here since noon,” the sniper said.",
        "since noon", "Lys", "description",
    ),
    "known as, after a full name": (
        "Oleh Marchuk, known as Hrom, leads the scouts. “We go out before dawn,” Hrom said.",
        "before dawn", "Oleh Marchuk", "callsign",
    ),
    "an apposition then a later description": (
        "Ivan Hrytsak, a 41-year-old electrician from Sumy, repairs the lines at night. “The wires freeze in January,” the electrician said.",
        "wires freeze", "Ivan Hrytsak", "description",
    ),
    "a title before a name, then the title alone": (
        "Defence Minister Iryna Koval met the troops. “Supplies are on the way,” the minister said.",
        "Supplies", "Iryna Koval", "description",
    ),
    "a quote followed by 'these are the words of'": (
        "“The shelling stopped at noon.” These are the words of Hrim, a machine gunner from Lviv.",
        "shelling stopped", "Hrim", "name",
    ),
    "an anonymous source with a comma": (
        "“Nobody is leaving this town,” a military officer, who asked not to be named, told reporters.",
        "Nobody is leaving", "a military officer", "anonymous",
    ),
    "an anonymous source without one": (
        "“The convoy was hit twice,” a senior intelligence officer who spoke on condition of anonymity said.",
        "convoy was hit", "a senior intelligence officer", "anonymous",
    ),
    "a speaker the text never names": (
        "“Nobody crossed the border last night,” a border guard spokesman said.",
        "Nobody crossed", "a border guard spokesman", "anonymous",
    ),
    "he, after a paragraph quoting someone else": (
        "“Our guns are quiet today,” said Dmytro Koval, a Ukrainian battery commander.\n\n"
        "In the basement we met Pavel Sokolov, a Russian prisoner. “We were told it would take three days,” he says.",
        "three days", "Pavel Sokolov", "pronoun",
    ),
    "he, for a man the text only describes": (
        "“Our guns are quiet today,” said Dmytro Koval, a Ukrainian battery commander.\n\n"
        "Across the river, a Russian prisoner sits in a cellar with his hands tied. “They told us it would take a week,” he says.",
        "take a week", "a Russian prisoner", "pronoun",
    ),
    "a paragraph going on with the previous speaker's quote": (
        "Oksana Melnyk spoke slowly. “We hold the ridge and we will hold it.”\n\n"
        "“The enemy tries every night. We are still here.”",
        "still here", "Oksana Melnyk", "continuation",
    ),
    "a quote paragraph after narration about a person": (
        "Halyna Petrenko, a nurse from Kupiansk, stayed in the hospital for the whole siege.\n\n"
        "“We slept in the corridor and the generator ran on the last diesel we had.”",
        "slept in the corridor", "Halyna Petrenko", "continuation",
    ),
    "a speaker called by a title, the person of the paragraph": (
        "Taras Levchuk said he had warned the council twice. “Nobody listened to the engineers,” the mayor added.",
        "Nobody listened", "Taras Levchuk", "description",
    ),
}  # fmt: skip

# (text, words of the quote, the speaker entity's name and type)
ORGANISATIONS = {
    "the ministry, after the organisation was named": (
        "Poland’s interior ministry said the border stays open. “Trucks will pass as before,” the ministry said in a statement.",
        "Trucks will pass",
    ),
    "it said, of the organisation that is the paragraph's subject": (
        "The Kharkiv regional council said the bridge was closed. “Repairs will take two weeks,” it said.",
        "Repairs will take",
    ),
}  # fmt: skip


@pytest.mark.parametrize(("text", "words"), ORGANISATIONS.values(), ids=ORGANISATIONS)
def test_an_organisation_speaks_as_one_entity(nlp, text, words):
    doc = analyze(Item(name="org", text=text), nlp)
    speaker = quote_with(doc, words).speaker
    assert speaker.entity is not None
    assert entity(doc, speaker.entity).type == "ORG"
    first = [q for q in doc.quotes if q.speaker and q.speaker.start < quote_with(doc, words).start]
    assert not first or first[0].speaker.entity in {None, speaker.entity}


def test_a_person_whose_gender_the_text_gives_takes_the_pronoun(nlp):
    # 'she' in a sentence naming her alone tells her gender, so 'he' is not hers.
    text = (
        "Olena Dzyuba said she would stay in Izium. Petro Lysenko left in March, "
        "and Olena Dzyuba watched the road. “The last bus went at six,” he said."
    )
    speaker = quote_with(analyze(Item(name="gender", text=text), nlp), "last bus").speaker
    assert speaker.name == "Petro Lysenko"


@pytest.mark.parametrize(("text", "words", "name", "how"), SPEAKERS.values(), ids=SPEAKERS)
def test_the_speaker_is_the_person_the_text_means(nlp, text, words, name, how):
    doc = analyze(Item(name="speaker", text=text), nlp)
    speaker = quote_with(doc, words).speaker
    assert (speaker.name, speaker.how) == (name, how)
    assert speaker.entity is not None and speaker.confidence is not None
    assert entity(doc, speaker.entity).type == "PERSON"


def test_she_of_a_man_is_still_his_words_with_the_disagreement_flagged(nlp):
    # Machine translation writes "she says" of a man: the only person in view.
    text = "Mr. Taras Hnatiuk, a 60-year-old driver, took the last bus out of the town. “The road is worse every week,” she says."
    speaker = quote_with(analyze(Item(name="mt", text=text), nlp), "road is worse").speaker
    assert (speaker.name, speaker.how, speaker.flag) == (
        "Taras Hnatiuk",
        "only_candidate",
        "gender",
    )
    assert speaker.confidence < 0.5


def test_we_inside_a_quote_is_never_the_speaker(nlp):
    text = (
        "Nina Hlib runs the kitchen.\n\n“We cook for forty men, and we never complain about it.”\n"
    )
    doc = analyze(Item(name="we", text=text), nlp)
    for q in doc.quotes:
        assert q.speaker is None or q.speaker.name.lower() not in {"we", "i"}


def test_what_the_text_says_of_a_person_is_kept_with_offsets(nlp):
    text = "“I stitch them up and send them back,” said the 47-year-old anaesthetist from the Sumy region with the call sign Pilot."
    doc = analyze(Item(name="described", text=text), nlp)
    pilot = entity(doc, quote_with(doc, "stitch").speaker.entity)
    assert pilot.callsigns == ["Pilot"]
    kinds = {d.kind: d.text for d in pilot.descriptions}
    assert kinds == {"age": "47-year-old", "role": "anaesthetist", "origin": "from the Sumy region"}
    for d in pilot.descriptions:
        assert text[d.start : d.end] == d.text


def test_an_anonymous_source_is_named_by_its_description(nlp):
    text = "“Nobody is leaving this town,” a military officer, who asked not to be named, told reporters."
    doc = analyze(Item(name="anonymous", text=text), nlp)
    officer = entity(doc, quote_with(doc, "leaving").speaker.entity)
    assert officer.anonymous and officer.name == "a military officer"
    assert any(d.kind == "anonymity" for d in officer.descriptions)


def test_mentions_keep_the_sieve_that_linked_them(nlp):
    text = (
        "Their commander, a Pole who introduced himself by the callsign Sokil, met us at the gate. "
        "Sokil checked the map. “Keep your heads down,” he said.\n"
    )
    doc = analyze(Item(name="chain", text=text), nlp)
    [sokil] = [e for e in doc.entities if e.name == "Sokil"]
    hows = [(text[m.start : m.end], m.how) for m in sokil.mentions]
    assert ("Their commander", "callsign") in hows and ("a Pole", "callsign") in hows
    assert hows.count(("Sokil", "callsign")) == 2 and ("he", "pronoun") in hows


def test_a_first_name_joins_the_earlier_full_name(nlp):
    text = "Andriy Bondar drives the ambulance. Late at night Andriy counts the fuel cans. Bondar says the road is mined.\n"
    doc = analyze(Item(name="first", text=text), nlp)
    [bondar] = [e for e in doc.entities if e.type == "PERSON"]
    assert {m.how for m in bondar.mentions if m.how != "pronoun"} >= {"name", "surname"}


def test_a_person_never_merges_with_a_place_or_an_organisation(nlp):
    text = (
        "Kharkiv was shelled overnight. Ivan Petrov, a resident, said Kharkiv needs more air defence. "
        "The Red Cross sent a team. “Kharkiv will not fall,” he said.\n"
    )
    doc = analyze(Item(name="places", text=text), nlp)
    petrov = next(e for e in doc.entities if e.name == "Ivan Petrov")
    assert all("Kharkiv" not in m.text and "Cross" not in m.text for m in petrov.mentions)
    assert quote_with(doc, "will not fall").speaker.entity == petrov.id


def test_resolve_mention_gives_the_entity_of_any_span(nlp):
    # The public lookup events and claims use: a span of the text to an entity id.
    text = "“We hold,” said a 29-year-old Ossetian with the call sign Baikal. Later he checked the radio."
    before = nlp.pipe_names[: nlp.pipe_names.index("kronika_people") + 1]
    with nlp.select_pipes(enable=before):
        doc = nlp(text)
    baikal = next(e for e in doc._.entities if e.name == "Baikal")
    he = text.index("he checked")
    ossetian = text.index("a 29-year-old")
    assert resolve_mention(doc, he, he + 2) == (baikal.id, "pronoun")
    assert resolve_mention(doc, ossetian, ossetian + 22) == (baikal.id, "callsign")
    assert resolve_mention(doc, 0, 3) is None  # inside the quote: nobody
    assert people_of(doc) is not None


def test_claims_name_their_claimants_entity(nlp):
    text = "“We lost 12 vehicles last week,” said a 29-year-old Ossetian with the call sign Baikal."
    doc = analyze(Item(name="claim", text=text), nlp)
    [claim] = [c for c in doc.claims if "12" in c.text]
    assert claim.speaker == "Baikal"
    assert entity(doc, claim.claimant).name == "Baikal"


# --- size: linear in the article -------------------------------------------

SURNAMES = ["Bondar", "Kravets", "Melnyk", "Savchuk", "Tkachuk", "Lysenko", "Hnatiuk", "Koval", "Shevchuk", "Moroz"]  # fmt: skip
FIRST = ["Ivan", "Petro", "Oleh", "Taras", "Andriy", "Mykola", "Yurii", "Dmytro", "Roman", "Serhii"]  # fmt: skip


def crowd(paragraphs: int) -> str:
    """An article of many people, each introduced with an age and a role and
    followed by a long chain of pronouns and quotes."""
    out = []
    for i in range(paragraphs):
        name = f"{FIRST[i % 10]} {SURNAMES[(i // 10) % 10]}"
        out.append(
            f"{name}, a {20 + i % 40}-year-old driver, came from the north. He says the road is mined. "
            f"He drives at night, and he sleeps in the cab. “We carry bread and water,” he says. "
            f"A medic with the call sign Ryba{i % 7} rides with him. “Nobody stops,” she said."
        )
    return "\n\n".join(out) + "\n"


def test_a_hundred_people_with_long_pronoun_chains(nlp):
    doc = analyze(Item(name="crowd", text=crowd(100)), nlp)
    persons = [e for e in doc.entities if e.type == "PERSON" and not e.anonymous]
    assert len(persons) >= 90  # a hundred names and seven call signs; the NER misses a few
    quotes = [q for q in doc.quotes if "bread and water" in q.text]
    assert all(q.speaker is not None and q.speaker.how == "pronoun" for q in quotes)


def _people_seconds(nlp, doc: Doc) -> float:
    """CPU seconds of kronika_people on ``doc``, after the kronika components
    before it (the model's own annotations are already on the doc)."""
    names = nlp.pipe_names
    for name in names[: names.index("kronika_people")]:
        if name.startswith("kronika_"):
            nlp.get_pipe(name)(doc)
    started = time.process_time()
    nlp.get_pipe("kronika_people")(doc)
    return time.process_time() - started


def test_the_component_is_linear_in_the_article(nlp):
    # A 1 MB article (ten copies of a 100 kB one, joined with their parse)
    # may cost about ten times the 100 kB one; twenty allows for a loaded machine.
    model = [n for n in nlp.pipe_names if not n.startswith("kronika_")]
    with nlp.select_pipes(enable=model):
        small = nlp(crowd(420))
    large = Doc.from_docs([small] * 10)
    assert len(large.text) > 1_000_000
    small_seconds = _people_seconds(nlp, small)
    ratio = _people_seconds(nlp, large) / max(small_seconds, 1e-3)
    assert ratio < 20, ratio
