"""Runs drivers' events through one call machine per line, writes calls, publishes pops."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from appliance.contract.pop import PopOut
from appliance.core.calls.machine import LineCallMachine, Transition
from drivers.base import LineDriver, LineEvent

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CallUpdate:
    """What a desk learns about a call besides the pop: ring, answered, missed, ended."""

    call_id: int
    line: str
    kind: str
    at: datetime
    rings: int = 0


class CallRecords(Protocol):
    """Database side of the call flow; every method runs in the db executor (blocking OK)."""

    def call_started(self, t: Transition) -> int:
        """Write the call row at the first event; return its id."""
        ...

    def call_identified(self, call_id: int, t: Transition) -> PopOut:
        """Store the caller ID on the call, look the number up, and assemble the pop."""
        ...

    def call_progress(self, call_id: int, t: Transition) -> None:
        """Record answered / missed (a callback task) / ended on the call row."""
        ...


Runner = Callable[..., Awaitable[object]]
Publish = Callable[[PopOut | CallUpdate], Awaitable[None]]


class CallRouter:
    """Consumes LineEvents, keeps per-line machines, persists and publishes each transition."""

    def __init__(
        self,
        records: CallRecords,
        run_in_db: Runner,
        publish: Publish,
        *,
        ring_timeout_s: float = 7.0,
        tick_s: float = 0.5,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self._records = records
        self._run = run_in_db
        self._publish = publish
        self._ring_timeout_s = ring_timeout_s
        self._tick_s = tick_s
        self._clock = clock
        self._machines: dict[str, LineCallMachine] = {}
        self._call_ids: dict[tuple[str, int], int] = {}
        # one lock per line: a line's transitions stay in order, lines do not wait on each other
        self._locks: dict[str, asyncio.Lock] = {}

    def machine(self, line: str) -> LineCallMachine:
        """The state machine of `line`, created on first use."""
        if line not in self._machines:
            self._machines[line] = LineCallMachine(line, ring_timeout_s=self._ring_timeout_s)
        return self._machines[line]

    def _lock(self, line: str) -> asyncio.Lock:
        return self._locks.setdefault(line, asyncio.Lock())

    async def handle(self, event: LineEvent) -> None:
        """Apply one event: a line's transitions are persisted, then published, in order."""
        async with self._lock(event.line):
            for t in self.machine(event.line).feed(event):
                await self._apply(t)

    async def tick(self) -> None:
        """Fire ring timeouts on every line."""
        now = self._clock()
        for line, m in list(self._machines.items()):
            async with self._lock(line):
                for t in m.tick(now):
                    await self._apply(t)

    async def run(self, driver: LineDriver) -> None:
        """Feed every event of `driver` until its stream ends, ticking timeouts meanwhile."""
        ticker = asyncio.create_task(self._tick_forever())
        try:
            async for event in driver.events():
                try:
                    await self.handle(event)
                except Exception:  # one bad event must not stop the line
                    log.exception("call flow failed on %s event", type(event).__name__)
        finally:
            ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ticker

    async def _tick_forever(self) -> None:
        while True:
            await asyncio.sleep(self._tick_s)
            try:
                await self.tick()
            except Exception:
                log.exception("ring timeout tick failed")

    async def _apply(self, t: Transition) -> None:
        key = (t.line, t.call_key)
        if t.kind == "started":
            call_id = await self._run(self._records.call_started, t)
            assert isinstance(call_id, int)
            self._call_ids[key] = call_id
            return
        call_id = self._call_ids[key]
        if t.kind == "identified":
            pop = await self._run(self._records.call_identified, call_id, t)
            assert isinstance(pop, PopOut)
            await self._publish(pop)
            return
        if t.kind != "ring":
            await self._run(self._records.call_progress, call_id, t)
        await self._publish(CallUpdate(call_id, t.line, t.kind, t.at, t.rings))
        if t.kind in ("missed", "ended"):
            self._call_ids.pop(key, None)
