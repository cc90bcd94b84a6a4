"""kronika_quotes: what was said and by whom, with the quotation-mark defects of
scraped and machine-translated reporting. The articles here are written for
these tests; they reproduce the defects, not any publication's text."""

from __future__ import annotations

import pytest
import spacy

import kronika.components.quotes  # noqa: F401  (registers the factory)
from kronika.ingest import Item
from kronika.pipeline import MODEL, analyze

RIVER = """Night shifts at the river crossing

We hold this bank because nobody else will »

The engineers of the pontoon company work only after dark. Their commander, Oleg Marchenko, a former teacher from the north, spends the evenings checking the cables. We hold this bank because nobody else will, explains Marchenko. The boats come at midnight and leave before dawn. Every crossing is a small miracle. »

Nina Koval runs the field kitchen behind the dunes. She cooks for forty men every night : ” Soup, bread, tea. They never complain, even when the shelling starts. ” she says with a smile.

“The bridge was hit twice in one week,” said Pavel Dorosh, a deputy mayor of the town. “We rebuilt it both times.”

Dorosh said that the town would need new generators before winter. According to the regional administration, three villages lost power last month.
"""


@pytest.fixture(scope="module")
def river(nlp):
    return analyze(Item(name="river", text=RIVER), nlp)


def quote_with(doc, words: str):
    found = [q for q in doc.quotes if words in q.text]
    assert found, f"no quote contains {words!r}: {[q.text for q in doc.quotes]}"
    return found[0]


def spoken_by(doc, text: str, words: str) -> tuple[str, str]:
    """The speaker's name and the words of the text that name it."""
    speaker = quote_with(doc, words).speaker
    return speaker.name, text[speaker.start : speaker.end]


def test_lost_opening_mark_with_the_speaker_inside_the_quote(river):
    # "…, explains Marchenko. … »": the opener is lost; the quote starts with
    # the sentence that carries the inserted attribution.
    q = quote_with(river, "Every crossing is a small miracle")
    assert q.text.startswith("We hold this bank because nobody else will, explains")
    assert q.text.endswith("»")
    assert q.direct
    assert q.speaker.name.endswith("Marchenko")
    assert q.cue == "explains"


def test_right_double_quote_used_as_opener_and_pronoun_speaker(river):
    q = quote_with(river, "Soup, bread, tea")
    assert q.text.startswith("” Soup") and q.text.endswith("starts. ”")
    # "she says" resolves to the person named before, with the pronoun's offsets.
    assert RIVER[q.speaker.start : q.speaker.end] == "she"
    assert "Koval" in q.speaker.name
    koval = next(e for e in river.entities if "Koval" in e.name)
    assert q.speaker.entity == koval.id
    assert q.cue == "says"


def test_quote_interrupted_by_its_attribution_is_one_quote(river):
    q = quote_with(river, "The bridge was hit")
    assert q.text.endswith("“We rebuilt it both times.”")
    assert q.speaker.name == "Pavel Dorosh"
    assert q.descriptor == "a deputy mayor of the town"


def test_pull_quote_heading_takes_the_speaker_of_the_quote_it_repeats(river):
    pull = next(q for q in river.quotes if q.text == "We hold this bank because nobody else will »")
    full = quote_with(river, "Every crossing is a small miracle")
    assert pull.speaker.entity == full.speaker.entity


def test_indirect_speech_is_returned_with_direct_false(river):
    q = quote_with(river, "new generators")
    assert not q.direct
    assert q.text == "that the town would need new generators before winter"
    assert q.speaker.name == "Pavel Dorosh"  # "Dorosh" merged with the full name


def test_according_to(river):
    q = quote_with(river, "three villages lost power")
    assert q.text == "three villages lost power last month"
    # An organisation named by what it is becomes an entity, named without "the".
    assert q.speaker.name == "regional administration"
    assert q.speaker.entity is not None
    assert q.cue == "according to"


def test_offsets_index_the_text_as_received(river):
    for q in river.quotes:
        assert RIVER[q.start : q.end] == q.text
        assert_speaker_offsets(RIVER, q)


