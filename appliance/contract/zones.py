"""Wire models of delivery zones: patterns (postal codes, their prefixes, town names), fee,
minimum order, minutes."""

from __future__ import annotations

from pydantic import BaseModel, Field

from appliance.contract.fields import Text, Version

__all__ = ["ZoneIn", "ZoneOut", "ZonePatch"]


class ZoneIn(BaseModel):
    """A new zone; patterns one per line (113-0033, 113*, 本郷, Brooklyn)."""

    name: Text = Field(min_length=1)
    patterns: str = Field(min_length=1, max_length=4000)
    fee: int = Field(default=0, ge=0, le=10**9)
    minimum: int = Field(default=0, ge=0, le=10**9)
    minutes: int = Field(default=30, ge=0, le=24 * 60)


class ZonePatch(BaseModel):
    """An edit of a zone at its version."""

    version: Version
    name: Text | None = Field(default=None, min_length=1)
    patterns: str | None = Field(default=None, min_length=1, max_length=4000)
    fee: int | None = Field(default=None, ge=0, le=10**9)
    minimum: int | None = Field(default=None, ge=0, le=10**9)
    minutes: int | None = Field(default=None, ge=0, le=24 * 60)


class ZoneOut(BaseModel):
    """A delivery zone."""

    id: int
    name: str
    patterns: list[str]
    fee: int
    minimum: int
    minutes: int
    version: int
