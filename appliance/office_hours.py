"""Voicemail by the clock: which lines the box answers itself now (office closed, or always)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from datetime import datetime, time

from appliance.config import BoxConfig
from drivers.base import LineDriver

CHECK_EVERY_S = 30.0


class OfficeHours:
    """Lines with `voicemail_rings` answer by themselves while the office is closed;
    `auto_answer_rings` lines always do. `answering` holds the lines the box answers now."""

    def __init__(self, config: BoxConfig, drivers: Callable[[], Mapping[str, LineDriver]]) -> None:
        self.config, self.drivers = config, drivers
        self.answering: set[str] = set()

    def apply(self, now: time) -> None:
        """Set each line's auto-answer for the office being open or closed at `now`."""
        closed = not self.config.is_open(now)
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
        """Apply the hours now and every CHECK_EVERY_S, until cancelled."""
        while True:
            self.apply(datetime.now().time())
            await asyncio.sleep(CHECK_EVERY_S)