def assert_speaker_offsets(text, q):
    """A speaker's offsets cover its mention: a pronoun or a word of its name."""
    if q.speaker is None:
        return
    mention = text[q.speaker.start : q.speaker.end]
    assert (
        mention.lower() in {"he", "she", "they"}
        or mention in q.speaker.name
        or (q.speaker.name in mention)
    ), (mention, q.speaker)


MARKS = """A long night in the village

Residents gathered in the school basement when the sirens began. “We have been here since the first winter,” Halyna Petrenko, a retired nurse, told visitors. “Nobody from the city comes anymore.

“The children sleep in their coats. We count the hours until the morning.”

The head of the district council, Andriy Lytvyn, was more cautious. « Repairs will start in spring, if the weather allows it », he promised.

Local volunteers describe the situation as “under control,” but the council has asked for help.
"""


def test_multi_paragraph_quote_and_mixed_marks(nlp):
    doc = analyze(Item(name="marks", text=MARKS), nlp)
    long = quote_with(doc, "since the first winter")
    # The first paragraph leaves its quote open; the next paragraph reopens it.
    assert long.text.endswith("until the morning.”")
    assert long.speaker.name == "Halyna Petrenko"
    assert long.descriptor == "a retired nurse"
    guillemets = quote_with(doc, "Repairs will start")
    assert guillemets.text.startswith("« Repairs")
    assert guillemets.speaker.name == "Andriy Lytvyn"
    assert guillemets.cue == "promised"


def test_scare_quotes_are_not_quotes_on_their_own(nlp):
    doc = analyze(Item(name="marks", text=MARKS), nlp)
    assert not any(q.text == "“under control,”" for q in doc.quotes)


SOURCES = """The convoy reached the depot before noon.

“The road was mined in two places, and we lost a truck near the bridge,” according to a report filed by engineer Taras Bondar.

“Supplies will last until the end of the month if nothing else is lost,” the quartermaster’s deputy Maksym R. Hnatyuk wrote in his log.

From the inspection report: “Three of the five generators need new parts before the frost.”

“The men are tired but calm,” Hnatyuk said, adding that the depot was “ready for another month of this.”

The mayor said the town had enough fuel and “nobody needs to leave” — insisting that the shelters were warm.
"""


@pytest.fixture(scope="module")
def sources(nlp):
    return analyze(Item(name="sources", text=SOURCES), nlp)


OUTLETS = """The council met on Tuesday to discuss the budget for the harbour district.

“We cannot keep paying for repairs that never last,” Ellen Brask said at the meeting, according to the Harbour Gazette. “The money has to go somewhere else.”

“Nobody asked the fishermen what they need,” said Tomas Wilde, a local skipper, reports the Evening Courier.

The ministry published its review of the plan in March. On the old pier, it said, “the structure cannot be saved.”

“We have had better summers than this one,” Arne Holt, a ferry captain, said matter-of-factly.

Harbour trends - Lena Dahl: “Most boats now leave before dawn, and fewer of them come back full.”

Budget worries grow - Coastal Monitor: “The district spends more on repairs each year than it collects in fees.”
"""


@pytest.fixture(scope="module")
def outlets(nlp):
    return analyze(Item(name="outlets", text=OUTLETS), nlp)


def test_an_attribution_reported_by_an_outlet_keeps_the_speaker_and_names_the_outlet(outlets):
    # '“…,” X said, according to CNN': X said it; CNN reports it (PolNeAR's source).
    for words, outlet in [("never last", "Harbour Gazette"), ("Nobody asked", "Evening Courier")]:
        q = quote_with(outlets, words)
        assert outlet not in q.speaker.name
        assert outlet in q.via.name


def test_it_said_before_a_quote_is_the_speaker(outlets):
    q = quote_with(outlets, "cannot be saved")
    assert OUTLETS[q.speaker.start : q.speaker.end] == "it"


def test_a_hyphenated_adverb_after_the_cue_is_not_the_speaker(outlets):
    assert quote_with(outlets, "better summers").speaker.name == "Arne Holt"


@pytest.mark.parametrize(("words", "source"), [("boats now leave", "Lena Dahl"), ("spends more", "Coastal Monitor")])  # fmt: skip
def test_a_digest_headline_then_a_dash_then_the_source(outlets, words, source):
    assert quote_with(outlets, words).speaker.name == source


