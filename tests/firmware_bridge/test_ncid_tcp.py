"""The NCID driver against the emulated server over loopback TCP, including a server restart."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

from drivers.base import CallerId, DeviceStatus, LineEvent
from firmware_bridge.ncid.driver import NcidDriver
from firmware_bridge.ncid.emulator import NcidServerEmulator

CID = "CID: *DATE*11222026*TIME*1910*LINE*POTS*NMBR*{}*MESG*NONE*NAME*Suzuki*"


async def _until(
    stream: AsyncIterator[LineEvent], pred: Callable[[LineEvent], bool]
) -> list[LineEvent]:
    got: list[LineEvent] = []
    async with asyncio.timeout(5):
        while True:
            got.append(await anext(stream))
            if pred(got[-1]):
                return got


async def test_calls_arrive_and_the_client_reconnects_after_a_restart() -> None:
    server = NcidServerEmulator()
    await server.start()
    driver = NcidDriver(port=server.port, retry_s=0.05)
    await driver.start()
    stream = driver.events()
    await _until(stream, lambda e: isinstance(e, DeviceStatus) and e.state == "connected")
    await server.broadcast(CID.format("0312345678"))
    got = await _until(stream, lambda e: isinstance(e, CallerId))
    assert got[-1].line == "ncid-POTS"
    assert server.received[:2] == ["HELLO: IDENT: client ringdesk 0.1", "HELLO: CMD: no_log"]

    port = server.port
    await server.stop()
    await _until(stream, lambda e: isinstance(e, DeviceStatus) and e.state == "reconnecting")
    server = NcidServerEmulator(port=port)
    await server.start()
    await _until(stream, lambda e: isinstance(e, DeviceStatus) and e.state == "connected")
    await server.broadcast(CID.format("0667891234"))
    got = await _until(stream, lambda e: isinstance(e, CallerId))
    assert isinstance(got[-1], CallerId) and got[-1].number == "0667891234"
    await driver.stop()
    await server.stop()
