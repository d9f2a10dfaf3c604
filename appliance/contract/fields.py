"""Bounds of the wire's ids, versions and texts, and the closed vocabularies."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

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
    "UtcTime",
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


def _in_utc(value: dt.datetime) -> dt.datetime:
    """Naive times are the box's stored UTC; aware ones are converted to it."""
    if value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


UtcTime = Annotated[dt.datetime, AfterValidator(_in_utc)]
"""A moment on the wire: always carries its offset, always UTC (RFC 3339 date-time)."""
