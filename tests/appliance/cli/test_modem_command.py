"""`ringdesk modem emulate` and `ringdesk modem watch` as real processes, talking over a pty."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

from appliance.cli import main
from drivers.modem.emulator.script import ScriptError, parse_script

CLI = [sys.executable, "-c", "import sys; from appliance.cli import main; sys.exit(main())"]


async def _line_with(stream: asyncio.StreamReader, text: str, wait_s: float = 15) -> str:
    async with asyncio.timeout(wait_s):
        while True:
            line = (await stream.readline()).decode("utf-8", "replace")
            if not line:
                raise AssertionError(f"stream ended before {text!r}")
            if text in line:
                return line


async def test_emulate_and_watch_processes(tmp_path: Path) -> None:
    script = tmp_path / "calls.txt"
    script.write_text(
        "rings 2\ninterval 0.3\nwait 2\ncall 0312345678 ヤマダ タロウ\n"
        "lines\nDATE=1203\nTIME=1452\nNMBR=0451234567\nNAME=SATO\nend\n",
        encoding="utf-8",
    )
    emulate = await asyncio.create_subprocess_exec(
        *CLI,
        "modem",
        "emulate",
        "--chipset",
        "usr5637",
        "--script",
        str(script),
        "--link-dir",
        str(tmp_path),
        stdout=asyncio.subprocess.PIPE,
    )
    assert emulate.stdout is not None
    watch = None
    try:
        first = await _line_with(emulate.stdout, "modem on")
        assert str(tmp_path / "ttyACM0") in first
        watch = await asyncio.create_subprocess_exec(
            *CLI,
            "modem",
            "watch",
            str(tmp_path / "ttyACM*"),
            "--region",
            "US",
            stdout=asyncio.subprocess.PIPE,
        )
        assert watch.stdout is not None
        assert "U.S. Robotics" in await _line_with(watch.stdout, "DeviceStatus")
        assert "ヤマダ タロウ" in await _line_with(watch.stdout, "0312345678")
        assert "SATO" in await _line_with(watch.stdout, "0451234567")
    finally:
        for proc in (watch, emulate):
            if proc is not None:
                proc.terminate()
                await proc.wait()


def test_script_errors_name_the_line() -> None:
    with pytest.raises(ScriptError, match="line 2"):
        parse_script("rings 3\nrings many\n")
    with pytest.raises(ScriptError, match="end"):
        parse_script("lines\nNMBR=1\n")
    (call,) = parse_script("jp P  # withheld, Number Display\n")
    assert call.reason == "P" and call.japan and call.number is None


def test_bad_options_are_clear(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["modem", "emulate", "--script", str(tmp_path / "missing.txt")]) == 1
    assert "読めません" in capsys.readouterr().err
    assert main(["modem", "watch", "/dev/null", "--chipset", "hayes"]) == 1
    assert "unknown chipset" in capsys.readouterr().err


def test_samples_file_becomes_one_call_per_block() -> None:
    from drivers.modem.emulator.script import sample_calls
    from drivers.modem.samples import blocks

    text = (Path(__file__).parents[2] / "drivers" / "modem" / "data" / "samples.txt").read_text(
        encoding="utf-8"
    )
    calls = sample_calls(text, interval_s=0.5)
    assert len(calls) == len([b for b in blocks(text).values() if b]) == 40
    assert all("RING" not in c.lines and c.interval_s == 0.5 for c in calls)
