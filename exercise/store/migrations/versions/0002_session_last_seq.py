"""Version 2: a per-session `last_seq` counter. An append locks that one row to number its
events without gaps; existing sessions start from their highest stored seq.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "exercise_sessions",
        sa.Column("last_seq", sa.Integer, nullable=False, server_default="0"),
    )
    op.execute(
        "UPDATE exercise_sessions SET last_seq = COALESCE("
        "(SELECT MAX(events.seq) FROM events"
        " WHERE events.session_id = exercise_sessions.session_id), 0)"
    )
