"""Voicemail by the clock: which lines the box answers itself now (office closed, or always).
The hours are the admin's (settings hours.week and hours.closed_days), else ringdesk.toml's."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from datetime import datetime, time

from appliance.config import BoxConfig
from appliance.core import settings, shop_settings
from appliance.core.running import OpenStore
from appliance.core.shop_settings import Schedule
from drivers.base import LineDriver

CHECK_EVERY_S = 30.0
log = logging.getLogger(__name__)


class OfficeHours:
    """Lines with `voicemail_rings` answer by themselves while the office is closed;
    `auto_answer_rings` lines always do. `answering` holds the lines the box answers now."""

    def __init__(
        self,
        config: BoxConfig,
        drivers: Callable[[], Mapping[str, LineDriver]],
        store: Callable[[], OpenStore | None] = lambda: None,
    ) -> None:
        self.config, self.drivers, self.store = config, drivers, store
        self.default = Schedule.every_day(config.open_at, config.close_at)
        self.schedule = self.default
        self.answering: set[str] = set()

    def is_open(self, at: datetime) -> bool:
        """True when the office is open at `at` (local time) by the schedule now known."""
        return self.schedule.is_open(at)

    def is_open_today(self, at: time) -> bool:
        """is_open at this time of today (for code that knows only the time of day)."""
        return self.is_open(datetime.combine(datetime.now().date(), at))

    async def refresh(self) -> None:
        """Read the admin's hours from the open store (a locked box keeps what it knew)."""
        store = self.store()
        if store is None:
            return
        keys = (shop_settings.WEEK_KEY, shop_settings.CLOSED_KEY)
        try:
            stored = await store.executor.run(settings.stored, keys)
            self.schedule = shop_settings.schedule(self.default, stored)
        except Exception:  # a store closing under us, or a value an older box wrote
            log.warning("business hours: kept the previous schedule", exc_info=True)

    def apply(self, now: datetime) -> None:
        """Set each line's auto-answer for the office being open or closed at `now`."""
        closed = not self.is_open(now)
        drivers = self.drivers()
        for cfg in self.config.lines:
            driver = drivers.get(cfg.name)
            always, after_hours = (
                cfg.options.get("auto_answer_rings"),
                cfg.options.get("voicemail_rings"),
            )
            rings = always if always is not None else (after_hours if closed else None)
            enable = getattr(driver, "enable_auto_answer", None)
            if enable is not None and after_hours is not None and always is None:
                enable(int(after_hours) if rings is not None else None)
            if rings is not None:
                self.answering.add(cfg.name)
            else:
                self.answering.discard(cfg.name)

    async def run(self) -> None:
        """Read the hours and apply them now and every CHECK_EVERY_S, until cancelled."""
        while True:
            await self.refresh()
            self.apply(datetime.now())
            await asyncio.sleep(CHECK_EVERY_S)
