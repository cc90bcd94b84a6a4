"""A store holding the review tests' record, on each backend."""

from __future__ import annotations

import pytest
from review_record import record


@pytest.fixture
def store(db_url):
    from kronika.store import Store

    with Store(db_url) as s:
        s.save(record())
        yield s
