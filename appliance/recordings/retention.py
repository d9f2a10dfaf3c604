"""Retention: how many days recordings are kept (a setting), and removing the expired ones."""

from __future__ import annotations

import datetime as dt

from appliance.core.actor import Actor
from appliance.core.settings import get_setting
from appliance.db.models import utcnow
from appliance.recordings import rows

SETTING = "recordings.retention_days"
DEFAULT_DAYS = 180


def retention_days() -> int:
    """Days a recording is kept (the admin's setting; at least 1)."""
    try:
        return max(1, int(get_setting(SETTING, DEFAULT_DAYS)))
    except (TypeError, ValueError):
        return DEFAULT_DAYS


def cutoff(now: dt.datetime | None = None) -> dt.datetime:
    """Recordings that started before this are past retention."""
    return (now or utcnow()) - dt.timedelta(days=retention_days())


def remove_oldest_expired(limit: int, now: dt.datetime | None = None) -> list[str]:
    """Delete up to limit expired recordings, oldest first; returns their file names."""
    expired = rows.oldest_before(cutoff(now), limit)
    return rows.remove(Actor.system("retention"), expired, "retention") if expired else []
