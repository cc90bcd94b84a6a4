"""kronika_claims: the numbers a text asserts. Sentences are written for these tests."""

import pytest

import kronika.pipeline
from kronika.components.claims import claim_kind
from kronika.components.claims_numbers import CORE, _core_matches, find, value


def claims(nlp, text):
    return {c.text: c for c in nlp(text)._.claims}


def one(nlp, text, expected):
    found = claims(nlp, text)
    assert expected in found, f"{expected!r} not in {list(found)}"
    return found[expected]


@pytest.mark.parametrize(
    ("written", "number"),
    [("3,500", 3500), ("Seventy-one", 71), ("twenty five", 25), ("2 million", 2e6), ("a hundred", 100),
     ("1.5bn", 1.5e9), ("four thousand", 4000)],
)  # fmt: skip
def test_numbers_in_digits_and_words(written, number):
    assert value(written) == number


def test_the_grammar_finds_ranges_fractions_vague_amounts_and_money():
    text = "between 200 and 300 men, two-thirds of them, tens of thousands of people, $40 billion"
    kinds = {text[q.start : q.end]: (q.kind, q.low, q.high) for q in find(text)}
    assert kinds["between 200 and 300"] == ("count", 200, 300)
    assert kinds["two-thirds"][0] == "fraction"
    assert kinds["tens of thousands"] == ("count", 20_000, 99_999)
    assert kinds["$40 billion"] == ("money", 40e9, 40e9)


@pytest.mark.parametrize(
    "text",
    ["About Five MILLION people, $3 Billion, Half of them", "İzmir: 5 million", "ſome 40 percent"],
)
def test_the_grammar_searched_in_lowered_text_finds_what_it_finds_in_the_text(text):
    found = [(m.span(), m.groupdict()) for m in _core_matches(text)]
    assert found == [(m.span(), m.groupdict()) for m in CORE.finditer(text)]


def test_counts_with_hedges_and_the_thing_counted(nlp):
    claim = one(
        nlp,
        "At least 14 civilians were killed in the shelling of the market.",
        "At least 14 civilians",
    )
    assert (claim.low, claim.high, claim.hedge, claim.unit) == (14, None, "at least", "civilians")
    claim = one(
        nlp,
        "The brigade lost up to 300 armoured vehicles near the river.",
        "up to 300 armoured vehicles",
    )
    assert (claim.low, claim.high, claim.hedge) == (None, 300, "up to")
    claim = one(nlp, "More than 1,200 soldiers surrendered.", "More than 1,200 soldiers")
    assert claim.low == 1200 and claim.speaker == "publication"


def test_vague_amounts_and_elided_units(nlp):
    found = claims(
        nlp,
        "Dozens of drones hit the port and several hundred sailors fled; 12 died and dozens more were hurt.",
    )
    assert found["Dozens of drones"].unit == "drones" and found["Dozens of drones"].approximate
    assert found["several hundred sailors"].low == 300
    assert "dozens more" in found


def test_fractions_and_percentages(nlp):
    claim = one(
        nlp,
        "The regiment lost roughly a third of its tanks in a week.",
        "roughly a third of its tanks",
    )
    assert claim.quantity == "1/3" and claim.unit == "tanks" and claim.approximate
    claim = one(nlp, "Officials said 40% of the city was without power.", "40% of the city")
    assert claim_kind(claim) == "percent"


def test_a_rate_is_the_period_of_a_recurring_count(nlp):
    claim = one(
        nlp, "Each week, new volunteers reach the camp, about thirty of them.", "about thirty"
    )
    assert claim.rate == "P1W" and claim.unit == "new volunteers"


def test_ages_dates_durations_and_names_are_not_claims(nlp):
    text = (
        "Petro Marchenko, 42, a teacher aged 35 and a 19-year-old spent 15 days in Colony No. 77 "
        "in 2022 before day 130 of the siege, at 4:30 a.m."
    )
    assert claims(nlp, text) == {}


def test_a_quoted_number_belongs_to_the_speaker(nlp):
    if "kronika_quotes" not in kronika.pipeline.available_components():
        pytest.skip("kronika_quotes is not available yet")
    doc = nlp('"We lost about forty men in two days," said Olena Hrytsenko, a commander.')
    claim = next(c for c in doc._.claims if c.text == "about forty men")
    quote = next(q for q in doc._.quotes if q.start <= claim.start < q.end)
    assert quote.speaker is not None and claim.speaker == quote.speaker.name
    assert "Hrytsenko" in claim.speaker


def test_seed_claims(seed_doc):
    found = {c.text: c for c in seed_doc.claims}
    assert found["a few hundred Russian civilians"].low == 200
    assert found["about half of its officers"].quantity == "1/2"
    tenth = found["at least a tenth of the sanctions"]
    assert (tenth.low, tenth.hedge, tenth.unit) == (0.1, "at least", "sanctions")
    twenty = found["about twenty"]
    assert twenty.rate == "P1M" and "recruits" in twenty.unit and twenty.approximate
    assert not any(c.text.startswith(("2023", "2008", "fifty", "forty")) for c in seed_doc.claims)
