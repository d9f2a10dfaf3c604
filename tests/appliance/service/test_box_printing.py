"""A real box process with a printer in ringdesk.toml: while the printer is off every desk is
told, a test slip waits in the box; out of paper is told too; with paper it prints, read back
from the emulator, and the warning goes away."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

from appliance.printing.emulator.server import PrinterEmulator
from tests.appliance.service.boxproc import QUIET_TOML, Desk, init_box, login, pair_desk, run_box


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _toml(port: int) -> str:
    return QUIET_TOML + (
        "\n[[printers]]\n"
        'name = "kitchen"\nrole = "all"\nhost = "127.0.0.1"\n'
        f"port = {port}\ntimeout_s = 5\nretry_s = 0.2\nretry_max_s = 0.5\ncheck_every_s = 0.5\n"
    )


async def _until(desk: Desk, path: str, test: Callable[[Any], bool]) -> Any:
    async with desk.http() as http, asyncio.timeout(60):
        while not test(answer := (await http.get(path)).json()):  # noqa: ASYNC110
            await asyncio.sleep(0.2)
    return answer


def _codes(status: dict[str, Any]) -> list[str]:
    return [w["code"] for w in status["warnings"]]


async def test_off_and_out_of_paper_are_told_the_job_kept_and_printed_after(
    tmp_path: Path,
) -> None:
    port = _free_port()  # the printer is off: nothing listens there yet
    data = tmp_path / "box"
    init_box(data, toml=_toml(port), customers=[])
    emulator = PrinterEmulator(tmp_path / "printed", port=port, paper_out=True)
    async with run_box(data) as box:
        desk = await pair_desk(box)
        await login(desk)
        status = await _until(desk, "/status", lambda s: "printer_offline" in _codes(s))
        assert status["warnings"][0]["values"] == {"printer": "kitchen", "waiting": 0}
        async with desk.http() as http:
            made = await http.post("/print/printers/kitchen/test")
        assert made.status_code == 201, made.text
        jobs = await _until(desk, "/print/jobs", lambda j: j[0]["attempts"] >= 1)
        assert jobs[0]["state"] == "waiting" and jobs[0]["problem"] == "offline"
        await emulator.start()  # switched on, but the roll is empty
        try:
            status = await _until(desk, "/status", lambda s: "printer_paper_out" in _codes(s))
            assert status["warnings"][0]["values"]["waiting"] == 1
            assert emulator.jobs == [] and emulator.printer.dropped == 0
            emulator.paper_out = False  # a new roll
            [job] = await emulator.wait_for_jobs(1)
            await _until(desk, "/status", lambda s: _codes(s) == [])
            jobs = await _until(desk, "/print/jobs", lambda j: j[0]["state"] == "printed")
        finally:
            await emulator.stop()
        assert box.proc.returncode is None
    assert job.cut and job.qr_codes and job.raster() is not None
    assert (tmp_path / "printed" / "job-0001.png").exists()
