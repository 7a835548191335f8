"""The event store: SQLite by default (a file in the data directory), PostgreSQL by URL."""

from exercise.store.engine import DATABASE_URL_ENV, StoreUnavailable
from exercise.store.sql_store import SqlEventStore, open_store

__all__ = ["DATABASE_URL_ENV", "SqlEventStore", "StoreUnavailable", "open_store"]
