"""Shared fixtures. The full pipeline loads once per test session."""

from __future__ import annotations

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
