"""Version 3: each event row keeps the schema version of its payload's model, so a later app
upcasts what an older one wrote. Every event stored before typed events is version 1.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "events",
        sa.Column("schema_version", sa.Integer, nullable=False, server_default="1"),
    )
