"""Source-to-LineEvent latency for each bridge emulator (the first half of pop latency)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable

from drivers.base import CallerId, LineEvent
from firmware_bridge.ncid.driver import NcidDriver
from firmware_bridge.ncid.emulator import NcidServerEmulator
from firmware_bridge.nd.driver import NdAdapterDriver
from firmware_bridge.nd.emulator import NdAdapterEmulator, frame_body
from firmware_bridge.whozz.driver import WhozzUdpDriver
from firmware_bridge.whozz.emulator import WhozzUnitEmulator


def p99(samples: list[float]) -> float:
    """99th percentile (nearest rank) in milliseconds."""
    ordered = sorted(samples)
    return ordered[max(0, round(0.99 * len(ordered)) - 1)] * 1000


async def _measure(
    stream: AsyncIterator[LineEvent], trigger: Callable[[int], Awaitable[None]], n: int
) -> list[float]:
    out: list[float] = []
    for i in range(n):
        t0 = time.perf_counter()
        await trigger(i)
        async with asyncio.timeout(5):
            while not isinstance(await anext(stream), CallerId):
                pass
        out.append(time.perf_counter() - t0)
    return out


async def _whozz(n: int) -> list[float]:
    driver = WhozzUdpDriver(host="127.0.0.1", port=0)
    await driver.start()
    unit = WhozzUnitEmulator(1, 1, port=driver.bound_port)

    async def trigger(i: int) -> None:
        unit.send_record(f"01 I S 0000 G A0 11/22 07:{i % 60:02d} PM 03-1234-{i:04d} TEST")

    try:
        return await _measure(driver.events(), trigger, n)
    finally:
        unit.close()
        await driver.stop()


async def _ncid(n: int) -> list[float]:
    server = NcidServerEmulator()
    await server.start()
    driver = NcidDriver(port=server.port, retry_s=0.05)
    await driver.start()
    await server.connected.wait()

    async def trigger(i: int) -> None:
        await server.broadcast(f"CID: *DATE*11222026*TIME*1920*LINE*POTS*NMBR*031234{i:04d}*")

    try:
        return await _measure(driver.events(), trigger, n)
    finally:
        await driver.stop()
        await server.stop()


async def _nd(n: int) -> list[float]:
    emulator = NdAdapterEmulator()
    driver = NdAdapterDriver("nd", emulator.path, "line1", retry_s=0.05)
    await driver.start()
    await emulator.start()

    async def trigger(i: int) -> None:
        emulator.queue(frame_body(11, 22, 0, 19, i % 60, f"090{i:08d}"))

    try:
        return await _measure(driver.events(), trigger, n)
    finally:
        await emulator.stop()
        await driver.stop()


async def source_latencies(n: int) -> dict[str, float]:
    """p99 ms from an emulator sending a call to the driver yielding its CallerId."""
    return {
        "whozz_event_p99_ms": p99(await _whozz(n)),
        "ncid_event_p99_ms": p99(await _ncid(n)),
        "nd_event_p99_ms": p99(await _nd(n)),
    }
