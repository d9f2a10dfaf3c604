"""Bounds of the wire's ids, versions and texts, and the closed vocabularies."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

__all__ = [
    "MAX_ID",
    "Channel",
    "Direction",
    "Gender",
    "Id",
    "InteractionKind",
    "LongText",
    "OrderStatus",
    "Role",
    "TaskKind",
    "TaskState",
    "Text",
    "Version",
]

MAX_ID = 2**53  # ids and versions the JSON of any desk can carry exactly
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Version = Annotated[int, Field(ge=0, le=MAX_ID)]
Text = Annotated[str, Field(max_length=200)]
LongText = Annotated[str, Field(max_length=20000)]
Gender = Literal["female", "male", "other", "unknown"]
InteractionKind = Literal["email", "fax", "visit", "sms", "letter", "web"]
Direction = Literal["in", "out"]
Channel = Literal["phone", "web", "store", "fax", "email", "other"]
OrderStatus = Literal["received", "cooking", "delivering", "done", "cancelled"]
TaskState = Literal["open", "done", "cancelled"]
TaskKind = Literal["callback", "task"]
Role = Literal["admin", "manager", "operator"]
