"""One store suite for both databases: every test taking `database_url` runs on a fresh SQLite
file and on a fresh PostgreSQL schema (dropped afterwards, so parallel runs never collide)."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from uuid import uuid4

import psycopg
import pytest
from sqlalchemy.engine import make_url

from exercise.conduct.memory import MemoryEventStore
from exercise.conduct.ports import AccessGrant, EventStore, SessionRecord
from exercise.store import SqlEventStore

POSTGRES_URL = os.environ.get(
    "EXERCISE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _conninfo(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@functools.cache
def _postgres_problem() -> str | None:
    try:
        with psycopg.connect(_conninfo(POSTGRES_URL), connect_timeout=3):
            return None
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0]


def require_postgres() -> None:
    problem = _postgres_problem()
    if problem is None:
        return
    where = make_url(POSTGRES_URL).render_as_string(hide_password=True)
    message = f"PostgreSQL at {where} is not reachable ({problem}); set EXERCISE_TEST_POSTGRES_URL"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} — under CI=true the PostgreSQL tests must run")
    pytest.skip(message)


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A URL whose connections see only a new, empty schema."""
    require_postgres()
    schema = f"store_test_{uuid4().hex[:16]}"
    admin = _conninfo(POSTGRES_URL)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    try:
        url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: object) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/store.sqlite3"
    else:
        with postgres_schema() as url:
            yield url


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: object) -> Iterator[EventStore]:
    """The store contract: every test taking `store` runs on the in-memory store (the fake the
    conduct tests use, so it must behave as the real ones), on SQLite and on PostgreSQL."""
    if request.param == "memory":
        yield MemoryEventStore()
    elif request.param == "sqlite":
        with SqlEventStore(f"sqlite:///{tmp_path}/store.sqlite3") as opened:
            yield opened
    else:
        with postgres_schema() as url, SqlEventStore(url) as opened:
            yield opened


def session_record(session_id: str = "S-1", minute: int = 0) -> SessionRecord:
    return SessionRecord(
        session_id=session_id,
        name=f"Typhoon drill {session_id}",
        pack_id="example-typhoon-township",
        pack_text="metadata:\n  id: example-typhoon-township\n",
        pack_hash="a" * 64,
        created_at=datetime(2025, 5, 1, 9, minute, tzinfo=UTC),
    )


def grant(token: str, session_id: str = "S-1", role: str = "agency", *agencies: str) -> AccessGrant:
    return AccessGrant(
        token_hash=f"sha256:{token}", session_id=session_id, role=role,
        agencies=tuple(agencies), label=f"table {token}",
    )
