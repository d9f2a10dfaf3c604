"""Scheduled backups in a real box process: sealed snapshots on the target, and a missing USB
stick as a warning every desk sees (never a crash)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from backups.catalog import list_backups
from tests.appliance.service.boxproc import init_box, pair_desk, run_box

TOML = """
name = "バックアップ確認"
[[lines]]
name = "line1"
driver = "simulated"
[backup]
target = "{target}"
require_mount = {mount}
first_delay_s = 0.5
"""


async def test_the_box_writes_sealed_backups_to_its_target(tmp_path: Path) -> None:
    data, target = tmp_path / "box", tmp_path / "backups"
    target.mkdir()
    init_box(
        data,
        toml=TOML.format(target=target, mount="false"),
        customers=[("中村 恵子", "075-211-3344")],
    )
    async with run_box(data):
        async with asyncio.timeout(60):
            while not list_backups(target):  # noqa: ASYNC110 (another process writes it)
                await asyncio.sleep(0.2)
    [backup] = list_backups(target)
    assert "中村".encode() not in backup.path.read_bytes()


async def test_a_missing_usb_stick_is_a_warning_on_every_desk(tmp_path: Path) -> None:
    data = tmp_path / "box"
    init_box(data, toml=TOML.format(target=tmp_path / "usb", mount="true"), customers=[])
    async with run_box(data) as box:
        desk = await pair_desk(box)
        async with desk.http() as http, asyncio.timeout(60):
            while not (warnings := (await http.get("/status")).json()["warnings"]):  # noqa: ASYNC110
                await asyncio.sleep(0.2)
        assert box.proc.returncode is None
    assert warnings == [{"code": "backup_target", "values": {"hours_since_good": -1}}]


async def test_backups_are_on_by_default_in_a_folder_of_the_data_directory(
    tmp_path: Path,
) -> None:
    data = tmp_path / "box"
    toml = 'name = "既定"\n[[lines]]\nname = "line1"\ndriver = "simulated"\n'
    init_box(data, toml=toml + "[backup]\nfirst_delay_s = 0.5\n", customers=[])
    async with run_box(data):
        async with asyncio.timeout(60):
            while not list_backups(data / "backups"):  # noqa: ASYNC110 (another process writes it)
                await asyncio.sleep(0.2)
    assert (data / "backups").stat().st_mode & 0o777 == 0o700
