"""PtyLink: a raw pseudo-terminal whose slave path a driver opens like a USB serial port."""

from __future__ import annotations

import asyncio
import contextlib
import os
import pty
import tty
from collections.abc import Callable


class PtyLink:
    """Owns a pty pair; emulators read and write the master side from the event loop."""

    def __init__(self) -> None:
        self.master, self._slave = pty.openpty()
        tty.setraw(self._slave)
        os.set_blocking(self.master, False)
        self.path = os.ttyname(self._slave)

    def write(self, data: bytes) -> None:
        """Write to the driver's side; drops bytes when the driver is not reading (like a UART)."""
        if data:
            # a full buffer or a closed pty loses the bytes, as a wire would
            with contextlib.suppress(OSError):
                os.write(self.master, data)

    def read(self) -> bytes:
        """Read what the driver wrote, or b"" when nothing is pending."""
        try:
            return os.read(self.master, 4096)
        except (BlockingIOError, OSError):
            return b""

    def watch(self, on_data: Callable[[bytes], None]) -> None:
        """Call on_data from the running loop whenever the driver writes."""

        def ready() -> None:
            data = self.read()
            if data:
                on_data(data)

        asyncio.get_running_loop().add_reader(self.master, ready)

    def close(self) -> None:
        """Stop watching and close both ends."""
        with contextlib.suppress(RuntimeError):
            asyncio.get_running_loop().remove_reader(self.master)
        for fd in (self.master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)
