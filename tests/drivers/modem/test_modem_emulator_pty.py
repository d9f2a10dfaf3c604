"""The emulator on a real pty: a serial port answers AT, and unplugging removes the node."""

from __future__ import annotations

import asyncio
from pathlib import Path

import serial

from drivers.modem.emulator import ModemEmulator


def _node(path: str) -> tuple[bool, bool]:
    """(exists, is a symlink) for a device path."""
    return Path(path).exists(), Path(path).is_symlink()


async def _ask(port: serial.Serial, command: bytes, want: bytes) -> bytes:
    port.write(command)
    got = b""
    async with asyncio.timeout(3):
        while want not in got:
            await asyncio.sleep(0.01)
            got += port.read(4096)
    return got


async def test_serial_port_on_the_pty_answers_and_rings(tmp_path: Path) -> None:
    emu = ModemEmulator("conexant", link_dir=tmp_path)
    path = await emu.start()
    assert path == str(tmp_path / "ttyACM0") and _node(path) == (True, True)
    port = serial.serial_for_url(path, 115200, timeout=0)
    try:
        assert b"56000" in await _ask(port, b"ATI0\r", b"OK")
        await _ask(port, b"AT+VCID=1\r", b"OK")
        emu.place_call("0312345678", "サトウ ハナコ", rings=2, ring_interval_s=0.2)
        got = await _ask(port, b"", "サトウ".encode())
        assert b"RING" in got and b"NMBR = 0312345678" in got
    finally:
        port.close()
        await emu.stop()


async def test_unplug_removes_the_node_and_replug_renumbers(tmp_path: Path) -> None:
    emu = ModemEmulator("usr5637", link_dir=tmp_path)
    first = await emu.start()
    port = serial.serial_for_url(first, 115200, timeout=0)
    await emu.unplug()
    assert not _node(first)[0] and emu.path == ""
    await asyncio.sleep(0.05)
    try:
        port.read(10)
        raised = False
    except (serial.SerialException, OSError):
        raised = True
    port.close()
    assert raised  # the driver's open port reports the loss
    second = await emu.replug()
    assert second == str(tmp_path / "ttyACM1") and _node(second)[0]
    port = serial.serial_for_url(second, 115200, timeout=0)
    try:
        assert b"USR5637" in await _ask(port, b"AT+GMM\r", b"OK")
    finally:
        port.close()
        await emu.stop()
