"""A hand-built analysed document (the sentences are written for these tests)."""

import pytest

from kronika.records import Claim, Document, Entity, Event, Mention, Place, Time

TEXT = (
    "Russian drones struck a fuel depot in Kupiansk on 3 May, killing 4 workers. "
    "If the army had withdrawn, the depot would have survived. Ministers met in Riga."
)


def _at(phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(phrase, start + 1)
    return start, start + len(phrase)


@pytest.fixture
def document() -> Document:
    s, e = _at("Kupiansk")
    kupiansk = Place(
        s, e, "Kupiansk", "Kupiansk", 704147, 49.7104, 37.6154, "UA", "Kharkiv", "PPLA2", 1, 0.9
    )
    s, e = _at("Riga")
    riga = Place(s, e, "Riga", "Riga", 456172, 56.946, 24.10589, "LV", "Riga", "PPLC", 1, 0.9)
    s, e = _at("3 May")
    may = Time(s, e, "3 May", "DATE", "2023-05-03")
    russia = Entity("E1", "Russia", "GPE", [Mention(*_at("Russian"), "Russian")])
    depot = Entity("E2", "Kupiansk", "GPE", [Mention(*_at("Kupiansk"), "Kupiansk")])
    struck = Event(
        *_at("struck"),
        "struck",
        "ASSAULT",
        "Explosions/Remote violence",
        "Air/drone strike",
        ["E1"],
        ["E2"],
        0,
        0,
        "occurred",
        0.85,
        fatalities=4,  # "killing 4 workers": claims[0]
        fatalities_claim=0,
    )
    withdrawn = Event(
        *_at("withdrawn"),
        "withdrawn",
        "RETREAT",
        "Strategic developments",
        "Non-violent transfer of territory",
        status="hypothetical",
        confidence=0.8,
    )
    met = Event(*_at("met"), "met", "CONSULT", place=1, status="occurred", confidence=0.7)
    killed = Claim(*_at("4 workers"), "4 workers", "4", 4, 4, unit="workers", speaker="publication")
    return Document(
        id="doc1", text=TEXT, title="Depot hit", published="2023-05-04", source="Example Wire",
        url="https://example.org/a", entities=[russia, depot], places=[kupiansk, riga], times=[may],
        claims=[killed], events=[struck, withdrawn, met],
    )  # fmt: skip
