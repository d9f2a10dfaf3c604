"""The print queue on a real encrypted store and the emulator over TCP: slips print in order
and read back; a printer that is off or out of paper is a desk warning, its jobs kept and
printed once it is back; reprints; slips of a kind no printer takes wait for one."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import socket
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops
from pyzbar import pyzbar

from appliance.box_health import Warning
from appliance.config import PrinterConfig
from appliance.core.events import EventHub
from appliance.db.models.printing import PrintJob
from appliance.db.store import Store
from appliance.printing.emulator.server import PrinterEmulator
from appliance.printing.encode import slip_image
from appliance.printing.queue import PrintQueue, QueueLockedError
from appliance.printing.slip import Slip
from tests.appliance.printing.slips import japanese_slip, printed_jobs


class Desks:
    """What every desk is told: the warnings by source, and a way to wait for one."""

    def __init__(self) -> None:
        self.now: dict[str, Warning] = {}
        self.changed = asyncio.Condition()

    def warn(self, source: str, what: Warning | None) -> None:
        if what is None:
            self.now.pop(source, None)
        else:
            self.now[source] = what
        asyncio.get_running_loop().create_task(self._notify())

    async def _notify(self) -> None:
        async with self.changed:
            self.changed.notify_all()

    async def until(self, test: Callable[[dict[str, Warning]], bool]) -> dict[str, Warning]:
        async with self.changed:
            await self.changed.wait_for(lambda: test(self.now))
        return dict(self.now)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    s = await Store.open_async(tmp_path / "box.db", os.urandom(32), create=True)
    yield s
    await s.aclose()


def _queue(store: Store | None, desks: Desks, *printers: PrinterConfig) -> PrintQueue:
    return PrintQueue(printers, lambda: store, desks.warn, EventHub())


def _printer(name: str, port: int, role: str = "all", paper: int = 80) -> PrinterConfig:
    return PrinterConfig(
        name, role, host="127.0.0.1", port=port, paper_mm=paper, timeout_s=5,
        retry_s=0.05, retry_max_s=0.2, check_every_s=0.2,
    )  # fmt: skip


async def _states(store: Store) -> list[tuple[str, str, int]]:
    def rows() -> list[tuple[str, str, int]]:
        return [(j.printer, j.state, j.attempts) for j in PrintJob.select().order_by(PrintJob.id)]

    return await store.executor.run(rows)


def _same(job_raster: Any, slip: Slip, paper: int) -> bool:
    expected = slip_image(slip, paper).convert("L")
    return ImageChops.difference(job_raster.convert("L"), expected).getbbox() is None


async def test_slips_print_in_order_and_read_back_from_the_emulator(
    store: Store, tmp_path: Path
) -> None:
    emulator = PrinterEmulator(tmp_path / "out", port=0, width=384)
    await emulator.start()
    desks = Desks()
    queue = _queue(store, desks, _printer("counter", emulator.port, paper=58))
    await queue.start()
    try:
        slips = [dataclasses.replace(japanese_slip(seed=i), order_no=f"{i:04d}") for i in range(3)]
        for slip in slips:
            await queue.submit(slip)
        printed = await emulator.wait_for_jobs(3)
        await printed_jobs(queue, 3)
    finally:
        await queue.stop()
        await emulator.stop()
    for job, slip in zip(printed, slips, strict=True):
        assert _same(job.raster(), slip, 58)  # in the order submitted
        assert job.qr_codes == [slip.qr_payload] and job.cut
    png = sorted((tmp_path / "out").glob("*.png"))[0]
    decoded = await asyncio.to_thread(lambda: pyzbar.decode(Image.open(png)))
    assert [d.data.decode() for d in decoded] == [slips[0].qr_payload]
    assert [s for _, s, _ in await _states(store)] == ["printed"] * 3
    assert desks.now == {}


async def test_a_printer_that_is_off_is_reported_and_prints_when_it_is_back(
    store: Store, tmp_path: Path
) -> None:
    port = _free_port()  # nothing listens there: the printer is off
    desks = Desks()
    queue = _queue(store, desks, _printer("kitchen", port, "kitchen"))
    await queue.start()
    emulator = PrinterEmulator(tmp_path, port=port)
    try:
        slip = japanese_slip("kitchen")
        [job_id] = await queue.submit(slip)
        seen = await desks.until(lambda w: "printer:kitchen" in w)
        assert seen["printer:kitchen"] == {
            "code": "printer_offline",
            "values": {"printer": "kitchen", "waiting": 1},
        }
        [(printer, state, attempts)] = await _states(store)
        assert (printer, state) == ("kitchen", "waiting") and attempts >= 1
        await emulator.start()  # switched on
        [job] = await emulator.wait_for_jobs(1)
        await desks.until(lambda w: "printer:kitchen" not in w)
        await printed_jobs(queue, 1)
    finally:
        await queue.stop()
        await emulator.stop()
    assert _same(job.raster(), slip, 80)
    assert [(j, s) for j, s, _ in await _states(store)] == [("kitchen", "printed")]
    assert job_id == 1


async def test_out_of_paper_is_reported_the_job_kept_and_printed_after_a_new_roll(
    store: Store, tmp_path: Path
) -> None:
    emulator = PrinterEmulator(tmp_path, port=0, paper_out=True)
    await emulator.start()
    desks = Desks()
    queue = _queue(store, desks, _printer("counter", emulator.port))
    await queue.start()
    try:
        slip = japanese_slip()
        await queue.submit(slip)
        seen = await desks.until(lambda w: "printer:counter" in w)
        assert seen["printer:counter"]["code"] == "printer_paper_out"
        assert [s for _, s, _ in await _states(store)] == ["waiting"]
        assert emulator.printer.dropped == 0  # nothing was sent to a printer without paper
        emulator.paper_out = False
        [job] = await emulator.wait_for_jobs(1)
        await desks.until(lambda w: w == {})
    finally:
        await queue.stop()
        await emulator.stop()
    assert _same(job.raster(), slip, 80)


async def test_an_idle_printer_that_goes_off_is_reported_before_any_job(
    store: Store, tmp_path: Path
) -> None:
    desks = Desks()
    queue = _queue(store, desks, _printer("counter", _free_port()))
    await queue.start()
    try:
        seen = await desks.until(lambda w: "printer:counter" in w)
    finally:
        await queue.stop()
    assert seen["printer:counter"]["values"] == {"printer": "counter", "waiting": 0}


async def test_a_reprint_prints_the_slip_again_marked_as_a_reprint(
    store: Store, tmp_path: Path
) -> None:
    emulator = PrinterEmulator(tmp_path, port=0)
    await emulator.start()
    queue = _queue(store, Desks(), _printer("counter", emulator.port))
    await queue.start()
    try:
        slip = japanese_slip()
        [first] = await queue.submit(slip)
        await emulator.wait_for_jobs(1)
        again = await queue.reprint(first)
        assert again is not None and again.reprint_of == first
        _, job = await emulator.wait_for_jobs(2)
        assert await queue.reprint(9999) is None
        listed = await queue.jobs(order_id=slip.order_id)
    finally:
        await queue.stop()
        await emulator.stop()
    assert _same(job.raster(), dataclasses.replace(slip, reprint=True), 80)
    assert [j.id for j in listed] == [again.id, first]


async def test_each_kind_goes_to_its_printer_and_a_kind_without_one_waits(
    store: Store, tmp_path: Path
) -> None:
    kitchen = PrinterEmulator(tmp_path / "k", port=0)
    await kitchen.start()
    desks = Desks()
    queue = _queue(store, desks, _printer("kitchen", kitchen.port, "kitchen"))
    await queue.start()
    try:
        await queue.submit(japanese_slip())  # a delivery slip: no delivery printer
        await queue.submit(japanese_slip("kitchen"))
        [job] = await kitchen.wait_for_jobs(1)
        seen = await desks.until(lambda w: "printer-none:delivery" in w)
        assert seen["printer-none:delivery"] == {
            "code": "no_printer",
            "values": {"kind": "delivery", "waiting": 1},
        }
    finally:
        await queue.stop()
    assert job.raster() is not None and _same(job.raster(), japanese_slip("kitchen"), 80)
    # the shop adds a delivery printer and restarts: the waiting slip goes to it
    counter = PrinterEmulator(tmp_path / "c", port=0)
    await counter.start()
    desks = Desks()
    queue = _queue(store, desks, _printer("counter", counter.port, "delivery"))
    await queue.start()
    try:
        [slip_job] = await counter.wait_for_jobs(1)
    finally:
        await queue.stop()
        await counter.stop()
        await kitchen.stop()
    assert _same(slip_job.raster(), japanese_slip(), 80)
    assert "printer-none:delivery" not in desks.now


async def test_a_locked_box_refuses_to_store_a_job() -> None:
    queue = _queue(None, Desks())
    with pytest.raises(QueueLockedError):
        await queue.submit(japanese_slip())
    assert await queue.jobs() == []


async def test_a_printer_in_kanji_mode_gets_the_slip_as_its_own_text(
    store: Store, tmp_path: Path
) -> None:
    emulator = PrinterEmulator(tmp_path, port=0)
    await emulator.start()
    config = dataclasses.replace(_printer("counter", emulator.port), kanji=True)
    queue = _queue(store, Desks(), config)
    await queue.start()
    try:
        slip = japanese_slip()
        await queue.submit(slip)
        [job] = await emulator.wait_for_jobs(1)
    finally:
        await queue.stop()
        await emulator.stop()
    assert job.rasters == [] and f"{slip.customer_name} 様" in job.texts
    assert job.qr_codes == [slip.qr_payload]


async def test_a_silent_printer_holds_up_nothing_but_its_own_jobs(store: Store) -> None:
    async def swallow(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while await reader.read(65536):  # takes everything, answers nothing
            pass
        writer.close()

    silent = await asyncio.start_server(swallow, "127.0.0.1", 0)
    port = silent.sockets[0].getsockname()[1]
    desks = Desks()
    config = dataclasses.replace(_printer("slow", port), timeout_s=0.5)
    queue = _queue(store, desks, config)
    await queue.start()
    try:
        first = await queue.submit(japanese_slip())  # stored, not printed: submit never waits
        second = await queue.submit(japanese_slip("kitchen"))
        listed = await queue.jobs()  # the database thread is not held by the printer
        assert [j.id for j in listed] == second + first
        assert all(j.state == "waiting" for j in listed)
        seen = await desks.until(lambda w: "printer:slow" in w)
        assert seen["printer:slow"]["code"] == "printer_offline"
    finally:
        await queue.stop()
        silent.close()
        await silent.wait_closed()
