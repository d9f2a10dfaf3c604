"""Shop time without the database: the cutover and time zone settings read and checked, and the
business date of a moment for a given zone and cutover."""

from __future__ import annotations

import datetime as dt
import functools
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from appliance.core.errors import InvalidInput

CUTOVER_KEY = "business_day.cutover"
ZONE_KEY = "timezone"
DEFAULT_CUTOVER = "04:00"
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_cutover(text: object) -> dt.time:
    """The cutover "HH:MM" as a time; InvalidInput for anything else."""
    match = _HHMM.match(str(text).strip()) if isinstance(text, str) else None
    if match is None:
        raise InvalidInput(
            f"締め時刻は HH:MM で指定してください / the cutover must be HH:MM, like 04:00: {text!r}"
        )
    return dt.time(int(match.group(1)), int(match.group(2)))


@functools.cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def parse_zone(name: object) -> dt.tzinfo:
    """The IANA zone named (Asia/Tokyo, America/New_York); InvalidInput when unknown."""
    if isinstance(name, str) and name in _zones():
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    raise InvalidInput(
        f"タイムゾーンが不正です / time zone must be a name like Asia/Tokyo: {name!r}"
    )


def _aware(at: dt.datetime) -> dt.datetime:
    return at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at


def business_date_in(at: dt.datetime, zone: dt.tzinfo, cutover: dt.time) -> dt.date:
    """The business date of `at` (naive means UTC, as stored) for this zone and cutover."""
    local = _aware(at).astimezone(zone)
    shift = dt.timedelta(hours=cutover.hour, minutes=cutover.minute)
    return (local.replace(tzinfo=None) - shift).date()


def bounds_in(day: dt.date, zone: dt.tzinfo, cutover: dt.time) -> tuple[dt.datetime, dt.datetime]:
    """The business day `day` as naive UTC [start, end) (a DST day is 23 or 25 hours)."""
    start = dt.datetime.combine(day, cutover, tzinfo=zone)
    end = dt.datetime.combine(day + dt.timedelta(days=1), cutover, tzinfo=zone)
    return (
        start.astimezone(dt.UTC).replace(tzinfo=None),
        end.astimezone(dt.UTC).replace(tzinfo=None),
    )


def check_setting(key: str, value: object) -> None:
    """Refuse a bad cutover or time zone before it is stored."""
    if key == CUTOVER_KEY:
        parse_cutover(value)
    elif key == ZONE_KEY:
        parse_zone(value)
