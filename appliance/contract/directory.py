"""Wire models of the operator-visible directory: users, who is logged in where, oneself."""

from __future__ import annotations

from pydantic import BaseModel

__all__ = ["DirectoryUserOut", "MeUserOut", "OnlineDeskOut"]


class DirectoryUserOut(BaseModel):
    """A user as any operator may see them (to assign a callback): no hash, no lock state."""

    id: int
    username: str
    display_name: str
    role: str


class MeUserOut(BaseModel):
    """The caller: their user and the desk the box sees them at."""

    user_id: int
    username: str
    display_name: str
    role: str
    desk_id: int | None = None


class OnlineDeskOut(BaseModel):
    """A paired desk with a live session on it now, and who is logged in there."""

    desk_id: int
    desk_name: str
    user_id: int
    user_name: str
