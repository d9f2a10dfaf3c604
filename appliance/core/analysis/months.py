"""Business months: a month runs from its first business day's start to the next month's
(the shop's cutover time in its time zone), as naive UTC bounds."""

from __future__ import annotations

import bisect
import datetime as dt
import re

from appliance.core import business_day
from appliance.core.errors import InvalidInput

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def parse_month(text: str) -> dt.date:
    """'2026-11' -> the month's first day; InvalidInput otherwise."""
    m = _MONTH.match(text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12 or not 2000 <= int(m.group(1)) <= 2200:
        raise InvalidInput(f"月は YYYY-MM で / a month is YYYY-MM, not {text!r}")
    return dt.date(int(m.group(1)), int(m.group(2)), 1)


def add_months(month: dt.date, n: int) -> dt.date:
    """The first day of the month n months after (before, when negative) month."""
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def label(month: dt.date) -> str:
    """'2026-11'."""
    return f"{month.year:04d}-{month.month:02d}"


class Months:
    """`count` business months ending with `last`, and which of them a stored time falls in."""

    def __init__(self, last: dt.date, count: int) -> None:
        self.months = [add_months(last, i - count + 1) for i in range(count)]
        bounds = [*self.months, add_months(last, 1)]
        self.starts = [business_day.day_bounds(m)[0] for m in bounds]

    @property
    def start(self) -> dt.datetime:
        """The first month's start (naive UTC)."""
        return self.starts[0]

    @property
    def end(self) -> dt.datetime:
        """The last month's end (naive UTC, exclusive)."""
        return self.starts[-1]

    def index(self, at: dt.datetime) -> int | None:
        """Which month `at` falls in (0 = the first), None outside them all."""
        i = bisect.bisect_right(self.starts, at) - 1
        return i if 0 <= i < len(self.months) else None


def this_month() -> dt.date:
    """The business month the box is in now (db thread: settings)."""
    from appliance.db.models import utcnow

    today = business_day.business_date(utcnow())
    return today.replace(day=1)
