"""A pty that stands in for a USB modem's /dev/ttyACM*: it can be unplugged and come back."""

from __future__ import annotations

import asyncio
import contextlib
import os
import pty
import tty
from collections.abc import Callable
from pathlib import Path


class PtyPort:
    """The emulator's side of a pty; `path` is what the driver opens (a symlink if link_dir)."""

    def __init__(self, link_dir: Path | None = None, link_name: str = "ttyACM") -> None:
        self.link_dir = link_dir
        self.link_name = link_name
        self.generation = -1
        self.master = -1
        self._slave = -1
        self.path = ""
        self.pts = ""

    @property
    def plugged(self) -> bool:
        """True while the device node exists."""
        return self.master >= 0

    def plug(self, renumber: bool = False) -> str:
        """Create the device node; with `renumber`, under a new name (ttyACM0 -> ttyACM1)."""
        hold = pty.openpty() if renumber else None  # keeps the old pts number taken
        self.master, self._slave = pty.openpty()
        if hold is not None:
            for fd in hold:
                os.close(fd)
        tty.setraw(self._slave)
        os.set_blocking(self.master, False)
        self.pts = os.ttyname(self._slave)
        self.generation += 1 if (renumber or self.generation < 0) else 0
        self.path = self.pts
        if self.link_dir is not None:
            link = self.link_dir / f"{self.link_name}{self.generation}"
            with contextlib.suppress(FileNotFoundError):
                link.unlink()
            link.symlink_to(self.pts)
            self.path = str(link)
        return self.path

    def unplug(self) -> None:
        """Close the pty: the node disappears and an open driver reads end-of-file / EIO."""
        with contextlib.suppress(RuntimeError, ValueError):
            asyncio.get_running_loop().remove_reader(self.master)
        for fd in (self.master, self._slave):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self.master = self._slave = -1
        if self.link_dir is not None:
            with contextlib.suppress(FileNotFoundError):
                Path(self.path).unlink()

    def write(self, data: bytes) -> int:
        """Write toward the driver; returns bytes taken (a full buffer takes fewer)."""
        if not data or self.master < 0:
            return 0
        try:
            return os.write(self.master, data)
        except (BlockingIOError, OSError):
            return 0

    def watch(self, on_data: Callable[[bytes], None]) -> None:
        """Call on_data from the running loop whenever the driver writes."""
        fd = self.master

        def ready() -> None:
            try:
                data = os.read(fd, 4096)
            except (BlockingIOError, OSError):
                return
            if data:
                on_data(data)

        asyncio.get_running_loop().add_reader(fd, ready)
