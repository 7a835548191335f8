"""Stores for the integration tests: the in-memory fake, a SQLite file and a private
PostgreSQL schema (tests/store/conftest.py: skipped with the reason when the server is not
reachable, a failure under CI=true)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.store.conftest import postgres_schema


@pytest.fixture
def sqlite_url(tmp_path: object) -> str:
    return f"sqlite:///{tmp_path}/exercise.sqlite3"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with postgres_schema() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: object) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/exercise.sqlite3"
    else:
        with postgres_schema() as url:
            yield url
