"""Wire models of the box's own state: health for desks and unlocking the vault."""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = ["BoxStatusOut", "BoxWarningOut", "LineStatusOut", "UnlockIn", "UnlockOut"]


class LineStatusOut(BaseModel):
    """One line's source: connected / reconnecting / failed, in words."""

    name: str
    state: str = "starting"
    detail: str = ""


class BoxWarningOut(BaseModel):
    """A problem every desk shows: a code the desk words in its own language, with values.

    Codes: backup_failed, backup_not_mounted (hours_since_good: -1 when there is none yet),
    backup_drill_failed, database_damaged (pages), recordings, disk_low (free_mb), disk_full.
    The box's log has the detail."""

    code: str
    values: dict[str, int | str] = {}


class BoxStatusOut(BaseModel):
    """Box health for desks: lock state, lines, warnings (disk, USB, backups)."""

    locked: bool
    lines: list[LineStatusOut] = []
    warnings: list[BoxWarningOut] = []


class UnlockIn(BaseModel):
    """A paired desk presenting its 32-byte vault slot secret (hex)."""

    secret: str = Field(min_length=64, max_length=64)


class UnlockOut(BaseModel):
    """The lock state after an unlock and how many sealed records were merged."""

    locked: bool
    merged: int
