"""Counts and source lists are remembered between requests, and forgotten as soon
as the store changes."""

from __future__ import annotations

from kronika.records import Document
from kronika.store import Store
from kronika.web import queries
from kronika.web.memo import Memo


def test_a_count_is_remembered_until_the_store_changes(tmp_path):
    db = tmp_path / "memo.db"
    with Store(db) as store:
        store.save(Document(id="a1", text="Convoy reached the river crossing.", source="Wire"))
        everything = queries.DocumentFilter()
        assert queries.documents(store.engine, everything, 10, 0).total == 1
        assert queries.sources(store.engine) == ["Wire"]

        store.save(Document(id="b2", text="Second convoy turned back.", source="Daily"))
        assert queries.documents(store.engine, everything, 10, 0).total == 2
        assert queries.sources(store.engine) == ["Daily", "Wire"]


def test_an_answer_is_computed_once_while_the_files_stay_the_same(tmp_path):
    path = tmp_path / "file.db"
    path.write_bytes(b"x")
    memo, calls = Memo(str(path)), []

    def compute():
        calls.append(1)
        return len(calls)

    assert memo.get("k", compute) == memo.get("k", compute) == 1
    path.write_bytes(b"xy")
    assert memo.get("k", compute) == 2


def test_without_a_file_nothing_is_kept():
    memo, calls = Memo(None), []
    memo.get("k", lambda: calls.append(1))
    memo.get("k", lambda: calls.append(1))
    assert len(calls) == 2
