"""Bring a database to the current schema version with Alembic, under a lock, on every open.

Alembic rather than a hand-rolled runner: it records the version in `alembic_version`, lets a
later version alter SQLite tables (batch mode copies the table, which SQLite needs for most
ALTERs), and `alembic revision` writes the next step for whoever changes the schema.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from exercise.store.engine import WRITE

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
HEAD = "head"
# pg_advisory_xact_lock key: two app replicas starting at once must not both create the tables
_PG_LOCK_KEY = 0x45584552  # "EXER"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_version() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_version(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, target: str = HEAD) -> None:
    """Upgrade to `target` (the newest version unless a test asks for an older one)."""
    with engine.connect() as connection:
        connection.execution_options(**{WRITE: True})
        with connection.begin():
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK_KEY})
            command.upgrade(alembic_config(connection), target)
