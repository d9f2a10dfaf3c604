"""`ringdesk modem probe` finds the pty modem emulator, names its chipset and prints the
ringdesk.toml lines for it; with nothing that answers it says so and fails."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from appliance.cli.commands._modem_probe import devices
from drivers.modem import ModemEmulator

RINGDESK = str(Path(sys.executable).with_name("ringdesk"))


async def _probe(*args: str) -> tuple[int, str]:
    proc = await asyncio.create_subprocess_exec(
        RINGDESK,
        "modem",
        "probe",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await asyncio.wait_for(proc.communicate(), 60)
    return await proc.wait(), out.decode()


async def test_probe_identifies_the_emulated_modem_and_prints_its_line(tmp_path: Path) -> None:
    (tmp_path / "dev").mkdir()
    emulator = ModemEmulator("usr5637", link_dir=tmp_path / "dev")
    await emulator.start()
    try:
        rc, out = await _probe(f"{tmp_path / 'dev'}/tty*", "--wait", "30")
    finally:
        await emulator.stop()
    assert rc == 0, out
    assert "modem: " in out and "caller ID" in out
    assert f'device = "{tmp_path / "dev"}/ttyACM0"' in out
    assert '[[lines]]\nname = "line1"\ndriver = "modem"' in out


async def test_probe_without_a_modem_says_so(tmp_path: Path) -> None:
    (tmp_path / "ttyUSB0").write_bytes(b"")  # a path that exists but is no serial port
    rc, out = await _probe(str(tmp_path / "ttyUSB0"), "--wait", "5")
    assert rc != 0
    assert "no modem answered" in out and "Traceback" not in out
    rc, out = await _probe(str(tmp_path / "nothing*"))
    assert rc != 0 and "no serial device found" in out


def test_a_by_id_link_and_its_node_are_one_device(tmp_path: Path) -> None:
    node = tmp_path / "ttyACM0"
    node.write_bytes(b"")
    (tmp_path / "usb-Conexant_modem-if00").symlink_to(node)
    assert devices([str(tmp_path / "usb-*"), str(tmp_path / "ttyACM*")]) == [
        str(tmp_path / "usb-Conexant_modem-if00")
    ]
