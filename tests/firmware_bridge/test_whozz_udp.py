"""Two emulated Ethernet Link units against the UDP driver over loopback."""

from __future__ import annotations

import asyncio
import socket

from drivers.base import CallerId, DeviceStatus, LineEvent, Unparsed
from firmware_bridge.whozz.driver import WhozzUdpDriver
from firmware_bridge.whozz.emulator import EmulatedCall, WhozzUnitEmulator


async def test_two_units_on_one_lan() -> None:
    driver = WhozzUdpDriver(host="127.0.0.1", port=0)
    await driver.start()
    a = WhozzUnitEmulator(101, 0x111111, port=driver.bound_port)
    b = WhozzUnitEmulator(202, 0x222222, port=driver.bound_port)
    await a.play(EmulatedCall(1, "090-1234-5678", "Sato"))
    await b.play(EmulatedCall(8, "06-6123-4567", "Kobayashi", answered=False))
    a.send_record("garbage that is no record")
    a._sock.sendto(b"not a packet", ("127.0.0.1", driver.bound_port))
    events: list[LineEvent] = []
    stream = driver.events()
    async with asyncio.timeout(5):
        while sum(isinstance(e, Unparsed) for e in events) < 2:
            events.append(await anext(stream))
    a.close()
    b.close()
    await driver.stop()
    ids = {(e.line, e.number) for e in events if isinstance(e, CallerId)}
    assert ids == {("wc101-01", "09012345678"), ("wc202-08", "0661234567")}
    units = [e.detail for e in events if isinstance(e, DeviceStatus)]
    assert any("unit 101" in d for d in units) and any("unit 202" in d for d in units)


async def test_a_taken_udp_port_is_reported_and_bound_once_it_is_free() -> None:
    holder = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    holder.bind(("127.0.0.1", 0))
    port = holder.getsockname()[1]
    driver = WhozzUdpDriver("wc", host="127.0.0.1", port=port, retry_s=0.05)
    await driver.start()  # the box keeps starting: the line says why it has no unit yet
    stream = driver.events()
    first = await anext(stream)
    assert isinstance(first, DeviceStatus) and first.state == "reconnecting"
    assert str(port) in first.detail
    holder.close()  # the other listener (an old ringdesk, a vendor tool) went away
    async with asyncio.timeout(5):
        while not (
            isinstance(event := await anext(stream), DeviceStatus) and event.state == "connected"
        ):
            pass
    assert driver.bound_port == port
    unit = WhozzUnitEmulator(3, 0x0A0B0C, port=port)
    unit.send_record("01 I S 0000 G A0 12/01 09:30 AM 0312345678     ヤマダ ハナコ")
    async with asyncio.timeout(5):
        while not isinstance(event := await anext(stream), CallerId):
            pass
    assert event.number == "0312345678"
    unit.close()
    await driver.stop()