def test_according_to_after_a_quote_names_who_stands_behind_the_document(sources):
    q = quote_with(sources, "The road was mined")
    assert q.speaker.name == "Taras Bondar"


def test_initial_in_a_name_does_not_end_the_attribution(sources):
    # "Maksym R. Hnatyuk wrote": the period after an initial ends no sentence.
    q = quote_with(sources, "Supplies will last")
    assert q.speaker.name.endswith("Hnatyuk")


def test_colon_introduction_naming_a_document(sources):
    q = quote_with(sources, "generators need new parts")
    assert q.speaker is not None and q.speaker.name == "the inspection report"


def test_quote_in_a_new_clause_after_the_attribution_stays_separate(sources):
    first = quote_with(sources, "The men are tired")
    assert first.text == "“The men are tired but calm,”"
    second = quote_with(sources, "ready for another month")
    assert second.text == "that the depot was “ready for another month of this.”"
    assert second.speaker.name.endswith("Hnatyuk")


def test_indirect_content_ends_with_its_quote_before_a_dash(sources):
    q = quote_with(sources, "nobody needs to leave")
    assert q.text.endswith("“nobody needs to leave”")
    assert q.direct


VOICES = """The chaplain recorded a message for the soldiers.

“My dear Viktor Hrytsenko,” the field chaplain says into the camera. “We are praying for your whole company tonight.”

“Most of my letters are to my mother and my sisters,” Lysenko, 52, told the regional radio station. “They write back every week.”

“The enemy has lost the initiative along the whole river and knows it,” a narrator in the film states.
"""


@pytest.fixture(scope="module")
def voices(nlp):
    return analyze(Item(name="voices", text=VOICES), nlp)


def test_a_name_inside_the_quote_is_not_its_speaker(voices):
    q = quote_with(voices, "We are praying")
    assert VOICES[q.speaker.start : q.speaker.end] == "the field chaplain"


def test_speaker_with_an_apposition_before_the_cue_is_not_its_object(voices):
    # '“…,” X, 52, told the station': the comma before the verb closes X's apposition.
    q = quote_with(voices, "Most of my letters")
    assert q.speaker.name == "Lysenko"


def test_cue_after_a_noun_phrase_by_word_order(voices):
    q = quote_with(voices, "lost the initiative")
    assert q.speaker is not None and "narrator" in q.speaker.name


def test_relative_pronoun_speaker_keeps_its_offsets_and_takes_the_name(nlp):
    text = 'Residents met the governor, Petro Kovalenko, who said the bridge "will be rebuilt by spring."\n'
    doc = analyze(Item(name="relative", text=text), nlp)
    q = quote_with(doc, "rebuilt by spring")
    assert text[q.speaker.start : q.speaker.end] == "who"
    assert q.speaker.name == "Petro Kovalenko"


def test_speakers_across_paragraphs(nlp):
    text = (
        "Marta Ivanenko runs the shelter.\n\n"
        '"We take in everyone who knocks," she said. "The beds are full and the kitchen never closes.\n\n'
        '"Nobody here asks where you come from," she said. "We share the same bread and the same fear."\n\n'
        "The river rose overnight.\n\n"
        "“The water came up to the second floor,” said Roman Tkachuk, a fisherman.\n\n"
        "“We carried the old people out on our backs.”\n"
    )
    doc = analyze(Item(name="paragraphs", text=text), nlp)
    # The quote begun two paragraphs up ends in this one; "she said" between
    # its parts attributes what follows.
    q = quote_with(doc, "the same bread")
    assert q.speaker is not None and text[q.speaker.start : q.speaker.end] == "she"
    # The next paragraph's quote, with nobody new named, is the same speaker's.
    carried = quote_with(doc, "on our backs")
    assert carried.speaker is not None and carried.speaker.name == "Roman Tkachuk"


