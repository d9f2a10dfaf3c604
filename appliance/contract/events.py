"""The envelope of one event on a desk's WebSocket."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

__all__ = ["Event"]


class Event(BaseModel):
    """One event on a desk's WebSocket; `seq` increases by one per event."""

    seq: int
    kind: str
    data: dict[str, Any] = Field(default_factory=dict)
