"""For `ringdesk bench abuse`: calls ringing while the box's disk is full. A box on a small
tmpfs of its own with a simulated line that rings again and again; the file system is filled
to the last byte, the pops a paired desk sees meanwhile are counted, space is given back, and
the calls on disk are compared with the calls popped. Needs root (to mount a tmpfs)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import subprocess
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import IO

import websockets

from appliance.bench._popkit import prepare_box, stop_process
from appliance.contract.identity import Identity
from appliance.contract.tls import client_context

SIZE = "40m"
PLACED = 8  # calls popped while the disk is full
LINE = """[[lines]]
name = "line1"
driver = "simulated"
repeat = true
gap_s = 1.0
calls = [{number = "0312345601", rings = 1, answered = false},
         {number = "0312345602", rings = 1, answered = false}]"""


def _fill(folder: Path) -> Path:
    filler = folder / "filler.bin"
    block = b"\0" * (256 * 1024)
    with filler.open("wb") as out, contextlib.suppress(OSError):
        while True:
            out.write(block)
            out.flush()
    return filler


def _mount(folder: Path) -> bool:
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SIZE}", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


def _unmount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], check=False, capture_output=True)


def _stored(data: Path, ids: list[int]) -> int:
    from appliance.db.models import Call
    from appliance.vault.vault import Vault

    store = Vault(data).unlock_with_keyfile().open_store()
    try:
        return int(store.executor.call(lambda: Call.select().where(Call.id.in_(ids)).count()))
    finally:
        store.close()


StartBox = Callable[[Path, IO[str]], "subprocess.Popen[str]"]
Pair = Callable[[int, bytes, str, str], Awaitable[Identity]]


async def calls_on_full_disk(tmp: Path, starter: StartBox, pairer: Pair) -> dict[str, int]:
    """{"calls_kept_on_full_disk": stored, "calls_placed": popped}; -1 for both without root."""
    disk = tmp / "small-disk"
    if not await asyncio.to_thread(_mount, disk):
        return {"calls_kept_on_full_disk": -1, "calls_placed": -1}
    popped: list[int] = []
    try:
        data = disk / "box"
        await asyncio.to_thread(prepare_box, data, 20, 0, [], [LINE])
        with (tmp / "box-full-disk.log").open("w", encoding="utf-8") as log:
            box = await asyncio.to_thread(starter, data, log)
            try:
                assert box.stdout is not None
                ready = json.loads(await asyncio.to_thread(box.stdout.readline) or "{}")
                port, cert = int(ready["port"]), (data / "box-cert.pem").read_bytes()
                desk = await pairer(port, cert, ready["fingerprint"], ready["pairing_code"])
                url = f"wss://127.0.0.1:{port}/events"
                async with websockets.connect(url, ssl=client_context(desk, cert)) as ws:
                    filler = await asyncio.to_thread(_fill, disk)
                    with contextlib.suppress(TimeoutError):
                        async with asyncio.timeout(60):
                            while len(popped) < PLACED:
                                event = json.loads(await ws.recv())
                                if event["kind"] == "pop":
                                    popped.append(int(event["data"]["call_id"]))
                    await asyncio.to_thread(filler.unlink)
            finally:
                stop_process(box)
        kept = await asyncio.to_thread(_stored, data, popped)
    finally:
        await asyncio.to_thread(_unmount, disk)
    return {"calls_kept_on_full_disk": kept, "calls_placed": len(popped)}
