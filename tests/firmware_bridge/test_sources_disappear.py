"""A source that goes away is reported and reconnected; config kinds build the right drivers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from drivers.base import DeviceStatus, LineEvent
from firmware_bridge.factory import make_driver
from firmware_bridge.linecard.driver import LineCardDriver
from firmware_bridge.linecard.emulator import LineCardEmulator
from firmware_bridge.nd.driver import IsdnTaDriver, NdAdapterDriver
from firmware_bridge.whozz.driver import WhozzSerialDriver, WhozzUdpDriver


async def _status(stream: AsyncIterator[LineEvent], state: str, detail: str = "") -> DeviceStatus:
    async with asyncio.timeout(8):
        while True:
            event = await anext(stream)
            if isinstance(event, DeviceStatus) and event.state == state and detail in event.detail:
                return event


async def test_unplugged_card_is_reported_then_a_hung_card_is_noticed() -> None:
    card = LineCardEmulator(speed=1)
    driver = LineCardDriver("card", card.path, "line1", retry_s=0.05)
    await card.start()
    await driver.start()
    stream = driver.events()
    await _status(stream, "connected", "protocol 1")
    await card.stop()  # the pty disappears, as when the USB cable is pulled
    gone = await _status(stream, "reconnecting")
    assert "went away" in gone.detail or "silent" in gone.detail
    await driver.stop()


async def test_a_card_that_stops_talking_is_dropped_and_retried() -> None:
    card = LineCardEmulator(speed=1)
    driver = LineCardDriver("card", card.path, "line1", retry_s=0.05)
    driver.silence_limit_s = 1.0
    await card.start()
    await driver.start()
    stream = driver.events()
    await _status(stream, "connected", "protocol 1")
    assert card._task is not None
    card._task.cancel()  # firmware hangs; the port stays open
    await _status(stream, "reconnecting", "silent")
    await driver.stop()
    await card.stop()


def test_factory_builds_each_kind_and_names_bad_settings() -> None:
    assert isinstance(make_driver("nd-adapter", "l1", "/dev/ttyUSB0"), NdAdapterDriver)
    ta = make_driver("nd-adapter", "l1", "/dev/ttyS0", {"form": "isdn-ta", "baudrate": 19200})
    assert isinstance(ta, IsdnTaDriver) and ta.baudrate == 19200
    assert isinstance(make_driver("whozz", "wc", None, {"port": 3520}), WhozzUdpDriver)
    assert isinstance(make_driver("whozz", "wc", "/dev/ttyUSB1"), WhozzSerialDriver)
    named = make_driver("whozz", "wc", None, {"line_names": {"7/1": "reception"}})
    assert isinstance(named, WhozzUdpDriver)
    assert named.translator.line_name(7, 1) == "reception"
    assert named.translator.line_name(7, 2) == "wc7-02"
    card = make_driver("linecard", "l2", "/dev/ttyACM0", {"answer_delay_ms": 1500})
    assert isinstance(card, LineCardDriver) and card.policy.answer_delay_ms == 1500
    assert make_driver("ncid", "n", None, {"host": "192.0.2.7"}).name == "n"
    with pytest.raises(ValueError, match="answer_delay_ms"):
        make_driver("linecard", "l2", "/dev/ttyACM0", {"answer_delay_ms": 7000})
    with pytest.raises(ValueError, match="needs device"):
        make_driver("nd-adapter", "l1")
    with pytest.raises(ValueError, match="port must be a whole number"):
        make_driver("ncid", "n", None, {"port": "3333"})
    with pytest.raises(ValueError, match="not a firmware_bridge kind"):
        make_driver("modem", "m")
