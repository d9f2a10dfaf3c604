"""Other line sources through a real box process: a sound card fed by a caller-ID recording
(made here with the product's synthesizer, noise added), and the box's NCID output read by an
NCID client."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import numpy as np
import websockets

from appliance.contract.tls import client_context
from drivers.callerid import synth
from tests.appliance.service.boxproc import (
    init_box,
    line_wav,
    login,
    next_event,
    pair_desk,
    run_box,
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ringing_line(path: Path) -> Path:
    """What a sound card on a US line hears: a ring, then Bell 202 MDMF caller ID
    (5551234567, JOHN DOE) at 30 dB SNR; a WAV file for a `wav:` line."""
    cid = synth.mdmf([(0x01, b"12071105"), (0x02, b"5551234567"), (0x07, b"JOHN DOE")])
    ring = 0.3 * np.sin(2 * np.pi * 20 * np.arange(8000 * 2) / 8000)
    x = np.concatenate(
        [synth.silence(0.3), ring, synth.silence(0.5), synth.fsk(cid), synth.silence(1.0)]
    )
    return line_wav(path, x, 30.0)


async def test_sound_card_pops_and_ncid_clients_see_it_after_a_restart(tmp_path: Path) -> None:
    wav = _ringing_line(tmp_path / "line1.wav")
    ncid_port = _free_port()
    toml = f"""
name = "Front desk"
region = "US"
[[lines]]
name = "line1"
driver = "soundcard"
device = "wav:{wav}"
[ncid]
enabled = true
port = {ncid_port}
allow = ["127.0.0.1/32"]
"""
    data = tmp_path / "box"
    init_box(data, toml=toml, customers=[("John Doe", "+1 555-123-4567")])
    async with run_box(data) as box:
        reader, writer = await asyncio.open_connection("127.0.0.1", ncid_port)
        desk = await pair_desk(box, "front")
        await login(desk)
        url = f"wss://127.0.0.1:{box.port}/events?since=0"
        ctx = client_context(desk.identity, box.cert_pem)
        headers = {"Authorization": f"Bearer {desk.token}"}
        async with websockets.connect(url, ssl=ctx, additional_headers=headers) as ws:
            pop = (await next_event(ws, "pop", 60))["data"]
        ncid_lines = []
        async with asyncio.timeout(20):
            while not any(line.startswith("CID:") for line in ncid_lines):
                chunk = await reader.read(4096)
                assert chunk, "the box closed the NCID connection"
                ncid_lines += [ln for ln in chunk.decode("utf-8", "replace").splitlines() if ln]
        writer.close()
    assert pop["number"] == "5551234567" and pop["cid_name"] == "JOHN DOE"
    assert [c["display_name"] for c in pop["customers"]] == ["John Doe"]
    cid = next(line for line in ncid_lines if line.startswith("CID:"))
    # the box knows this caller: NCID clients get the customer's name, not the line's
    assert "*NMBR*5551234567*" in cid and "*NAME*John Doe*" in cid
    async with run_box(data):  # restarted: the call log NCID clients replay is still there
        reader, writer = await asyncio.open_connection("127.0.0.1", ncid_port)
        startup = b""
        async with asyncio.timeout(20):
            while b"300 End" not in startup:
                chunk = await reader.read(4096)
                assert chunk, "the box closed the NCID connection"
                startup += chunk
        writer.close()
    replay = [ln for ln in startup.decode().splitlines() if ln.startswith("CIDLOG:")]
    assert replay and "*NMBR*5551234567*" in replay[0] and "*NAME*John Doe*" in replay[0]


async def test_a_number_display_adapter_line_pops_on_a_desk(tmp_path: Path) -> None:
    from firmware_bridge.nd.emulator import NdAdapterEmulator, frame_body

    emulator = NdAdapterEmulator(parity_error_rate=0.2, seed=3)  # a noisy adapter: resends
    await emulator.start()
    toml = f"""
region = "JP"
[[lines]]
name = "line1"
driver = "nd-adapter"
device = "{emulator.path}"
"""
    data = tmp_path / "box"
    init_box(data, toml=toml, customers=[("松本 健", "06-6345-7788")])
    try:
        async with run_box(data) as box:
            desk = await pair_desk(box, "帳場")
            await login(desk)
            url = f"wss://127.0.0.1:{box.port}/events"
            ctx = client_context(desk.identity, box.cert_pem)
            headers = {"Authorization": f"Bearer {desk.token}"}
            async with websockets.connect(url, ssl=ctx, additional_headers=headers) as ws:
                emulator.queue(frame_body(12, 1, 2, 10, 30, "0663457788"))
                pop = (await next_event(ws, "pop", 30))["data"]
    finally:
        await emulator.stop()
    assert pop["number_display"] == "06-6345-7788"
    assert [c["display_name"] for c in pop["customers"]] == ["松本 健"]
