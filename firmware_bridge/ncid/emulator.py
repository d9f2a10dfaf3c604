"""A tiny NCID server: greets each client like ncidd 1.6 and broadcasts call lines."""

from __future__ import annotations

import asyncio

GREETING = (
    "200 Server: ncidd (NCID) 1.6",
    "210 API: 1.5 Feature Set 1 2 3 4 5",
    "251 Call log not sent",
    "300 End of connection startup",
)


class NcidServerEmulator:
    """Listens on host:port (0 = any free port); `broadcast()` sends a line to every client."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self.port = port
        self.received: list[str] = []
        self._clients: set[asyncio.StreamWriter] = set()
        self._server: asyncio.Server | None = None
        self.connected = asyncio.Event()

    async def start(self) -> None:
        """Start listening; `.port` holds the bound port afterwards."""
        self._server = await asyncio.start_server(self._client, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        for line in GREETING:
            writer.write(line.encode() + b"\r\n")
        self._clients.add(writer)
        self.connected.set()
        try:
            while line_bytes := await reader.readline():
                self.received.append(line_bytes.decode(errors="replace").strip())
        except ConnectionError:
            pass
        finally:
            self._clients.discard(writer)

    async def broadcast(self, line: str) -> None:
        """Send one line (CR LF added) to every connected client."""
        for writer in list(self._clients):
            writer.write(line.encode() + b"\r\n")
            await writer.drain()

    async def stop(self) -> None:
        """Drop every client and stop listening (a server restart, as clients see it)."""
        for writer in list(self._clients):
            writer.close()
        self._clients.clear()
        self.connected.clear()
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
