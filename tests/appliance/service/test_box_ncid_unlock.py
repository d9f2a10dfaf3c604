"""NCID out on a box that starts locked: once a desk unlocks it, NCID clients get the stored
call log (the calls taken while locked included, each once), as after an unlocked start."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import numpy as np
import websockets

from appliance.contract.tls import client_context
from drivers.callerid import synth
from tests.appliance.service.boxproc import init_box, line_wav, next_event, pair_desk, run_box


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _startup_lines(port: int) -> list[str]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    got = b""
    async with asyncio.timeout(20):
        while b"300 End" not in got:
            chunk = await reader.read(4096)
            assert chunk, "the box closed the NCID connection"
            got += chunk
    writer.close()
    return got.decode("utf-8", "replace").splitlines()


async def test_a_later_unlock_loads_the_ncid_call_log(tmp_path: Path) -> None:
    cid = synth.mdmf([(0x01, b"12071105"), (0x02, b"5551234567"), (0x07, b"JOHN DOE")])
    ring = 0.3 * np.sin(2 * np.pi * 20 * np.arange(8000 * 2) / 8000)
    x = np.concatenate([synth.silence(0.3), ring, synth.silence(0.5), synth.fsk(cid)])
    wav = line_wav(tmp_path / "line1.wav", np.concatenate([x, synth.silence(1.0)]), 30.0)
    port = _free_port()
    toml = f"""
region = "US"
[[lines]]
name = "line1"
driver = "soundcard"
device = "wav:{wav}"
[ncid]
enabled = true
port = {port}
allow = ["127.0.0.1/32"]
"""
    data = tmp_path / "box"
    init_box(data, toml=toml, customers=[("John Doe", "+1 555-123-4567")])
    async with run_box(data) as box:  # unlocked by its key file: the first call is stored
        desk = await pair_desk(box)
        ctx = client_context(desk.identity, box.cert_pem)
        async with websockets.connect(f"wss://127.0.0.1:{box.port}/events?since=0", ssl=ctx) as ws:
            await next_event(ws, "pop", 60)
    (data / "usb.key").rename(tmp_path / "usb.key.away")  # the USB stick is pulled
    async with run_box(data) as box:  # locked: the second call is sealed
        desk.box = box
        ctx = client_context(desk.identity, box.cert_pem)
        async with websockets.connect(f"wss://127.0.0.1:{box.port}/events?since=0", ssl=ctx) as ws:
            assert (await next_event(ws, "pop", 60))["data"]["locked"] is True
        locked = [ln for ln in await _startup_lines(port) if ln.startswith("CIDLOG:")]
        async with desk.http() as http:
            r = await http.post("/unlock", json={"secret": desk.secret.hex()})
            assert r.status_code == 200, r.text
        unlocked = [ln for ln in await _startup_lines(port) if ln.startswith("CIDLOG:")]
    assert len(locked) == 1 and "*NAME*JOHN DOE*" in locked[0]  # only the live call
    assert len(unlocked) == 2  # both stored calls, the one taken while locked once
    assert all("*NMBR*5551234567*" in ln for ln in unlocked), unlocked
    assert "*NAME*John Doe*" in unlocked[0]  # the call stored before: the customer's name
