"""The box: start vault -> database -> drivers -> API -> discovery, stop in reverse."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from appliance import box_setup, sdnotify
from appliance.api.limits import conn_limits
from appliance.api.server import BoxServer, load_pinned
from appliance.api.state import ApiState, BoxHooks
from appliance.backup_schedule import BackupSchedule
from appliance.box_health import BoxHealth
from appliance.box_watchdog import CallPathWatchdog
from appliance.callflow import CallFlow, LineTap
from appliance.config import BoxConfig, load_config
from appliance.console_socket import SOCKET_NAME, ConsoleSocket
from appliance.core.calls.router import TICK_S
from appliance.core.events import EventHub
from appliance.desk_pins import DeskPins
from appliance.desk_trust import DeskTrust
from appliance.discovery import Advertiser
from appliance.disk_reserve import DiskReserve
from appliance.ncid import NcidServer
from appliance.office_hours import OfficeHours
from appliance.printing.queue import PrintQueue
from appliance.recording_upkeep import RecordingUpkeep
from appliance.reminders import Reminders
from appliance.vault.errors import VaultError
from appliance.vault.session import VaultSession
from drivers.base import LineDriver

log = logging.getLogger(__name__)


@dataclass
class BoxOptions:
    """Run-time choices that are not in ringdesk.toml (tests and the demo shrink them)."""

    host: str = "127.0.0.1"
    port: int | None = None  # None: the configured API port; 0: any free port
    discovery: bool = True
    ring_timeout_s: float | None = None  # every line's, replacing ringdesk.toml's (benches)
    drivers: list[LineDriver] | None = None  # given drivers replace the configured lines
    extra: dict[str, Any] = field(default_factory=dict)


class Box:
    """One running box; `await start()`, then `await stop()`."""

    def __init__(self, data_dir: Path, options: BoxOptions | None = None) -> None:
        self.data_dir = data_dir
        self.options = options or BoxOptions()
        self.config: BoxConfig = load_config(data_dir)
        if self.options.ring_timeout_s is not None:
            self.config = self.config.with_ring_timeout(self.options.ring_timeout_s)
        self.session = VaultSession(data_dir)
        self.session.check_at_open = False  # checked beside the running box: calls come first
        self.pins = DeskPins(data_dir)
        self.identity = box_setup.box_identity(data_dir)
        hub = EventHub()
        self.flow: CallFlow | None = None
        self.health = BoxHealth(
            hub, self.config, lambda: self.locked, lambda: self.flow.line_state if self.flow else {}
        )
        self.hours = OfficeHours(
            self.config, lambda: self.flow.drivers if self.flow else {}, lambda: self.session.store
        )
        self.printing = PrintQueue(
            self.config.printers, lambda: self.session.store, self.health.warn, hub
        )
        self.upkeep = RecordingUpkeep(
            data_dir, self.session, self.config, hub, self.health.warn, self.hours.answering
        )
        hooks = BoxHooks(
            self.session.add_desk,
            desk_name_taken=self.session.desk_name_taken,
            control=self,
            recordings=self.upkeep,
            printing=self.printing,
        )
        self.state = ApiState(box=self.identity, hooks=hooks, hub=hub, pairing_ledger=data_dir)
        self.trust = DeskTrust(self.state, self.session, self.pins)
        hooks.on_revoke = self.trust.forget
        console = {
            "open_pairing": self.trust.open_pairing_from_console,
            "unlock": self._console_unlock,
        }
        self.console = ConsoleSocket(data_dir / SOCKET_NAME, console)
        self.reminders = Reminders(self.state.hub, lambda: self.session.store)
        self.server: BoxServer | None = None
        self.advertiser: Advertiser | None = None
        self.ncid: NcidServer | None = None
        self.drivers: list[tuple[LineDriver, list[str]]] = []
        self._tasks: list[asyncio.Task[None]] = []
        self.backups: BackupSchedule | None = None
        self.reserve = DiskReserve(data_dir, lambda what: self.health.warn("disk", what))

    @property
    def locked(self) -> bool:
        """True until a key file, a paired desk or the recovery code unlocks the box."""
        return self.session.locked

    def status(self) -> dict[str, Any]:
        """Box health for desks: lock state, each line's source, warnings."""
        return self.health.status()

    async def start(self) -> None:
        """Start everything; a box without an unlock path starts locked and keeps taking calls."""
        t0 = time.monotonic()
        await box_setup.unlock_by_keyfile(self.session, self.data_dir)
        self.state.store = self.session.store
        await self._start_backups()
        self.trust.load()
        await self.trust.forget_revoked()
        await load_pinned(self.state)
        self.ncid = box_setup.ncid_server(self.config, self.options.host)
        taps: list[LineTap] = [self.ncid.publish] if self.ncid is not None else []
        self.flow = CallFlow(
            self.state.hub, self.config, self.session, taps=taps, is_open=self.hours.is_open_today
        )
        await self.reserve.start()
        await self.upkeep.start(self.flow)
        self.flow.on_status = self.health.publish
        self.flow.on_disk_full = self.reserve.release
        self.flow.start()
        self.state.hooks.current_pop = self.flow.current_pop
        self.state.hooks.call_ended = self.flow.ended_at_desk
        self.reminders.start()
        await self.printing.start()
        t_open = time.monotonic()
        await self._start_drivers()
        t_lines = time.monotonic()
        port = self.config.api_port if self.options.port is None else self.options.port
        self.server = BoxServer(
            self.state,
            host=self.options.host,
            port=port,  # pins desks.pems
            limits=conn_limits(self.config.api_limits),
        )
        await self.server.start()
        await self.console.start()
        if self.ncid is not None:
            await box_setup.ncid_call_log(self.ncid, self.session)
            self._tasks.append(asyncio.create_task(self.ncid.follow(self.state.hub), name="ncid"))
            await self.ncid.start()
        if self.options.discovery:
            self.advertiser = box_setup.advertiser(
                self.config, self.options.host, self.server.port, self.identity, self.locked
            )
            await self.advertiser.start()
        self._check_database()  # once serving: its page reads would slow the start down
        self._feed_systemd()
        t_end = time.monotonic()
        log.info(
            "box started on port %d (locked: %s) in %.2f s: vault+db %.2f, lines %.2f, "
            "api+discovery %.2f",
            self.server.port,
            self.locked,
            t_end - t0,
            t_open - t0,
            t_lines - t_open,
            t_end - t_lines,
        )

    async def stop(self) -> None:
        """Stop in reverse order: discovery, API, NCID, drivers, recordings, call flow, database."""
        sdnotify.notify("STOPPING=1")
        if self.advertiser is not None:
            await self.advertiser.stop()
        await self.console.stop()
        if self.server is not None:
            await self.server.stop()
        if self.ncid is not None:
            await self.ncid.stop()
        for driver, _lines in self.drivers:
            with contextlib.suppress(Exception):
                await driver.stop()
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self.upkeep.stop()
        if self.flow is not None:
            await self.flow.stop()
        await self.reminders.stop()
        await self.printing.stop()
        await self.reserve.stop()
        if self.backups is not None:
            await self.backups.stop()
        self.state.store = None
        await self.session.lock()

    async def unlock_with_desk(self, secret: bytes) -> int:
        """Desk-assisted unlock: a paired desk's secret opens the store; returns merged calls."""
        report = await self.session.unlock_with_desk(secret)
        await self._opened()
        return report.applied

    async def unlock_with_recovery(self, code: str) -> int:
        """Unlock by the printed recovery code; returns merged calls."""
        report = await self.session.unlock_with_recovery(code)
        await self._opened()
        return report.applied

    async def _console_unlock(self, request: dict[str, Any]) -> dict[str, Any]:
        """`ringdesk unlock` on the box: the recovery code typed at its terminal opens it."""
        if not self.locked:
            return {"unlocked": True, "merged": 0}
        try:
            merged = await self.unlock_with_recovery(str(request.get("code", "")))
        except VaultError:
            log.warning("console unlock: the recovery code was wrong")
            return {"error": "wrong_code"}
        return {"unlocked": True, "merged": merged}

    async def _opened(self) -> None:
        self.state.store = self.session.store
        self._check_database()
        await self.trust.forget_revoked()
        await load_pinned(self.state)
        await self._start_backups()
        await self.upkeep.refresh()
        await self.printing.resume()
        if self.ncid is not None:
            await box_setup.ncid_call_log(self.ncid, self.session, unlocked=True)
        if self.advertiser is not None:
            await self.advertiser.update(locked=False)
        self.health.publish()
        sdnotify.notify(self._systemd_status())

    def _systemd_status(self) -> str:
        port = self.server.port if self.server is not None else 0
        return f"STATUS=serving on port {port} ({'locked' if self.locked else 'unlocked'})"

    def _feed_systemd(self) -> None:
        """READY=1 to systemd, and the watchdog fed from the call path when one is asked."""
        sdnotify.notify("READY=1\n" + self._systemd_status())
        interval = sdnotify.watchdog_interval()
        if interval is None or self.flow is None:
            return
        router = self.flow.router

        def db_probe() -> Awaitable[None] | None:
            store = self.session.store
            return None if store is None else store.executor.run(_nothing)

        watchdog = CallPathWatchdog(
            interval, lambda: router.ticked_at, db_probe, stale_s=max(interval, 4 * TICK_S)
        )
        self._tasks.append(asyncio.create_task(watchdog.run(), name="systemd-watchdog"))

    def _check_database(self) -> None:
        """The integrity check, beside the running box (never before the first call)."""
        if self.session.store is None:
            return
        check = self.health.check_database(
            self.session.vault.database_path, self.session.unlocked.database_key
        )
        self._tasks.append(asyncio.create_task(check, name="integrity"))

    async def _start_backups(self) -> None:
        if self.backups is None:
            self.backups = box_setup.backup_schedule(self.config, self.session, self.health.warn)
            if self.backups is not None:
                await self.backups.start()

    async def _start_drivers(self) -> None:
        assert self.flow is not None
        self.drivers = box_setup.line_drivers(self.config, self.options.drivers)
        for driver, lines in self.drivers:
            await driver.start()
            task = asyncio.create_task(self.flow.run_line(driver, lines), name=f"line-{lines[0]}")
            self._tasks.append(task)
        self._tasks.append(asyncio.create_task(self.hours.run(), name="office-hours"))


def _nothing() -> None:
    """The watchdog's probe of the database thread."""
