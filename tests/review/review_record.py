"""A small record written for these tests, with facts of every kind set by hand."""

from __future__ import annotations

from kronika.records import Claim, Document, Entity, Event, Mention, Place, Quote, Speaker, Time

TEXT = (
    "Captain Iryna Bondar of the 12th Rifle Battalion said on Monday: "
    '"We held the ferry landing at Vesele all night." '
    "Her deputy, Taras Melnyk, said 14 drones were shot down near Dovhe. "
    "The regional governor said the landing was shelled at dawn."
)
DOC_ID = "reviewtest000001"


def at(words: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def record(text: str = TEXT, doc_id: str = DOC_ID) -> Document:
    """The machine's record of TEXT; ``text`` may be an edited copy (same id)."""

    def span(words):
        return at(words, text)

    opening = text.index('"')
    quote = text[opening : text.index('"', opening + 1) + 1]
    return Document(
        id=doc_id,
        text=text,
        title="Review test: the ferry landing",
        published="2024-09-02",
        entities=[
            Entity(
                "E1", "Iryna Bondar", "PERSON", [Mention(*span("Iryna Bondar"), "Iryna Bondar")]
            ),
            Entity(
                "E2", "Taras Melnyk", "PERSON", [Mention(*span("Taras Melnyk"), "Taras Melnyk")]
            ),
            Entity(
                "E3",
                "12th Rifle Battalion",
                "UNIT",
                [Mention(*span("12th Rifle Battalion"), "12th Rifle Battalion")],
            ),
        ],
        # The machine gave the quote to the deputy: the error a person corrects.
        quotes=[
            Quote(
                *span(quote),
                quote,
                True,
                Speaker("Taras Melnyk", "E2", *span("Taras Melnyk")),
                "said",
            )
        ],
        places=[
            Place(*span("Vesele"), "Vesele", "Vesele", 111, 47.0, 34.0, "UA"),
            Place(*span("Dovhe"), "Dovhe", "Dovhe", 222, 48.0, 37.0, "UA"),
        ],
        times=[Time(*span("Monday"), "Monday", "DATE", "2024-09-02")],
        claims=[
            Claim(
                *span("14 drones"), "14 drones", "14", 14, 14, speaker="Taras Melnyk", claimant="E2"
            )
        ],
        events=[
            Event(
                *span("the landing was shelled"),
                "the landing was shelled",
                "FIGHT",
                place=0,
                time=0,
            )
        ],
    )
