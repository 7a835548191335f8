"""Stores for the integration tests: the in-memory fake, a SQLite file and a private
PostgreSQL schema (tests/store/conftest.py: skipped with the reason when the server is not
reachable, a failure under CI=true)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.store.conftest import database_url, postgres_schema  # noqa: F401  (fixture)


@pytest.fixture
def sqlite_url(tmp_path: object) -> str:
    return f"sqlite:///{tmp_path}/exercise.sqlite3"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with postgres_schema() as url:
        yield url
