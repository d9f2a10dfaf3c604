"""Thin serial transport: open a modem by path or glob over pyserial, non-blocking reads/writes."""

from __future__ import annotations

import asyncio
import contextlib
import glob
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import serial


def candidates(devices: Sequence[str]) -> list[str]:
    """Paths to try, in order: each glob expanded (sorted), each plain path if it exists."""
    out: list[str] = []
    for device in devices:
        # glob.glob takes absolute patterns such as /dev/ttyACM*; Path.glob does not
        found = sorted(glob.glob(device)) if glob.has_magic(device) else [device]  # noqa: PTH207
        for path in found:
            if Path(path).exists() and path not in out:
                out.append(path)
    return out


class SerialTransport:
    """One open port; calls `on_data(bytes)` on input and `on_lost(why)` once it fails."""

    def __init__(self, on_data: Callable[[bytes], None], on_lost: Callable[[str], None]) -> None:
        self.on_data = on_data
        self.on_lost = on_lost
        self.path = ""
        self._port: serial.Serial | None = None
        self._backlog = bytearray()
        self._drained = asyncio.Event()
        self._drained.set()

    @property
    def open(self) -> bool:
        """True while the port is open."""
        return self._port is not None

    def connect(self, path: str, baudrate: int) -> None:
        """Open `path` (raises OSError / serial.SerialException) and start reading."""
        port = serial.serial_for_url(path, baudrate, timeout=0, write_timeout=0)
        self._port, self.path = port, path
        self._backlog.clear()
        self._drained.set()
        asyncio.get_running_loop().add_reader(port.fileno(), self._readable)

    def write(self, data: bytes) -> None:
        """Queue bytes; they go out as fast as the port takes them."""
        if self._port is None or not data:
            return
        self._backlog += data
        self._flush()

    async def drain(self) -> None:
        """Wait until every queued byte went out (or the port closed)."""
        await self._drained.wait()

    def close(self) -> None:
        """Close the port; no callbacks after this."""
        port, self._port = self._port, None
        if port is None:
            return
        loop = asyncio.get_running_loop()
        with contextlib.suppress(Exception):
            loop.remove_reader(port.fileno())
        with contextlib.suppress(Exception):
            loop.remove_writer(port.fileno())
        with contextlib.suppress(Exception):
            port.close()
        self._backlog.clear()
        self._drained.set()

    def _flush(self) -> None:
        port = self._port
        if port is None:
            return
        loop = asyncio.get_running_loop()
        try:
            sent = os.write(port.fileno(), self._backlog)
        except BlockingIOError:
            sent = 0
        except OSError as exc:
            self._lost(f"{self.path}: write failed: {exc}")
            return
        del self._backlog[:sent]
        if self._backlog:
            self._drained.clear()
            loop.add_writer(port.fileno(), self._flush)
        else:
            self._drained.set()
            with contextlib.suppress(Exception):
                loop.remove_writer(port.fileno())

    def _readable(self) -> None:
        port = self._port
        if port is None:
            return
        try:
            data = os.read(port.fileno(), 4096)
        except BlockingIOError:
            return
        except OSError as exc:
            self._lost(f"{self.path} went away ({exc.strerror or exc})")
            return
        if not data:
            self._lost(f"{self.path} went away (end of file)")
            return
        self.on_data(data)

    def _lost(self, why: str) -> None:
        self.close()
        self.on_lost(why)
