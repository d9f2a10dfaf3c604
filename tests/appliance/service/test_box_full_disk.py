"""A full disk loses no call: a real box on a small file system that fills up gives up its
reserve, keeps storing the calls that ring meanwhile, tells every desk, and takes its reserve
back once space returns. API writes that cannot be stored say why (507), not 500."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import websockets

from appliance.contract.tls import client_context
from appliance.db.models import Call
from appliance.disk_reserve import RESERVE_NAME
from appliance.vault.vault import Vault
from tests.appliance.service.boxproc import init_box, login, pair_desk, run_box

NUMBERS = ["0312345601", "0312345602", "0312345603"]
TOML = """
name = "満杯テスト"
region = "JP"
[[lines]]
name = "line1"
driver = "simulated"
repeat = true
gap_s = 1.5
calls = [
{calls}
]
[backup]
enabled = false
"""
WHILE_FULL = 6  # calls that ring while the disk is full


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 40 MiB file system of its own (tests run as root)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", str(disk)], check=True)
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=True)


def _fill(disk: Path) -> Path:
    """Write a file until the file system has no room left; returns it."""
    filler = disk / "filler.bin"
    block = b"\0" * (256 * 1024)
    with filler.open("wb") as out:
        try:
            while True:
                out.write(block)
                out.flush()
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        with contextlib.suppress(OSError):
            os.fsync(out.fileno())
    return filler


async def test_calls_ringing_on_a_full_disk_are_all_kept(small_disk: Path) -> None:
    data = small_disk / "box"
    calls = ",\n".join(f'{{number = "{n}", rings = 1, answered = false}}' for n in NUMBERS)
    init_box(data, toml=TOML.format(calls=calls), customers=[("大野 健", "03-1234-5601")])
    async with run_box(data) as box:
        desk = await pair_desk(box)
        await login(desk)
        assert (data / RESERVE_NAME).is_file()
        url = f"wss://127.0.0.1:{box.port}/events"
        ctx = client_context(desk.identity, box.cert_pem)
        headers = {"Authorization": f"Bearer {desk.token}"}
        popped: list[int] = []
        async with websockets.connect(url, ssl=ctx, additional_headers=headers) as ws:
            filler = await asyncio.to_thread(_fill, small_disk)
            async with asyncio.timeout(90):
                while len(popped) < WHILE_FULL:
                    event = json.loads(await ws.recv())
                    if event["kind"] == "pop":
                        popped.append(int(event["data"]["call_id"]))
            async with desk.http() as http:
                status = (await http.get("/status")).json()
                edit = await http.post("/customers", json={"display_name": "新規 顧客"})
            await asyncio.to_thread(filler.unlink)
        assert {"code": "disk_full", "values": {}} in status["warnings"]
        assert edit.status_code in (201, 507), edit.text  # stored from the reserve, or refused
        if edit.status_code == 507:
            assert "disk is full" in edit.json()["detail"]
        assert box.proc.returncode is None
    store = Vault(data).unlock_with_keyfile().open_store()
    try:
        kept = store.executor.call(
            lambda: {int(c.id): c.number for c in Call.select().where(Call.id.in_(popped))}
        )
    finally:
        store.close()
    assert sorted(kept) == sorted(popped) and all(n in NUMBERS for n in kept.values())
