"""The one error every sub-command raises for a mistake the user can fix (its own module, so
the sub-commands import it at the top without importing the `exercise` command itself)."""

from __future__ import annotations


class UserError(Exception):
    """A mistake the user can fix; printed as one line, never as a traceback."""
