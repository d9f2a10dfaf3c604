"""Connection limits through a real box: idle and slow connections are closed by deadlines,
one host cannot hold more than its cap of unauthenticated connections, the log stays small."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from appliance.contract.tls import client_context
from tests.appliance.service.boxproc import BoxProc, init_box, login, pair_desk, run_box

BOUND_S = 20.0  # a hung test fails after this; the box's deadlines below are 1 s
TOML = """
name = "テスト寿司"
region = "JP"
[api]
handshake_timeout_s = 1
header_timeout_s = 1
body_timeout_s = 1
unauthenticated_per_host = {cap}
[[lines]]
name = "line1"
driver = "simulated"
calls = []
"""
ATTACKER = "127.0.0.2"  # another host on the loopback network


async def _closed_by_box(reader: asyncio.StreamReader) -> bool:
    """True once the box ends the connection (EOF or reset); False if it is still open."""
    try:
        while await asyncio.wait_for(reader.read(4096), BOUND_S):
            pass
    except (ConnectionError, ssl.SSLError):
        return True
    except TimeoutError:
        return False
    return True


Conn = tuple[asyncio.StreamReader, asyncio.StreamWriter]


async def _tls(box: BoxProc, host: str = ATTACKER) -> Conn:
    ctx = client_context(None, box.cert_pem)
    return await asyncio.open_connection("127.0.0.1", box.port, ssl=ctx, local_addr=(host, 0))


async def test_idle_and_slow_connections_are_closed_by_the_deadlines(tmp_path: Path) -> None:
    data = tmp_path / "box"
    init_box(data, toml=TOML.format(cap=16), customers=[])
    async with run_box(data) as box:
        raw = await asyncio.open_connection("127.0.0.1", box.port)  # no TLS handshake at all
        slow_hello = await asyncio.open_connection("127.0.0.1", box.port)
        slow_hello[1].write(b"\x16\x03\x01\x02\x00\x01")  # the start of a ClientHello
        idle = await _tls(box)  # TLS done, no request
        head = await _tls(box)
        head[1].write(b"GET /status HTTP/1.1\r\nHost: box\r\n")  # no blank line: head unfinished
        body = await _tls(box)
        body[1].write(
            b"POST /pair/start HTTP/1.1\r\nHost: box\r\nContent-Type: application/json"
            b"\r\nContent-Length: 100\r\n\r\n{"
        )
        conns = [raw, slow_hello, idle, head, body]
        try:
            closed = await asyncio.gather(*(_closed_by_box(r) for r, _ in conns))
        finally:
            for _, w in conns:
                w.close()
        assert closed == [True] * 5
        desk = await pair_desk(box)  # the box still serves
        await login(desk)


async def test_one_host_holds_at_most_its_cap_and_a_paired_desk_is_served_meanwhile(
    tmp_path: Path,
) -> None:
    cap = 8
    data = tmp_path / "box"
    toml = TOML.format(cap=cap).replace("= 1\n", "= 60\n")
    init_box(data, toml=toml.replace("[api]\n", "[api]\nqueued_per_host = 0\n"), customers=[])
    async with run_box(data) as box:
        desk = await pair_desk(box)  # from 127.0.0.1
        held = [await _tls(box) for _ in range(cap)]  # idle TLS connections from the attacker
        refused = 0
        try:
            for _ in range(20):  # more from the same host: dropped before any TLS work
                try:
                    extra = await asyncio.wait_for(_tls(box), BOUND_S)
                except (ConnectionError, ssl.SSLError):
                    refused += 1
                else:
                    held.append(extra)
            await login(desk)  # the desk's requests succeed while the attacker holds its cap
            async with desk.http() as http:
                assert (await http.get("/status")).status_code == 200
        finally:
            for _, w in held:
                w.close()
        assert refused == 20 and len(held) == cap


async def test_a_burst_over_the_cap_waits_for_a_place_and_past_the_queue_is_dropped(
    tmp_path: Path,
) -> None:
    data = tmp_path / "box"
    toml = TOML.format(cap=4).replace("= 1\n", "= 10\n")
    init_box(data, toml=toml.replace("[api]\n", "[api]\nqueued_per_host = 12\n"), customers=[])
    async with run_box(data) as box:
        desk = await pair_desk(box)
        await login(desk)

        async def status() -> int:
            async with desk.http() as http:
                return (await http.get("/status")).status_code

        # 16 desk connections at once (a box restart: every desk reconnects): 4 handshake, 12 wait
        codes = await asyncio.wait_for(asyncio.gather(*(status() for _ in range(16))), BOUND_S)
        assert codes == [200] * 16
        held = [await _tls(box) for _ in range(4)]  # an attacker's idle connections fill the cap
        queued = [asyncio.create_task(_tls(box)) for _ in range(12)]
        await asyncio.sleep(0.5)
        try:
            with pytest.raises((ConnectionError, ssl.SSLError)):
                await asyncio.wait_for(_tls(box), BOUND_S)  # past the queue: dropped at once
            async with desk.http() as http:  # a queued place does not stop a pinned desk
                assert (await http.get("/status")).status_code == 200
        finally:
            for _, w in held:
                w.close()
            for task in queued:
                task.cancel()


async def test_a_flood_of_bad_requests_leaves_a_few_log_lines(tmp_path: Path) -> None:
    data = tmp_path / "box"
    init_box(data, toml=TOML.format(cap=16), customers=[])
    async with run_box(data) as box:
        for _ in range(60):  # each: TLS, a request line that is not HTTP, the box answers 400
            reader, writer = await _tls(box)
            writer.write(b"\x00\x01 NOT HTTP \xff\r\n\r\n")
            await _closed_by_box(reader)
            writer.close()
        desk = await pair_desk(box)
        await login(desk)
    log = (tmp_path / "box.log").read_text(encoding="utf-8")
    assert 1 <= log.count("Invalid HTTP request") <= 5


def _peak_rss_mib(box: BoxProc) -> float:
    status = Path(f"/proc/{box.proc.pid}/status").read_text(encoding="ascii")
    line = next(x for x in status.splitlines() if x.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


async def test_a_body_over_its_routes_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    data = tmp_path / "box"
    init_box(data, toml=TOML.format(cap=16).replace("= 1\n", "= 30\n"), customers=[])
    async with run_box(data) as box:
        reader, writer = await _tls(box)  # 200 MB announced: refused on the head alone
        writer.write(
            b"POST /pair/start HTTP/1.1\r\nHost: box\r\nContent-Type: application/json"
            b"\r\nContent-Length: 200000000\r\n\r\n{"
        )
        answer = await asyncio.wait_for(reader.read(4096), BOUND_S)
        writer.close()
        assert answer.startswith(b"HTTP/1.1 413 ") and b"connection: close" in answer.lower()
        base = f"https://127.0.0.1:{box.port}"
        async with httpx.AsyncClient(
            base_url=base, verify=client_context(None, box.cert_pem), timeout=BOUND_S
        ) as http:
            r = await http.post(
                "/pair/start",
                content=b"{" + b" " * (64 << 10) + b"}",
                headers={"content-type": "application/json"},
            )
            assert r.status_code == 413
        before = _peak_rss_mib(box)

        async def chunks() -> AsyncIterator[bytes]:  # 64 MiB with no declared length
            yield b'{"desk_name": "'
            for _ in range(1024):
                yield b"x" * (64 << 10)

        async with httpx.AsyncClient(
            base_url=base, verify=client_context(None, box.cert_pem), timeout=BOUND_S
        ) as http:
            try:
                r = await http.post("/pair/start", content=chunks())
                assert r.status_code == 413
            except httpx.TransportError:  # the box closed while the body was still coming
                pass
        assert _peak_rss_mib(box) - before < 16
        desk = await pair_desk(box)  # ordinary bodies still pass
        await login(desk)
