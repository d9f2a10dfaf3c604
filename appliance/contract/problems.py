"""Error bodies a desk shows or acts on: a plain problem and a stale edit."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

__all__ = ["Problem", "StaleOut"]


class Problem(BaseModel):
    """An error the desk shows as is (Japanese / English)."""

    detail: str


class StaleOut(BaseModel):
    """409 for a stale edit: the message and the row as it is now (a CustomerCard for customers,
    a NoteOut / TaskOut for those), so the desk can show what changed."""

    detail: str
    current: dict[str, Any]
