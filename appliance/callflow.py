"""The box's call flow: every line's events through the call router, pops out to desks and NCID.

Unlocked, calls are written to the database; locked, each call is sealed to the vault's inbox
(merged at unlock) and desks get a pop with the raw caller ID and `locked` set."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from appliance.api.call_actions import call_out
from appliance.config import BoxConfig
from appliance.contract import CallOut, PopOut, RingOut
from appliance.core.calls.machine import Transition
from appliance.core.calls.reasons import reason_words
from appliance.core.calls.records import DbCallRecords
from appliance.core.calls.router import CallRouter, CallUpdate
from appliance.core.events import EventHub
from appliance.db.group_commit import CommitGroup
from appliance.vault.inbox_handlers import CALL, call_payload
from appliance.vault.session import VaultSession
from drivers.base import Answer, DeviceStatus, HangUp, LineDriver, LineEvent

log = logging.getLogger(__name__)
LineTap = Callable[[LineEvent], None]


class SealedCallRecords:
    """CallRecords while the box is locked: one sealed inbox record per call, negative ids."""

    def __init__(self, session: VaultSession) -> None:
        self.session = session
        self._ids = itertools.count(1)
        self._sealed: set[int] = set()
        self.started: dict[int, datetime] = {}  # sealed call -> the start time in its record

    def call_started(self, t: Transition) -> int:
        """A provisional id; nothing is written until the call is identified or missed."""
        return -next(self._ids)

    def call_identified(self, call_id: int, t: Transition) -> PopOut:
        """Seal the call now (a power cut must not lose it); the pop carries the raw caller ID."""
        cid = t.caller
        assert cid is not None
        reason = cid.reason.value if cid.reason else None
        self._seal(call_id, t, number=cid.number or "", raw="\n".join(cid.raw),
                   standard=cid.standard.value, name=cid.name or "", reason=reason)  # fmt: skip
        return PopOut(
            call_id=call_id, line=t.line, at=t.at, number=cid.number, number_display=cid.number,
            cid_name=cid.name, reason=reason, reason_ja=reason_words(reason, "ja"),
            reason_en=reason_words(reason, "en"), locked=True,
        )  # fmt: skip

    def call_progress(self, call_id: int, t: Transition) -> None:
        """A call that ends without caller ID is still sealed, so the call log has it."""
        if t.kind in ("missed", "ended") and call_id not in self._sealed:
            self._seal(call_id, t, number="", raw="", standard="", name="", reason=None)
        if t.kind in ("missed", "ended"):
            self._sealed.discard(call_id)
            self.started.pop(call_id, None)

    def _seal(self, call_id: int, t: Transition, *, number: str, raw: str, standard: str,
              name: str, reason: str | None) -> None:  # fmt: skip
        payload = call_payload(
            t.line, number=number, started_at=t.at.astimezone(), raw_cid=raw,
            standard=standard, caller_name=name, reason=reason,
        )  # fmt: skip
        self.session.seal(CALL, payload)
        self._sealed.add(call_id)
        self.started[call_id] = t.at


class CallFlow:
    """Owns the router; `run_line(driver)` feeds one driver until its stream ends."""

    def __init__(
        self,
        hub: EventHub,
        config: BoxConfig,
        session: VaultSession,
        *,
        taps: list[LineTap] | None = None,
        ring_timeout_s: float = 7.0,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.hub, self.config, self.session = hub, config, session
        self.db_records = DbCallRecords(config.region)
        self.sealed = SealedCallRecords(session)
        self.taps = taps or []
        self.drivers: dict[str, LineDriver] = {}
        self.router = CallRouter(self.db_records, self._dispatch, self._publish,
                                 ring_timeout_s=ring_timeout_s, clock=clock)  # fmt: skip
        self._clock = clock
        self._group: CommitGroup | None = None  # call-path writes, a burst to one commit
        self._ticker: asyncio.Task[None] | None = None
        self.live: dict[int, PopOut] = {}  # call id -> its pop, while the call lasts
        self.line_state: dict[str, tuple[str, str]] = {}  # line -> (state, detail)
        self.on_status: Callable[[], None] | None = None
        self.observers: list[Callable[[CallUpdate], Awaitable[None]]] = []  # e.g. recordings

    def current_pop(self, call_id: int) -> PopOut | None:
        """The pop of a call still ringing or in progress (for desks that join late)."""
        return self.live.get(call_id)

    async def _dispatch(self, fn: Callable[..., Any], *args: Any) -> Any:
        # The router names a DbCallRecords method; a locked box (or a call begun while locked)
        # runs the sealed twin off the loop instead of on the database thread.
        store = self.session.store
        provisional = bool(args) and isinstance(args[0], int) and args[0] < 0
        if store is None or provisional:
            return await asyncio.to_thread(getattr(self.sealed, fn.__name__), *args)
        if self._group is None or self._group.executor is not store.executor:
            self._group = CommitGroup(store.executor)
        return await self._group.run(fn, *args)

    async def _publish(self, item: PopOut | CallUpdate) -> None:
        if isinstance(item, PopOut):
            after_hours = not self.config.is_open(item.at.time())
            pop = item.model_copy(update={"after_hours": after_hours})
            self.live[item.call_id] = pop
            self.hub.publish("pop", pop.model_dump(mode="json"))
            if item.blocked_number:
                await self._hang_up_blocked(item.line)
            return
        for observer in self.observers:
            try:
                await observer(item)
            except Exception:
                log.exception("call observer failed on %s", item.kind)
        if item.kind == "ring":
            ring = RingOut(call_id=item.call_id, line=item.line, count=item.rings, at=item.at)
            self.hub.publish("ring", ring.model_dump(mode="json"))
            return
        if item.kind in ("missed", "ended"):
            self.live.pop(item.call_id, None)
        self.hub.publish("call", (await self._call_out(item)).model_dump(mode="json"))

    async def _call_out(self, item: CallUpdate) -> CallOut:
        store = self.session.store
        if store is not None and item.call_id > 0:
            out: CallOut = await store.executor.run(call_out, item.call_id, item.kind)
            return out
        missed = item.kind == "missed"
        return CallOut(id=item.call_id, line=item.line, direction="in", state=item.kind,
                       started_at=item.at, missed=missed, event=item.kind)  # fmt: skip

    async def _hang_up_blocked(self, line: str) -> None:
        driver = self.drivers.get(line)
        lines = {c.name: c for c in self.config.lines}
        if driver is None or not lines[line].options.get("auto_hangup_blocked", False):
            return
        try:
            await driver.send(Answer(line))
            await driver.send(HangUp(line))
        except NotImplementedError:
            log.info("line %s cannot hang up by itself; the blocked call is only marked", line)

    def start(self) -> None:
        """Start the ring-timeout ticker."""
        self._ticker = asyncio.create_task(self._tick_forever(), name="ring-timeouts")

    async def stop(self) -> None:
        """Stop the ticker."""
        if self._ticker is not None:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker

    async def run_line(self, driver: LineDriver, lines: list[str]) -> None:
        """Feed every event of `driver` (serving `lines`) to the taps and the router."""
        for name in lines:
            self.drivers[name] = driver
        async for event in driver.events():
            if isinstance(event, DeviceStatus):
                log.info("line %s: %s %s", event.line, event.state, event.detail)
                self.line_state[event.line] = (event.state, event.detail)
                if self.on_status is not None:
                    self.on_status()
            for tap in self.taps:
                try:
                    tap(event)
                except Exception:
                    log.exception("line tap failed on %s", type(event).__name__)
            try:
                await self.router.handle(event)
            except Exception:  # one bad event must not stop the line
                log.exception("call flow failed on %s event", type(event).__name__)

    async def _tick_forever(self) -> None:
        while True:
            await asyncio.sleep(0.5)
            try:
                await self.router.tick()
            except Exception:
                log.exception("ring timeout tick failed")

