"""`ringdesk printer status|test` against the emulator: ready, out of paper, off; a test slip
printed and read back; an unknown printer named."""

from __future__ import annotations

import asyncio
import socket
import sys
from pathlib import Path

from appliance.printing.emulator.server import PrinterEmulator

CLI = [sys.executable, "-c", "import sys; from appliance.cli import main; sys.exit(main())"]


def _toml(data: Path, port: int) -> None:
    data.mkdir()
    data.joinpath("ringdesk.toml").write_text(
        '[[printers]]\nname = "kitchen"\nhost = "127.0.0.1"\n'
        f"port = {port}\ntimeout_s = 5\n"
        '[[printers]]\nname = "counter"\nhost = "127.0.0.1"\n'
        f"port = {_free_port()}\ntimeout_s = 5\n",
        encoding="utf-8",
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _cli(*args: str) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        *CLI, *args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await proc.communicate()
    return int(proc.returncode or 0), out.decode(), err.decode()


async def test_status_and_test_print_from_the_box_terminal(tmp_path: Path) -> None:
    emulator = PrinterEmulator(port=0, paper_out=True)
    await emulator.start()
    data = tmp_path / "box"
    _toml(data, emulator.port)
    try:
        code, out, _ = await _cli("printer", "status", "--data", str(data))
        assert code == 1
        assert "kitchen: out of paper" in out and "counter: cannot be reached" in out
        emulator.paper_out = False
        code, out, _ = await _cli("printer", "test", "kitchen", "--data", str(data), "--lang", "en")
        assert code == 0 and "kitchen: test slip printed" in out
        [job] = await emulator.wait_for_jobs(1)
        code, _, err = await _cli("printer", "test", "bar", "--data", str(data))
        assert code == 1 and "printers: kitchen, counter" in err
    finally:
        await emulator.stop()
    assert job.cut and job.qr_codes and job.raster() is not None
