"""The box's call flow: every line's events through the call router, pops out to desks and NCID.

Unlocked, calls are written to the database; locked, each call is sealed to the vault's inbox
(merged at unlock) and desks get a pop with the raw caller ID and `locked` set."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime, time, timedelta

from appliance.config import BoxConfig, LineConfig
from appliance.contract import CallOut, PopOut, RingOut
from appliance.core.calls.db_store import DbCallStore
from appliance.core.calls.machine import LineRules
from appliance.core.calls.records import DbCallRecords
from appliance.core.calls.router import CallRouter, CallStore, CallUpdate
from appliance.core.calls.sweep import close_stale
from appliance.core.clock import utcnow
from appliance.core.events import EventHub
from appliance.sealed_calls import SealedCallStore
from appliance.vault.session import VaultSession
from drivers.base import RING_TIMEOUT_S, Answer, DeviceStatus, HangUp, LineDriver, LineEvent

log = logging.getLogger(__name__)
SWEEP_S = 300.0  # how often calls no line follows any more are looked for
SWEEP_MARGIN_S = 120.0  # untouched this long, a call no line follows is stale
LineTap = Callable[[LineEvent], None]


def line_rules(cfg: LineConfig) -> LineRules:
    """The call rules of one configured line (see LineConfig)."""
    return LineRules(
        hook_events=cfg.hook_events,
        missed_after_rings=cfg.missed_after_rings,
        call_timeout_s=cfg.call_timeout_s,
    )


class CallFlow:
    """Owns the router; `run_line(driver)` feeds one driver until its stream ends."""

    def __init__(
        self,
        hub: EventHub,
        config: BoxConfig,
        session: VaultSession,
        *,
        taps: list[LineTap] | None = None,
        clock: Callable[[], datetime] = datetime.now,
        is_open: Callable[[time], bool] | None = None,
    ) -> None:
        """is_open: the office hours a pop is marked after-hours by (ringdesk.toml's if None)."""
        self.hub, self.config, self.session = hub, config, session
        self.is_open = is_open or config.is_open
        self.sealed = SealedCallStore(session, self.is_open)
        self._db: DbCallStore | None = None  # on the open store's executor
        self.taps = taps or []
        self.drivers: dict[str, LineDriver] = {}
        self.router = CallRouter(self._store_for_new_call, self, clock=clock)
        for line in config.lines:
            self.router.add_line(line.name, line.ring_timeout_s, line_rules(line))
        self.live: dict[int, PopOut] = {}  # call id -> its pop, while the call lasts
        self.line_state: dict[str, tuple[str, str]] = {}  # line -> (state, detail)
        self.on_status: Callable[[], None] | None = None
        self.on_disk_full: Callable[[], bool] | None = None  # makes room (blocking); True if it did
        self.observers: list[Callable[[CallUpdate], Awaitable[None]]] = []  # e.g. recordings
        self._hangups: set[asyncio.Task[None]] = set()
        self._sweeper: asyncio.Task[None] | None = None
        self._started_at = utcnow()  # every call row touched before this was left by a crash

    def current_pop(self, call_id: int) -> PopOut | None:
        """The pop of a call still ringing or in progress (for desks that join late)."""
        return self.live.get(call_id)

    def ended_at_desk(self, call_id: int) -> None:
        """A desk ended the call: its line stops following it and its pop is gone."""
        self.router.ended_elsewhere(call_id)
        self.live.pop(call_id, None)

    def _store_for_new_call(self) -> CallStore:
        """The database while the box is open, else the sealed inbox (kept to the call's end)."""
        store = self.session.store
        if store is None:
            return self.sealed
        if self._db is None or self._db.executor is not store.executor:
            records = DbCallRecords(
                self.config.region, is_open=self.is_open, language=self.config.language
            )
            self._db = DbCallStore(records, store.executor, self.on_disk_full)
        return self._db

    def pop(self, pop: PopOut) -> None:
        """Hand a call's pop to the desks (CallPublisher); a blocked number is hung up."""
        self.live[pop.call_id] = pop
        self.hub.publish("pop", pop.model_dump(mode="json"))
        if pop.blocked_number:
            task = asyncio.get_running_loop().create_task(self._hang_up_blocked(pop.line))
            self._hangups.add(task)
            task.add_done_callback(self._hangups.discard)

    async def update(self, update: CallUpdate) -> None:
        """Hand a ring / answered / missed / ended to observers and desks (CallPublisher)."""
        for observer in self.observers:
            try:
                await observer(update)
            except Exception:
                log.exception("call observer failed on %s", update.kind)
        if update.kind == "ring":
            ring = RingOut(
                call_id=update.call_id, line=update.line, count=update.rings, at=update.at
            )
            self.hub.publish("ring", ring.model_dump(mode="json"))
            return
        in_progress = update.call is not None and update.call.state == "answered"
        if update.kind in ("missed", "ended") and not in_progress:
            self.live.pop(update.call_id, None)
        if update.call is not None:
            self.hub.publish("call", update.call.model_dump(mode="json"))

    async def _hang_up_blocked(self, line: str) -> None:
        driver, cfg = self.drivers.get(line), self.config.line(line)
        if driver is None or cfg is None or not cfg.options.get("auto_hangup_blocked", False):
            return
        try:
            await driver.send(Answer(line))
            await driver.send(HangUp(line))
        except NotImplementedError:
            log.info("line %s cannot hang up by itself; the blocked call is only marked", line)

    def start(self) -> None:
        """Start checking ring and call timeouts, and closing calls no line follows."""
        self.router.start()
        if self._sweeper is None:
            self._sweeper = asyncio.create_task(self._sweep_forever(), name="stale-calls")

    async def stop(self) -> None:
        """Stop the timeouts and the sweep."""
        await self.router.stop()
        sweeper, self._sweeper = self._sweeper, None
        if sweeper is not None:
            sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sweeper

    async def sweep(self) -> list[CallOut]:
        """Close the calls no line follows: those left by a crash or restart (touched before
        this box started) and any untouched for SWEEP_MARGIN_S; desks hear of each."""
        store = self.session.store
        if store is None:
            return []
        cutoff = max(self._started_at, utcnow() - timedelta(seconds=SWEEP_MARGIN_S))
        followed = self.router.calls_in_progress()
        closed: list[CallOut] = await store.executor.run(
            close_stale, followed, cutoff, self.config.language
        )
        for call in closed:
            self.live.pop(call.id, None)
            self.hub.publish("call", call.model_dump(mode="json"))
        if closed:
            log.info("closed %d call(s) no line follows any more", len(closed))
        return closed

    async def _sweep_forever(self) -> None:
        while True:
            try:
                await self.sweep()
            except Exception:
                log.exception("stale call sweep failed")
            await asyncio.sleep(SWEEP_S)

    async def run_line(self, driver: LineDriver, lines: list[str]) -> None:
        """Feed every event of `driver` (serving `lines`) to the taps and the router."""
        cfg = self.config.line(lines[0]) if lines else None
        # a driver given without configuration keeps the defaults; a bridge that names its
        # lines itself (wc<unit>-<line>) gives each the timeouts and rules of its configured line
        ring_timeout_s = cfg.ring_timeout_s if cfg is not None else RING_TIMEOUT_S
        rules = line_rules(cfg) if cfg is not None else LineRules()
        for name in lines:
            self.drivers[name] = driver
            self.router.add_line(name, ring_timeout_s, rules)
        await self.router.run(self._watched(driver, ring_timeout_s, rules))

    async def _watched(
        self, driver: LineDriver, ring_timeout_s: float, rules: LineRules
    ) -> AsyncIterator[LineEvent]:
        """`driver`'s events, after the line state and the taps have seen them."""
        async for event in driver.events():
            self.router.add_line(event.line, ring_timeout_s, rules)
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
            yield event
