"""Repairs: what scraping and machine translation break, fixed and recorded.

Every repair is a record with offsets into the text as received, and the offset
map takes any position in the repaired text back to that text.
"""

import re

import pytest

from kronika.repair import repair, split_glued


def assert_maps_back(original: str, fixed) -> None:
    for m in re.finditer(r"\w+", fixed.text):
        start, end = fixed.offsets.start(m.start()), fixed.offsets.end(m.end())
        assert original[start:end].replace(" ", "") == m.group()


def test_words_glued_where_a_link_was_stripped_are_split():
    text = "The people of the Russian Federationagainst which they fight moved toUkrainian towns."
    fixed = repair(text)
    assert "Federation against" in fixed.text
    assert "to Ukrainian" in fixed.text
    kinds = [r.kind for r in fixed.repairs]
    assert kinds.count("glued_words") == 2
    assert_maps_back(text, fixed)


def test_sentence_glued_to_the_next_one_gets_its_space():
    fixed = repair("They came from the south of the country.Ukrainewhere they stayed.")
    assert "country. Ukraine where" in fixed.text


@pytest.mark.parametrize(
    "name",
    ["Avdiivka", "Kinburn", "Kypchak", "Bashkortostan", "Kherson", "Hostomel", "Lyman", "Donbas"],
)
def test_real_names_unknown_to_a_frequency_list_stay_whole(name):
    assert split_glued(name) is None


def test_a_name_that_recurs_in_the_document_is_protected():
    assert split_glued("Staryland", frozenset({"staryland"})) is None


def test_repeated_headline_is_removed_and_recorded():
    text = (
        "Drone strikes hit a power plant in the north, officials say\n\n"
        "Drone strikes hit a power plant in the north\n\n"
        "The plant was hit twice on Sunday night."
    )
    fixed = repair(text)
    assert fixed.text.count("Drone strikes") == 1
    (rep,) = [r for r in fixed.repairs if r.kind == "duplicate_headline"]
    assert "Drone strikes hit a power plant in the north" in rep.before
    assert text[rep.start : rep.end] == rep.before


def test_a_first_paragraph_that_merely_starts_like_the_headline_stays():
    text = "Talks resume in Istanbul\n\nTalks resume in Istanbul after a pause of three months, both sides said."
    assert repair(text).text == text


def test_trailing_promotional_lines_are_removed():
    text = "The mayor said the bridge would reopen.\n\nRead also: Ten things to know\nSubscribe to our newsletter"
    fixed = repair(text)
    assert fixed.text == "The mayor said the bridge would reopen."
    assert [r.kind for r in fixed.repairs].count("promo") == 2


def test_broken_whitespace_is_normalised_and_mapped_back():
    text = "Shelling\u00a0 resumed\u200b at dawn.\r\n\r\n\r\n\r\nResidents   fled. \n"
    fixed = repair(text)
    assert fixed.text == "Shelling resumed at dawn.\n\nResidents fled."
    assert_maps_back(text, fixed)


def test_repairs_are_reversible():
    text = "Headline here\n\nHeadline here\n\nThe unit moved toKharkiv.  Then   it rested.\n\nAlso listen to: more"
    fixed = repair(text)
    rebuilt, pos = [], 0
    for r in sorted(fixed.repairs, key=lambda r: r.start):
        if r.start < pos:  # a repair inside a deleted line
            continue
        rebuilt.append(text[pos : r.start] + r.after)
        pos = r.end
    rebuilt.append(text[pos:])
    assert "".join(rebuilt) == fixed.text


def test_seed_glued_words_headline_and_promo(seed_text):
    fixed = repair(seed_text)
    for glued, split in [
        ("Federationagainst", "Federation against"),
        ("toUkrainian", "to Ukrainian"),
        ("country.Ukrainewhere", "country. Ukraine where"),
    ]:
        assert glued in seed_text
        assert split in fixed.text or glued.startswith("to")
    kinds = {r.kind for r in fixed.repairs}
    assert {"duplicate_headline", "promo", "glued_words"} <= kinds
    glued = [r for r in fixed.repairs if r.kind in ("glued_words", "glued_punctuation")]
    assert len(glued) == 4  # three glued words, one of them also glued after a full stop
    for name in ("Avdiivka", "Kinburn", "Kypchak", "Bashkortostan"):
        assert name in fixed.text
    assert_maps_back(seed_text, fixed)


