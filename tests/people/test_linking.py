"""Linking on save: one identity across documents, stable ids, manual decisions kept.
Runs on SQLite and PostgreSQL."""

import pytest
from sqlalchemy import text

from kronika.people import PeopleError, merge_people, split_person
from kronika.store import Store

SYRSKYI = [("PERSON", "Oleksandr Syrskyi"), ("UNIT", "47th Mechanized Brigade")]


@pytest.fixture
def store(db_url):
    with Store(db_url) as store:
        yield store


def reasons(store, doc_id):
    with store.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT name, reason FROM person_links WHERE doc_id = :d"), {"d": doc_id}
        )
        return dict(rows.all())


def test_transliterations_and_a_surname_are_one_person(store, make_doc, persons):
    store.save(make_doc("a", SYRSKYI, quotes=["E1"]))
    store.save(make_doc("b", [("PERSON", "Aleksandr Syrskiy")], quotes=["E1"]))
    store.save(make_doc("c", [("PERSON", "Syrsky")]))
    ids = {persons(store, d)[n] for d, n in (("a", "Oleksandr Syrskyi"), ("b", "Aleksandr Syrskiy"),
                                             ("c", "Syrsky"))}  # fmt: skip
    assert len(ids) == 1 and None not in ids
    assert reasons(store, "b")["Aleksandr Syrskiy"] == "full name, transliteration"
    assert reasons(store, "c")["Syrsky"].startswith("surname of a full name")


def test_two_men_called_andriy_in_different_stories_and_units_stay_apart(store, make_doc, persons):
    store.save(make_doc("a", [("PERSON", "Andriy"), ("UNIT", "24th Brigade")]))
    store.save(make_doc("b", [("PERSON", "Andriy"), ("UNIT", "10th Mountain Brigade")]))
    assert persons(store, "a")["Andriy"] != persons(store, "b")["Andriy"]
    assert "only the name is shared" in reasons(store, "b")["Andriy"]


def test_one_word_name_joins_when_a_unit_is_shared(store, make_doc, persons):
    store.save(make_doc("a", [("PERSON", "Hrim"), ("UNIT", "93rd Brigade")]))
    store.save(make_doc("b", [("PERSON", "Grim"), ("UNIT", "93rd brigade")]))
    assert persons(store, "a")["Hrim"] == persons(store, "b")["Grim"]
    assert "shares unit" in reasons(store, "b")["Grim"]


def test_described_units_that_disagree_keep_people_apart(store, make_doc, persons):
    store.save(make_doc("a", [("PERSON", "Oleh Bondar", [("unit", "the 24th brigade")])]))
    store.save(make_doc("b", [("PERSON", "Oleh Bondar", [("unit", "the 72nd brigade")])]))
    assert persons(store, "a")["Oleh Bondar"] != persons(store, "b")["Oleh Bondar"]
    assert "different units" in reasons(store, "b")["Oleh Bondar"]


def test_a_person_never_merges_with_a_place_and_units_match_units(store, make_doc, persons):
    store.save(make_doc("a", [("PERSON", "Kupiansky"), ("UNIT", "Kupiansky battalion")]))
    store.save(make_doc("b", [("GPE", "Kupiansky"), ("ORG", "Kupiansky")]))
    a, b = persons(store, "a"), persons(store, "b")
    assert b == {"Kupiansky": None}
    store.save(make_doc("c", [("UNIT", "Kupiansky Battalion")]))
    assert persons(store, "c")["Kupiansky Battalion"] == a["Kupiansky battalion"]
    assert a["Kupiansky battalion"] != a["Kupiansky"]


def test_anonymous_sources_never_merge_across_documents(store, make_doc, persons):
    unnamed = {"type": "PERSON", "name": "a senior officer"}
    for doc_id in ("a", "b"):
        doc = make_doc(doc_id, [("PERSON", unnamed["name"])])
        doc.entities[0].anonymous = True
        store.save(doc)
    assert persons(store, "a")["a senior officer"] != persons(store, "b")["a senior officer"]


def test_re_ingesting_does_not_renumber_people(store, make_doc, persons):
    store.save(make_doc("a", SYRSKYI))
    store.save(make_doc("b", [("PERSON", "Syrskyi"), ("UNIT", "47th brigade")]))
    before = {d: persons(store, d) for d in "ab"}
    store.save(make_doc("a", SYRSKYI))  # again, and again in the other order
    store.save(make_doc("b", [("PERSON", "Syrskyi"), ("UNIT", "47th brigade")]))
    store.save(make_doc("a", SYRSKYI))
    assert {d: persons(store, d) for d in "ab"} == before
    with store.engine.connect() as conn:
        people = conn.execute(text("SELECT id, documents FROM people ORDER BY id")).all()
    assert sorted(p.documents for p in people) == [2, 2]


def test_counts_follow_saves(store, make_doc, persons):
    store.save(make_doc("a", SYRSKYI, quotes=["E1", "E1"]))
    store.save(make_doc("b", [("PERSON", "Syrskyi")], quotes=["E1"]))
    store.save(make_doc("b", [("PERSON", "Syrskyi")]))  # re-analysed: no quote any more
    with store.engine.connect() as conn:
        row = conn.execute(text("SELECT documents, quotes FROM people WHERE type = 'PERSON'")).one()
    assert tuple(row) == (2, 2)