def test_quote_after_a_sentence_with_a_parenthetical_cue_takes_its_speaker(nlp):
    text = (
        "Dmytro Savchuk, a farmer from the valley, spoke to the visitors. "
        'The harvest was lost, he said. "We will plant again in April!"\n\n'
        "At a meeting on Friday, where she briefly described the damage to Ivan Melnyk: "
        '"The levee held, but the fields behind it are under water."\n'
    )
    doc = analyze(Item(name="carry", text=text), nlp)
    q = quote_with(doc, "plant again")
    assert text[q.speaker.start : q.speaker.end] == "he"
    colon = quote_with(doc, "The levee held")
    assert text[colon.speaker.start : colon.speaker.end] == "she"


def test_a_second_cue_before_the_second_part_splits_the_quote(nlp):
    text = (
        "“The school reopened last week,” Iryna Bondarenko said, adding: "
        "“We still need glass for the windows.”\n"
    )
    doc = analyze(Item(name="adding", text=text), nlp)
    first = quote_with(doc, "school reopened")
    assert first.text == "“The school reopened last week,”"
    second = quote_with(doc, "glass for the windows")
    assert second.text == "“We still need glass for the windows.”"
    assert second.speaker.name == "Iryna Bondarenko"


def test_a_quote_opening_the_text_keeps_its_offsets(nlp):
    # The indirect reading of 'he said' took in the opening mark before offset 0.
    text = "“But the ferry is still running,” he said, adding, “The road is not.”\n"
    doc = analyze(Item(name="start", text=text), nlp)
    assert all(0 <= q.start < q.end and q.text for q in doc.quotes)
    assert quote_with(doc, "ferry is still running").start == 0


def test_a_paragraph_quote_does_not_continue_a_quoted_phrase(nlp):
    text = (
        "Kravets warned that his rival would “close every school in the district.”\n\n"
        "“Nobody asked the parents. Nobody asked the teachers either, and they are angry.”\n"
    )
    doc = analyze(Item(name="phrase", text=text), nlp)
    assert quote_with(doc, "close every school").end <= text.index("\n")


def test_component_in_a_users_own_pipeline():
    nlp = spacy.load(MODEL)
    nlp.add_pipe("kronika_quotes", config={"indirect": False})
    doc = nlp("“The road is open again,” the driver said.")
    [q] = doc._.quotes
    assert q.text == "“The road is open again,”"
    assert q.speaker.name == "the driver" and q.speaker.entity is None
    assert q.cue == "said"


# --- the seed: six quotes, every one with a lost or mismatched mark ----------

SEED_SPEAKERS = [
    ("There are still only a few of us", "Walther"),
    ("If in 2008 all European politicians", "Walther"),
    ("This was last March", "Maloy"),
    ("One of my motivations", "Kypchak"),
    ("We see the young people", "Batya"),
    ("There is an expression", "Walther"),
]


@pytest.mark.parametrize(("opening", "speaker"), SEED_SPEAKERS)
def test_seed_quote_found_with_its_speaker(seed_doc, opening, speaker):
    q = quote_with(seed_doc, opening)
    assert q.direct
    assert q.speaker is not None and q.speaker.name == speaker


def test_seed_quotes_of_one_person_share_one_entity(seed_doc):
    openings = [opening for opening, speaker in SEED_SPEAKERS if speaker == "Walther"]
    ids = {quote_with(seed_doc, opening).speaker.entity for opening in openings}
    assert len(openings) == 3
    assert len(ids) == 1 and None not in ids


def test_seed_descriptor_and_pronoun_speaker(seed_doc):
    first = quote_with(seed_doc, "There are still only a few of us")
    assert (
        first.descriptor == "around fifty years old, who joined the battalion in the fall of 2023"
    )
    assert first.cue == "proclaims"
    laments = quote_with(seed_doc, "If in 2008")
    assert seed_doc.text[laments.speaker.start : laments.speaker.end] == "he"


def test_seed_speaker_offsets_survive_the_repairs(seed_doc):
    # The seed is repaired (glued words split) before analysis, so offsets are
    # mapped back; a speaker shared between two quotes would be mapped twice.
    for q in seed_doc.quotes:
        assert_speaker_offsets(seed_doc.text, q)


