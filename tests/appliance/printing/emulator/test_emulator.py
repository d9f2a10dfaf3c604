"""The printer emulator: status queries answered like a real printer, out of paper included; a
job sent over TCP comes back as a PNG whose raster is the slip and whose QR reads back."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PIL import Image, ImageChops
from pyzbar import pyzbar

from appliance.printing.emulator.printer import EmulatedPrinter
from appliance.printing.emulator.server import PrinterEmulator
from appliance.printing.encode import slip_image, slip_job
from tests.appliance.printing.slips import japanese_slip

DLE_EOT = b"\x10\x04"


def test_status_queries_are_answered_online_and_out_of_paper() -> None:
    printer = EmulatedPrinter()
    replies, jobs = printer.feed(DLE_EOT + b"\x01" + DLE_EOT + b"\x04" + b"\x1dr\x01")
    assert (replies, jobs) == (b"\x16\x12\x00", [])
    printer.paper_out = True
    replies, _ = printer.feed(DLE_EOT + b"\x01" + DLE_EOT + b"\x04" + b"\x1dr\x01")
    assert replies[0] & 0x08 and replies[1] & 0x60 == 0x60 and replies[2] & 0x0C == 0x0C


def test_a_job_sent_while_out_of_paper_prints_nothing() -> None:
    printer = EmulatedPrinter(paper_out=True)
    _, jobs = printer.feed(slip_job(japanese_slip(), 80))
    assert jobs == [] and printer.dropped == 1


def test_text_in_kanji_mode_is_printed_and_read_back() -> None:
    printer = EmulatedPrinter(384)
    text = "山田 太郎 様".encode("cp932")
    _, jobs = printer.feed(b"\x1b@\x1b\x61\x01\x1c\x43\x01\x1c\x26" + text + b"\x0a\x1dV\x00")
    [job] = jobs
    assert job.texts == ["山田 太郎 様"] and job.cut
    assert ImageChops.invert(job.image.convert("L")).getbbox() is not None


async def _send(port: int, data: bytes) -> None:
    _reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(data)
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def test_a_slip_over_tcp_becomes_a_png_with_its_raster_and_qr(tmp_path: Path) -> None:
    emulator = PrinterEmulator(tmp_path / "out", port=0, width=384)
    await emulator.start()
    try:
        slip = japanese_slip()
        await _send(emulator.port, slip_job(slip, 58))
        [job] = await emulator.wait_for_jobs(1)
    finally:
        await emulator.stop()
    png = tmp_path / "out" / "job-0001.png"
    # like the paper, a slip holds an address: only the owner reads the folder and the file
    assert png.stat().st_mode & 0o777 == 0o600 and png.parent.stat().st_mode & 0o777 == 0o700
    saved = await asyncio.to_thread(Image.open, png)
    assert saved.size == job.image.size and job.cut
    sent = job.raster()
    assert sent is not None
    assert (
        ImageChops.difference(sent.convert("L"), slip_image(slip, 58).convert("L")).getbbox()
        is None
    )
    assert job.qr_codes == [slip.qr_payload]
    decoded = await asyncio.to_thread(pyzbar.decode, saved.convert("L"))
    assert [d.data.decode("utf-8") for d in decoded] == [slip.qr_payload]


async def test_a_restarted_emulator_numbers_on(tmp_path: Path) -> None:
    (tmp_path / "job-0007.png").write_bytes(b"")
    emulator = PrinterEmulator(tmp_path, port=0)
    await emulator.start()
    try:
        await _send(emulator.port, b"\x1b@hello\x0a\x1dV\x00")
        await emulator.wait_for_jobs(1)
    finally:
        await emulator.stop()
    assert (tmp_path / "job-0008.png").stat().st_size > 0
