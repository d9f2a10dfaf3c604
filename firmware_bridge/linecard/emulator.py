"""Line-card emulator: the reference firmware core on a simulated board, served on a pty."""

from __future__ import annotations

import asyncio
import contextlib

from firmware_bridge.linecard.firmware.core import LineCardCore
from firmware_bridge.linecard.firmware.sim import SimCall, SimExchange, SimHal
from firmware_bridge.pty_link import PtyLink

TICK_MS = 10


class LineCardEmulator:
    """Runs the firmware at `speed` times real time; open `.path` with LineCardDriver."""

    def __init__(self, speed: float = 1.0) -> None:
        self.speed = speed
        self.hal = SimHal(SimExchange())
        self.core = LineCardCore(self.hal)
        self.link = PtyLink()
        self.path = self.link.path
        self._task: asyncio.Task[None] | None = None

    def place_call(
        self,
        number: str | None = "0312345678",
        reason: str | None = None,
        *,
        rings: int = 3,
        number_display: bool = True,
        in_ms: int = 100,
    ) -> SimCall:
        """Start an incoming call `in_ms` of card time from now, or after the previous one ends."""
        start = self.hal.now + in_ms
        if self.hal.exchange.calls:
            last = self.hal.exchange.calls[-1]
            # CAR at most 6 s, data ~1 s, 3 s per ring, then the card's 6 s ring timeout
            start = max(start, last.start_ms + 6000 + 2000 + 3000 * last.rings + 7000)
        call = SimCall(start, number, reason, number_display, rings)
        self.hal.exchange.calls.append(call)
        return call

    async def start(self) -> None:
        """Boot the firmware (it says Hello) and keep stepping it."""
        self.link.watch(self.hal.from_host.extend)
        self._task = asyncio.create_task(self._run(), name="linecard-emulator")

    async def _run(self) -> None:
        steps = max(1, round(self.speed))
        while True:
            for _ in range(steps):
                self.core.step(self.hal.now)
                self.hal.now += TICK_MS
            if self.hal.to_host:
                self.link.write(bytes(self.hal.to_host))
                self.hal.to_host.clear()
            await asyncio.sleep(TICK_MS / 1000 * steps / self.speed)

    async def stop(self) -> None:
        """Stop the firmware and close the pty."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self.link.close()
