"""Wire models of the admin's work: users, desks and box settings."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from appliance.contract.fields import UtcTime, Version

__all__ = ["DeskOut", "DeskPatch", "SettingsIn", "SettingsOut", "UserIn", "UserOut", "UserPatch"]


class UserIn(BaseModel):
    """Admin: a new user with a role and a first password (>= 8 characters)."""

    username: str = Field(min_length=1, max_length=64)
    display_name: str = Field(default="", max_length=100)
    role: Literal["admin", "manager", "operator"] = "operator"
    password: str = Field(min_length=8, max_length=1024)


class UserPatch(BaseModel):
    """Admin: change a user (version plus changes); a new password ends their sessions."""

    version: Version
    display_name: str | None = Field(default=None, max_length=100)
    role: Literal["admin", "manager", "operator"] | None = None
    active: bool | None = None
    password: str | None = Field(default=None, min_length=8, max_length=1024)
    unlock: bool = False  # clear throttling and a hard lock


class UserOut(BaseModel):
    """A user as the admin sees it (never the password hash)."""

    id: int
    username: str
    display_name: str
    role: str
    active: bool
    locked: bool  # throttled now or hard-locked
    hard_locked: bool
    version: int


class DeskOut(BaseModel):
    """A paired (or revoked) desk."""

    id: int
    name: str
    fingerprint: str
    paired_at: UtcTime | None = None
    revoked_at: UtcTime | None = None
    last_seen_at: UtcTime | None = None
    version: int


class DeskPatch(BaseModel):
    """Admin: rename a desk (version plus the new name)."""

    version: Version
    name: str = Field(min_length=1, max_length=64)


class SettingsOut(BaseModel):
    """Box settings as key -> JSON value (region, currency, ... and site-specific keys)."""

    values: dict[str, Any] = Field(default_factory=dict)


class SettingsIn(BaseModel):
    """Settings to change (keys not given stay as they are)."""

    values: dict[str, Any] = Field(max_length=100)
