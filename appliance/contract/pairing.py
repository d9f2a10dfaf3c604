"""Wire models of pairing a desk with the box (SPAKE2 over the code shown on the box)."""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = [
    "PairFinishIn",
    "PairFinishOut",
    "PairOpenOut",
    "PairStartIn",
    "PairStartOut",
    "printed_code",
]


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


def printed_code(code: str) -> str:
    """The code as the box and a desk show it to a person: two groups of four ("2664 1672")."""
    return f"{code[:4]} {code[4:]}"
