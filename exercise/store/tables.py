"""The event store's tables at the current schema version (the migrations build them)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """Stores UTC and always gives back an aware UTC datetime (SQLite keeps no time zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("wall times must carry a time zone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


metadata = MetaData()

sessions = Table(
    "exercise_sessions",
    metadata,
    Column("session_id", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("pack_id", String(200), nullable=False),
    Column("pack_text", Text, nullable=False),
    Column("pack_hash", String(64), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("closed", Boolean, nullable=False, default=False),
    # the highest seq handed out; appends lock this row to number events without gaps
    Column("last_seq", Integer, nullable=False, default=0),
)

access_grants = Table(
    "access_grants",
    metadata,
    Column("token_hash", String(128), primary_key=True),
    Column(
        "session_id", String(64), ForeignKey("exercise_sessions.session_id"), nullable=False,
        index=True,
    ),
    Column("role", String(32), nullable=False),
    Column("agencies", JSON, nullable=False),
    Column("label", Text, nullable=False, default=""),
    Column("revoked", Boolean, nullable=False, default=False),
)

events = Table(
    "events",
    metadata,
    Column("session_id", String(64), ForeignKey("exercise_sessions.session_id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("kind", String(64), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("wall_time", UtcDateTime, nullable=False),
    Column("scenario_minute", Float, nullable=True),
    Column("payload", JSON, nullable=False),
    Column("idempotency_key", String(200), nullable=True),
    # the version of the payload's model (exercise.conduct.event_types); older rows are 1
    Column("schema_version", Integer, nullable=False, default=1),
    # also the index of "events after seq N", which every poll asks
    PrimaryKeyConstraint("session_id", "seq", name="pk_events"),
    UniqueConstraint("session_id", "idempotency_key", name="uq_events_idempotency_key"),
)
