"""The terminal report shows names the gazetteer could not place, and why."""

from __future__ import annotations

from rich.console import Console

from kronika.records import Document, Place
from kronika.report import print_report


def test_a_name_not_placed_is_shown_with_its_reason_and_counted():
    text = "Shelling hit Zorivka and Kharkiv."
    doc = Document(
        id="r1",
        text=text,
        places=[
            Place(13, 20, "Zorivka", "Zorivka", resolved=False, reason="not in the gazetteer"),
            Place(25, 32, "Kharkiv", "Kharkiv", 706483, 49.98, 36.25, "UA", precision=1),
        ],
    )
    console = Console(record=True, width=160)
    print_report(doc, console)
    out = console.export_text()
    assert "[not placed] not in the gazetteer" in out
    assert "1 of 2 names not placed" in out
