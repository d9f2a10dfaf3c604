"""NcidDriver: a TCP client of an NCID server that reconnects when the server restarts."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

from drivers.base import DeviceStatus, LineCommand, LineEvent
from firmware_bridge.events import EventQueue
from firmware_bridge.ncid.client import NcidClientParser

PORT = 3333


class NcidDriver:
    """Connects to host:port, follows the greeting, reports calls; retries every retry_s."""

    def __init__(
        self,
        name: str = "ncid",
        host: str = "127.0.0.1",
        port: int = PORT,
        *,
        retry_s: float = 5.0,
        line_prefix: str = "ncid-",
    ) -> None:
        self.name = name
        self.host = host
        self.port = port
        self.retry_s = retry_s
        self.line_prefix = line_prefix
        self._queue = EventQueue()
        self._task: asyncio.Task[None] | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def start(self) -> None:
        """Begin connecting in the background."""
        self._task = asyncio.create_task(self._run(), name=f"ncid:{self.name}")

    async def stop(self) -> None:
        """Say GOODBYE, close and end the stream."""
        if self._writer is not None:
            with contextlib.suppress(Exception):
                self._writer.write(b"GOODBYE\r\n")
                await self._writer.drain()
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._queue.close()

    def events(self) -> AsyncIterator[LineEvent]:
        """Events in order until stop()."""
        return self._queue.iterate()

    async def send(self, command: LineCommand) -> None:
        """An NCID client cannot drive the line."""
        raise NotImplementedError(f"an NCID server cannot {command!r}")

    async def _run(self) -> None:
        where = f"{self.host}:{self.port}"
        while True:
            try:
                reader, writer = await asyncio.open_connection(self.host, self.port)
            except OSError as exc:
                detail = f"{where}: {exc}"
                self._queue.put(DeviceStatus(self.name, state="reconnecting", detail=detail))
                await asyncio.sleep(self.retry_s)
                continue
            parser = NcidClientParser(default_line=self.name, line_prefix=self.line_prefix)
            self._writer = writer
            try:
                await self._session(parser, reader, writer)
            finally:
                self._writer = None
                with contextlib.suppress(Exception):
                    writer.close()
            detail = f"{where} closed the connection"
            self._queue.put(DeviceStatus(self.name, state="reconnecting", detail=detail))
            await asyncio.sleep(self.retry_s)

    async def _session(
        self, parser: NcidClientParser, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        announced = False
        try:
            while data := await reader.read(4096):
                result = parser.feed(data)
                for line in result.send:
                    writer.write(line.encode() + b"\r\n")
                if parser.started and not announced:
                    announced = True
                    detail = f"{parser.server} ({parser.api})"
                    self._queue.put(DeviceStatus(self.name, state="connected", detail=detail))
                self._queue.put_all(result.events)
        except (ConnectionError, OSError):
            return
