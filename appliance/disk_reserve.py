"""Room kept back for calls: a reserve file in the data directory, given up when the disk fills
so that calls keep being stored, taken back once space returns; desks are warned meanwhile."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

RESERVE_NAME = "disk-reserve.bin"
RESERVE_BYTES = 8 * 1024 * 1024  # some thousands of calls' rows and their WAL frames
LOW_BYTES = 64 * 1024 * 1024  # below this much free space, desks are warned
CHECK_S = 30.0
Warn = Callable[[dict[str, Any] | None], None]  # the disk's warning for desks, None to clear


class DiskReserve:
    """The reserve file and the disk-space warning of one data directory."""

    def __init__(
        self, data_dir: Path, warn: Warn, size: int = RESERVE_BYTES, low: int = LOW_BYTES
    ) -> None:
        self.path, self.warn, self.size, self.low = data_dir / RESERVE_NAME, warn, size, low
        self.released = False
        self._task: asyncio.Task[None] | None = None

    def free_bytes(self) -> int:
        """Free space for this data directory's files (blocking: a statvfs)."""
        st = os.statvfs(self.path.parent)
        return st.f_bavail * st.f_frsize

    def ensure(self) -> bool:
        """Write the reserve file when it is missing and there is room for it (blocking)."""
        if self.path.exists() and self.path.stat().st_size >= self.size:
            self.released = False
            return True
        if self.free_bytes() < self.size + self.low // 4:
            return False
        with contextlib.suppress(OSError):
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600)
            try:
                os.posix_fallocate(fd, 0, self.size)
                os.fsync(fd)
            finally:
                os.close(fd)
            self.released = False
            return True
        self.path.unlink(missing_ok=True)
        return False

    def release(self) -> bool:
        """The disk is full: give the reserve up (True when there was one to give)."""
        if self.released or not self.path.exists():
            return False
        self.path.unlink(missing_ok=True)
        self.released = True
        log.error("disk full: the reserve was released so that calls are still stored")
        self.warn({"code": "disk_full", "values": {}})
        return True

    async def start(self) -> None:
        """Write the reserve, then check the free space every CHECK_S."""
        await asyncio.to_thread(self.ensure)
        self._task = asyncio.create_task(self._watch(), name="ringdesk-disk-reserve")

    async def stop(self) -> None:
        """Stop checking."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def check(self) -> None:
        """Warn while space is low or the reserve is spent; take it back when room returns."""
        free = await asyncio.to_thread(self.free_bytes)
        if self.released and free >= self.size + self.low and await asyncio.to_thread(self.ensure):
            log.info("disk space is back: the reserve is in place again")
            free -= self.size
        if self.released:
            self.warn({"code": "disk_full", "values": {}})
        elif free < self.low:
            self.warn({"code": "disk_low", "values": {"free_mb": free // (1024 * 1024)}})
        else:
            self.warn(None)

    async def _watch(self) -> None:
        while True:
            try:
                await self.check()
            except OSError:
                log.exception("disk space check failed")
            await asyncio.sleep(CHECK_S)