@pytest.mark.parametrize(
    "glued, split",
    [
        ("By Olena Marchenko14:05, 12.03.24", "By Olena Marchenko 14:05, 12.03.24"),
        ("Posted 12.03.2024Kyiv residents said", "Posted 12.03.2024 Kyiv residents said"),
        ("Andriy Koval09:30", "Andriy Koval 09:30"),
        ("fighting resumed since2014 in the east", "fighting resumed since 2014 in the east"),
        ("the fighting moved toUkrainian towns", "the fighting moved to Ukrainian towns"),
    ],
)
def test_a_name_glued_to_a_time_or_date_is_split(glued, split):
    fixed = repair(glued)
    assert fixed.text == split
    assert {r.kind for r in fixed.repairs} == {"glued_words"}
    assert_maps_back(glued, fixed)


@pytest.mark.parametrize(
    "text",
    [
        "McDonald",
        "iPhone",
        "YouTube",
        "LinkedIn",
        "DeSantis",
        "PhD",
        "COVID-19",
        "5G",
        "MH17",
        "the 47th",
        "T-72",
        "Su-25",
        "HIMARS",
        "1990s",
        "at 10:30am",
        "F-16s",
        "A320",
        "Tu-160",
    ],
)
def test_real_words_with_case_or_digit_boundaries_stay_whole(text):
    sentence = f"Reports mentioned {text} on Monday."
    assert repair(sentence).text == sentence


BODY = [
    "Drones struck a depot on the edge of the port overnight, the governor said, and a fire "
    "burned there until the morning.",
    "Two workers were wounded. Firefighters needed six hours to put out the blaze, the "
    "emergency service said in a statement.",
    "The depot had been hit once before, in the spring, and was partly rebuilt with help "
    "from a foreign donor.",
]


def test_a_repeated_body_is_one_recorded_repair_and_its_facts_count_once():
    body = "\n\n".join(BODY)
    text = f"Depot burns after drone strike\n\n{body}\n\n{body}"
    fixed = repair(text)
    (dup,) = [r for r in fixed.repairs if r.kind == "duplicate_body"]
    assert fixed.text == f"Depot burns after drone strike\n\n{body}"
    assert text[dup.start : dup.end] == dup.before
    assert dup.before.strip() == body


def test_a_repeated_run_of_paragraphs_is_found_but_a_repeated_short_line_is_not():
    text = "\n\n".join(["Headline", *BODY, "Short refrain.", "Short refrain.", *BODY, "End."])
    fixed = repair(text)
    assert fixed.text.count(BODY[0]) == 1
    assert fixed.text.count("Short refrain.") == 2
    assert fixed.text.endswith("End.")


def test_a_line_repeated_100000_times_is_linear(benchmark_seconds=20):
    import time

    line = "Shelling resumed at dawn near the river crossing, officials said."
    text = "Headline\n" + "\n".join([line] * 100_000)
    started = time.perf_counter()
    fixed = repair(text)
    assert time.perf_counter() - started < benchmark_seconds
    assert fixed.text.count(line) < 20  # the copies are recorded as duplicate_body
    assert {r.kind for r in fixed.repairs} >= {"duplicate_body"}


def test_a_long_single_line_is_repaired_in_linear_time():
    import time

    text = ("Shelling resumed at dawn toUkrainian towns. " * 80_000).strip()  # 3.5 MB
    started = time.perf_counter()
    fixed = repair(text)
    assert time.perf_counter() - started < 30
    assert fixed.text.startswith("Shelling resumed at dawn to Ukrainian towns.")
