"""The desk's printing screen on a real box API with the printer emulator: Alt+P lists the
printers and the jobs, r reprints the selected slip, t prints a test slip, the list follows the
box's print events, in Japanese and in English, at 80x24 too."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from appliance.config import PrinterConfig
from appliance.printing.emulator.server import PrinterEmulator
from appliance.printing.queue import PrintQueue
from tests.appliance.printing.slips import japanese_slip
from tests.tui.conftest import Box, desk_app, screen_text, until
from tui.client.keystore import Keystore
from tui.screens.printing import PrintingScreen


@pytest.fixture
async def printer(box: Box, tmp_path: Path) -> AsyncIterator[PrinterEmulator]:
    emulator = PrinterEmulator(tmp_path / "printed", port=0)
    await emulator.start()
    config = PrinterConfig("厨房", role="all", host="127.0.0.1", port=emulator.port, timeout_s=5)
    state = box.server.state
    queue = PrintQueue((config,), lambda: box.store, lambda _s, _w: None, state.hub)
    await queue.start()
    state.hooks.printing = queue
    try:
        yield emulator
    finally:
        state.hooks.printing = None
        await queue.stop()
        await emulator.stop()


def _screen(app: object) -> PrintingScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, PrintingScreen)
    return screen


async def test_the_printing_screen_reprints_and_test_prints(
    box: Box, keystore: Keystore, printer: PrinterEmulator
) -> None:
    queue = box.server.state.hooks.printing
    assert queue is not None
    slip = japanese_slip()
    await queue.submit(slip)
    await printer.wait_for_jobs(1)
    async with desk_app(box, keystore, size=(80, 24)) as (app, pilot):
        await pilot.press("alt+p")
        await until(lambda: isinstance(app.screen, PrintingScreen) and bool(app.screen.jobs), 15)
        await until(lambda: _screen(app).jobs[0].state == "printed", 15)
        text = screen_text(app)
        assert "厨房 (すべての伝票): 印刷できます" in text, text
        assert slip.order_no in text and "配達伝票" in text and "印刷済み" in text
        await pilot.press("r")
        [_, again] = await printer.wait_for_jobs(2)
        assert again.raster() is not None
        await until(lambda: any(j.reprint_of for j in _screen(app).jobs), 15)
        await pilot.press("t")
        await printer.wait_for_jobs(3)
        await until(lambda: len(_screen(app).jobs) == 3, 15)
        await pilot.press("f7")  # English
        await until(lambda: "Printing: printers and slips" in screen_text(app), 15)
        await until(lambda: "every slip" in screen_text(app), 15)
        text = screen_text(app)
        assert "(reprint)" in text and "TEST" in text, text
    assert printer.jobs[2].qr_codes  # the test slip has its QR


async def test_without_printers_the_screen_says_so(box: Box, keystore: Keystore) -> None:
    async with desk_app(box, keystore) as (app, pilot):
        await pilot.press("alt+p")
        await until(lambda: isinstance(app.screen, PrintingScreen))
        await until(lambda: any("print queue" in n.message for n in app._notifications), 15)
        await pilot.press("escape")
        await until(lambda: not isinstance(app.screen, PrintingScreen))
