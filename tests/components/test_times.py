"""``kronika_times``: time expressions with TIMEX3 types and values, resolved
against the publication date (``doc._.published``)."""

from __future__ import annotations

import pytest
import spacy

import kronika.components.times  # noqa: F401  (registers the factory)
from kronika.components.times_grammar import COMPILED, CUES, _Cues, _matches, find

PUBLISHED = "2024-10-15"  # a Tuesday


@pytest.fixture(scope="module")
def tag(nlp):
    """Run the pipeline on a sentence published on a given day; {text: Time}."""

    def run(text: str, published: str | None = PUBLISHED) -> dict:
        doc = nlp.make_doc(text)
        doc._.published = published
        return {t.text: t for t in nlp(doc)._.times}

    return run


def values(times: dict) -> dict[str, str]:
    return {text: t.value for text, t in times.items()}


# --- relative expressions: resolved against the publication date -----------------


def test_last_month_name_is_the_most_recent_one(tag):
    times = tag("The convoy left the border town last March.")
    assert times["last March"].value == "2024-03"
    assert times["last March"].anchor == PUBLISHED
    assert times["last March"].certain


def test_a_month_still_ahead_in_the_year_is_last_years(tag):
    assert values(tag("The bridge was repaired last November.")) == {"last November": "2023-11"}


def test_this_season_is_the_publication_years(tag):
    assert values(tag("Crews rebuilt the rail line this summer.")) == {"this summer": "2024-SU"}


def test_a_season_with_a_year_is_absolute(tag):
    times = tag("She volunteered in the fall of 2023.")
    assert times["the fall of 2023"].value == "2023-FA"
    assert times["the fall of 2023"].type == "DATE"


def test_deictic_days(tag):
    got = values(tag("The mayor spoke yesterday and will travel tomorrow."))
    assert got == {"yesterday": "2024-10-14", "tomorrow": "2024-10-16"}


def test_a_bare_weekday_in_the_past_tense_is_the_one_just_gone(tag):
    assert values(tag("The shelling stopped on Sunday.")) == {"Sunday": "2024-10-13"}


def test_units_before_and_after_now(tag):
    got = values(tag("Two years ago the depot burned; last week it reopened."))
    assert got == {"Two years ago": "2022", "last week": "2024-W41"}


def test_vague_present_past_and_future(tag):
    got = values(tag("The hospital is now closed, but it will reopen in the near future."))
    assert got == {"now": "PRESENT_REF", "the near future": "FUTURE_REF"}


def test_a_weekday_still_ahead_when_the_clause_looks_ahead(tag):
    # 2024-10-15 is a Tuesday: "Thursday" here is the 17th, not the 10th.
    assert values(tag("The envoy would be flying to the capital Thursday.")) == {
        "Thursday": "2024-10-17"
    }
    assert values(tag("Talks could resume as early as Friday.")) == {"Friday": "2024-10-18"}


def test_an_infinitive_under_a_past_fact_is_past(tag):
    # "to expire" is not a plan here: the offer had been due on the Friday just gone.
    assert values(tag("The ultimatum had been due to expire Friday.")) == {"Friday": "2024-10-11"}
    assert values(tag("The ministry plans to reopen the crossing on Friday.")) == {
        "Friday": "2024-10-18"
    }


def test_present_past_and_future_adjectives(tag):
    got = values(tag("Under current rules, recent arrivals may apply for future grants."))
    assert got == {"current": "PRESENT_REF", "recent": "PAST_REF", "future": "FUTURE_REF"}
    assert tag("The river's current carried the raft away.") == {}


def test_story_relative_anchors_count_from_the_last_named_date(tag):
    got = values(tag("The depot opened on March 3, 2019, and the following year it was expanded."))
    assert got["the following year"] == "2020"
    got = values(tag("The mayor fled in June 2021 and came back later that year."))
    assert got["later that year"] == "2021"
    got = values(tag("The shelling began on May 9, 2022. Earlier that day, sirens sounded."))
    assert got["Earlier that day"] == "2022-05-09"


def test_planned_and_effective_dates_lie_ahead(tag):
    got = values(
        tag("The union planned a march on Saturday; new rules take hold effective June 1.")
    )
    assert got == {"Saturday": "2024-10-19", "June 1": "2025-06-01"}
    # The day the planning was told of is not ahead.
    assert values(tag("On Friday, the council planned to cut fares.")) == {"Friday": "2024-10-11"}


def test_earnings_periods_of_a_named_year(tag):
    got = values(
        tag(
            "Sales rose in the third quarter. In the 1998 period, the firm lost money, "
            "compared with a year-earlier profit; the 1997 second quarter was worse."
        )
    )
    assert got["the 1998 period"] == "1998-Q3"
    assert got["year-earlier"] == "2023-Q3"
    assert got["the 1997 second quarter"] == "1997-Q2"


