"""Wire models of a user's session at a paired desk: login, password, replica secret."""

from __future__ import annotations

from pydantic import BaseModel, Field

from appliance.contract.fields import Role

__all__ = ["LoginIn", "LoginOut", "PasswordChangeIn", "ReplicaSecretOut"]


class LoginIn(BaseModel):
    """A user's login on a paired desk."""

    username: str = Field(max_length=64)
    password: str = Field(max_length=1024)


class LoginOut(BaseModel):
    """A session token and who it belongs to."""

    token: str
    username: str
    role: Role


class PasswordChangeIn(BaseModel):
    """A user changing their own password."""

    old: str = Field(max_length=1024)
    new: str = Field(max_length=1024)


class ReplicaSecretOut(BaseModel):
    """This desk's replica escrow secret (32 bytes, hex): it unwraps the copy of the desk's
    replica key kept for users new at the desk or whose password was reset (tui/replica/keys.py)."""

    secret: str
