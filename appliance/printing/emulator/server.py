"""The emulator on TCP (9100, as network receipt printers listen): one host at a time, status
replies written back, each finished job saved as DIR/job-NNNN.png."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Callable
from pathlib import Path

from appliance.printing.emulator.page import PrintedJob
from appliance.printing.emulator.printer import EmulatedPrinter

log = logging.getLogger(__name__)


class PrinterEmulator:
    """A receipt printer on a TCP port; `jobs` holds what it printed, `paper_out` can change
    while it runs (the paper runs out, or is put back)."""

    def __init__(
        self,
        out: Path | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 9100,
        width: int = 576,
        paper_out: bool = False,
        on_job: Callable[[PrintedJob, Path | None], None] | None = None,
    ) -> None:
        self.out, self.host, self.port = out, host, port
        self.printer = EmulatedPrinter(width, paper_out=paper_out)
        self.jobs: list[PrintedJob] = []
        self.on_job = on_job
        self._server: asyncio.Server | None = None
        self._one_host = asyncio.Lock()  # a printer serves one connection at a time
        self._changed = asyncio.Condition()
        self._numbered = 0  # the last job-NNNN.png in `out`

    @property
    def paper_out(self) -> bool:
        """True while the emulated printer has no paper."""
        return self.printer.paper_out

    @paper_out.setter
    def paper_out(self, value: bool) -> None:
        self.printer.paper_out = value

    async def start(self) -> None:
        """Listen; port 0 picks a free port (read it back from `port`)."""
        if self.out is not None:
            self._numbered = await asyncio.to_thread(_last_number, self.out)
        self._server = await asyncio.start_server(self._serve, self.host, self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        """Stop listening and drop the connection in progress."""
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 5)
            self._server = None

    async def wait_for_jobs(self, count: int) -> list[PrintedJob]:
        """Wait until `count` jobs have been printed in all; the jobs so far."""
        async with self._changed:
            await self._changed.wait_for(lambda: len(self.jobs) >= count)
        return list(self.jobs)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        async with self._one_host:
            try:
                while data := await reader.read(65536):
                    # parsing and drawing run beside the loop, which keeps serving
                    replies, jobs = await asyncio.to_thread(self.printer.feed, data)
                    if replies:
                        writer.write(replies)
                        await writer.drain()
                    for job in jobs:
                        await self._keep(job)
            except (ConnectionError, OSError) as exc:
                log.info("printer emulator: the host went away: %s", exc)
            finally:
                last = await asyncio.to_thread(self.printer.hang_up)
                if last is not None:
                    await self._keep(last)
                writer.close()
                with contextlib.suppress(ConnectionError, OSError):
                    await writer.wait_closed()

    async def _keep(self, job: PrintedJob) -> None:
        path = None
        if self.out is not None:
            self._numbered += 1
            path = self.out / f"job-{self._numbered:04d}.png"
            await asyncio.to_thread(_save_private, job, path)
        async with self._changed:
            self.jobs.append(job)
            self._changed.notify_all()
        if self.on_job is not None:
            self.on_job(job, path)


def _save_private(job: PrintedJob, path: Path) -> None:
    """The slip as a PNG only its owner can read: like the paper, it holds a customer's address."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out:
        job.image.save(out, format="PNG")


def _last_number(out: Path) -> int:
    """Make the folder (0700); the highest NNNN of its job-NNNN.png (a restart numbers on)."""
    out.mkdir(mode=0o700, parents=True, exist_ok=True)
    numbers = [int(p.stem[4:]) for p in out.glob("job-*.png") if p.stem[4:].isdigit()]
    return max(numbers, default=0)
