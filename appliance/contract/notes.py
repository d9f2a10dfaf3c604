"""Wire models of notes on a customer."""

from __future__ import annotations

from pydantic import BaseModel, Field

from appliance.contract.fields import Id, UtcTime, Version

__all__ = ["NoteIn", "NoteOut", "NotePatch"]


class NoteIn(BaseModel):
    """A note, often written during a call; seconds spent on it; pinned notes show on the pop."""

    body: str = Field(min_length=1, max_length=20000)
    time_spent_s: int = Field(default=0, ge=0, le=86400)
    pinned: bool = False
    call_id: Id | None = None


class NotePatch(BaseModel):
    """An edit of a note: its version plus what changes (add_time_s adds to time spent)."""

    version: Version
    body: str | None = Field(default=None, min_length=1, max_length=20000)
    add_time_s: int = Field(default=0, ge=0, le=86400)
    pinned: bool | None = None


class NoteOut(BaseModel):
    """A stored note."""

    id: int
    customer_id: int
    body: str
    time_spent_s: int
    pinned: bool
    author: str
    call_id: int | None = None
    created_at: UtcTime
    updated_at: UtcTime
    version: int
