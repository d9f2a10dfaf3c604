"""The box's print queue: slips stored as jobs in the encrypted database, each printer's jobs
sent oldest first by a worker of its own, retried until they print; a printer that is off or
out of paper is a warning on every desk until it prints again."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

from appliance.box_health import Warning, warning
from appliance.config import PrinterConfig
from appliance.contract.printing import PrinterOut, PrintJobOut
from appliance.core.events import EventHub
from appliance.core.running import OpenStore
from appliance.db.models.base import utcnow
from appliance.printing import jobs
from appliance.printing.device import Device, PrinterError
from appliance.printing.encode import slip_job
from appliance.printing.fonts import FontMissingError
from appliance.printing.kanji import kanji_job
from appliance.printing.slip import KINDS, Slip, slip_from_json
from appliance.printing.testpage import trial_slip

log = logging.getLogger(__name__)
P = ParamSpec("P")
T = TypeVar("T")
NO_PRINTER = "no_printer"
KEEP_PRINTED = dt.timedelta(days=7)  # printed slips are kept this long for reprints
PURGE_EVERY_S = 6 * 3600.0


class QueueLockedError(RuntimeError):
    """The box is locked: no job can be stored until it is unlocked."""


class PrintQueue:
    """Jobs in, printers fed; `submit` returns once the jobs are stored (never waits on a
    printer), `reprint` copies a job, `jobs` lists them."""

    def __init__(
        self,
        printers: tuple[PrinterConfig, ...],
        store: Callable[[], OpenStore | None],
        warn: Callable[[str, Warning | None], None],
        hub: EventHub | None = None,
    ) -> None:
        self.printers = {p.name: p for p in printers}
        self.store, self.warn, self.hub = store, warn, hub
        self._wake = {name: asyncio.Event() for name in self.printers}
        self.problems: dict[str, str] = {}  # printer -> its last problem, while it lasts
        self._tasks: list[asyncio.Task[None]] = []
        self._pools: list[ThreadPoolExecutor] = []

    def printer_for(self, kind: str) -> str:
        """The first printer that prints `kind` ("" when none does)."""
        return next((p.name for p in self.printers.values() if p.prints(kind)), "")

    async def start(self) -> None:
        """Start one worker per printer (jobs left from before the restart print first)."""
        for config in self.printers.values():
            task = asyncio.create_task(self._worker(config), name=f"printer-{config.name}")
            self._tasks.append(task)
        self._tasks.append(asyncio.create_task(self._purging(), name="print-purge"))
        await self.resume()

    async def _purging(self) -> None:
        """Printed jobs older than KEEP_PRINTED are deleted (at start, then every few hours)."""
        while True:
            try:
                gone = await self._db(jobs.purge, utcnow() - KEEP_PRINTED)
                if gone:
                    log.info("print queue: %d printed job(s) past keeping deleted", gone)
            except Exception:
                log.exception("print queue: purging printed jobs failed")
            await asyncio.sleep(PURGE_EVERY_S)

    async def stop(self) -> None:
        """Stop the workers; waiting jobs stay stored for the next start."""
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        # a printer thread still waiting on a silent printer ends within its time-out
        pools, self._pools = self._pools, []
        await asyncio.gather(*(asyncio.to_thread(pool.shutdown, True) for pool in pools))

    async def resume(self) -> None:
        """The store opened (start, unlock): jobs of printers gone from ringdesk.toml go to one
        of their kind, and every worker looks for work."""
        left = await self._db(jobs.reassign, {k: self.printer_for(k) for k in KINDS})
        for kind in KINDS:
            what = (
                warning(NO_PRINTER, kind=kind, waiting=left[kind])
                if left and kind in left
                else None
            )
            self.warn(f"printer-none:{kind}", what)
        for wake in self._wake.values():
            wake.set()

    async def submit(self, slip: Slip) -> list[int]:
        """Store the slip as a job for every printer of its kind (one waiting job, and a warning,
        when there is none); returns the job ids once they are committed."""
        names = [p.name for p in self.printers.values() if p.prints(slip.kind)] or [""]
        ids = await self._db(jobs.add, slip, names)
        if ids is None:
            raise QueueLockedError("the box is locked: unlock it to print")
        for name in names:
            if name:
                self._wake[name].set()
            else:
                waiting = await self._db(jobs.waiting, "")
                self.warn(
                    f"printer-none:{slip.kind}",
                    warning(NO_PRINTER, kind=slip.kind, waiting=waiting or 0),
                )
        self._publish(ids, "waiting")
        return ids

    async def printer_list(self) -> list[PrinterOut]:
        """Every configured printer with its problem and the jobs it has waiting."""
        listed = []
        for c in self.printers.values():
            waiting = await self._db(jobs.waiting, c.name) or 0
            listed.append(
                PrinterOut(
                    name=c.name,
                    role=c.role,
                    connection=c.connection,
                    paper_mm=c.paper_mm,
                    problem=self.problems.get(c.name, ""),
                    waiting=waiting,
                )
            )
        return listed

    async def test_print(self, printer: str, language: str = "ja") -> PrintJobOut | None:
        """A test slip on `printer` (None when ringdesk.toml has no such printer)."""
        if printer not in self.printers:
            return None
        ids = await self._db(jobs.add, trial_slip(printer, language), [printer])
        if ids is None:
            raise QueueLockedError("the box is locked: unlock it to print")
        self._wake[printer].set()
        self._publish(ids, "waiting")
        return await self._db(lambda: jobs.out(jobs.get_row(ids[0])))

    async def reprint_order(self, order_id: int, kind: str | None = None) -> list[PrintJobOut]:
        """Print the order's latest slip of each kind (or of `kind`) again; the new jobs."""
        ids = await self._db(jobs.latest_of_order, order_id, kind)
        if ids is None:
            raise QueueLockedError("the box is locked: unlock it to print")
        again = [await self.reprint(job_id) for job_id in ids]
        return [job for job in again if job is not None]

    async def reprint(self, job_id: int) -> PrintJobOut | None:
        """Print job `job_id` again (on its printer, or one of its kind); the new job."""
        original = await self._db(jobs.get, job_id)
        if original is None:
            return None
        name = str(original.printer)
        if name not in self.printers:
            name = self.printer_for(str(original.kind))
        job = await self._db(jobs.reprint, job_id, name)
        if job is not None:
            if name:
                self._wake[name].set()
            self._publish([job.id], "waiting")
        return job

    async def jobs(self, limit: int = 50, order_id: int | None = None) -> list[PrintJobOut]:
        """The newest jobs first (the order's only, when given); [] while locked."""
        return await self._db(jobs.listed, limit, order_id) or []

    async def _worker(self, config: PrinterConfig) -> None:
        # a thread of its own: a printer stuck in a time-out holds no thread anyone else needs
        pool = ThreadPoolExecutor(1, thread_name_prefix=f"printer-{config.name}")
        self._pools.append(pool)
        try:
            while True:
                try:
                    await self._feed(config, pool)
                except Exception:  # a bug or the database: logged, and the worker goes on
                    log.exception(
                        "printer %s: the print worker failed; it starts again", config.name
                    )
                    await asyncio.sleep(config.retry_max_s)
        finally:
            pool.shutdown(wait=False, cancel_futures=True)

    async def _feed(self, config: PrinterConfig, pool: ThreadPoolExecutor) -> None:
        loop = asyncio.get_running_loop()
        device, wake = Device(config), self._wake[config.name]
        delay, rendered = config.retry_s, {}
        while True:
            wake.clear()
            job = await self._db(jobs.oldest_waiting, config.name)
            if job is None:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(wake.wait(), config.check_every_s)
                    continue
                if config.status:
                    await self._probe(config, device, pool)
                continue
            try:
                if job.id not in rendered:
                    data = await loop.run_in_executor(pool, render_for, str(job.slip), config)
                    rendered = {job.id: data}  # one kept: a failed job is tried again
                await loop.run_in_executor(pool, device.print_job, rendered[job.id])
            except PrinterError as exc:
                await self._failed(config, int(job.id), exc.code)
                await asyncio.sleep(delay)
                delay = min(2 * delay, config.retry_max_s)
                continue
            await self._db(jobs.printed, int(job.id))
            log.info("printer %s printed job %d", config.name, job.id)
            delay = config.retry_s
            self._problem(config.name, None)
            self._publish([int(job.id)], "printed")

    async def _failed(self, config: PrinterConfig, job_id: int, code: str) -> None:
        log.warning(
            "printer %s: job %d not printed (%s); kept, retrying", config.name, job_id, code
        )
        await self._db(jobs.failed, job_id, code)
        waiting = await self._db(jobs.waiting, config.name) or 0
        self._problem(config.name, code, waiting)
        self._publish([job_id], "waiting")

    async def _probe(self, config: PrinterConfig, device: Device, pool: ThreadPoolExecutor) -> None:
        """An idle printer's status: off or out of paper is reported before the next job."""
        try:
            await asyncio.get_running_loop().run_in_executor(pool, device.check)
        except PrinterError as exc:
            self._problem(config.name, exc.code)
            return
        self._problem(config.name, None)

    def _problem(self, printer: str, code: str | None, waiting: int = 0) -> None:
        """Every desk's warning for the printer (None: it works again)."""
        if code is None:
            self.problems.pop(printer, None)
            self.warn(f"printer:{printer}", None)
            return
        self.problems[printer] = code
        what = warning(f"printer_{code}", printer=printer, waiting=waiting)
        self.warn(f"printer:{printer}", what)

    def _publish(self, ids: list[int], state: str) -> None:
        if self.hub is not None:
            self.hub.publish("print", {"jobs": ids, "state": state})

    async def _db(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T | None:
        """fn on the database thread; None while the box is locked."""
        store = self.store()
        if store is None:
            return None
        return await store.executor.run(fn, *args, **kwargs)


def render_for(slip_json: str, config: PrinterConfig) -> bytes:
    """The job's bytes for this printer: its own kanji text, or drawn for its paper (a missing
    font is then the printer's problem)."""
    slip = slip_from_json(slip_json)
    if config.kanji:
        return kanji_job(slip, config.paper_mm)
    try:
        return slip_job(slip, config.paper_mm)
    except FontMissingError as exc:
        raise PrinterError("no_font", str(exc)) from None
