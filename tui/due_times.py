"""Due times as operators type them (15:30, +30m, tomorrow 10:00, an ISO date)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_REL = re.compile(r"^\+(\d+)\s*(m|min|h|d|分|時間|日)$")
_HM = re.compile(r"^(\d{1,2})[:：](\d{2})$")
_TOMORROW = re.compile(r"^(tomorrow|明日)\s+(\d{1,2})[:：](\d{2})$")
UNITS = {"m": 60, "min": 60, "分": 60, "h": 3600, "時間": 3600, "d": 86400, "日": 86400}


def parse_due(text: str, now: dt.datetime) -> dt.datetime | None:
    """A due time typed by an operator ('15:30', '+30m', 'tomorrow 10:00', '2026-12-02 10:00').

    `now` is local and aware; None when the text is not one of those forms.
    """
    s = unicodedata.normalize("NFKC", text).strip().lower()
    if m := _REL.match(s):
        return now + dt.timedelta(seconds=int(m[1]) * UNITS[m[2]])
    if m := _HM.match(s):
        at = _at(now, int(m[1]), int(m[2]))
        return at if at is None or at > now else at + dt.timedelta(days=1)
    if m := _TOMORROW.match(s):
        at = _at(now, int(m[2]), int(m[3]))
        return at + dt.timedelta(days=1) if at else None
    try:
        parsed = dt.datetime.fromisoformat(s.replace("/", "-"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=now.tzinfo)


def _at(now: dt.datetime, hour: int, minute: int) -> dt.datetime | None:
    if not (0 <= hour < 24 and 0 <= minute < 60):
        return None
    return now.replace(hour=hour, minute=minute, second=0, microsecond=0)
