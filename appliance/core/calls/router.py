"""Runs drivers' events through one call machine per line, writes calls, publishes pops.

The router is handed what it needs and calls nothing above it: a record store chosen per call
(the committed database, or the sealed inbox while the box is locked) and a publisher."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from appliance.contract.calls import CallOut
from appliance.contract.pop import PopOut
from appliance.core.calls.machine import LineCallMachine, LineRules, Transition
from drivers.base import LineEvent

log = logging.getLogger(__name__)
TICK_S = 0.5  # how often ring timeouts are checked: a missed call is marked this much late


@dataclass(frozen=True)
class CallUpdate:
    """What a desk learns about a call besides the pop: ring, answered, missed, ended.

    `call` is the call as stored after the update (None for a ring, which stores nothing)."""

    call_id: int
    line: str
    kind: str
    at: datetime
    rings: int = 0
    call: CallOut | None = None


Announce = Callable[[PopOut], None]


class CallStore(Protocol):
    """Where one call's records go; each method does its own work off the event loop."""

    async def started(self, t: Transition) -> int:
        """Keep the call at its first event (a power cut never loses it); return its id."""
        ...

    async def identified(self, call_id: int, t: Transition, announce: Announce) -> PopOut:
        """Keep the caller ID, look the number up and build the pop; `announce(pop)` (on the
        event loop) as soon as no desk can act on a call the store could still lose."""
        ...

    async def progressed(self, call_id: int, t: Transition) -> CallOut:
        """Keep answered / missed (a callback) / ended; return the call as it now stands."""
        ...


class CallPublisher(Protocol):
    """Where pops and call updates go (desks, NCID, recordings); called on the event loop."""

    def pop(self, pop: PopOut) -> None:
        """Hand a call's pop to the desks."""
        ...

    async def update(self, update: CallUpdate) -> None:
        """Hand a ring, answered, missed or ended to the desks and observers."""
        ...


@dataclass
class _Call:
    call_id: int
    store: CallStore


class CallRouter:
    """Consumes LineEvents, keeps per-line machines, persists and publishes each transition.

    `store_for_new_call()` picks the store of a call at its first event; the call keeps it
    to its end (a call begun while the box was locked stays in the sealed inbox)."""

    def __init__(
        self,
        store_for_new_call: Callable[[], CallStore],
        publisher: CallPublisher,
        *,
        tick_s: float = TICK_S,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self._store_for_new_call = store_for_new_call
        self._publisher = publisher
        self._tick_s = tick_s
        self._clock = clock
        self._machines: dict[str, LineCallMachine] = {}
        self._calls: dict[tuple[str, int], _Call] = {}
        self._stopped: dict[str, tuple[int, _Call]] = {}  # line -> its last call judged missed
        # one lock per line: a line's transitions stay in order, lines do not wait on each other
        self._locks: dict[str, asyncio.Lock] = {}
        self._ticker: asyncio.Task[None] | None = None
        self.ticked_at = time.monotonic()  # the last tick's end: the call path's liveness

    def add_line(
        self, line: str, ring_timeout_s: float, rules: LineRules | None = None
    ) -> LineCallMachine:
        """Give `line` its machine, with the line's own ring timeout and rules (a line keeps
        the machine it has)."""
        if line not in self._machines:
            self._machines[line] = LineCallMachine(
                line, ring_timeout_s=ring_timeout_s, rules=rules or LineRules()
            )
        return self._machines[line]

    def ended_elsewhere(self, call_id: int) -> None:
        """A desk ended call `call_id`: its line stops following it (nothing is written)."""
        for (line, key), call in list(self._calls.items()):
            if call.call_id == call_id:
                self._machines[line].ended_elsewhere(key)
                self._calls.pop((line, key), None)

    def calls_in_progress(self) -> set[int]:
        """The ids of the calls the lines are following now (ringing or in progress)."""
        return {c.call_id for c in self._calls.values()}

    def machine(self, line: str) -> LineCallMachine:
        """The state machine of `line`; KeyError for a line never added."""
        return self._machines[line]

    def _lock(self, line: str) -> asyncio.Lock:
        return self._locks.setdefault(line, asyncio.Lock())

    async def handle(self, event: LineEvent) -> None:
        """Apply one event: a line's transitions are persisted, then published, in order."""
        machine = self._machines.get(event.line)
        if machine is None:
            log.warning("event for line %s, which has no call machine", event.line)
            return
        async with self._lock(event.line):
            for t in machine.feed(event):
                await self._apply(machine, t)

    async def tick(self) -> None:
        """Fire ring and call timeouts on every line."""
        now = self._clock()
        for line, m in list(self._machines.items()):
            async with self._lock(line):
                for t in m.tick(now):
                    await self._apply(m, t)

    def start(self) -> None:
        """Start checking ring timeouts every tick (until stop)."""
        if self._ticker is None:
            self._ticker = asyncio.create_task(self._tick_forever(), name="ring-timeouts")

    async def stop(self) -> None:
        """Stop checking ring timeouts."""
        ticker, self._ticker = self._ticker, None
        if ticker is not None:
            ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await ticker

    async def run(self, events: AsyncIterable[LineEvent]) -> None:
        """Feed every event until the stream ends; one bad event does not stop the line."""
        async for event in events:
            try:
                await self.handle(event)
            except Exception:
                log.exception("call flow failed on %s event", type(event).__name__)

    async def _tick_forever(self) -> None:
        while True:
            await asyncio.sleep(self._tick_s)
            try:
                await self.tick()
            except Exception:
                log.exception("ring timeout tick failed")
            self.ticked_at = time.monotonic()

    async def _apply(self, machine: LineCallMachine, t: Transition) -> None:
        key = (t.line, t.call_key)
        if t.kind == "started":
            store = self._store_for_new_call()
            self._calls[key] = _Call(await store.started(t), store)
            return
        call = self._calls.get(key)
        stopped = self._stopped.get(t.line)
        if call is None and t.late and stopped is not None and stopped[0] == t.call_key:
            call = self._calls[key] = stopped[1]  # a pickup told at hang-up: the stopped call
        if call is None:
            raise KeyError(f"no call {t.call_key} on {t.line} for {t.kind}")
        if t.kind == "identified":
            await call.store.identified(call.call_id, t, self._publisher.pop)
            return
        stored = None if t.kind == "ring" else await call.store.progressed(call.call_id, t)
        # a stopped call the store judged answered (a desk claimed it) stays on the line
        in_progress = t.kind == "missed" and stored is not None and stored.state == "answered"
        if in_progress:
            machine.settled(t.call_key, True, t.at)
        elif t.kind in ("missed", "ended"):
            self._calls.pop(key, None)
            if t.kind == "missed":
                self._stopped[t.line] = (t.call_key, call)
        await self._publisher.update(
            CallUpdate(call.call_id, t.line, t.kind, t.at, t.rings, stored)
        )
