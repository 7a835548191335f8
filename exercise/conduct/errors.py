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


class AppendConflict(Exception):
    """Another append reached the session after the state a command checked (`expected_seq`):
    the command reads the state again, checks again and retries (not a user error)."""

    def __init__(self, session_id: str, expected_seq: int, last_seq: int) -> None:
        super().__init__(f"session {session_id!r} is at event {last_seq}, not {expected_seq}")
        self.session_id, self.expected_seq, self.last_seq = session_id, expected_seq, last_seq
