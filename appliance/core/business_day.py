"""The shop's business day: it ends at a cutover time (default 04:00) in the shop's time zone,
so an order taken at 01:30 after a late night counts on the day before (db thread: settings)."""

from __future__ import annotations

import datetime as dt

from appliance.core.settings import get_setting
from appliance.core.shop_time import (
    CUTOVER_KEY,
    DEFAULT_CUTOVER,
    ZONE_KEY,
    bounds_in,
    business_date_in,
    parse_cutover,
    parse_zone,
)

__all__ = [
    "CUTOVER_KEY",
    "ZONE_KEY",
    "bounds_in",
    "business_date",
    "business_date_in",
    "day_bounds",
    "shop_cutover",
    "shop_zone",
]


def shop_zone() -> dt.tzinfo:
    """The shop's time zone: the setting, else the box's own local zone (db thread)."""
    name = get_setting(ZONE_KEY)
    if name:
        return parse_zone(name)
    local = dt.datetime.now().astimezone().tzinfo
    return local if local is not None else dt.UTC


def shop_cutover() -> dt.time:
    """The cutover time the shop set (04:00 unless set; db thread)."""
    return parse_cutover(get_setting(CUTOVER_KEY, DEFAULT_CUTOVER))


def business_date(at: dt.datetime) -> dt.date:
    """The business date of `at` with the shop's settings (db thread)."""
    return business_date_in(at, shop_zone(), shop_cutover())


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The business day `day` as naive UTC [start, end) with the shop's settings (db thread)."""
    return bounds_in(day, shop_zone(), shop_cutover())
