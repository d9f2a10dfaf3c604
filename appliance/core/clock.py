"""The box's time as stored: naive UTC, and times from desks (any offset) brought to it."""

from __future__ import annotations

import datetime as dt

from appliance.core.errors import InvalidInput
from appliance.db.models.base import utcnow

__all__ = ["as_stored", "naive_utc", "utcnow"]


def as_stored(at: dt.datetime) -> dt.datetime:
    """A line event's time (naive local, as drivers stamp it, or aware) as stored: naive UTC."""
    return at.astimezone(dt.UTC).replace(tzinfo=None)


def naive_utc(at: dt.datetime | None) -> dt.datetime | None:
    """Aware times converted to UTC, naive ones taken as UTC already; InvalidInput if unreal."""
    if at is None or at.tzinfo is None:
        return at
    try:
        return at.astimezone(dt.UTC).replace(tzinfo=None)
    except (OverflowError, ValueError):
        raise InvalidInput(f"日時が範囲外です / time out of range: {at.isoformat()}") from None
