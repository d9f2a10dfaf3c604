"""ISDN TA and serial Whozz Calling text over a real pty into their serial drivers."""

from __future__ import annotations

import asyncio

from drivers.base import CallerId, DeviceStatus, LineEvent, OnHook, Unparsed
from firmware_bridge.nd.driver import IsdnTaDriver
from firmware_bridge.pty_link import PtyLink
from firmware_bridge.serial_driver import SerialLineDriver
from firmware_bridge.whozz.driver import WhozzSerialDriver
from firmware_bridge.whozz.emulator import EmulatedCall, WhozzSerialEmulator


async def _collect(
    driver: SerialLineDriver, link: PtyLink, wire: bytes, want: type
) -> list[LineEvent]:
    await driver.start()
    stream = driver.events()
    events: list[LineEvent] = []
    async with asyncio.timeout(5):
        events.append(await anext(stream))
        assert isinstance(events[0], DeviceStatus) and events[0].state == "connected"
        for i in range(0, len(wire), 7):
            link.write(wire[i : i + 7])
            await asyncio.sleep(0)
        while not isinstance(events[-1], want):
            events.append(await anext(stream))
    await driver.stop()
    link.close()
    return events


async def test_isdn_ta_lines() -> None:
    link = PtyLink()
    driver = IsdnTaDriver("ta", link.path, "isdn1", retry_s=0.05)
    wire = b"\r\n?garbage\r\nRING_ANALOG_0312345678/1\r\n"
    events = await _collect(driver, link, wire, CallerId)
    assert any(isinstance(e, Unparsed) for e in events)
    cid = events[-1]
    assert isinstance(cid, CallerId) and cid.number == "0312345678"


async def test_serial_whozz_unit() -> None:
    unit = WhozzSerialEmulator()
    driver = WhozzSerialDriver("wc", unit.path, "wc", retry_s=0.05)
    await driver.start()
    stream = driver.events()
    events: list[LineEvent] = []
    async with asyncio.timeout(5):
        events.append(await anext(stream))
        await unit.play(EmulatedCall(2, "06-6789-1234", "NAKAMURA KEN"))
        while not isinstance(events[-1], OnHook):
            events.append(await anext(stream))
    await driver.stop()
    unit.close()
    cid = next(e for e in events if isinstance(e, CallerId))
    assert cid.line == "wc0-02" and (cid.number, cid.name) == ("0667891234", "NAKAMURA KEN")
