"""The ringdesk.toml a new box starts from: every option there, the found lines filled in, and
what it says parses to the configuration the box runs."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from appliance.config import API_LIMITS, parse_config
from appliance.config_template import config_text
from appliance.line_detect import FoundDevice, detect_lines

CARDS = """\
 0 [Headphones     ]: bcm2835_headpho - bcm2835 Headphones
                      bcm2835 Headphones
 1 [Device         ]: USB-Audio - USB Audio Device
                      C-Media Electronics Inc. USB Audio Device at usb-xhci-hcd.0-1.2, full speed
"""


def _machine(root: Path) -> Path:
    """A Pi's /dev and /proc as a folder: a USB modem by id, a USB-serial port, a USB sound card."""
    by_id = root / "dev/serial/by-id"
    by_id.mkdir(parents=True)
    for name in ("ttyACM0", "ttyUSB0"):
        (root / "dev" / name).touch()
    (by_id / "usb-Conexant_USB_Modem_24680246-if00").symlink_to("../../ttyACM0")
    (by_id / "usb-FTDI_FT232R_USB_UART_A10K3ZQ1-if00-port0").symlink_to("../../ttyUSB0")
    (root / "proc/asound").mkdir(parents=True)
    (root / "proc/asound/cards").write_text(CARDS, encoding="utf-8")
    return root


def test_devices_are_found_by_their_stable_names(tmp_path: Path) -> None:
    found = detect_lines(_machine(tmp_path))
    assert found == [
        FoundDevice(
            "/dev/serial/by-id/usb-Conexant_USB_Modem_24680246-if00",
            "usb-Conexant_USB_Modem_24680246-if00",
            "modem",
        ),
        FoundDevice(
            "/dev/serial/by-id/usb-FTDI_FT232R_USB_UART_A10K3ZQ1-if00-port0",
            "usb-FTDI_FT232R_USB_UART_A10K3ZQ1-if00-port0",
            "serial",
        ),
        FoundDevice("USB Audio Device", "card 1 [Device]", "soundcard"),  # the Pi's jack is not
    ]


def test_a_machine_with_nothing_plugged_in_finds_nothing(tmp_path: Path) -> None:
    (tmp_path / "dev").mkdir()
    assert detect_lines(tmp_path) == []


def test_a_found_modem_is_line1_and_the_rest_are_listed(tmp_path: Path) -> None:
    text = config_text(detect_lines(_machine(tmp_path)), name='鈴木 "すし" 本店')
    config = parse_config(tomllib.loads(text), "t", tmp_path / "data")
    [line] = config.lines
    assert (line.name, line.driver) == ("line1", "modem")
    assert line.device == "/dev/serial/by-id/usb-Conexant_USB_Modem_24680246-if00"
    assert config.name == '鈴木 "すし" 本店'
    assert "usb-FTDI_FT232R_USB_UART_A10K3ZQ1-if00-port0  (serial)" in text
    assert "USB Audio Device  card 1 [Device]  (soundcard)" in text
    assert "SIMULATED" not in text


def test_nothing_found_is_a_simulated_line_that_says_so(tmp_path: Path) -> None:
    text = config_text([])
    config = parse_config(tomllib.loads(text), "t", tmp_path)
    assert [c.driver for c in config.lines] == ["simulated"]
    assert "SIMULATED" in text


def test_every_option_is_in_the_file_and_backups_are_on(tmp_path: Path) -> None:
    text = config_text([])
    keys = set(re.findall(r"^#?\s*([a-z_]+)\s*=", text, re.M))
    options = {"ring_timeout_s", "record", "auto_answer_rings", "voicemail_rings"}
    options |= {"hook_events", "missed_after_rings", "call_timeout_s"}
    options |= {"auto_hangup_blocked", "chipset", "standard", "form", "baudrate", "host"}
    options |= {"enabled", "target", "interval_min", "require_mount", "port", "allow"}
    assert options | set(API_LIMITS) <= keys
    config = parse_config(tomllib.loads(text), "t", tmp_path)
    assert config.backup_target == str(tmp_path / "backups")
    assert not config.backup_require_mount


def test_backups_are_on_without_a_backup_table_and_off_only_when_asked(tmp_path: Path) -> None:
    assert parse_config({}, "t", tmp_path).backup_target == str(tmp_path / "backups")
    off = parse_config({"backup": {"enabled": False}}, "t", tmp_path)
    assert off.backup_target is None
    stick = parse_config({"backup": {"target": "/media/usb", "require_mount": True}}, "t")
    assert stick.backup_target == "/media/usb" and stick.backup_require_mount


def test_printers_in_the_template_parse_when_uncommented(tmp_path: Path) -> None:
    text = config_text([])
    start = text.index("# [[printers]]")
    block = text[start : text.index("[ncid]")]
    uncommented = "\n".join(line.removeprefix("# ") for line in block.splitlines())
    config = parse_config(tomllib.loads(text[:start] + uncommented), "t", tmp_path)
    kitchen, counter, serial = config.printers
    assert (kitchen.role, kitchen.host, kitchen.port, kitchen.paper_mm) == (
        "kitchen",
        "192.168.1.50",
        9100,
        80,
    )
    assert kitchen.connection == "network" and kitchen.prints("kitchen")
    assert not kitchen.prints("delivery")
    assert (counter.connection, counter.usb) == ("usb", (0x04B8, 0x0202))
    assert (serial.connection, serial.device, serial.baudrate) == ("serial", "/dev/ttyUSB0", 38400)
    assert serial.prints("kitchen") and serial.prints("delivery")
    assert parse_config(tomllib.loads(text), "t", tmp_path).printers == ()
