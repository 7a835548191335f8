"""Alembic environment: always handed an open connection by `exercise.store.migrate`."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "run migrations through exercise.store.migrate.upgrade (it opens the store and locks it)"
    )
context.configure(connection=connection, target_metadata=None, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
