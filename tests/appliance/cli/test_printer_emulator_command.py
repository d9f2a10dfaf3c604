"""`ringdesk printer-emulator` as a real process: it listens, answers a status query, saves a
slip sent to it as a PNG and says so; a bad port is refused with a message."""

from __future__ import annotations

import asyncio
import re
import sys
from pathlib import Path

import pytest

from appliance.cli import main
from appliance.printing.encode import slip_job
from tests.appliance.printing.slips import japanese_slip

CLI = [sys.executable, "-c", "import sys; from appliance.cli import main; sys.exit(main())"]


async def _line_with(stream: asyncio.StreamReader, text: str) -> str:
    async with asyncio.timeout(30):
        while line := (await stream.readline()).decode("utf-8", "replace"):
            if text in line:
                return line
    raise AssertionError(f"stream ended before {text!r}")


async def test_the_emulator_command_saves_what_it_is_sent(tmp_path: Path) -> None:
    out = tmp_path / "printed"
    proc = await asyncio.create_subprocess_exec(
        *CLI, "printer-emulator", "--port", "0", "--out", str(out), "--paper", "58",
        stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdout is not None
    try:
        ready = await _line_with(proc.stdout, "printer on")
        port = int(re.search(r":(\d+)", ready).group(1))  # type: ignore[union-attr]
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"\x10\x04\x04")  # DLE EOT 4: paper?
        assert await reader.readexactly(1) == b"\x12"
        writer.write(slip_job(japanese_slip(), 58))
        await writer.drain()
        printed = await _line_with(proc.stdout, "printed")
        writer.close()
        await writer.wait_closed()
    finally:
        proc.terminate()
        await proc.wait()
    assert "job-0001.png" in printed and "1 QR" in printed
    assert (out / "job-0001.png").stat().st_size > 0


def test_a_port_out_of_range_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["printer-emulator", "--port", "70000"]) == 1
    assert "is not a TCP port" in capsys.readouterr().err
