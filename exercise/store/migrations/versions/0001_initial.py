"""Version 1: exercise sessions with the pinned pack, access grants, the event log.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exercise_sessions",
        sa.Column("session_id", sa.String(64), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("pack_id", sa.String(200), nullable=False),
        sa.Column("pack_text", sa.Text, nullable=False),
        sa.Column("pack_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "access_grants",
        sa.Column("token_hash", sa.String(128), primary_key=True),
        sa.Column(
            "session_id", sa.String(64), sa.ForeignKey("exercise_sessions.session_id"),
            nullable=False,
        ),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("agencies", sa.JSON, nullable=False),
        sa.Column("label", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_access_grants_session_id", "access_grants", ["session_id"])
    op.create_table(
        "events",
        sa.Column(
            "session_id", sa.String(64), sa.ForeignKey("exercise_sessions.session_id"),
            nullable=False,
        ),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("wall_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("scenario_minute", sa.Float, nullable=True),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("idempotency_key", sa.String(200), nullable=True),
        sa.PrimaryKeyConstraint("session_id", "seq", name="pk_events"),
        sa.UniqueConstraint("session_id", "idempotency_key", name="uq_events_idempotency_key"),
    )