def test_clock_times_with_their_day(tag):
    got = values(
        tag("The offer expires at 5 p.m. EST, Nov. 6, and the ferry leaves at noon Friday.")
    )
    assert got["5 p.m. EST, Nov. 6"] == "2024-11-06T17:00"


def test_plural_weekday_nights_and_the_last_half(tag):
    got = values(tag("Buses run on Tuesday nights, and fares rise in the last half of 2025."))
    assert got == {"Tuesday nights": "XXXX-WXX-2TNI", "the last half of 2025": "2025-H2"}


def test_the_year_is_the_publications_unless_it_is_a_fiscal_period(tag):
    got = values(
        tag(
            "For the full year, sales rose, and the deal should close by year-end. "
            "Net income for the year ended March 31 fell."
        )
    )
    assert got["the full year"] == got["year-end"] == "2024"
    assert got["the year"] == "P1Y"
    assert values(tag("Prices fell in the latest fiscal year.")) == {
        "the latest fiscal year": "2023"
    }


def test_a_quarter_still_ahead_is_no_reference_for_the_year_ago_period(tag):
    got = values(
        tag(
            "Profit fell in the third quarter. Analysts see losses through the first "
            "quarter of 2026. In the year-ago period, the firm earned more."
        )
    )
    assert got["the year-ago period"] == "2023-Q3"


def test_a_rate_is_a_set(tag):
    times = tag("The plant will build 15 tankers a year.")
    assert (times["a year"].type, times["a year"].value) == ("SET", "P1Y")


def test_a_step_later_or_earlier_is_a_duration(tag):
    got = values(tag("Three days later, the dam broke; revenue was up from a year earlier."))
    assert got == {"Three days later": "P3D", "a year earlier": "2023"}


def test_then_current_and_short_decades(tag):
    got = values(tag("Bonds sold at the then current price, as they had in the '90s."))
    assert got == {"then current": "PAST_REF", "the '90s": "199"}
    doc_1989 = tag("The trend marked the '80s.", published="1989-11-01")
    assert doc_1989["the '80s"].value == "198"


def test_mid_parts_of_day_long_adjectives_and_the_week_of(tag):
    got = values(
        tag(
            "By mid-afternoon yesterday, a decades-long dispute ended after a day-long "
            "meeting; a hearing is set for the week of November 4."
        )
    )
    assert got == {
        "mid-afternoon yesterday": "2024-10-14TAF",
        "decades-long": "PXY",
        "day-long": "P1D",
        "the week of November 4": "2024-W45",
    }


def test_a_clock_time_takes_the_day_after_a_parenthesis(tag):
    got = values(tag("The blast came at 10:35 a.m. (0735 GMT) Friday."))
    assert got == {"10:35 a.m. (0735 GMT) Friday": "2024-10-11T10:35"}


def test_last_with_a_full_day_and_a_possessive_weekday(tag):
    assert values(tag("The clinic was burned last Nov. 2.")) == {"last Nov. 2": "2023-11-02"}
    got = values(tag("Lawyers would try to get around Monday's ruling."))
    assert got == {"Monday": "2024-10-14"}


def test_durations_with_words_between_amount_and_unit(tag):
    got = values(tag("Troops stay two more weeks; trading resumed eight trading days later."))
    assert got == {"two more weeks": "P2W", "eight trading days": "P8D"}
    assert values(tag("The lull lasted a minute and a half.")) == {"a minute and a half": "PT1M30S"}


def test_vague_stretches_and_spelled_decades(tag):
    got = values(
        tag(
            "Over the next couple of years, and in the weeks ahead, the firm will recover "
            "after several quarters of losses, as it did through the nineties."
        )
    )
    assert got == {
        "the next couple of years": "P2Y",
        "the weeks ahead": "PXW",
        "several quarters": "PXQ",
        "the nineties": "199",
    }


# --- a year carried from the sentence ----------------------------------------------


def test_a_yearless_day_takes_the_year_its_sentence_is_about(tag):
    times = tag(
        "Nobody acted in 2008 or in 2014, and only the measures that followed "
        "February 24 changed anything in 2022."
    )
    assert times["February 24"].value == "2022-02-24"
    assert times["February 24"].anchor == "2022"
    assert not times["February 24"].certain  # inferred, not written


def test_a_yearless_day_alone_takes_the_publication_year(tag):
    assert values(tag("The talks resumed on August 2.")) == {"August 2": "2024-08-02"}


# --- absolute expressions, durations and sets ----------------------------------------


