"""Domain errors: each message says what went wrong and what to do, ready to show a user."""

from __future__ import annotations


class ConductError(Exception):
    """A command that cannot be carried out as asked."""


class AccessDenied(ConductError):
    """The caller's code does not allow this command (wrong role, agency or session)."""


class NotFound(ConductError):
    """An exercise session, inject, message or request that does not exist."""


class NotAllowedNow(ConductError):
    """The command is valid but not in the current state (clock not started, exercise ended…)."""
