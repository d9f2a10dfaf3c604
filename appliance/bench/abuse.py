"""`ringdesk bench abuse`: a box process attacked from loopback hosts; figures with budgets.

Idle, half-sent and handshake-less connections from one host are held past the deadlines;
one host opens a flood of connections while a paired desk asks for its status; the box's log
is measured across it all. Every loop is bounded in count and time; nothing leaves loopback."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import IO

import httpx

from appliance.bench._full_disk import calls_on_full_disk
from appliance.bench._popkit import prepare_box, stop_process
from appliance.bench.result import BenchResult, Budget
from appliance.contract.identity import Identity, make_identity
from appliance.contract.pairing_proof import DeskHandshake
from appliance.contract.tls import client_context

BOX = "127.0.0.1"
FLOODER, IDLER = "127.0.0.2", "127.0.0.3"  # other hosts on the loopback network
# (flood connections, the figure counts connections still open this long after going idle,
#  [api] settings of the box: the product's defaults, or short deadlines for a smoke run)
FULL = (1000, 30.0, "")
QUICK = (200, 5.0, "[api]\nhandshake_timeout_s = 1\nheader_timeout_s = 1\nbody_timeout_s = 1")
BIG_BODY = 200 << 20  # sent to /pair/start, declared and chunked
Conn = tuple[asyncio.StreamReader, asyncio.StreamWriter]


def run(args: argparse.Namespace) -> BenchResult:
    """Start a box, attack it from loopback, measure (--quick: 1 s deadlines, 5 s idle)."""
    quick = getattr(args, "quick", False)
    with tempfile.TemporaryDirectory(prefix="ringdesk-bench-abuse-") as tmp_name:
        return asyncio.run(_measure(Path(tmp_name), *QUICK if quick else FULL))


async def _measure(tmp: Path, flood: int, idle_after_s: float, api: str) -> BenchResult:
    data = tmp / "box"
    await asyncio.to_thread(prepare_box, data, 50, 0, [], [api] if api else [])
    log_path = tmp / "box.log"
    with log_path.open("w", encoding="utf-8") as log:
        box = await asyncio.to_thread(_start_box, data, log)
        try:
            assert box.stdout is not None
            ready = json.loads(await asyncio.to_thread(box.stdout.readline) or "{}")
            if "port" not in ready:
                raise RuntimeError("box did not start: " + log_path.read_text())
            port, cert = int(ready["port"]), (data / "box-cert.pem").read_bytes()
            desk = await _pair(port, cert, ready["fingerprint"], ready["pairing_code"])
            rss_idle = _rss_mb(box.pid)
            log_before = log_path.stat().st_size
            idle_open = await _idle_connections(port, cert, idle_after_s)
            flood_figures = await _flood(port, cert, desk, flood)
            log_bytes = log_path.stat().st_size - log_before
            await _big_bodies(port, cert)
            rss_after = _rss_mb(box.pid)
        finally:
            stop_process(box)
    full_disk = await calls_on_full_disk(tmp, _start_box, _pair)
    figures = {
        "idle_conns_open_after_s": idle_open,
        **flood_figures,
        "log_bytes_under_flood": log_bytes,
        "rss_after_big_body_mb": rss_after,
        **full_disk,
    }
    budgets = {
        "idle_conns_open_after_s": Budget(0),
        "desk_ok_under_flood": Budget(1, True),
        "log_bytes_under_flood": Budget(1_000_000),
        "rss_after_big_body_mb": Budget(round(1.2 * rss_idle, 1)),
        "calls_kept_on_full_disk": Budget(max(1, full_disk["calls_placed"]), True),
    }
    context = {
        "idle_after_s": idle_after_s,
        "flood_connections": flood,
        "rss_idle_mb": rss_idle,
        "big_body_mb": BIG_BODY >> 20,
        "hosts": f"box {BOX}, flood {FLOODER}, idle {IDLER}",
        "full_disk": "a second box on a 40 MiB tmpfs filled to the last byte (-1: not root)",
    }
    return BenchResult("abuse", figures=figures, budgets=budgets, context=context)


def _start_box(data: Path, log: IO[str]) -> subprocess.Popen[str]:
    ringdesk = str(Path(sys.executable).with_name("ringdesk"))
    return subprocess.Popen(
        [ringdesk, "box", "--data", str(data), "--port", "0", "--ready-json", "--no-discovery"],
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
    )


async def _pair(port: int, cert: bytes, box_fp: str, code: str) -> Identity:
    desk = make_identity("desk-bench")
    hand = DeskHandshake(code, desk.fingerprint, box_fp)
    async with httpx.AsyncClient(
        base_url=f"https://{BOX}:{port}", timeout=10, verify=client_context(None, None)
    ) as http:
        r = await http.post(
            "/pair/start",
            json={
                "desk_name": "bench",
                "desk_cert_pem": desk.cert_pem.decode(),
                "spake_msg": hand.msg.hex(),
            },
        )
        r.raise_for_status()
        mac = hand.confirm(bytes.fromhex(r.json()["spake_msg"]))
        r = await http.post("/pair/finish", json={"attempt": r.json()["attempt"], "mac": mac.hex()})
        r.raise_for_status()
    return desk


async def _open(port: int, cert: bytes | None, host: str) -> Conn | None:
    """A connection from `host` (TLS without a client certificate when cert is given)."""
    ssl = client_context(None, cert) if cert is not None else None
    try:
        return await asyncio.wait_for(
            asyncio.open_connection(BOX, port, ssl=ssl, local_addr=(host, 0)), 10
        )
    except (OSError, TimeoutError):
        return None


def _still_open(conn: Conn) -> bool:
    reader, writer = conn
    return not (reader.at_eof() or reader.exception() is not None or writer.transport.is_closing())


async def _idle_connections(port: int, cert: bytes, idle_after_s: float) -> int:
    """Idle, half-sent and handshake-less connections; how many are open idle_after_s later."""
    conns: list[Conn] = []
    sends = [
        b"",
        b"GET /status HTTP/1.1\r\nHost: box\r\n",
        b"POST /pair/start HTTP/1.1\r\nHost: box\r\nContent-Length: 100\r\n\r\n{",
    ]
    for i in range(12):
        conn = await _open(port, cert if i % 4 else None, IDLER)
        if conn is not None:
            conn[1].write(sends[i % 3] if i % 4 else b"")
            conns.append(conn)
    await asyncio.sleep(idle_after_s)  # the loop runs meanwhile: closes reach the readers
    still = sum(_still_open(c) for c in conns)
    for _, writer in conns:
        writer.close()
    return still


async def _flood(port: int, cert: bytes, desk: Identity, count: int) -> dict[str, object]:
    """One host opens `count` connections and holds them; a paired desk asks for its status."""
    held: list[Conn] = []
    t0 = time.monotonic()
    for i in range(count):
        conn = await _open(port, cert if i % 2 else None, FLOODER)
        if conn is not None:
            held.append(conn)
        if time.monotonic() - t0 > 120:  # bounded in time too
            break
    await asyncio.sleep(1.0)  # refusals reach the flooder
    held_open = sum(_still_open(c) for c in held)
    ok = False
    try:
        async with httpx.AsyncClient(
            base_url=f"https://{BOX}:{port}", timeout=10, verify=client_context(desk, cert)
        ) as http:
            ok = (await http.get("/status")).status_code == 200
    except httpx.HTTPError:
        ok = False
    for _, writer in held:
        writer.close()
    return {"desk_ok_under_flood": ok, "flood_conns_held_open": held_open}


def _rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    line = next(x for x in status.splitlines() if x.startswith("VmRSS:"))
    return round(int(line.split()[1]) / 1024, 1)


async def _big_bodies(port: int, cert: bytes) -> None:
    """200 MB to /pair/start before pairing: once with its length declared, once chunked."""

    async def chunks() -> AsyncIterator[bytes]:
        block = b"x" * (1 << 20)
        for _ in range(BIG_BODY >> 20):
            yield block

    async with httpx.AsyncClient(
        base_url=f"https://{BOX}:{port}", timeout=30, verify=client_context(None, cert)
    ) as http:
        for declared in ({"content-length": str(BIG_BODY)}, {}):
            with contextlib.suppress(httpx.HTTPError):  # the box may close while it is sent
                await http.post("/pair/start", content=chunks(), headers=declared)
