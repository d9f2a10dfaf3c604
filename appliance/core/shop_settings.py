"""The shop's own settings an admin keeps at a desk: business hours per weekday, closed days,
the shop's kind; each checked before it is stored (settings.put_settings audits the change)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from appliance.contract.shop import CLOSED_KEY, KIND_KEY, WEEK_KEY, WEEKDAYS
from appliance.contract.shop import SHOP_KINDS as KINDS
from appliance.core.errors import InvalidInput

__all__ = ["CLOSED_KEY", "KINDS", "KIND_KEY", "WEEKDAYS", "WEEK_KEY", "Schedule", "check"]
MAX_CLOSED_DAYS = 400
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")

Window = tuple[dt.time, dt.time]


def _window(day: str, value: Any) -> Window | None:
    """A weekday's [open, close] as times; None (or []) is closed all day."""
    if value is None or value == []:
        return None
    if not (isinstance(value, list | tuple) and len(value) == 2):
        raise InvalidInput(
            f"{day}: 営業時間は [開店, 閉店] で指定してください / hours must be [open, close]"
        )
    if not all(isinstance(v, str) and _HHMM.match(v) for v in value):
        raise InvalidInput(f"{day}: 時刻は HH:MM です / times are HH:MM (00:00-23:59): {value!r}")
    opens, closes = (dt.time.fromisoformat(v) for v in value)
    if opens == closes:
        raise InvalidInput(f"{day}: 開店と閉店が同じ時刻です / open and close are the same time")
    return opens, closes


def check_week(value: Any) -> dict[str, Window | None]:
    """Every weekday's window (a close before the open runs past midnight)."""
    if not isinstance(value, dict) or set(value) != set(WEEKDAYS):
        raise InvalidInput(
            f"営業時間は曜日ごとに指定してください / hours need every weekday: {list(WEEKDAYS)}"
        )
    return {day: _window(day, value[day]) for day in WEEKDAYS}


def check_closed_days(value: Any) -> list[dt.date]:
    """Closed days (holidays) as dates YYYY-MM-DD, at most MAX_CLOSED_DAYS."""
    if not isinstance(value, list) or len(value) > MAX_CLOSED_DAYS:
        raise InvalidInput(
            f"休業日は日付の一覧です (最大 {MAX_CLOSED_DAYS}) / "
            f"closed days are a list of dates (at most {MAX_CLOSED_DAYS})"
        )
    days = []
    for item in value:
        try:
            days.append(dt.date.fromisoformat(str(item)))
        except ValueError:
            raise InvalidInput(
                f"休業日が日付として読めません / not a date (YYYY-MM-DD): {item!r}"
            ) from None
    return sorted(set(days))


def check(key: str, value: Any) -> None:
    """InvalidInput when value cannot be stored under key (other keys pass)."""
    if key == WEEK_KEY:
        check_week(value)
    elif key == CLOSED_KEY:
        check_closed_days(value)
    elif key == KIND_KEY and value not in KINDS:
        raise InvalidInput(f"業種が不正です / the shop's kind must be one of {list(KINDS)}")


@dataclass(frozen=True)
class Schedule:
    """When the shop is open: a window (or none) per weekday, and closed dates."""

    week: Mapping[int, Window | None]
    closed: frozenset[dt.date] = field(default_factory=frozenset)

    @classmethod
    def every_day(cls, opens: dt.time, closes: dt.time) -> Schedule:
        """The same hours every day (ringdesk.toml's [business_hours])."""
        return cls(dict.fromkeys(range(7), (opens, closes)))

    def is_open(self, at: dt.datetime) -> bool:
        """True during the hours of at's weekday, unless at's date is a closed day; the part of
        a window past midnight belongs to the day it opened."""
        now = at.time()
        today, yesterday = self.week.get(at.weekday()), self.week.get((at.weekday() - 1) % 7)
        if at.date() not in self.closed and today is not None:
            opens, closes = today
            if opens < closes and opens <= now < closes:
                return True
            if closes < opens and now >= opens:
                return True
        before = at.date() - dt.timedelta(days=1)
        if before not in self.closed and yesterday is not None:
            opens, closes = yesterday
            if closes < opens and now < closes:
                return True
        return False


def schedule(default: Schedule, stored: Mapping[str, Any]) -> Schedule:
    """The schedule the settings give (`stored`: key -> value), default where none is set."""
    week: Mapping[int, Window | None] = default.week
    if stored.get(WEEK_KEY) is not None:
        by_name = check_week(stored[WEEK_KEY])
        week = {i: by_name[day] for i, day in enumerate(WEEKDAYS)}
    closed = frozenset(check_closed_days(stored.get(CLOSED_KEY) or []))
    return Schedule(week, closed)
