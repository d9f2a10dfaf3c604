"""The backup schedule: snapshots on time, drill recorded for admins, warnings never crashes."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from appliance.backup_schedule import DRILL_SETTING, BackupSchedule
from appliance.core.settings import get_setting
from appliance.db.store import Store
from appliance.vault.keys import Argon2Params
from appliance.vault.unlocked import Unlocked
from appliance.vault.vault import Vault
from backups import list_backups
from tests.backups.conftest import plant

FAST = Argon2Params(time_cost=1, memory_kib=1024, parallelism=1)


@pytest.fixture
def box(tmp_path: Path) -> Iterator[tuple[Unlocked, Store]]:
    unlocked, _code = Vault.create(tmp_path / "data", argon=FAST)
    store = unlocked.open_store(create=True)
    store.executor.call(plant, 5, 20)
    yield unlocked, store
    store.close()


async def test_schedule_writes_rotates_and_records_the_drill(
    box: tuple[Unlocked, Store], tmp_path: Path
) -> None:
    unlocked, store = box
    usb = tmp_path / "usb"
    usb.mkdir()
    written: list[str] = []
    schedule = BackupSchedule(
        unlocked,
        store,
        usb,
        interval_s=0.05,
        first_delay_s=0,
        on_backup=lambda info: written.append(info.path.name),
    )
    await schedule.start()
    for _ in range(400):
        if len(written) >= 2:
            break
        await asyncio.sleep(0.05)
    await schedule.stop()
    assert len(written) >= 2 and schedule.warning is None
    assert {e.path.name for e in list_backups(usb)} <= set(written)
    drill = await store.executor.run(get_setting, DRILL_SETTING)
    assert drill["ok"] is True and drill["counts"]["call"] == 20
    assert drill["backup"] == written[0]  # drilled once, then not again within the day


async def test_missing_then_returning_target(box: tuple[Unlocked, Store], tmp_path: Path) -> None:
    unlocked, store = box
    usb = tmp_path / "usb"
    warnings: list[tuple[str, dict[str, int | str]]] = []
    schedule = BackupSchedule(unlocked, store, usb, on_warning=lambda *w: warnings.append(w))
    assert await schedule.run_once() is None
    assert warnings == [("backup_target", {"hours_since_good": -1})]  # none good yet
    assert schedule.warning is not None and "USB" in schedule.warning  # the detail, for the log
    usb.mkdir()
    info = await schedule.run_once()
    assert info is not None and schedule.warning is None
    shutil.rmtree(usb)  # the stick is pulled
    assert await schedule.run_once() is None
    assert warnings[1] == ("backup_target", {"hours_since_good": 0})  # the last good one is new
    assert "missing" in schedule.warning


async def test_the_age_of_the_last_good_backup_comes_from_the_target_at_start(
    box: tuple[Unlocked, Store], tmp_path: Path
) -> None:
    unlocked, store = box
    usb = tmp_path / "usb"
    usb.mkdir()
    first = BackupSchedule(unlocked, store, usb)
    assert await first.run_once() is not None
    [entry] = await asyncio.to_thread(list_backups, usb)
    old = entry.path.with_name("ringdesk-2020" + entry.path.name[len("ringdesk-2026") :])
    entry.path.rename(old)  # as if it had been written in 2020
    warnings: list[tuple[str, dict[str, int | str]]] = []
    later = BackupSchedule(
        unlocked, store, usb, first_delay_s=3600, on_warning=lambda *w: warnings.append(w)
    )
    await later.start()
    try:
        assert later.hours_since_good() > 24 * 365  # read from the folder, not from memory
    finally:
        await later.stop()


@pytest.fixture
def tiny(tmp_path: Path) -> Iterator[Path]:
    """A 256 KiB tmpfs: a USB stick with no room left (tests run as root)."""
    usb = tmp_path / "tiny"
    usb.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(usb)], check=True)
    yield usb
    subprocess.run(["umount", str(usb)], check=True)


async def test_full_target_is_a_warning(box: tuple[Unlocked, Store], tiny: Path) -> None:
    unlocked, store = box
    warnings: list[tuple[str, dict[str, int | str]]] = []
    schedule = BackupSchedule(unlocked, store, tiny, on_warning=lambda *w: warnings.append(w))
    assert await schedule.run_once() is None
    assert warnings[0][0] == "backup_target"
    assert schedule.warning is not None and "full" in schedule.warning
    assert await asyncio.to_thread(lambda: list(tiny.iterdir())) == []


async def test_stop_waits_for_a_snapshot_under_way(
    box: tuple[Unlocked, Store], tmp_path: Path
) -> None:
    unlocked, store = box
    usb = tmp_path / "usb"
    usb.mkdir()
    schedule = BackupSchedule(unlocked, store, usb, first_delay_s=0, interval_s=3600)
    await schedule.start()
    for _ in range(5000):
        if schedule._inflight is not None:
            break
        await asyncio.sleep(0.001)
    await schedule.stop()
    assert schedule._inflight is not None and schedule._inflight.done()
    names = await asyncio.to_thread(lambda: sorted(p.name for p in usb.iterdir()))
    assert len(names) == 1 and names[0].endswith(".rdbk")  # finished, no temp file left