@pytest.mark.parametrize(
    ("sentence", "text", "type_", "value"),
    [
        ("The treaty was signed on 12 May 1997.", "12 May 1997", "DATE", "1997-05-12"),
        ("Trade collapsed in the 1990s.", "the 1990s", "DATE", "199"),
        ("The fortress dates from the nineteenth century.", "the nineteenth century", "DATE", "18"),
        (
            "Results for the third quarter of 2023 were weak.",
            "the third quarter of 2023",
            "DATE",
            "2023-Q3",
        ),
        ("The siege lasted three weeks.", "three weeks", "DURATION", "P3W"),
        ("They had waited for years.", "years", "DURATION", "PXY"),
        ("Convoys arrive every month.", "every month", "SET", "XXXX-XX"),
        ("The paper is printed daily.", "daily", "SET", "P1D"),
        ("The curfew starts at 10 p.m.", "10 p.m.", "TIME", "2024-10-15T22:00"),
    ],
)
def test_expression_types_and_values(tag, sentence, text, type_, value):
    times = tag(sentence)
    assert (times[text].type, times[text].value) == (type_, value)


# --- not times ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "The medic, around sixty years old, stayed behind.",
        "A commander in her thirties led the assault.",
        "Aged around thirty, he joined the volunteers.",
        "We may march on the capital, we said.",
        "The brigade lost 1500 soldiers near the river.",
        "The fall of the city shocked everyone.",
        "She met him when he was in his 30s.",
        'He spoke on the show "This Week" about it.',
        "Thousands joined the March for Peace downtown.",
        "The film High Noon played again.",
    ],
)
def test_not_times(tag, sentence):
    assert tag(sentence) == {}


# --- what cannot be resolved stays visibly unresolved -----------------------------------


def test_without_a_publication_date_relative_times_keep_placeholders(tag):
    times = tag("The convoy left last March.", published=None)
    assert times["last March"].value == "XXXX-03"
    assert times["last March"].anchor is None
    assert not times["last March"].certain


def test_an_event_anchor_is_left_unresolved(tag):
    times = tag("He left his job at the time of the invasion.")
    time = times["the time of the invasion"]
    assert (time.value, time.certain) == ("XXXX", False)


def test_offsets_point_into_the_text(tag, nlp):
    text = "Since 2019, and again last spring, the port was shelled twice a week."
    doc = nlp.make_doc(text)
    doc._.published = PUBLISHED
    for time in nlp(doc)._.times:
        assert text[time.start : time.end] == time.text


# --- the grammar searches only near each rule's cue words --------------------------------

CUED = (
    "On Monday, March 5, 2020 at 10 a.m. EST, three weeks ago, in the spring of 2019 and "
    "last summer; at the year-end, in the 1990s, at noon today, on Dec. 25th, in the current "
    "quarter, twice a week, on 3/4/2021 and 2021-05-06 12:30, at the time of the war, in the "
    "weeks ahead, for years, two thousand and one, the first half of 2020, a day-long meeting."
)


def test_every_match_holds_one_of_its_rules_cues():
    for name, rx in COMPILED.items():
        for m in rx.finditer(CUED):
            assert any(cue in m.group().lower() for cue in CUES[name]), (name, m.group())


def test_a_search_near_the_cues_finds_what_a_search_of_the_whole_text_finds():
    lower = CUED.lower()
    cues = _Cues(CUED, lower)
    for name, rx in COMPILED.items():
        near = _matches(name, CUED, lower, cues.windows(name))
        whole = rx.finditer(CUED)
        assert [(m.span(), m.groupdict()) for m in near] == [
            (m.span(), m.groupdict()) for m in whole
        ], name


def test_a_match_cut_short_by_its_window_is_matched_again_in_full():
    text = "It ended in December 2020."
    (m,) = _matches("month_year", text, text.lower(), [(0, len("It ended in December 20"))])
    assert m.group() == "December 2020"


def test_a_text_that_changes_length_when_lowered_is_searched_as_it_is():
    text = "İzmir was shelled on March 5, 2020."  # "İ" lowers to two characters
    assert [(c.start, c.end, c.rule) for c in find(text)] == [(21, 34, "month_day")]


# --- the component in someone else's pipeline -------------------------------------------


def test_works_in_a_blank_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("kronika_times")
    doc = nlp.make_doc("Fighting resumed in March 2022.")
    doc._.published = PUBLISHED
    assert [(t.text, t.value) for t in nlp(doc)._.times] == [("March 2022", "2022-03")]


# --- the seed article ----------------------------------------------------------------------


def test_seed_times(seed_doc):
    got = {(t.text, t.value) for t in seed_doc.times}
    expected = {
        ("2023", "2023"),
        ("the fall of 2023", "2023-FA"),
        ("last March", "2024-03"),
        ("this summer", "2024-SU"),
        ("2008", "2008"),
        ("2014", "2014"),
        ("2022", "2022"),
        ("February 24", "2022-02-24"),
    }
    assert expected <= got


def test_seed_has_no_false_times(seed_doc):
    # "we" is not Wednesday; ages are not durations.
    words = {w for t in seed_doc.times for w in t.text.lower().split()}
    assert not words & {"we", "fifty", "twenties", "forty", "aged"}
