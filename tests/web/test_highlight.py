"""How a text is cut for highlighting: every fact boundary is a cut, and the pieces
put back together give the text exactly."""

from __future__ import annotations

from kronika.web.highlight import facts, segments

TEXT = "Mayor Ihor Terekhov said shelling hit Kharkiv."


def record(**lists):
    return {"id": "d1", "text": TEXT, **lists}


def test_overlapping_facts_give_segments_covered_by_both():
    name = {"start": 6, "end": 19, "text": "Ihor Terekhov"}
    doc = record(
        entities=[{"id": "E1", "name": "Ihor Terekhov", "type": "PERSON", "mentions": [name]}],
        quotes=[
            {
                "start": 0,
                "end": 24,
                "text": TEXT[:24],
                "direct": False,
                "speaker": {"name": "Ihor Terekhov", "entity": "E1", "start": 6, "end": 19},
            }
        ],
    )
    pieces = segments(TEXT, facts(doc))
    assert "".join(p.text for p in pieces) == TEXT
    assert [(p.text, p.facts) for p in pieces] == [
        ("Mayor ", ["quotes:0"]),
        ("Ihor Terekhov", ["quotes:0", "entities:0:0"]),
        (" said", ["quotes:0"]),
        (" shelling hit Kharkiv.", []),
    ]
    assert "speaker-0" in pieces[1].classes


def test_a_located_place_links_to_the_map_and_an_unlocated_one_does_not():
    doc = record(
        places=[
            {
                "start": 38,
                "end": 45,
                "text": "Kharkiv",
                "name": "Kharkiv",
                "lat": 50.0,
                "lon": 36.2,
            },
            {"start": 6, "end": 10, "text": "Ihor", "name": "Ihor", "lat": None, "lon": None},
        ]
    )
    by_text = {p.text: p for p in segments(TEXT, facts(doc))}
    assert by_text["Kharkiv"].href == "/map?doc=d1&place=0"
    assert by_text["Ihor"].href == "" and "not located" in by_text["Ihor"].title


def test_an_insertion_is_a_marker_of_no_text():
    doc = record(
        repairs=[{"kind": "glued_punctuation", "start": 5, "end": 5, "before": "", "after": " "}]
    )
    pieces = segments(TEXT, facts(doc))
    marker = next(p for p in pieces if p.inserted)
    assert marker.text == "" and marker.facts == ["repairs:0"]
    assert "".join(p.text for p in pieces) == TEXT


def test_facts_pointing_outside_the_text_are_left_out():
    doc = record(times=[{"start": 40, "end": 999, "text": "?", "type": "DATE", "value": "2024"}])
    assert segments(TEXT, facts(doc)) == segments(TEXT, [])
