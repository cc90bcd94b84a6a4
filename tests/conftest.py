"""Shared fixtures. The full pipeline loads once per test session."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_2b28dbb7b493ae20.txt"
EVAL = SHARED / "eval"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def nlp():
    from kronika.pipeline import load

    return load()


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"the seed article is not here ({SEED}); it lives in ../shared")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_doc(seed_text, nlp):
    """The seed analysed as `kronika analyze SEED --published 2024-10-15` would."""
    from kronika.ingest import Item
    from kronika.pipeline import analyze

    return analyze(Item(name="seed", text=seed_text, published="2024-10-15"), nlp)


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    if not EVAL.exists():
        pytest.skip(f"evaluation data is not here ({EVAL}); it lives in ../shared")
    return EVAL


@pytest.fixture
def sample_text() -> str:
    return (ROOT / "examples" / "front-line-report.txt").read_text(encoding="utf-8")


# The same store tests run on SQLite and, when a server is given, on PostgreSQL.
POSTGRES = os.environ.get("KRONIKA_TEST_PG")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty store location on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "kronika.db")
        return
    if not POSTGRES:
        pytest.skip("no PostgreSQL for tests: set KRONIKA_TEST_PG (.ci/run starts one)")
    from sqlalchemy import text

    from kronika.store import engine_for

    name = f"kronika_test_{uuid.uuid4().hex[:12]}"
    admin = engine_for(POSTGRES).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    yield POSTGRES.rsplit("/", 1)[0] + "/" + name
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()
