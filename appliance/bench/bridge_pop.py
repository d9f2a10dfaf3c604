"""Pop latency per bridge source: each emulator's last caller-ID byte to a desk's pop event,
through a real box process with one [[lines]] entry per source and a paired desk."""

from __future__ import annotations

import asyncio
import socket
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from appliance.bench._popkit import box_and_desks, first_pops, percentile, prepare_box, wait_for
from firmware_bridge.linecard.emulator import LineCardEmulator
from firmware_bridge.linecard.protocol import MessageReader
from firmware_bridge.linecard.protocol.messages import CidBytes, CidFields
from firmware_bridge.ncid.emulator import NcidServerEmulator
from firmware_bridge.nd.emulator import NdAdapterEmulator, frame_body
from firmware_bridge.pty_link import PtyLink
from firmware_bridge.whozz.emulator import WhozzUnitEmulator

KINDS = ("nd", "whozz", "ncid", "linecard")
BUDGET_MS = 50.0
LINECARD_SPEED = 20  # card time runs 20x: a CAR call is ~18 s of card time between calls


def _digits(number: str | None) -> str:
    return "".join(c for c in number or "" if c.isdigit())


@dataclass
class _Source:
    """One emulator, its [[lines]] TOML, how to place a call, and when each call's caller ID
    finished going out (CLOCK_MONOTONIC, by number digits)."""

    kind: str
    toml: list[str]
    place: Callable[[str], Awaitable[None]]
    stop: Callable[[], Awaitable[None]]
    sent: dict[str, float] = field(default_factory=dict)


def _timed_pty(
    link: PtyLink, sent: dict[str, float], numbers: Callable[[bytes], list[str]]
) -> None:
    """Note the time of each pty write that carries a caller-ID number (the last wins: a resend
    is the byte that counts)."""
    plain = link.write

    def write(data: bytes) -> None:
        plain(data)
        now = time.monotonic()
        for number in numbers(data):
            sent[number] = now

    link.write = write  # type: ignore[method-assign]


async def _nd() -> _Source:
    emulator = NdAdapterEmulator()
    src = _Source("nd", [], lambda n: asyncio.sleep(0), emulator.stop)
    waiting: list[str] = []

    def numbers(data: bytes) -> list[str]:
        text = bytes(b & 0x7F for b in data)  # 7E1: the parity bit rides on bit 7
        return [n for n in waiting if n.encode() in text]

    _timed_pty(emulator.link, src.sent, numbers)

    async def place(number: str) -> None:
        waiting.append(number)
        emulator.queue(frame_body(12, 1, 2, 9, 30, number))

    src.place = place
    src.toml = [
        "[[lines]]",
        'name = "nd"',
        'driver = "nd-adapter"',
        f'device = "{emulator.path}"',
        "retry_s = 0.2",
    ]
    await emulator.start()
    return src


def _free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _whozz() -> _Source:
    port = _free_udp_port()
    unit = WhozzUnitEmulator(1, 4101, port=port)
    src = _Source("whozz", [], lambda n: asyncio.sleep(0), lambda: asyncio.sleep(0))

    async def place(number: str) -> None:
        unit.send_record(f"01 I S 0000 G A0 12/01 09:30 AM {number:<14} RINGDESK BENCH")
        src.sent[number] = time.monotonic()

    async def stop() -> None:
        unit.close()

    src.place, src.stop = place, stop
    src.toml = [
        "[[lines]]",
        'name = "wc"',
        'driver = "whozz"',
        'host = "127.0.0.1"',
        f"port = {port}",
        "[lines.line_names]",
        '"1/1" = "wc"',
    ]
    return src


async def _ncid() -> _Source:
    server = NcidServerEmulator()
    await server.start()

    async def place(number: str) -> None:
        await server.broadcast(
            f"CID: *DATE*12012026*TIME*0930*LINE*1*NMBR*{number}*MESG*NONE*NAME*NO NAME*"
        )
        src.sent[number] = time.monotonic()  # drain() returned: the last byte is in the socket

    src = _Source("ncid", [], place, server.stop)
    src.toml = [
        "[[lines]]",
        'name = "ncid"',
        'driver = "ncid"',
        'host = "127.0.0.1"',
        f"port = {server.port}",
        "retry_s = 0.2",
    ]
    return src


async def _linecard() -> _Source:
    card = LineCardEmulator(speed=LINECARD_SPEED)
    src = _Source("linecard", [], lambda n: asyncio.sleep(0), card.stop)
    reader = MessageReader()
    waiting: list[str] = []

    def numbers(data: bytes) -> list[str]:
        # the caller ID goes out as protocol frames: a complete Cid* frame is its last byte
        got = [m for m in reader.feed(data) if isinstance(m, (CidBytes, CidFields))]
        return [waiting.pop(0) for _ in got if waiting]

    _timed_pty(card.link, src.sent, numbers)

    async def place(number: str) -> None:
        waiting.append(number)
        card.place_call(number, rings=1)

    src.place = place
    src.toml = [
        "[[lines]]",
        'name = "card"',
        'driver = "linecard"',
        f'device = "{card.path}"',
        "retry_s = 0.2",
    ]
    await card.start()
    return src


async def pop_latencies(tmp: Path, calls: int, customers: int = 300) -> dict[str, Any]:
    """Place `calls` calls on each source in turn; per source p50/p99 ms and delivered/expected."""
    sources = [await _nd(), await _whozz(), await _ncid(), await _linecard()]
    try:
        toml = [line for s in sources for line in s.toml]
        numbers = await asyncio.to_thread(prepare_box, tmp / "box", customers, customers, [], toml)
        return await _run(tmp, sources, numbers, calls)
    finally:
        for s in sources:
            await s.stop()


async def _run(tmp: Path, sources: list[_Source], numbers: list[str], calls: int) -> dict[str, Any]:
    if len(numbers) < calls * len(sources):
        raise ValueError(f"{len(numbers)} seeded numbers cannot give {calls} calls per source")
    plan = {s.kind: numbers[i * calls : (i + 1) * calls] for i, s in enumerate(sources)}
    with box_and_desks(tmp / "box", 1, "--ring-timeout", "1.0") as run:
        await asyncio.sleep(1.5)  # every source connects (the box logs each line's status)
        placed = 0
        for i in range(calls):
            for s in sources:
                await s.place(plan[s.kind][i])
                placed += 1
                await wait_for(run, placed, 8.0)
            await asyncio.sleep(1.3)  # the ring timeout ends every line's call before the next
        with run.lock:
            seen = list(run.seen)
    first = first_pops(seen)
    out: dict[str, Any] = {}
    for s in sources:
        mine = set(plan[s.kind])
        got = [p for p in first if _digits(p["number"]) in mine]
        ms = [
            (p["t"] - s.sent[_digits(p["number"])]) * 1000
            for p in got
            if _digits(p["number"]) in s.sent
        ]
        out[f"{s.kind}_pop_p50_ms"] = round(statistics.median(ms), 2) if ms else -1.0
        out[f"{s.kind}_pop_p99_ms"] = round(percentile(ms, 0.99), 2) if ms else -1.0
        out[f"{s.kind}_pop_delivered"] = len(got)
        out[f"{s.kind}_pop_expected"] = calls
    return out


def measure(calls: int) -> dict[str, Any]:
    """Run the per-source pop latency in a temporary box directory."""
    with tempfile.TemporaryDirectory(prefix="ringdesk-bench-bridge-") as tmp:
        return asyncio.run(pop_latencies(Path(tmp), calls))
