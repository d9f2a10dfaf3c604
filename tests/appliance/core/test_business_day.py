"""The business day: the cutover (04:00 unless set) in the shop's time zone, DST, settings."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from appliance.core import business_day, settings
from appliance.core.actor import Actor
from appliance.core.errors import InvalidInput
from appliance.core.shop_time import bounds_in, business_date_in, parse_cutover
from appliance.db.store import Store

TOKYO = ZoneInfo("Asia/Tokyo")
NEW_YORK = ZoneInfo("America/New_York")
FOUR = dt.time(4, 0)


def utc(*args: int) -> dt.datetime:
    return dt.datetime(*args)  # naive UTC, as stored


def test_a_late_night_order_counts_on_the_day_before() -> None:
    # 2026-12-05 01:30 in Tokyo is 2026-12-04 16:30 UTC: before 04:00, still Friday's business
    assert business_date_in(utc(2026, 12, 4, 16, 30), TOKYO, FOUR) == dt.date(2026, 12, 4)
    # 04:00 sharp opens the new business day
    assert business_date_in(utc(2026, 12, 4, 19, 0), TOKYO, FOUR) == dt.date(2026, 12, 5)
    assert business_date_in(utc(2026, 12, 4, 18, 59), TOKYO, FOUR) == dt.date(2026, 12, 4)
    # an aware time in another zone means the same moment
    aware = dt.datetime(2026, 12, 5, 1, 30, tzinfo=TOKYO)
    assert business_date_in(aware, TOKYO, FOUR) == dt.date(2026, 12, 4)
    # midnight cutover: the calendar date
    assert business_date_in(utc(2026, 12, 4, 16, 30), TOKYO, dt.time(0, 0)) == dt.date(2026, 12, 5)


def test_bounds_cover_every_moment_once_even_across_dst() -> None:
    start, end = bounds_in(dt.date(2026, 12, 4), TOKYO, FOUR)
    assert (start, end) == (utc(2026, 12, 3, 19, 0), utc(2026, 12, 4, 19, 0))
    # New York springs forward at 02:00 on 2026-03-08: the business day that began at 04:00 on
    # the 7th is 23 hours long
    start, end = bounds_in(dt.date(2026, 3, 7), NEW_YORK, FOUR)
    assert end - start == dt.timedelta(hours=23)
    assert bounds_in(dt.date(2026, 3, 8), NEW_YORK, FOUR)[0] == end
    for minutes in range(0, 23 * 60, 10):
        at = start + dt.timedelta(minutes=minutes)
        assert business_date_in(at, NEW_YORK, FOUR) == dt.date(2026, 3, 7)
    assert business_date_in(end, NEW_YORK, FOUR) == dt.date(2026, 3, 8)


@pytest.mark.parametrize("text", ["4:00", "04:00", "23:59", "0:05"])
def test_cutover_accepts_hh_mm(text: str) -> None:
    hour, minute = text.split(":")
    assert parse_cutover(text) == dt.time(int(hour), int(minute))


@pytest.mark.parametrize("bad", ["24:00", "4時", "04:60", "", 4, None, "04:00:00"])
def test_cutover_refuses_anything_else(bad: object) -> None:
    with pytest.raises(InvalidInput, match="HH:MM"):
        parse_cutover(bad)


def test_the_shops_settings_decide(store: Store, actor: Actor) -> None:
    run = store.executor.call
    run(settings.put_settings, actor, {"timezone": "Asia/Tokyo"})
    assert run(business_day.shop_cutover) == FOUR  # the default
    assert run(business_day.business_date, utc(2026, 12, 4, 16, 30)) == dt.date(2026, 12, 4)
    run(settings.put_settings, actor, {"business_day.cutover": "01:00"})
    assert run(business_day.business_date, utc(2026, 12, 4, 16, 30)) == dt.date(2026, 12, 5)
    assert run(business_day.day_bounds, dt.date(2026, 12, 5)) == (
        utc(2026, 12, 4, 16, 0),
        utc(2026, 12, 5, 16, 0),
    )
    assert run(settings.all_settings).values["business_day.cutover"] == "01:00"


def test_bad_settings_are_refused_and_change_nothing(store: Store, actor: Actor) -> None:
    run = store.executor.call
    with pytest.raises(InvalidInput, match="HH:MM"):
        run(
            settings.put_settings, actor, {"timezone": "Asia/Tokyo", "business_day.cutover": "25時"}
        )
    with pytest.raises(InvalidInput, match="Asia/Tokyo"):
        run(settings.put_settings, actor, {"timezone": "Tokyo"})
    assert run(settings.get_setting, "timezone") is None
    assert run(business_day.shop_cutover) == FOUR
