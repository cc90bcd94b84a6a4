"""Fuzzing (hypothesis): about 2,400 generated inputs a run (random bytes, random
Unicode with right-to-left and combining marks, truncated or spliced JSONL, CSV,
HTML and WARC, huge lines) through the CLI's readers, the value checks, the search
parser and the web app. Each gives items or one-line errors, never an exception or a
500, and the store is unchanged. ``python bench/fuzz.py`` runs 10,000."""

from __future__ import annotations

import pytest
from fuzz_checks import (
    check_reader,
    check_search,
    check_value,
    check_web,
    reader_inputs,
    small_store,
    store_fingerprint,
    unicode_text,
    web_requests,
)
from hypothesis import HealthCheck, given, settings

from kronika.store import Store

FUZZ = settings(deadline=None, database=None, suppress_health_check=list(HealthCheck))


def fuzz(examples: int) -> settings:
    return settings(FUZZ, max_examples=examples)


@pytest.fixture(scope="module")
def fuzz_db(tmp_path_factory) -> str:
    return small_store(tmp_path_factory.mktemp("fuzz") / "fuzz.db")


@pytest.fixture(scope="module")
def fuzz_client(fuzz_db):
    from fastapi.testclient import TestClient

    from kronika.web import create_app

    return TestClient(create_app(fuzz_db), base_url="http://127.0.0.1")


def test_readers_give_items_or_one_line_errors(tmp_path_factory):
    folder = tmp_path_factory.mktemp("inputs")

    @fuzz(900)
    @given(reader_inputs())
    def run(case):
        check_reader(folder, *case)

    run()


@fuzz(300)
@given(unicode_text)
def test_value_checks_refuse_in_one_line(value):
    check_value(value)


def test_search_takes_anything(fuzz_db):
    before = store_fingerprint(fuzz_db)
    with Store(fuzz_db) as store:

        @fuzz(500)
        @given(unicode_text)
        def run(query):
            check_search(store, query)

        run()
    assert store_fingerprint(fuzz_db) == before


def test_the_web_never_answers_500(fuzz_client, fuzz_db):
    before = store_fingerprint(fuzz_db)

    @fuzz(700)
    @given(web_requests())
    def run(request):
        check_web(fuzz_client, *request)

    run()
    assert store_fingerprint(fuzz_db) == before
