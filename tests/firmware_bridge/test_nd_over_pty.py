"""The emulated ND adapter against the real serial driver over a pty, with parity errors."""

from __future__ import annotations

import asyncio

from drivers.base import CallerId, DeviceStatus
from firmware_bridge.nd.driver import NdAdapterDriver
from firmware_bridge.nd.emulator import NdAdapterEmulator, frame_body


async def test_every_frame_arrives_once_despite_parity_errors() -> None:
    emulator = NdAdapterEmulator(parity_error_rate=0.4, seed=7)
    numbers = [f"0901234{i:04d}" for i in range(12)]
    for i, number in enumerate(numbers):
        emulator.core.queue(frame_body(4, 1, 2, 9, i, number))
    driver = NdAdapterDriver("nd", emulator.path, "line1", retry_s=0.05)
    await driver.start()
    await emulator.start()
    async with asyncio.timeout(20):
        await emulator.wait_idle()
    await emulator.stop()
    await driver.stop()
    events = [e async for e in driver.events()]
    assert isinstance(events[0], DeviceStatus) and events[0].state == "connected"
    got = [e.number for e in events if isinstance(e, CallerId)]
    assert got == numbers
    assert emulator.core.stats.corrupted > 0


async def test_missing_port_is_reported_and_retried() -> None:
    driver = NdAdapterDriver("nd", "/dev/does-not-exist-ringdesk", "line1", retry_s=0.01)
    await driver.start()
    stream = driver.events()
    first = await anext(stream)
    second = await anext(stream)
    await driver.stop()
    assert isinstance(first, DeviceStatus) and first.state == "failed"
    assert isinstance(second, DeviceStatus) and second.state == "reconnecting"
