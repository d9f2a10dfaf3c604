"""The box answers by the admin's hours: a closed weekday or a holiday set at a desk turns a
voicemail line to answering; a locked box keeps the hours it knew."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from appliance.config import parse_config
from appliance.core import settings, shop_settings
from appliance.core.actor import Actor
from appliance.db.store import Store
from appliance.office_hours import OfficeHours

CONFIG = parse_config(
    {
        "business_hours": {"open": "09:00", "close": "21:00"},
        "lines": [
            {"name": "line1", "driver": "simulated", "voicemail_rings": 4},
            {"name": "line2", "driver": "simulated"},
        ],
    }
)
ADMIN = Actor(None, None, "山田 太郎")
WEEK = {d: ["10:00", "19:00"] for d in shop_settings.WEEKDAYS} | {"wed": None}


async def test_the_hours_set_at_a_desk_decide_who_answers(tmp_path: Path) -> None:
    store = await Store.open_async(tmp_path / "box.db", os.urandom(32), create=True)
    opened: Store | None = store
    hours = OfficeHours(CONFIG, dict, lambda: opened)
    try:
        tuesday_noon = dt.datetime(2026, 12, 8, 12, 0)
        await hours.refresh()
        hours.apply(tuesday_noon)
        assert hours.answering == set()  # ringdesk.toml's 09:00-21:00
        values = {shop_settings.WEEK_KEY: WEEK, shop_settings.CLOSED_KEY: ["2026-12-08"]}
        await store.executor.run(settings.put_settings, ADMIN, values)
        await hours.refresh()
        hours.apply(tuesday_noon)
        assert hours.answering == {"line1"}  # a holiday now: line1 takes messages
        hours.apply(dt.datetime(2026, 12, 9, 12, 0))  # Wednesday: closed all day
        assert hours.answering == {"line1"}
        hours.apply(dt.datetime(2026, 12, 10, 9, 30))  # Thursday before 10:00
        assert hours.answering == {"line1"}
        hours.apply(dt.datetime(2026, 12, 10, 10, 0))
        assert hours.answering == set()
        opened = None  # the box locks: the hours it knew stay
        await hours.refresh()
        assert not hours.is_open(dt.datetime(2026, 12, 9, 12, 0))
    finally:
        await store.aclose()
