"""Search takes what people type, on SQLite and PostgreSQL alike: names with
apostrophes, abbreviations, numbers with commas, hyphens and colons are text; the
advanced syntax works when used; a query that cannot be read says how to fix it."""

from __future__ import annotations

import pytest

from kronika.records import Document
from kronika.store import SearchSyntaxError, Store

DOCS = {
    "z1": "Zelenskiy's office said the U.S. would send 3,000 more shells.",
    "s1": "A Shahed-type drone hit an energy facility near Kharkiv overnight.",
    "k1": "Kharkiv: strike on a depot, the governor said. The depot burned for hours.",
    "g1": "Talks in Geneva ended without agreement, and the delegations left.",
}


@pytest.fixture
def searchable(db_url):
    with Store(db_url) as store:
        for doc_id, text in DOCS.items():
            store.save(Document(id=doc_id, text=text, title=None, published="2024-01-01"), "1")
        yield store


def ids(store, query: str) -> list[str]:
    return sorted(r["id"] for r in store.search(query))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Zelenskiy's", ["z1"]),
        ("U.S.", ["z1"]),
        ("3,000", ["z1"]),
        ("Shahed-type", ["s1"]),
        ("Kharkiv: strike", ["k1"]),
        ("kharkiv", ["k1", "s1"]),
        ("and", ["g1"]),  # lower-case operators are words
        ("depot\x00\tgovernor", ["k1"]),  # control characters are spaces
    ],
)
def test_what_people_type_is_searched_as_text(searchable, query, expected):
    assert ids(searchable, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"energy facility"', ["s1"]),
        ('"facility energy"', []),
        ("Khark*", ["k1", "s1"]),
        ("depot OR Geneva", ["g1", "k1"]),
        ("Kharkiv AND drone", ["s1"]),
        ("Kharkiv NOT drone", ["k1"]),
        ("(Geneva OR Shahed) NOT talks", ["s1"]),
        ("NEAR(depot governor, 5)", ["k1"]),
    ],
)
def test_the_advanced_syntax_still_works(searchable, query, expected):
    assert ids(searchable, query) == expected


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ('"unclosed', 'unbalanced quote: add the closing mark (")'),
        ("(drone", "unbalanced bracket: add the closing ')'"),
        ("drone)", "unbalanced bracket: remove the ')'"),
        ("*", "nothing to search for: type at least one word"),
        ("AND", "nothing to search for"),
        ("drone AND", "add a word after the last operator"),
        ("NOT drone", "NOT needs words on both sides"),
        ("()", "nothing to search for"),
        ("NEAR(drone)", "NEAR needs two or more words"),
    ],
)
def test_a_query_that_cannot_be_read_says_how_to_fix_it(searchable, query, reason):
    with pytest.raises(SearchSyntaxError) as caught:
        searchable.search(query)
    message = str(caught.value)
    assert reason in message
    for jargon in ("fts5", "syntax error", "no such column", "tsquery", "special query"):
        assert jargon not in message.lower()
