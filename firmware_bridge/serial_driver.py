"""SerialLineDriver: a LineDriver over a serial port that reconnects when the device goes away."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import serial

from drivers.base import DeviceStatus, LineCommand, LineEvent
from firmware_bridge.events import EventQueue


class SerialLineDriver:
    """Opens `port`, hands bytes to `received()`, writes replies; subclasses hold the parser."""

    baudrate = 9600
    silence_limit_s: float | None = None  # set by devices that send keep-alives

    def __init__(self, name: str, port: str, line: str, *, retry_s: float = 2.0) -> None:
        self.name = name
        self.port = port
        self.line = line
        self.retry_s = retry_s
        self._queue = EventQueue()
        self._serial: serial.Serial | None = None
        self._task: asyncio.Task[None] | None = None
        self._lost: asyncio.Event | None = None
        self._last_rx = 0.0

    def received(self, data: bytes, now: float) -> tuple[list[LineEvent], bytes]:
        """Parse bytes; return events and bytes to write back to the device."""
        raise NotImplementedError

    def greeting(self) -> bytes:
        """Bytes to send right after the port opens (default: none)."""
        return b""

    def heartbeat(self) -> bytes:
        """Bytes to send about once a second while connected (default: none)."""
        return b""

    def disconnected(self) -> list[LineEvent]:
        """Events for half-received input when the port closes (default: none)."""
        return []

    async def start(self) -> None:
        """Begin (re)connecting in the background."""
        self._task = asyncio.create_task(self._run(), name=f"serial:{self.name}")

    async def stop(self) -> None:
        """Close the port and end the event stream."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._close()
        self._queue.close()

    def events(self) -> AsyncIterator[LineEvent]:
        """Events in order until stop()."""
        return self._queue.iterate()

    async def send(self, command: LineCommand) -> None:
        """Caller-ID-only devices take no commands."""
        raise NotImplementedError(f"{self.name} only reports caller ID; cannot {command!r}")

    def write(self, data: bytes) -> None:
        """Write to the device if connected."""
        if self._serial is not None and data:
            try:
                self._serial.write(data)
            except (OSError, serial.SerialException):
                self._port_lost()

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        first = True
        while True:
            try:
                self._serial = serial.Serial(self.port, self.baudrate, timeout=0)
            except (OSError, serial.SerialException) as exc:
                state = "failed" if first else "reconnecting"
                self._queue.put(DeviceStatus(self.line, state=state, detail=f"{self.port}: {exc}"))
                first = False
                await asyncio.sleep(self.retry_s)
                continue
            first = False
            self._lost = asyncio.Event()
            self._queue.put(DeviceStatus(self.line, state="connected", detail=self.port))
            loop.add_reader(self._serial.fileno(), self._readable)
            self.write(self.greeting())
            self._last_rx = loop.time()
            why = await self._connected(loop)
            self._close()
            self._queue.put_all(self.disconnected())
            self._queue.put(DeviceStatus(self.line, state="reconnecting", detail=why))
            await asyncio.sleep(self.retry_s)

    async def _connected(self, loop: asyncio.AbstractEventLoop) -> str:
        """Wait while connected, sending heartbeats; return why the connection ended."""
        assert self._lost is not None
        while True:
            try:
                async with asyncio.timeout(1.0):
                    await self._lost.wait()
                return f"{self.port} went away"
            except TimeoutError:
                pass
            limit = self.silence_limit_s
            if limit is not None and loop.time() - self._last_rx > limit:
                return f"{self.port} silent for {limit:g} s"
            self.write(self.heartbeat())

    def _readable(self) -> None:
        assert self._serial is not None
        try:
            data = self._serial.read(4096)
        except (OSError, serial.SerialException):
            self._port_lost()
            return
        if not data:
            # a readable fd that yields nothing is a hung-up tty
            self._port_lost()
            return
        self._last_rx = asyncio.get_running_loop().time()
        events, reply = self.received(data, self._last_rx)
        self._queue.put_all(events)
        self.write(reply)

    def _port_lost(self) -> None:
        if self._lost is not None:
            self._lost.set()

    def _close(self) -> None:
        if self._serial is not None:
            with contextlib.suppress(Exception):
                asyncio.get_running_loop().remove_reader(self._serial.fileno())
            with contextlib.suppress(Exception):
                self._serial.close()
            self._serial = None
