"""ACLED CSV: ACLED's columns and precision codes, read back by pandas."""

import csv
import io

import pytest

from kronika.export import FORMATS
from kronika.export.acled import COLUMNS

EXPECTED = ["event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
            "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes",
            "fatalities", "actor1_person", "actor2_person",
            "reviewed_by", "reviewed_at", "review_note"]  # fmt: skip


def export(document) -> str:
    out = io.StringIO()
    assert FORMATS["acled-csv"]([document], out) == 1
    return out.getvalue()


def test_pandas_reads_the_expected_columns(document):
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(io.StringIO(export(document)))
    assert list(frame.columns) == EXPECTED == COLUMNS
    assert len(frame) == 1  # the hypothetical withdrawal and the meeting are not ACLED events
    row = frame.iloc[0]
    assert row["event_date"] == "2023-05-03" and row["time_precision"] == 1
    assert (row["event_type"], row["sub_event_type"]) == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    assert (row["actor1"], row["actor2"], row["location"]) == ("Russia", "Kupiansk", "Kupiansk")
    assert row["geo_precision"] == 1 and row["fatalities"] == 4
    assert row["latitude"] == pytest.approx(49.7104) and row["source"] == "Example Wire"


def test_without_a_time_the_publication_date_with_precision_2(document):
    document.events[0].time = None
    lines = export(document).splitlines()
    assert lines[1].startswith("2023-05-04,2,")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2023-05", "2023-05-01,3,"), ("2023-W19", "2023-05-08,2,"), ("2023", "2023-01-01,3,"),
     ("2023-SU", "2023-06-01,3,")],
)  # fmt: skip
def test_precision_codes_follow_the_time_value(document, value, expected):
    document.times[0].value = value
    assert export(document).splitlines()[1].startswith(expected)


def test_a_part_of_day_is_exported_as_that_day(document):
    document.times[0].value = "2023-05-03TAF"  # "on 3 May in the afternoon"
    assert export(document).splitlines()[1].startswith("2023-05-03,1,")


def test_fatalities_come_only_from_the_events_stated_toll(document):
    # The sentence still holds a count of people, but the event has no death toll:
    # the export must not read one from the sentence.
    document.events[0].fatalities = None
    rows = list(csv.DictReader(io.StringIO(export(document))))
    assert rows[0]["fatalities"] == "0"


def test_a_toll_is_exported_once_per_event(document):
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(io.StringIO(export(document)))
    assert frame["fatalities"].sum() == 4


def test_background_events_are_not_exported(document):
    document.events[0].status = "background"
    assert len(export(document).splitlines()) == 1  # the header only
