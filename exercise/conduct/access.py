"""Join codes and what they allow. A code is an unguessable token; only its SHA-256 is stored."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from exercise.conduct.errors import AccessDenied
from exercise.conduct.ports import AccessGrant, EventStore

ROLES = ("facilitator", "agency", "evaluator", "observer", "debrief")
MAX_TOKEN = 200


def new_token() -> str:
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Caller:
    """Who is calling a command: the grant behind their code."""

    session_id: str
    role: str
    agencies: tuple[str, ...]
    label: str
    token_hash: str

    @property
    def actor(self) -> str:
        return self.role if not self.label or self.label == self.role else f"{self.role}:{self.label}"[:200]

    def require(self, *roles: str, doing: str) -> None:
        if self.role not in roles:
            allowed = " or ".join(roles)
            raise AccessDenied(f"only the {allowed} can {doing}; your code is for the {self.role_text}")

    def require_agency(self, agency: str, doing: str) -> None:
        """A table acts only for its own agencies; the facilitator may play any agency."""
        if self.role == "facilitator":
            return
        self.require("agency", "facilitator", doing=doing)
        if agency not in self.agencies:
            mine = ", ".join(self.agencies) or "no agency"
            raise AccessDenied(f"your table plays {mine}, not {agency}; you cannot {doing} for {agency}")

    @property
    def role_text(self) -> str:
        if self.role == "agency":
            return f"table {self.label!r} ({', '.join(self.agencies)})"
        return self.role + (f" {self.label!r}" if self.label and self.label != self.role else "")


def authorize(store: EventStore, token: str, session_id: str | None = None) -> Caller:
    if not isinstance(token, str) or not token.strip() or len(token) > MAX_TOKEN:
        raise AccessDenied("that join code is empty or malformed; copy the whole code or link")
    grant: AccessGrant | None = store.grant(token_hash(token.strip()))
    if grant is None or (session_id is not None and grant.session_id != session_id):
        raise AccessDenied(
            "that join code is not valid for this exercise session; check it, or ask the "
            "facilitator for a new one"
        )
    if grant.revoked:
        raise AccessDenied(
            "this join code was revoked by the facilitator and no longer opens anything; "
            "ask the facilitator for a new code"
        )
    return Caller(grant.session_id, grant.role, tuple(grant.agencies), grant.label, grant.token_hash)


def grant_for(session_id: str, role: str, label: str = "",
              agencies: tuple[str, ...] = ()) -> tuple[str, AccessGrant]:
    """A fresh code and the grant to store for it."""
    token = new_token()
    return token, AccessGrant(token_hash(token), session_id, role, agencies, label)