def test_seed_pull_quote_gets_the_speaker_of_the_quote_it_repeats(seed_doc):
    pull = next(q for q in seed_doc.quotes if q.text.startswith("The only country"))
    source = quote_with(seed_doc, "One of my motivations")
    assert pull.speaker.entity == source.speaker.entity


PRONOUNS = """Senator Paul Orvik spent the morning at a rally, where he spoke about his race against Marta Lind.

He said he intends to stay in the race until the end, so that he can put together “the strongest team that this state has ever had.”

Mr. Orvik later met Mrs. Ida Berg, the mayor. “Nobody will be left behind,” he said.

Another volunteer at the rally, Jonas Eke, said he was only “mildly hopeful.”
"""


@pytest.fixture(scope="module")
def pronouns(nlp):
    return analyze(Item(name="pronouns", text=PRONOUNS), nlp)


def test_he_refers_to_the_last_subject_not_the_last_name(pronouns):
    # 'his race against Marta Lind. He said …': he is the rally's speaker, the
    # subject, not the person named last as an object; and 'put together' is
    # no cue.
    q = quote_with(pronouns, "the strongest team")
    assert q.speaker.name.endswith("Orvik")
    assert PRONOUNS[q.speaker.start : q.speaker.end] == "He"


def test_a_title_of_the_other_gender_rules_an_antecedent_out(pronouns):
    q = quote_with(pronouns, "Nobody will be left behind")
    assert q.speaker.name.endswith("Orvik")


def test_said_he_was_is_not_an_inverted_attribution(pronouns):
    q = quote_with(pronouns, "mildly hopeful")
    assert q.speaker.name == "Jonas Eke"


SIGNED = """Letters of the week

"The new bus line has changed how our whole street gets to work every morning."

- Hanna Mertz, Greenfield.

"Nobody on the council has ever ridden that route at night, and it shows."

—Oskar Lund

“The night buses should run every twenty minutes, not every hour.” ― Petra Q. Olsen
“I would take the tram if it stopped near the market.”\xa0― Ivo Brandt.

The inspection notes were short. "The brakes were worn down to the metal," it read.

"The fleet is older than most of its drivers," a mechanic at the depot told the Evening Courier.
"""


@pytest.fixture(scope="module")
def signed(nlp):
    return analyze(Item(name="signed", text=SIGNED), nlp)


@pytest.mark.parametrize(("words", "author"), [("new bus line", "Hanna Mertz"), ("Nobody on the council", "Oskar Lund"), ("every twenty minutes", "Petra Q. Olsen"), ("near the market", "Ivo Brandt")])  # fmt: skip
def test_a_dash_line_after_a_quote_signs_it(signed, words, author):
    assert quote_with(signed, words).speaker.name == author


def test_it_read_after_a_quote_is_the_speaker(signed):
    q = quote_with(signed, "worn down to the metal")
    assert SIGNED[q.speaker.start : q.speaker.end] == "it"


def test_told_is_never_inverted(signed):
    # '“…,” a mechanic told the Courier': the Courier is told, it does not tell.
    assert "mechanic" in quote_with(signed, "older than most").speaker.name


OWNERS = """Marta Lind praised the new mayor because, in her words, "he knows how to fix the harbour."

The town came first because, in the Gazette's words, "it has more parks per head than any other town."

In other words, "nobody expected this result at all."

The board answered within the hour. Hanna Mertz's statement then declares "the matter is now closed for good."

From Oskar Lund's Facebook post: "We will keep the ferry running through the winter, whatever it costs."

The senator won another endorsement on Friday, from Ida Berg, who declared in the spin room, “It is time for this party to unite behind one name.”

Voters who say they are undecided remain many. “We will see in March,” a volunteer said.

Orvik was asked by the moderator whether his plan would risk “adding another costly program to a budget that is already stretched thin.”

The banner was new. “This is your harbour,” it now says in large letters.
"""


@pytest.fixture(scope="module")
def owners(nlp):
    return analyze(Item(name="owners", text=OWNERS), nlp)


def test_in_someones_words_names_the_speaker(owners):
    assert spoken_by(owners, OWNERS, "fix the harbour") == ("Marta Lind", "her")
    assert "Gazette" in quote_with(owners, "more parks").speaker.name
    assert all(q.speaker is None or "other" not in q.speaker.name for q in owners.quotes)


