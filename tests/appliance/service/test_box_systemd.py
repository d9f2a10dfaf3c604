"""A real box process as systemd runs it: READY=1 and STATUS on the notify socket once serving,
WATCHDOG=1 pings while its call path answers (a call pops meanwhile), STOPPING=1 at SIGTERM;
its log goes to the journal stream with priority prefixes and without the caller's data."""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
from pathlib import Path

import websockets

from appliance.contract.tls import client_context
from drivers.modem import ModemEmulator
from tests.appliance.service.boxproc import (
    RINGDESK,
    BoxProc,
    init_box,
    login,
    next_event,
    pair_desk,
)


async def _messages(sock: socket.socket, until: str) -> list[str]:
    """Datagrams from the box until one contains `until`."""
    loop = asyncio.get_running_loop()
    got: list[str] = []
    async with asyncio.timeout(60):
        while not got or until not in got[-1]:
            got.append((await loop.sock_recv(sock, 4096)).decode())
    return got


async def test_box_notifies_systemd_feeds_the_watchdog_and_logs_for_the_journal(
    tmp_path: Path,
) -> None:
    (tmp_path / "dev").mkdir()
    emulator = ModemEmulator("conexant", link_dir=tmp_path / "dev")
    await emulator.start()
    data = tmp_path / "box"
    toml = f"""
region = "JP"
[[lines]]
name = "line1"
driver = "modem"
device = "{tmp_path / "dev"}/ttyACM*"
"""
    init_box(data, toml=toml, customers=[("鈴木 一郎", "090-1234-5678")])
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(tmp_path / "notify"))
    sock.setblocking(False)
    log_path = tmp_path / "journal.log"
    log = log_path.open("w", encoding="utf-8")
    st = os.fstat(log.fileno())
    env = {
        **os.environ,
        "NOTIFY_SOCKET": str(tmp_path / "notify"),
        "WATCHDOG_USEC": "400000",
        "JOURNAL_STREAM": f"{st.st_dev}:{st.st_ino}",
    }
    proc = await asyncio.create_subprocess_exec(
        *(RINGDESK, "box", "--data", str(data), "--port", "0", "--ready-json"),
        "--no-discovery",
        stdout=asyncio.subprocess.PIPE,
        stderr=log,
        env=env,
    )
    try:
        ready_msgs = await _messages(sock, "READY=1")
        assert "STATUS=serving on port" in ready_msgs[-1]
        assert proc.stdout is not None
        ready = json.loads(await proc.stdout.readline())
        box = BoxProc(proc, ready["port"], ready["fingerprint"], ready["pairing_code"], b"")
        box.cert_pem = (data / "box-cert.pem").read_bytes()
        desk = await pair_desk(box)
        await login(desk)
        ctx = client_context(desk.identity, box.cert_pem)
        headers = {"Authorization": f"Bearer {desk.token}"}
        url = f"wss://127.0.0.1:{box.port}/events"
        async with websockets.connect(url, ssl=ctx, additional_headers=headers) as ws:
            emulator.place_call("09012345678", None, rings=2, ring_interval_s=0.5, japan=True)
            pop = (await next_event(ws, "pop"))["data"]
            assert pop["number_display"] == "090-1234-5678"
        pings = await _messages(sock, "WATCHDOG=1")
        pings += await _messages(sock, "WATCHDOG=1")
        assert pings[-1] == "WATCHDOG=1"
        proc.terminate()
        assert "STOPPING=1" in (await _messages(sock, "STOPPING=1"))[-1]
        assert await asyncio.wait_for(proc.wait(), 30) == 0
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        log.close()
        sock.close()
        await emulator.stop()
    text = log_path.read_text(encoding="utf-8")
    print(text[-4000:])
    logged = [line for line in text.splitlines() if "appliance." in line]
    assert any("box started" in line for line in logged)
    # (a library's warning at import, before logging is set up, is the only other line)
    assert all(re.match(r"<[3-7]>appliance\.", line) for line in logged), logged[:5]
    for personal in ("09012345678", "090-1234-5678", "鈴木", "一郎"):
        assert personal not in text
