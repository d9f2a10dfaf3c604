"""Test helpers: a real `ringdesk box` process on a fresh data dir, and a desk that pairs."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import wave
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import numpy as np

from appliance.contract.identity import Identity, make_identity
from appliance.contract.pairing_proof import DeskHandshake
from appliance.contract.tls import client_context
from appliance.core.access.passwords import hash_password
from drivers.callerid import synth
from drivers.modem import ModemEmulator

RINGDESK = str(Path(sys.executable).with_name("ringdesk"))
PASSWORD = "kamogawa-river-1987"
# a box on a simulated line that places no calls of its own
QUIET_TOML = """
name = "テスト寿司"
region = "JP"
[[lines]]
name = "line1"
driver = "simulated"
pace = 0.05
calls = []
"""


def line_wav(path: Path, samples: np.ndarray, snr_db: float) -> Path:
    """A WAV file for a `wav:` sound-card line: 8 kHz mono 16-bit, white noise at snr_db."""
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(synth.RATE)
        w.writeframes(synth.to_pcm16(synth.noise(samples, snr_db)))
    return path


def init_box(data: Path, *, toml: str, customers: list[tuple[str, str]]) -> None:
    """`ringdesk init` with a key file, an admin user, the given customers, and ringdesk.toml."""
    subprocess.run(
        [RINGDESK, "init", "--data", str(data), "--key-file", str(data / "usb.key")],
        check=True,
        capture_output=True,
    )
    from appliance.core.actor import Actor
    from appliance.core.customers import create_customer
    from appliance.core.users import create_user
    from appliance.vault.vault import Vault

    store = Vault(data).unlock_with_keyfile().open_store(create=True)
    try:
        actor = Actor.system("test")
        store.executor.call(
            create_user, actor, "hanako", role="admin", password_hash=hash_password(PASSWORD)
        )
        for name, phone in customers:
            store.executor.call(create_customer, actor, name, phones=[(phone, "自宅")])
    finally:
        store.close()
    (data / "ringdesk.toml").write_text(toml, encoding="utf-8")


@dataclass
class BoxProc:
    """A running box process and what it printed when ready."""

    proc: asyncio.subprocess.Process
    port: int
    fingerprint: str
    code: str | None
    cert_pem: bytes


@asynccontextmanager
async def run_box(data: Path, *extra: str) -> AsyncIterator[BoxProc]:
    """Start `ringdesk box --ready-json`, SIGTERM it after.

    The box's log goes to DATA/../box.log (printed by pytest when a test fails)."""
    log = (data.parent / "box.log").open("a", encoding="utf-8")
    proc = await asyncio.create_subprocess_exec(
        RINGDESK,
        "box",
        "--data",
        str(data),
        "--port",
        "0",
        "--ready-json",
        "--no-discovery",
        *extra,
        stdout=asyncio.subprocess.PIPE,
        stderr=log,
        env={**os.environ},
    )
    try:
        assert proc.stdout is not None
        line = await proc.stdout.readline()
        if not line:
            raise RuntimeError(f"box did not start: {(data.parent / 'box.log').read_text()}")
        ready = json.loads(line)
        cert = (data / "box-cert.pem").read_bytes()
        yield BoxProc(proc, ready["port"], ready["fingerprint"], ready["pairing_code"], cert)
    finally:
        if proc.returncode is None:
            proc.terminate()
        try:
            await asyncio.wait_for(proc.wait(), 15)
        except TimeoutError:
            proc.kill()
            await proc.wait()
        log.close()
        print((data.parent / "box.log").read_text(encoding="utf-8")[-4000:])


@dataclass
class Desk:
    """A paired desk: its identity, its vault secret and (after login) a session token."""

    identity: Identity
    box: BoxProc
    secret: bytes = b""
    token: str = ""

    def http(self) -> httpx.AsyncClient:
        """A mutual-TLS client to the box."""
        ctx = client_context(self.identity, self.box.cert_pem)
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        return httpx.AsyncClient(
            base_url=f"https://127.0.0.1:{self.box.port}", verify=ctx, headers=headers, timeout=10
        )


async def pair_desk(box: BoxProc, name: str = "受付") -> Desk:
    """Pair a new desk with the box's printed code (SPAKE2, then mutual TLS)."""
    assert box.code is not None
    desk = Desk(make_identity(f"desk-{name}"), box)
    hand = DeskHandshake(box.code, desk.identity.fingerprint, box.fingerprint)
    async with httpx.AsyncClient(
        base_url=f"https://127.0.0.1:{box.port}", verify=client_context(None, None)
    ) as http:
        r = await http.post(
            "/pair/start",
            json={
                "desk_name": name,
                "desk_cert_pem": desk.identity.cert_pem.decode(),
                "spake_msg": hand.msg.hex(),
            },
        )
        r.raise_for_status()
        start = r.json()
        mac = hand.confirm(bytes.fromhex(start["spake_msg"]))
        r = await http.post("/pair/finish", json={"attempt": start["attempt"], "mac": mac.hex()})
        r.raise_for_status()
        out = r.json()
    desk.secret = hand.open(bytes.fromhex(out["mac"]), bytes.fromhex(out["sealed_secret"]))
    return desk


async def login(desk: Desk, username: str = "hanako", password: str = PASSWORD) -> None:
    """Log a user in on the desk."""
    async with desk.http() as http:
        r = await http.post("/login", json={"username": username, "password": password})
        r.raise_for_status()
        desk.token = r.json()["token"]


async def next_event(ws: Any, kind: str, wait_s: float = 30.0) -> dict[str, Any]:
    """The next event of `kind` on a desk's WebSocket."""

    async def wait() -> dict[str, Any]:
        while True:
            event: dict[str, Any] = json.loads(await ws.recv())
            if event["kind"] == kind:
                return event

    return await asyncio.wait_for(wait(), wait_s)


async def answering_box(tmp_path: Path) -> tuple[ModemEmulator, Path]:
    """A started modem emulator and a box on it that answers after 2 rings and records."""
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
auto_answer_rings = 2
record = true
"""
    init_box(data, toml=toml, customers=[("岡田 由美", "092-711-4455")])
    return emulator, data
