"""Wire models of the access log: who opened or changed a customer's card, what a user changed,
and whether the audit chain holds."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

__all__ = ["AccessEntryOut", "ChainOut"]


class AccessEntryOut(BaseModel):
    """One audit row as an admin reads it: when, who, at which desk, what (field names only)."""

    id: int
    at: dt.datetime
    user: str
    desk: str = ""
    action: str  # view | create | update | delete | restore | ...
    entity: str
    entity_id: int | None = None
    fields: list[str] = Field(default_factory=list)  # the changed fields, never their values


class ChainOut(BaseModel):
    """The audit hash chain recomputed now: ok, rows checked, the first bad row if any."""

    ok: bool
    checked: int
    bad_id: int | None = None
    reason: str = ""
