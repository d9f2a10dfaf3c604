"""The box's backup schedule: a sealed snapshot every 15 minutes, rotated, drilled daily.

Started by the box service once the vault is unlocked (and stopped before it locks):

    schedule = BackupSchedule(unlocked, store, Path("/media/ringdesk-backup"),
                              on_warning=warn)  # warn(code, values), None when cleared
    await schedule.start()
    ...
    await schedule.stop()

A missing, removed or full target never raises: on_warning(code, values) is called with the
hours since the last good backup (the detail goes to the log) and the next attempt comes at
the next interval. Codes: backup_target (missing, read-only or full), backup_failed,
backup_drill_failed. Drill results are stored in the setting
`backup.last_drill` (audited) for admins.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from backups import BackupError, BackupInfo, DrillReport, Recipient, VerifyKey, take_snapshot
from backups.catalog import list_backups
from backups.errors import BackupTargetError
from backups.rotation import DEFAULT_POLICY, Policy, prune

if TYPE_CHECKING:
    from appliance.db.store import Store
    from appliance.vault.unlocked import Unlocked

log = logging.getLogger(__name__)
DRILL_SETTING = "backup.last_drill"
TARGET_SETTING = "backup.target"


def sealing_keys(unlocked: Unlocked) -> tuple[Recipient, VerifyKey]:
    """The recovery recipient and the box's verify key, read fresh (rotation changes them)."""
    from appliance.vault.backup_keys import recipient_of, verify_key_of

    public, hint = recipient_of(unlocked)
    key, key_id = verify_key_of(unlocked)
    return Recipient(public, hint), VerifyKey(key, key_id)


def snapshot_now(
    unlocked: Unlocked, target: Path, *, run_drill: bool = False, require_mount: bool = False
) -> BackupInfo:
    """One sealed snapshot of the unlocked box's database into target (blocking)."""
    recipient, verify_key = sealing_keys(unlocked)
    return take_snapshot(
        unlocked.vault.database_path,
        unlocked.database_key,
        recipient,
        target,
        verify_key=verify_key,
        run_drill=run_drill,
        require_mount=require_mount,
    )


def record_drill(report: DrillReport) -> None:
    """Store the drill's outcome where admins see it (Settings, audited); db thread only."""
    from appliance.core.actor import Actor
    from appliance.core.settings import set_setting

    set_setting(Actor.system("backup-drill"), DRILL_SETTING, report.as_dict())


class BackupSchedule:
    """Snapshots every interval_s into target, prunes by policy, drills every drill_every_s."""

    def __init__(
        self,
        unlocked: Unlocked,
        store: Store,
        target: Path,
        *,
        interval_s: float = 900.0,
        first_delay_s: float = 60.0,
        drill_every_s: float = 86_400.0,
        policy: Policy = DEFAULT_POLICY,
        require_mount: bool = False,
        on_warning: Callable[[str, dict[str, int | str]], Any] | None = None,
        on_backup: Callable[[BackupInfo], Any] | None = None,
    ) -> None:
        self.unlocked, self.store, self.target = unlocked, store, Path(target)
        self.interval_s, self.first_delay_s = interval_s, first_delay_s
        self.drill_every_s, self.policy, self.require_mount = drill_every_s, policy, require_mount
        self.on_warning, self.on_backup = on_warning, on_backup
        self.warning: str | None = None  # the current problem, None once a backup succeeds
        self.last: BackupInfo | None = None
        self.last_good_at: float | None = None  # wall clock of the newest backup in target
        self._last_drill = float("-inf")
        self._task: asyncio.Task[None] | None = None
        self._inflight: asyncio.Future[BackupInfo] | None = None

    async def start(self) -> None:
        """Begin the schedule (the first snapshot after first_delay_s)."""
        if self._task is None:
            self.last_good_at = await asyncio.to_thread(self._newest_in_target)
            self._task = asyncio.create_task(self._loop(), name="ringdesk-backups")

    def _newest_in_target(self) -> float | None:
        try:
            entries = list_backups(self.target)
        except OSError:
            return None
        return entries[-1].created_at.timestamp() if entries else None

    def hours_since_good(self) -> int:
        """Whole hours since the last good backup; -1 when there is none."""
        if self.last_good_at is None:
            return -1
        return int(max(0.0, time.time() - self.last_good_at) // 3600)

    async def stop(self) -> None:
        """Cancel the schedule; waits for a snapshot under way (its thread cannot be cut)."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._inflight is not None:
            with contextlib.suppress(Exception):
                await self._inflight

    async def _loop(self) -> None:
        await asyncio.sleep(self.first_delay_s)
        while True:
            await self.run_once()
            await asyncio.sleep(self.interval_s)

    def _snapshot(self, run_drill: bool) -> BackupInfo:
        info = snapshot_now(
            self.unlocked, self.target, run_drill=run_drill, require_mount=self.require_mount
        )
        prune(self.target, self.policy)
        return info

    def _warn(self, code: str, detail: str) -> None:
        self.warning = detail
        log.warning("backup: %s", detail)
        if self.on_warning is not None:
            try:
                self.on_warning(code, {"hours_since_good": self.hours_since_good()})
            except Exception:  # a broken listener must not stop the backups
                log.exception("backup warning listener failed")

    async def run_once(self, *, drill: bool | None = None) -> BackupInfo | None:
        """One snapshot now (drilled when due); warnings instead of exceptions."""
        due = time.monotonic() - self._last_drill >= self.drill_every_s
        run_drill = due if drill is None else drill
        self._inflight = asyncio.ensure_future(asyncio.to_thread(self._snapshot, run_drill))
        try:
            info = await asyncio.shield(self._inflight)  # stop() waits for it instead
        except BackupTargetError as exc:
            self._warn("backup_target", str(exc))
            return None
        except (BackupError, OSError) as exc:
            self._warn("backup_failed", f"backup failed: {exc}")
            return None
        except Exception as exc:  # never let the schedule die silently
            log.exception("backup failed")
            self._warn("backup_failed", f"backup failed: {type(exc).__name__}")
            return None
        self.warning, self.last, self.last_good_at = None, info, time.time()
        if info.drill is not None:
            self._last_drill = time.monotonic()
            await self.store.executor.run(record_drill, info.drill)
            if not info.drill.ok:
                self._warn("backup_drill_failed", info.drill.message)
        log.info("backup written: %s (%d bytes)", info.path.name, info.bytes)
        if self.on_backup is not None:
            self.on_backup(info)
        return info
