"""Business hours per weekday and closed days: checked before they are stored (clear messages,
nothing changed), audited, and read back into the schedule the box answers the phone by."""

from __future__ import annotations

import datetime as dt

import pytest

from appliance.core import settings, shop_settings
from appliance.core.actor import Actor
from appliance.core.errors import InvalidInput
from appliance.core.shop_settings import Schedule
from appliance.db.models import AuditLog
from appliance.db.store import Store

NINE_TO_NINE = Schedule.every_day(dt.time(9), dt.time(21))
WEEK = {
    "mon": None,  # 定休日
    "tue": ["11:00", "14:30"],
    "wed": ["11:00", "22:00"],
    "thu": ["11:00", "22:00"],
    "fri": ["17:00", "02:00"],  # a bar's night past midnight
    "sat": ["10:00", "22:00"],
    "sun": [],
}


def at(day: str, hhmm: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{hhmm}")


def test_a_week_with_a_rest_day_a_short_day_and_a_night_past_midnight() -> None:
    s = shop_settings.schedule(NINE_TO_NINE, {shop_settings.WEEK_KEY: WEEK})
    assert not s.is_open(at("2026-12-07", "12:00"))  # Monday: closed all day
    assert s.is_open(at("2026-12-08", "14:29")) and not s.is_open(at("2026-12-08", "14:30"))
    assert s.is_open(at("2026-12-11", "23:30"))  # Friday night
    assert s.is_open(at("2026-12-12", "01:59"))  # ...still Friday's window on Saturday
    assert not s.is_open(at("2026-12-12", "02:00")) and not s.is_open(at("2026-12-12", "09:59"))
    assert not s.is_open(at("2026-12-13", "12:00"))  # Sunday []


def test_closed_days_shut_the_whole_day_and_the_night_it_opened() -> None:
    stored = {shop_settings.WEEK_KEY: WEEK, shop_settings.CLOSED_KEY: ["2026-12-11", "2026-12-31"]}
    s = shop_settings.schedule(NINE_TO_NINE, stored)
    assert not s.is_open(at("2026-12-11", "23:30"))
    assert not s.is_open(at("2026-12-12", "01:00"))  # Friday's night was a closed day's
    assert s.is_open(at("2026-12-12", "12:00"))
    default = shop_settings.schedule(NINE_TO_NINE, {shop_settings.CLOSED_KEY: ["2026-12-31"]})
    assert default.is_open(at("2026-12-30", "09:00")) and not default.is_open(
        at("2026-12-31", "12:00")
    )


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [
        (shop_settings.WEEK_KEY, {"mon": ["09:00", "18:00"]}, "every weekday"),
        (shop_settings.WEEK_KEY, {**WEEK, "tue": ["9時", "18:00"]}, "HH:MM"),
        (shop_settings.WEEK_KEY, {**WEEK, "tue": ["25:00", "18:00"]}, "HH:MM"),
        (shop_settings.WEEK_KEY, {**WEEK, "tue": ["09:00"]}, "[open, close]"),
        (shop_settings.WEEK_KEY, {**WEEK, "tue": ["09:00", "09:00"]}, "the same time"),
        (shop_settings.CLOSED_KEY, ["2026-12-31", "大晦日"], "not a date"),
        (shop_settings.CLOSED_KEY, "2026-12-31", "list of dates"),
        (shop_settings.KIND_KEY, "bakery", "shop's kind"),
    ],
)
def test_bad_values_are_refused_and_nothing_changes(
    store: Store, actor: Actor, key: str, value: object, said: str
) -> None:
    settings.put_settings(actor, {shop_settings.KIND_KEY: "restaurant"})
    with pytest.raises(InvalidInput, match=said.replace("[", r"\[").replace("]", r"\]")):
        settings.put_settings(actor, {shop_settings.KIND_KEY: "taxi", key: value})
    assert settings.get_setting(shop_settings.KIND_KEY) == "restaurant"


def test_good_values_are_stored_and_audited(store: Store, actor: Actor) -> None:
    before = AuditLog.select().count()
    values = {
        shop_settings.WEEK_KEY: WEEK,
        shop_settings.CLOSED_KEY: ["2027-01-01", "2026-12-31"],
        shop_settings.KIND_KEY: "salon",
    }
    out = settings.put_settings(actor, values)
    assert out.values[shop_settings.KIND_KEY] == "salon"
    assert AuditLog.select().count() == before + 3
    got = settings.stored((shop_settings.WEEK_KEY, shop_settings.CLOSED_KEY))
    assert shop_settings.schedule(NINE_TO_NINE, got).closed == {
        dt.date(2026, 12, 31),
        dt.date(2027, 1, 1),
    }