@pytest.mark.parametrize(("words", "owner"), [("now closed", "Hanna Mertz"), ("keep the ferry", "Oskar Lund")])  # fmt: skip
def test_a_document_speaks_for_its_owner(owners, words, owner):
    q = quote_with(owners, words)
    assert owner in OWNERS[q.speaker.start : q.speaker.end] and owner in q.speaker.name


INTRODUCED = """Ida Berg spoke to the crowd for an hour. “They want to keep things as they are,” Berg said. She went on to say:

"Nobody in the council will admit it, but the harbour is falling apart and everyone knows it."

The meeting ended at noon. “We are done here for today.” Berg said.
"""


def test_a_paragraph_introduced_by_its_own_colon_is_a_quote_of_its_own(nlp):
    doc = analyze(Item(name="introduced", text=INTRODUCED), nlp)
    q = quote_with(doc, "Nobody in the council")
    assert q.text.startswith('"Nobody') and INTRODUCED[q.speaker.start : q.speaker.end] == "She"
    assert "Nobody" not in quote_with(doc, "keep things").text
    # '“….” Berg said.': a bare 'Name said.' after a full stop still attributes.
    q = quote_with(doc, "done here")
    assert INTRODUCED[q.speaker.start : q.speaker.end] == "Berg" and q.cue == "said"


def test_who_with_a_cue_right_before_a_quote_speaks(owners):
    assert spoken_by(owners, OWNERS, "time for this party") == ("Ida Berg", "who")
    assert "volunteer" in quote_with(owners, "see in March").speaker.name


def test_a_passive_cue_is_spoken_by_its_agent(owners):
    assert "moderator" in quote_with(owners, "costly program").speaker.name
    q = quote_with(owners, "your harbour")
    assert OWNERS[q.speaker.start : q.speaker.end] == "it"


FOOTAGE = """The campaign released a short film on Monday.

The film ends with footage of Mira Holt saying at a rally last spring, “We will open every library on Sundays.”

A second ad uses footage of Anna Berg asking, “Who will pay for the longer hours?”

Mira Holt’s critics answered within the hour. “Nobody will pay the staff for those extra days,” Tomas Vik said.
"""


@pytest.fixture(scope="module")
def footage(nlp):
    return analyze(Item(name="footage", text=FOOTAGE), nlp)


def test_a_gerund_with_its_own_subject_attributes_the_quote(footage):
    # 'footage of X saying, “…”': X speaks, not the film.
    assert quote_with(footage, "every library").speaker.name == "Mira Holt"
    assert quote_with(footage, "longer hours").speaker.name == "Anna Berg"


def test_a_name_loses_its_possessive(footage):
    names = {e.name for e in footage.entities}
    assert "Mira Holt" in names and not any(n.endswith(("’s", "'s")) for n in names)


CHAINED = """Ada Moss called the plan a "costly mistake," a "gift to landlords" and "plainly unfair."

Ada Moss called the vote "rushed," but Ben Orr said it was "overdue."

At the meeting Rita Voss complained about "empty shops" and "broken lamps on every corner" for an hour.

<post id="12345" author="@harbourdesk">Ferries "will run late" tonight, the port said.</post>
"""


@pytest.fixture(scope="module")
def chained(nlp):
    return analyze(Item(name="chained", text=CHAINED), nlp)


def test_quoted_phrases_of_one_naming_clause_are_one_quote(chained):
    q = quote_with(chained, "costly mistake")
    assert q.text.endswith('"plainly unfair."') and q.speaker.name == "Ada Moss"


def test_a_new_cue_between_phrases_starts_a_new_attribution(chained):
    assert "overdue" not in quote_with(chained, "rushed").text


def test_markup_attributes_are_not_quotes(chained):
    assert not any("12345" in q.text or "harbourdesk" in q.text for q in chained.quotes)


def test_quoted_phrases_a_few_words_apart_are_one_quote(chained):
    q = quote_with(chained, "empty shops")
    assert q.text == '"empty shops" and "broken lamps on every corner"'


