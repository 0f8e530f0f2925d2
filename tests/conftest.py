"""Shared fixtures: the sample reports, their clean documents, and a real index (built once, slow tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def sample(prefix: str) -> Path:
    return next(DATA.glob(f"{prefix}_*.txt"))


@pytest.fixture(scope="session")
def clean_docs():
    from rag.cleaning import clean_file

    return {p.name[:3]: clean_file(p, max_bytes=10**8) for p in sorted(DATA.glob("*.txt"))}


@pytest.fixture(scope="session")
def questions():
    return [json.loads(line) for line in (ROOT / "eval" / "qa_dev.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="session")
def sample_settings(tmp_path_factory):
    """Settings whose RAG_HOME holds a real index of data/ with the default model (slow tests only)."""
    from rag import Settings, build_index

    settings = Settings.from_env(home=tmp_path_factory.mktemp("rag-home"))
    build_index([DATA], settings=settings)
    return settings


@pytest.fixture(scope="session")
def sample_index(sample_settings):
    from rag import load_index

    return load_index(sample_settings)
