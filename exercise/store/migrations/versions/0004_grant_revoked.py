"""Version 4: a join code can be revoked by the facilitator (a leaked code); the grant is kept
so that a later use is told why it is refused.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "access_grants",
        sa.Column("revoked", sa.Boolean, nullable=False, server_default=sa.false()),
    )
