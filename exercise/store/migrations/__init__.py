"""Alembic migrations of the event store. `exercise.store.migrate.upgrade` runs them on open."""
