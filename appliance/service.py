"""The box: start vault -> database -> drivers -> API -> discovery, stop in reverse."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from appliance.api.server import ApiState, BoxServer, load_pinned
from appliance.auto_transcribe import AutoTranscriber
from appliance.backup_schedule import BackupSchedule
from appliance.call_recording import CallRecorder
from appliance.callflow import CallFlow, LineTap
from appliance.config import BoxConfig, load_config
from appliance.contract.identity import Identity, fingerprint, make_identity
from appliance.core.access import desks
from appliance.desk_pins import DeskPins
from appliance.discovery import Advertiser, BoxAd
from appliance.lines import make_line_driver
from appliance.ncid import NcidConfig, NcidServer
from appliance.recordings.store import RecordingStore
from appliance.recordings.transcribe.jobs import TranscriptionRunner
from appliance.reminders import Reminders
from appliance.vault.errors import VaultError
from appliance.vault.session import VaultSession
from drivers.base import LineDriver

log = logging.getLogger(__name__)
RETENTION_EVERY_S = 6 * 3600.0


@dataclass
class BoxOptions:
    """Run-time choices that are not in ringdesk.toml (tests and the demo shrink them)."""

    host: str = "127.0.0.1"
    port: int | None = None  # None: the configured API port; 0: any free port
    discovery: bool = True
    ring_timeout_s: float = 7.0
    drivers: list[LineDriver] | None = None  # given drivers replace the configured lines
    extra: dict[str, Any] = field(default_factory=dict)


def box_identity(data_dir: Path) -> Identity:
    """The box's TLS identity, made on first start and kept in the data directory.

    The certificate names no office (names may be Japanese; DNS names may not): the pin is
    the certificate itself."""
    cert, key = data_dir / "box-cert.pem", data_dir / "box-key.pem"
    if cert.exists() and key.exists():
        return Identity.load(cert, key)
    names = ["ringdesk-box", "localhost", "127.0.0.1"]
    identity = make_identity("ringdesk-box", server_names=names)
    identity.save(cert, key)
    return identity


def announce_on(host: str) -> tuple[str, list[str]]:
    """The address to announce and the interfaces to announce on, for a box serving `host`.

    A box on every interface (0.0.0.0) announces its first LAN address, on all of them."""
    if host not in ("0.0.0.0", ""):
        return host, [host]
    import ifaddr

    lan = [str(ip.ip) for adapter in ifaddr.get_adapters() for ip in adapter.ips
           if isinstance(ip.ip, str) and not ip.ip.startswith("127.")]  # fmt: skip
    return (lan[0] if lan else "127.0.0.1"), ["0.0.0.0"]


class Box:
    """One running box; `await start()`, then `await stop()`."""

    def __init__(self, data_dir: Path, options: BoxOptions | None = None) -> None:
        self.data_dir = data_dir
        self.options = options or BoxOptions()
        self.config: BoxConfig = load_config(data_dir)
        self.session = VaultSession(data_dir)
        self.session.check_at_open = False  # checked beside the running box: calls come first
        self.pins = DeskPins(data_dir)
        self.identity = box_identity(data_dir)
        self.state = ApiState(box=self.identity, issue_secret=self.session.add_desk,
                              desk_name_taken=self.session.desk_name_taken)  # fmt: skip
        self.state.control = self
        self.state.on_revoke = self._forget_desk
        self.state.recordings = self
        self.reminders = Reminders(self.state.hub, lambda: self.state.store)
        self.flow: CallFlow | None = None
        self.server: BoxServer | None = None
        self.advertiser: Advertiser | None = None
        self.ncid: NcidServer | None = None
        self.drivers: list[tuple[LineDriver, list[str]]] = []
        self._line_tasks: list[asyncio.Task[None]] = []
        self.warnings: dict[str, str] = {}
        self.backups: BackupSchedule | None = None
        self.recorder: CallRecorder | None = None
        self.record_lines: set[str] = set()
        self.recordings: RecordingStore | None = None  # the API streams and exports from it
        self.transcription: AutoTranscriber | None = None
        self.answering: set[str] = set()  # lines the box answers itself now (voicemail)

    @property
    def transcriber(self) -> TranscriptionRunner | None:
        """The transcription queue (the API reads its job states)."""
        return self.transcription.runner if self.transcription is not None else None

    @property
    def locked(self) -> bool:
        """True until a key file, a paired desk or the recovery code unlocks the box."""
        return self.session.locked

    async def start(self) -> None:
        """Start everything; a box without an unlock path starts locked and keeps taking calls."""
        t0 = time.monotonic()
        await self._unlock_by_keyfile()
        self.state.store = self.session.store
        await self._start_backups()
        for fp, desk_id, pem in self.pins.items():
            self.state.pinned[fp] = desk_id
            self.state.pinned_pems.append(pem)
        self.state.on_pin.append(self._remember_pin)
        await self._forget_revoked()
        await load_pinned(self.state)
        self.ncid = self._ncid_server()
        taps: list[LineTap] = [self.ncid.publish] if self.ncid is not None else []
        self.flow = CallFlow(self.state.hub, self.config, self.session, taps=taps,
                             ring_timeout_s=self.options.ring_timeout_s)  # fmt: skip
        await self._start_recorder(self.flow)
        self.flow.on_status = self._line_status
        self.flow.start()
        self.state.current_pop = self.flow.current_pop
        self.reminders.start()
        t_open = time.monotonic()
        await self._start_drivers()
        t_lines = time.monotonic()
        port = self.config.api_port if self.options.port is None else self.options.port
        self.server = BoxServer(self.state, host=self.options.host, port=port)  # pins pinned_pems
        await self.server.start()
        if self.ncid is not None:
            await self.ncid.start()
        if self.options.discovery:
            host, interfaces = announce_on(self.options.host)
            ad = BoxAd(self.config.name, host, self.server.port,
                       self.identity.fingerprint, self.locked)  # fmt: skip
            self.advertiser = Advertiser(ad, interfaces=interfaces)
            await self.advertiser.start()
        self._check_database()  # once serving: its page reads would slow the start down
        t_end = time.monotonic()
        log.info("box started on port %d (locked: %s) in %.2f s: vault+db %.2f, lines %.2f, "
                 "api+discovery %.2f", self.server.port, self.locked, t_end - t0, t_open - t0,
                 t_lines - t_open, t_end - t_lines)  # fmt: skip

    async def stop(self) -> None:
        """Stop in reverse order: discovery, API, NCID, drivers, call flow, database."""
        if self.advertiser is not None:
            await self.advertiser.stop()
        if self.server is not None:
            await self.server.stop()
        if self.ncid is not None:
            await self.ncid.stop()
        for driver, _lines in self.drivers:
            with contextlib.suppress(Exception):
                await driver.stop()
        for task in self._line_tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self.transcription is not None:  # first: recordings closing now wait for next start
            await self.transcription.stop()
        if self.recorder is not None:
            await self.recorder.close()
        if self.flow is not None:
            await self.flow.stop()
        await self.reminders.stop()
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

    async def _opened(self) -> None:
        self.state.store = self.session.store
        self._check_database()
        await self._forget_revoked()
        await load_pinned(self.state)
        await self._start_backups()
        await self._recorded_lines()
        if self.advertiser is not None:
            await self.advertiser.update(locked=False)
        self.state.hub.publish("status", self.status())

    def status(self) -> dict[str, Any]:
        """Box health for desks: lock state, each line's source, warnings."""
        states = self.flow.line_state if self.flow is not None else {}
        lines = []
        for c in self.config.lines:
            state, detail = states.get(c.name, ("starting", ""))
            lines.append({"name": c.name, "state": state, "detail": detail})
        return {"locked": self.locked, "lines": lines, "warnings": list(self.warnings.values())}

    def warn(self, source: str, text: str | None) -> None:
        """Set (or with None clear) the warning every desk sees from `source` (backup, disk)."""
        if self.warnings.get(source) == text:
            return
        if text is None:
            self.warnings.pop(source, None)
        else:
            self.warnings[source] = text
        self.state.hub.publish("status", self.status())

    def _line_status(self) -> None:
        self.state.hub.publish("status", self.status())

    async def _unlock_by_keyfile(self) -> None:
        vault = self.session.vault
        if not vault.exists():
            raise VaultError(
                f"{self.data_dir}: 箱が初期化されていません。`ringdesk init` を実行してください"
                " / this box has no vault yet: run `ringdesk init` first"
            )
        present = await asyncio.to_thread(vault.remembered_keyfiles)
        if not present:
            log.info("no key file present: the box starts locked (unlock from a paired desk)")
            return
        try:
            await self.session.unlock_with_keyfile(present[0])
        except VaultError as exc:
            log.warning("key file did not unlock the box: %s", exc)

    async def _start_recorder(self, flow: CallFlow) -> None:
        from appliance.recordings.config import root_for

        store = self.session.store
        root = self.data_dir / "recordings"
        if store is not None:
            root = await store.executor.run(root_for, self.data_dir)
        recordings = RecordingStore(
            root, self.session, create_root=True,
            on_warning=lambda text: self.warn("recordings", text),
        )  # fmt: skip
        self.recorder = CallRecorder(
            recordings, self.record_lines.__contains__, flow.drivers, flow.sealed.started.get,
            self.answering.__contains__,
        )  # fmt: skip
        flow.taps.append(self.recorder.tap)
        flow.observers.append(self.recorder.update)
        self.recordings = recordings
        self.transcription = AutoTranscriber(recordings, self.state.hub)
        self.recorder.on_recorded.append(self.transcription.finished)
        await self._recorded_lines()
        self._line_tasks.append(asyncio.create_task(self._recording_upkeep(recordings)))

    async def _recording_upkeep(self, recordings: RecordingStore) -> None:
        """Retention: recordings past their days are deleted every few hours (when unlocked)."""
        while True:
            try:
                purged = await asyncio.to_thread(recordings.purge_expired)
                if purged:
                    log.info("%d recording(s) past retention deleted", purged)
            except Exception:
                log.exception("recording retention failed")
            await asyncio.sleep(RETENTION_EVERY_S)

    async def _recorded_lines(self) -> None:
        """Lines whose calls are recorded: `record = true` in ringdesk.toml or the setting."""
        from appliance.recordings.config import should_record

        wanted = {c.name for c in self.config.lines if c.options.get("record", False)}
        store = self.session.store
        if store is not None:
            names = [c.name for c in self.config.lines]
            wanted |= set(await store.executor.run(lambda: [n for n in names if should_record(n)]))
            if self.recorder is not None:
                await asyncio.to_thread(self.recorder.store.recover)
                await asyncio.to_thread(self.recorder.store.sweep_orphans)
            if self.transcription is not None:
                await self.transcription.catch_up()
        self.record_lines.clear()
        self.record_lines.update(wanted)

    def _check_database(self) -> None:
        """cipher_integrity_check of the whole file, beside the running box (it reads every
        page: seconds on a large box, which must not delay the first call after a power cut)."""
        if self.session.store is None:
            return
        key = self.session.unlocked.database_key
        self._line_tasks.append(asyncio.create_task(self._integrity(key), name="integrity"))

    async def _integrity(self, key: bytes) -> None:
        from appliance.db.integrity import cipher_problems

        path = self.session.vault.database_path

        def niced() -> list[str]:
            # its own thread at low priority: reading every page must not slow the first pops
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
            return cipher_problems(path, key)

        with ThreadPoolExecutor(1, thread_name_prefix="integrity") as pool:
            problems = await asyncio.get_running_loop().run_in_executor(pool, niced)
        if not problems:
            log.info("database integrity check passed")
            return
        log.error("database integrity check: %d problem(s): %s", len(problems), problems[:3])
        self.warn("database", f"データベースに破損があります。バックアップから復元してください / "
                  f"the database has {len(problems)} damaged page(s): restore it from a backup")

    async def _start_backups(self) -> None:
        target, store = self.config.backup_target, self.session.store
        if target is None or store is None or self.backups is not None:
            return
        self.backups = BackupSchedule(
            self.session.unlocked, store, Path(target),
            interval_s=self.config.backup_interval_s,
            first_delay_s=self.config.backup_first_delay_s,
            require_mount=self.config.backup_require_mount,
            on_warning=lambda text: self.warn("backup", text),
            on_backup=lambda _info: self.warn("backup", None),
        )  # fmt: skip
        await self.backups.start()

    async def _forget_desk(self, desk_id: int, name: str, fp: str, *, slot: bool = True) -> None:
        """A revoked desk stays revoked: its pin leaves the pin file (durably) and its vault
        slot is deleted, so neither a restart nor its secret lets it back in."""
        self.state.pinned.pop(fp, None)
        self.state.close_streams(fp)
        await asyncio.to_thread(self.pins.remove, desk_id, fp)
        if slot and not self.locked and name in await self._desk_slots():
            await self.session.revoke_desk(name, rotate=False)

    async def _desk_slots(self) -> set[str]:
        slots = await asyncio.to_thread(self.session.vault.slots)
        return {s.name for s in slots if s.kind == "desk"}

    async def _forget_revoked(self) -> None:
        """At start and unlock: a desk revoked before a crash (or by an older box) loses what
        is left of its trust; a slot is kept when a live desk carries the name again."""
        store = self.session.store
        if store is None:
            return
        live = {d.name for d in await store.executor.run(desks.pinned_desks)}
        slots = await self._desk_slots()
        for d in await store.executor.run(desks.revoked_desks):
            if self.pins.desk_id(d.fingerprint) is not None or d.fingerprint in self.state.pinned:
                await self._forget_desk(d.desk_id, d.name, d.fingerprint, slot=False)
            if d.name in slots and d.name not in live:
                await self._forget_desk(d.desk_id, d.name, d.fingerprint)

    def _remember_pin(self, pem: bytes) -> None:
        fp = fingerprint(pem)
        desk_id = self.state.pinned.get(fp, 0)
        if self.pins.desk_id(fp) != desk_id:
            self.pins.add(pem, desk_id)

    def _ncid_server(self) -> NcidServer | None:
        if not self.config.ncid_enabled:
            return None
        cfg = NcidConfig(enabled=True, host=self.options.host, port=self.config.ncid_port,
                         allow=list(self.config.ncid_allow))  # fmt: skip
        return NcidServer(cfg)

    async def _start_drivers(self) -> None:
        assert self.flow is not None
        if self.options.drivers is not None:
            self.drivers = [(d, [getattr(d, "line", d.name)]) for d in self.options.drivers]
        else:
            self.drivers = [(make_line_driver(c, self.config.region), [c.name])
                            for c in self.config.lines]  # fmt: skip
        for driver, lines in self.drivers:
            await driver.start()
            task = asyncio.create_task(self.flow.run_line(driver, lines), name=f"line-{lines[0]}")
            self._line_tasks.append(task)
        self._line_tasks.append(asyncio.create_task(self._office_hours(), name="office-hours"))

    async def _office_hours(self) -> None:
        """Voicemail: lines with `voicemail_rings` answer by themselves while the office is
        closed; `auto_answer_rings` lines always do."""
        while True:
            closed = not self.config.is_open(datetime.now().time())
            for cfg in self.config.lines:
                driver = self.flow.drivers.get(cfg.name) if self.flow is not None else None
                always, after_hours = (cfg.options.get("auto_answer_rings"),
                                       cfg.options.get("voicemail_rings"))  # fmt: skip
                rings = always if always is not None else (after_hours if closed else None)
                enable = getattr(driver, "enable_auto_answer", None)
                if enable is not None and after_hours is not None and always is None:
                    enable(int(after_hours) if rings is not None else None)
                if rings is not None:
                    self.answering.add(cfg.name)
                else:
                    self.answering.discard(cfg.name)
            await asyncio.sleep(30.0)