def test_merge_and_split_survive_re_analysis(store, make_doc, persons):
    store.save(make_doc("a", [("PERSON", "Petro Moroz")]))
    store.save(make_doc("b", [("PERSON", "Moroz-Kovalenko")]))
    a, b = persons(store, "a")["Petro Moroz"], persons(store, "b")["Moroz-Kovalenko"]
    assert a != b
    assert merge_people(store, a, b, by="editor", note="same man, double surname") == a
    store.save(make_doc("b", [("PERSON", "Moroz-Kovalenko")]))  # re-analysed
    assert persons(store, "b")["Moroz-Kovalenko"] == a
    new = split_person(store, a, [("b", "E1")], by="editor", note="no, his brother")
    store.save(make_doc("b", [("PERSON", "Moroz-Kovalenko")]))
    assert persons(store, "b")["Moroz-Kovalenko"] == new != a
    assert persons(store, "a")["Petro Moroz"] == a
    with store.engine.connect() as conn:
        log = conn.execute(text("SELECT action, by, note FROM person_overrides ORDER BY id")).all()
    assert [tuple(r) for r in log] == [
        ("merge", "editor", "same man, double surname"),
        ("split", "editor", "no, his brother"),
    ]


def test_merge_refuses_a_person_and_a_unit(store, make_doc, persons):
    store.save(make_doc("a", SYRSKYI))
    p = persons(store, "a")
    with pytest.raises(PeopleError, match="cannot be merged"):
        merge_people(store, p["Oleksandr Syrskyi"], p["47th Mechanized Brigade"], by="x")


def test_linking_looks_candidates_up_by_key_not_by_scanning(store, make_doc, persons):
    for n in range(30):
        store.save(make_doc(f"n{n}", [("PERSON", f"Name{n:02d} Surname{n:02d}")]))
    queries = []
    from sqlalchemy import event

    def record(conn, cursor, statement, *args):
        queries.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    store.save(make_doc("z", SYRSKYI))
    event.remove(store.engine, "before_cursor_execute", record)
    people_queries = [q for q in queries if "person" in q or "people" in q]
    assert len(people_queries) <= 12
    assert not any("FROM people" in q and "WHERE" not in q for q in people_queries)


def test_existing_stores_get_the_tables_and_their_documents_linked(tmp_path, make_doc, persons):
    from kronika.store.migrations import _people

    path = tmp_path / "old.db"
    with Store(path) as store:
        store.save(make_doc("a", SYRSKYI))
        with store.engine.begin() as conn:
            for table in ("person_links", "person_keys", "people"):
                conn.execute(text(f"DELETE FROM {table}"))
            _people(conn)
            _people(conn)  # idempotent
        assert persons(store, "a")["Oleksandr Syrskyi"] is not None


def test_older_stores_get_the_partial_key_indexes_and_link_as_before(store, make_doc, persons):
    from sqlalchemy import inspect

    from kronika.store.migrations import _person_keys_partial

    with store.engine.begin() as conn:  # person_keys as stores made before had it
        for name in ("ix_person_keys_k", "ix_person_keys_search"):
            conn.execute(text(f"DROP INDEX {name}"))
        conn.execute(text("CREATE INDEX ix_person_keys_lookup ON person_keys (kind, value)"))
        _person_keys_partial(conn)
        _person_keys_partial(conn)  # idempotent
        names = {index["name"] for index in inspect(conn).get_indexes("person_keys")}
    assert {"ix_person_keys_k", "ix_person_keys_search"} <= names
    assert "ix_person_keys_lookup" not in names
    store.save(make_doc("a", SYRSKYI))
    store.save(make_doc("b", [("PERSON", "Syrsky")]))
    assert persons(store, "b")["Syrsky"] == persons(store, "a")["Oleksandr Syrskyi"]


def test_lookups_and_searches_read_their_partial_indexes(tmp_path):
    with Store(tmp_path / "plan.db") as store, store.engine.connect() as conn:
        plans = [
            " ".join(row[-1] for row in conn.execute(text(f"EXPLAIN QUERY PLAN {sql}")))
            for sql in (
                "SELECT person_id FROM person_keys WHERE kind = 'k' AND value = 'x' LIMIT 21",
                "SELECT person_id FROM person_keys WHERE kind IN ('n', 'a') AND value LIKE '%x%'",
            )
        ]
    assert "ix_person_keys_k" in plans[0] and "ix_person_keys_search" in plans[1]


def test_a_thousand_people_in_one_document_take_as_many_statements_as_ten(store, make_doc, persons):
    from sqlalchemy import event

    def statements(doc) -> int:
        seen = []
        listener = lambda *args: seen.append(1)  # noqa: E731
        event.listen(store.engine, "before_cursor_execute", listener)
        store.save(doc)
        event.remove(store.engine, "before_cursor_execute", listener)
        return len(seen)

    def crowd(doc_id: str, n: int):
        names = [("PERSON", f"Given{k:04d} Family{k:04d}") for k in range(n)]
        return make_doc(doc_id, [*names, ("PERSON", "Family0001"), ("UNIT", "5th Brigade")])

    few, many = statements(crowd("few", 10)), statements(crowd("many", 1000))
    assert many <= few + 2
    linked = persons(store, "many")
    assert len({v for v in linked.values()}) == 1001  # the surname joined its full name
