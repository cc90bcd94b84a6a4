"""The store: a plain SQLite file with a versioned schema, full-text search, and
one transaction per document."""

import sqlite3

import pytest

from kronika.records import Document, Entity, Mention, Repair
from kronika.store import SearchSyntaxError, Store
from kronika.store.migrations import MIGRATIONS


def make_doc(doc_id="d1", text="Drones struck a depot near Kharkiv, the governor said.", **kw):
    return Document(
        id=doc_id,
        text=text,
        title=kw.pop("title", "Depot struck"),
        published="2024-05-01",
        repairs=[Repair("whitespace", 0, 0, "", "")],
        entities=[Entity("E1", "Kharkiv", "GPE", [Mention(27, 34, "Kharkiv")])],
        **kw,
    )


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "k.db") as s:
        yield s


def test_a_new_store_is_at_the_latest_schema_version(store):
    assert store.schema_version == len(MIGRATIONS)


def test_saving_and_reading_back_a_document(store):
    store.save(make_doc(), "1")
    got = store.get("d1")
    assert got == make_doc()
    assert store.get("d") == got  # a unique id prefix is enough


def test_saving_the_same_document_again_replaces_its_facts(store, tmp_path):
    store.save(make_doc(), "1")
    store.save(make_doc(), "1")
    assert store.count() == 1
    con = sqlite3.connect(tmp_path / "k.db")
    assert con.execute("select count(*) from entities").fetchone() == (1,)
    assert con.execute("select count(*) from mentions").fetchone() == (1,)


def test_fact_tables_are_plain_sql(store, tmp_path):
    store.save(make_doc(), "1")
    con = sqlite3.connect(tmp_path / "k.db")
    row = con.execute("select name, type, start, end from entities where doc_id='d1'").fetchone()
    assert row == ("Kharkiv", "GPE", 27, 34)


def test_full_text_search_with_phrases_and_prefixes(store):
    store.save(make_doc(), "1")
    store.save(make_doc("d2", "Talks in Geneva ended without agreement.", title="Talks"), "1")
    assert [r["id"] for r in store.search("depot")] == ["d1"]
    assert [r["id"] for r in store.search('"without agreement"')] == ["d2"]
    assert [r["id"] for r in store.search("Khark*")] == ["d1"]
    assert "[depot]" in store.search("depot")[0]["snippet"]


def test_malformed_search_syntax_is_a_clear_error(store):
    with pytest.raises(SearchSyntaxError, match="bad search query"):
        store.search('"unclosed AND (')


def test_a_failed_save_keeps_what_was_stored(store):
    store.save(make_doc(), "1")
    broken = make_doc()
    broken.entities[0].mentions = None  # not serialisable as rows
    with pytest.raises(TypeError):
        store.save(broken, "1")
    assert store.get("d1") == make_doc()


def test_reopening_runs_no_migration_twice(tmp_path):
    Store(tmp_path / "k.db").close()
    with Store(tmp_path / "k.db") as again:
        assert again.schema_version == len(MIGRATIONS)
    con = sqlite3.connect(tmp_path / "k.db")
    assert con.execute("select count(*) from schema_version").fetchone() == (len(MIGRATIONS),)
