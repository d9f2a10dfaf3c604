"""The box's console socket, DATA/console.sock (0600): commands run on the box itself
(`ringdesk pair`) ask the running box for what only it holds. Only the box's own user or root
may connect (the kernel's peer credentials are checked, not just the file mode)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import socket
import struct
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

SOCKET_NAME = "console.sock"
MAX_REQUEST = 1024  # bytes in one request line
REQUEST_TIMEOUT_S = 5.0
PATH_MAX = 104  # sun_path is 108 bytes on Linux, 104 on the BSDs
Handler = Callable[[dict[str, Any]], Awaitable[dict[str, Any]]]  # the request -> the answer


def peer_uid(sock: socket.socket) -> int:
    """The user id of the process at the other end of a Unix socket (SO_PEERCRED)."""
    raw = sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", raw)
    return int(uid)


class ConsoleSocket:
    """Serves one JSON request per connection: {"op": NAME} -> the handler's JSON answer."""

    def __init__(self, path: Path, handlers: Mapping[str, Handler]) -> None:
        self.path, self.handlers = path, handlers
        self.server: asyncio.AbstractServer | None = None

    async def start(self) -> None:
        """Listen (a stale socket of a box that died is replaced); a path too long is logged."""
        if len(os.fsencode(self.path)) >= PATH_MAX:
            log.warning("console socket not started: its path is too long for a Unix socket")
            return
        await asyncio.to_thread(self.path.unlink, missing_ok=True)
        # bound with the usual umask (no write bit for others, so no connect), then 0600
        self.server = await asyncio.start_unix_server(self._serve, self.path, limit=MAX_REQUEST)
        await asyncio.to_thread(self.path.chmod, 0o600)

    async def stop(self) -> None:
        """Stop listening and remove the socket file."""
        if self.server is not None:
            self.server.close()
            await self.server.wait_closed()
            self.server = None
            await asyncio.to_thread(self.path.unlink, missing_ok=True)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            answer = await self._answer(reader, writer.get_extra_info("socket"))
            writer.write(json.dumps(answer, ensure_ascii=False).encode() + b"\n")
            await writer.drain()
        except (OSError, TimeoutError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()

    async def _answer(self, reader: asyncio.StreamReader, sock: socket.socket) -> dict[str, Any]:
        if peer_uid(sock) not in (0, os.getuid()):
            log.warning("console socket: a connection from another user was refused")
            return {"error": "not_allowed"}
        try:
            line = await asyncio.wait_for(reader.readline(), REQUEST_TIMEOUT_S)
            request = json.loads(line)
            op = request.get("op")
        except (ValueError, AttributeError, asyncio.LimitOverrunError):
            return {"error": "bad_request"}
        handler = self.handlers.get(str(op))
        if handler is None:
            return {"error": "unknown_op"}
        return await handler(request)


def ask(
    data_dir: Path, op: str, values: dict[str, str] | None = None, timeout_s: float = 30.0
) -> dict[str, Any]:
    """Send one request to the box running on data_dir (blocking; OSError if none answers)."""
    path = data_dir / SOCKET_NAME
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout_s)
        sock.connect(str(path))
        sock.sendall(json.dumps({"op": op, **(values or {})}).encode() + b"\n")
        chunks = []
        while chunk := sock.recv(4096):
            chunks.append(chunk)
    answer: dict[str, Any] = json.loads(b"".join(chunks) or b"{}")
    return answer
