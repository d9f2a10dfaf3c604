"""A scripted phone line for demos and tests: plays calls as LineEvents at a chosen pace."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field

from drivers.base import (
    Answer,
    CallerId,
    Dial,
    DialResult,
    HangUp,
    LineCommand,
    LineEvent,
    OffHook,
    OnHook,
    Reason,
    Ring,
    RingingStopped,
    Standard,
)


@dataclass(frozen=True)
class ScriptedCall:
    """One incoming call: who calls, how many rings, and whether someone answers."""

    number: str | None
    name: str | None = None
    reason: Reason | None = None
    rings: int = 3
    answered: bool = True
    talk_s: float = 2.0


@dataclass
class SimulatedLine:
    """A LineDriver that replays ScriptedCalls; `pace` scales every delay (0 = instant)."""

    line: str = "line1"
    calls: Iterable[ScriptedCall] = ()
    pace: float = 1.0
    ring_period_s: float = 6.0
    gap_s: float = 3.0
    name: str = "simulated"
    hold_open: bool = False  # keep the stream open after the script, for inject()
    _queue: asyncio.Queue[LineEvent | None] = field(default_factory=asyncio.Queue)
    _task: asyncio.Task[None] | None = None
    _answered: asyncio.Event = field(default_factory=asyncio.Event)
    _hung_up: asyncio.Event = field(default_factory=asyncio.Event)

    async def start(self) -> None:
        """Begin playing the script in the background."""
        self._task = asyncio.create_task(self._play(), name=f"simulated-{self.line}")

    async def stop(self) -> None:
        """Stop playing; the event stream ends."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self._queue.put(None)

    async def events(self) -> AsyncIterator[LineEvent]:
        """Yield events in order until stop() or the script ends."""
        while True:
            event = await self._queue.get()
            if event is None:
                return
            yield event

    async def send(self, command: LineCommand) -> None:
        """Answer or hang up the current call; dialing out reports CONNECT after a pause."""
        if isinstance(command, Answer):
            self._answered.set()
        elif isinstance(command, HangUp):
            self._hung_up.set()
        elif isinstance(command, Dial):
            await self._sleep(1.0)
            await self._emit(DialResult(self.line, result="CONNECT", number=command.number))
        else:
            raise NotImplementedError(f"simulated line cannot {type(command).__name__}")

    async def inject(self, call: ScriptedCall) -> None:
        """Play one call now (used by tests and the demo's keyboard)."""
        await self._play_call(call)

    async def _play(self) -> None:
        for call in self.calls:
            await self._play_call(call)
            await self._sleep(self.gap_s)
        if not self.hold_open:
            await self._queue.put(None)

    async def _play_call(self, call: ScriptedCall) -> None:
        self._answered.clear()
        self._hung_up.clear()
        await self._emit(Ring(self.line, count=1, cadence_ms=(2000, 4000)))
        await self._sleep(0.5)
        await self._emit(
            CallerId(
                self.line,
                number=call.number,
                name=call.name,
                reason=call.reason,
                standard=Standard.SIMULATED,
                raw=(f"NMBR={call.number or (call.reason.value if call.reason else '')}",),
            )
        )
        for count in range(2, call.rings + 1):
            await self._sleep(self.ring_period_s)
            if self._answered.is_set():
                break
            await self._emit(Ring(self.line, count=count, cadence_ms=(2000, 4000)))
        if call.answered or self._answered.is_set():
            await self._emit(OffHook(self.line))
            await self._sleep(call.talk_s, until=self._hung_up)
            await self._emit(OnHook(self.line, remote=not self._hung_up.is_set()))
        else:
            await self._sleep(self.ring_period_s)
            await self._emit(RingingStopped(self.line, rings=call.rings))

    async def _emit(self, event: LineEvent) -> None:
        await self._queue.put(event)

    async def _sleep(self, seconds: float, until: asyncio.Event | None = None) -> None:
        delay = seconds * self.pace
        if until is None:
            await asyncio.sleep(delay)
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(until.wait(), timeout=delay)
