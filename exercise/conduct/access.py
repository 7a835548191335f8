"""Join codes and what they allow. A code is an unguessable token; only its SHA-256 is stored."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from exercise.conduct.errors import AccessDenied, Code, Phrase, listed, role
from exercise.conduct.errors import doing as doing_code
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
            raise AccessDenied("refusal.access.role", allowed=listed(map(role, roles), "or"),
                               doing=doing_code(doing), yours=self.role_words)

    def require_agency(self, agency: str, doing: str) -> None:
        """A table acts only for its own agencies; the facilitator may play any agency."""
        if self.role == "facilitator":
            return
        self.require("agency", "facilitator", doing=doing)
        if agency not in self.agencies:
            mine = listed(self.agencies) if self.agencies else Code("no agency", "refusal.access.no_agency")
            raise AccessDenied("refusal.access.agency", mine=mine, agency=agency, doing=doing_code(doing))

    @property
    def role_text(self) -> str:
        return str(self.role_words)

    @property
    def role_words(self) -> Code | Phrase:
        """Who this code is for, worded in the reader's language where it is shown."""
        if self.role == "agency":
            return Phrase("refusal.access.table", {"label": self.label, "agencies": listed(self.agencies)})
        if self.label and self.label != self.role:
            return Phrase("refusal.access.labelled", {"role": role(self.role), "label": self.label})
        return role(self.role)


def authorize(store: EventStore, token: str, session_id: str | None = None) -> Caller:
    if not isinstance(token, str) or not token.strip() or len(token) > MAX_TOKEN:
        raise AccessDenied("refusal.access.malformed")
    grant: AccessGrant | None = store.grant(token_hash(token.strip()))
    if grant is None or (session_id is not None and grant.session_id != session_id):
        raise AccessDenied("refusal.access.invalid")
    if grant.revoked:
        raise AccessDenied("refusal.access.revoked")
    return Caller(grant.session_id, grant.role, tuple(grant.agencies), grant.label, grant.token_hash)


def grant_for(session_id: str, role: str, label: str = "",
              agencies: tuple[str, ...] = ()) -> tuple[str, AccessGrant]:
    """A fresh code and the grant to store for it."""
    token = new_token()
    return token, AccessGrant(token_hash(token), session_id, role, agencies, label)