SPOKEN_FOR = {
    # 'X's lawyer, Y, said Z was "…"': the lawyer speaks, not Z after the cue.
    "a stated subject before the comma blocks inversion": (
        'The board\'s lawyer, Nils Berg, said Carl Holm was "looking for attention with plainly false claims."\n',
        "plainly false",
        "Nils Berg",
    ),
    "a statement speaks for whoever issued it": (
        'The harbour union issued a statement saying the board "has no place in this town any longer."\n',
        "no place in this town",
        "harbour union",  # the organisation entity, named without "The"
    ),
}


@pytest.mark.parametrize(("text", "words", "speaker"), SPOKEN_FOR.values(), ids=SPOKEN_FOR)
def test_the_speaker_is_the_one_the_sentence_names(nlp, text, words, speaker):
    doc = analyze(Item(name="spoken-for", text=text), nlp)
    assert quote_with(doc, words).speaker.name == speaker


def test_a_closing_mark_before_an_indirect_content_opens_nothing(nlp):
    text = 'Rita Voss wants to end the "harbour cartel" that she says is kept alive by "old friends on the board."\n'
    doc = analyze(Item(name="cartel", text=text), nlp)
    assert not any(q.text.startswith('" that') for q in doc.quotes)


NAMED = """Rita Voss openly admires the new harbour master as a "steady hand on a rough sea."

Nils Berg accused the board of "plain negligence" at the hearing.
"""


@pytest.mark.parametrize(("words", "start", "speaker"), [("steady hand", "the new harbour master", "Rita Voss"), ("plain negligence", "the board", "Nils Berg")])  # fmt: skip
def test_a_verb_casting_its_object_as_a_quoted_phrase_attributes_it(nlp, words, start, speaker):
    doc = analyze(Item(name="named", text=NAMED), nlp)
    q = quote_with(doc, words)
    assert q.text.startswith(start) and q.speaker.name == speaker


def test_a_second_cue_followed_by_an_adverb_still_opens_a_new_quote(nlp):
    text = "“The pier is far too short for the ferries,” Ida Berg said, adding later, “We need another ten metres at least.”\n"
    doc = analyze(Item(name="later", text=text), nlp)
    assert "ten metres" not in quote_with(doc, "far too short").text
    assert quote_with(doc, "ten metres").speaker.name == "Ida Berg"


def test_a_verb_casting_its_object_as_a_quote_after_a_title_attributes_it(nlp):
    # 'Sen.' ends no sentence: the verb before it still introduces the quote.
    text = 'Ida Berg spoke first. "We will win this," she said.\n\nHowever, she characterized her rival Sen. Carl Holm, D-Va., as, “a little desperate, to be honest.”\n'
    doc = analyze(Item(name="casts", text=text), nlp)
    assert quote_with(doc, "a little desperate").speaker.name == "Ida Berg"


def test_it_in_a_what_clause_is_the_sentence_subject(nlp):
    text = 'The harbour council on Friday pledged to impose new fees as a response to what it called "a clear threat to the town."\n'
    doc = analyze(Item(name="what", text=text), nlp)
    q = quote_with(doc, "clear threat")
    assert text[q.speaker.start : q.speaker.end] == "The harbour council"


def test_a_cue_the_parser_hung_on_the_quote_is_spoken_by_the_name_between(nlp):
    # News text sometimes parses '“We will …,” fire Chief X said' with 'said'
    # under the quote's verb and no subject: the subject found is then 'We'.
    text = "The harbour is closed.\n“We will find the cause of this fire,” fire Chief Ida Berg said Monday. “We will not rest.”\n"
    before = nlp.pipe_names[: nlp.pipe_names.index("kronika_quotes")]
    with nlp.select_pipes(enable=before):
        doc = nlp(text)
    words = {t.text: t for t in doc}
    words["find"].head, words["find"].dep_ = words["find"], "ROOT"
    words["said"].head, words["said"].dep_ = words["find"], "advcl"
    words["Berg"].head, words["Berg"].dep_ = words["said"], "npadvmod"
    doc = nlp.get_pipe("kronika_quotes")(doc)
    assert quote_with(doc._, "not rest").speaker.name == "Ida Berg"
