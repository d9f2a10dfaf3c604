"""Whozz Calling drivers: UDP listener for Ethernet Link units, serial driver for TCI units."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from drivers.base import DeviceStatus, LineCommand, LineEvent, Unparsed
from firmware_bridge.events import EventQueue
from firmware_bridge.serial_driver import SerialLineDriver
from firmware_bridge.whozz.packet import parse_packet
from firmware_bridge.whozz.serial_lines import WhozzSerialParser
from firmware_bridge.whozz.translate import WhozzTranslator

PORT = 3520


class _Receiver(asyncio.DatagramProtocol):
    def __init__(self, driver: WhozzUdpDriver) -> None:
        self.driver = driver

    def datagram_received(self, data: bytes, addr: tuple[str | object, int]) -> None:
        self.driver.packet(data, str(addr[0]))


class WhozzUdpDriver:
    """Listens on UDP 3520 for every unit on the LAN; lines are named per unit and line."""

    def __init__(
        self,
        name: str = "whozz",
        host: str = "0.0.0.0",  # units broadcast; listening on all interfaces is the point
        port: int = PORT,
        translator: WhozzTranslator | None = None,
        *,
        retry_s: float = 2.0,
    ) -> None:
        self.name = name
        self.host = host
        self.port = port
        self.translator = translator or WhozzTranslator()
        self.retry_s = retry_s
        self.units: dict[int, str] = {}  # unit number -> last source address
        self._queue = EventQueue()
        self._transport: asyncio.DatagramTransport | None = None
        self._retry: asyncio.Task[None] | None = None

    @property
    def bound_port(self) -> int:
        """The UDP port actually bound (useful with port=0)."""
        assert self._transport is not None
        return int(self._transport.get_extra_info("sockname")[1])

    async def start(self) -> None:
        """Bind the UDP socket; if the port is taken, report it and keep trying every retry_s."""
        if not await self._bind():
            self._retry = asyncio.create_task(self._rebind(), name=f"whozz:{self.name}")

    async def _bind(self) -> bool:
        loop = asyncio.get_running_loop()
        try:
            transport, _ = await loop.create_datagram_endpoint(
                lambda: _Receiver(self), local_addr=(self.host, self.port), allow_broadcast=True
            )
        except OSError as exc:
            detail = f"udp {self.host}:{self.port}: {exc}"
            self._queue.put(DeviceStatus(self.name, state="reconnecting", detail=detail))
            return False
        self._transport = transport
        self._queue.put(DeviceStatus(self.name, state="connected", detail=f"udp {self.port}"))
        return True

    async def _rebind(self) -> None:
        while True:
            await asyncio.sleep(self.retry_s)
            if await self._bind():
                return

    async def stop(self) -> None:
        """Close the socket and end the stream."""
        if self._retry is not None:
            self._retry.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._retry
        if self._transport is not None:
            self._transport.close()
        self._queue.close()

    def events(self) -> AsyncIterator[LineEvent]:
        """Events in order until stop()."""
        return self._queue.iterate()

    async def send(self, command: LineCommand) -> None:
        """Whozz Calling units only report; they take no line commands."""
        raise NotImplementedError(f"Whozz Calling units cannot {command!r}")

    def packet(self, data: bytes, source: str) -> None:
        """Handle one datagram (public so replays and tests can inject packets)."""
        parsed = parse_packet(data)
        if parsed is None:
            why = f"UDP packet from {source} is not a Whozz Calling packet"
            self._queue.put(Unparsed(self.name, raw=data, why=why))
            return
        if parsed.unit not in self.units:
            detail = f"unit {parsed.unit} serial {parsed.serial} at {source}"
            self._queue.put(DeviceStatus(self.name, state="connected", detail=detail))
        self.units[parsed.unit] = source
        self._queue.put_all(self.translator.record(parsed.unit, parsed.record))


class WhozzSerialDriver(SerialLineDriver):
    """A serial Whozz Calling unit (9600 8N1, CR LF records)."""

    def __init__(self, name: str, port: str, line: str, *, retry_s: float = 2.0) -> None:
        super().__init__(name, port, line, retry_s=retry_s)
        self.parser = WhozzSerialParser()

    def received(self, data: bytes, now: float) -> tuple[list[LineEvent], bytes]:
        """Parse records; the unit expects no reply."""
        return self.parser.feed(data), b""
