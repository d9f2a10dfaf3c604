"""Wire models shared by the box and the desks (the only appliance module tui/ may import)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

Role = Literal["admin", "manager", "operator"]


class PairStartIn(BaseModel):
    """Desk -> box: its certificate and its SPAKE2 message (hex)."""

    desk_name: str = Field(min_length=1, max_length=64)
    desk_cert_pem: str = Field(max_length=8192)
    spake_msg: str = Field(max_length=512)


class PairStartOut(BaseModel):
    """Box -> desk: the attempt id and the box's SPAKE2 message (hex)."""

    attempt: str
    spake_msg: str


class PairFinishIn(BaseModel):
    """Desk -> box: the desk's confirmation MAC (hex)."""

    attempt: str = Field(max_length=64)
    mac: str = Field(max_length=128)


class PairFinishOut(BaseModel):
    """Box -> desk: the box's MAC and the desk secret sealed to the SPAKE2 key (hex)."""

    mac: str
    sealed_secret: str
    desk_id: int


class PairOpenOut(BaseModel):
    """Admin: the code to show on the box and how long it lives."""

    code: str
    seconds: float


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
    replica key kept for users new at the desk or whose password was reset (tui/replica_keys)."""

    secret: str


class Event(BaseModel):
    """One event on a desk's WebSocket; `seq` increases by one per event."""

    seq: int
    kind: str
    data: dict[str, Any] = Field(default_factory=dict)


class Problem(BaseModel):
    """An error the desk shows as is (Japanese / English)."""

    detail: str


# The CRM resource models live beside this module (size); desks import them from here.
from appliance.api.schema_crm import *  # noqa: E402, F403
from appliance.api.schema_directory import *  # noqa: E402, F403
from appliance.api.schema_pop import *  # noqa: E402, F403
from appliance.api.schema_recordings import *  # noqa: E402, F403
from appliance.core.addresses import address_text as address_text  # noqa: E402 (box and desk)
