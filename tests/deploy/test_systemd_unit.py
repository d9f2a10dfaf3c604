"""deploy/systemd/ringdesk-box.service passes `systemd-analyze verify` (no warning either),
its offline security exposure stays low, and it says what issue 25 asks of it; the udev rule
keeps ModemManager off the modem."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
UNIT = ROOT / "deploy" / "systemd" / "ringdesk-box.service"
RULE = ROOT / "deploy" / "udev" / "77-ringdesk-modem.rules"
SYSTEM_UNITS = Path("/lib/systemd/system")
ANALYZE = shutil.which("systemd-analyze")
needs_analyze = pytest.mark.skipif(
    ANALYZE is None or not (SYSTEM_UNITS / "sysinit.target").exists(),
    reason="systemd-analyze or the system's own units are absent on this machine",
)


def _root(tmp_path: Path) -> Path:
    """A root with the system's units, this unit where the package puts it, and a stand-in
    for the packaged /opt/ringdesk/bin/ringdesk (verify checks ExecStart is executable)."""
    root = tmp_path / "root"
    shutil.copytree(SYSTEM_UNITS, root / "usr/lib/systemd/system", symlinks=True)
    (root / "lib/systemd/system").mkdir(parents=True)
    shutil.copy(UNIT, root / "lib/systemd/system" / UNIT.name)
    exe = root / "opt/ringdesk/bin/ringdesk"
    exe.parent.mkdir(parents=True)
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    return root


def _analyze(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert ANALYZE is not None
    unit = f"/lib/systemd/system/{UNIT.name}"
    return subprocess.run(
        [ANALYZE, *args, f"--root={root}", unit], capture_output=True, text=True, timeout=60
    )


@needs_analyze
def test_systemd_analyze_verify_passes_without_a_warning(tmp_path: Path) -> None:
    done = _analyze(_root(tmp_path), "verify")
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and done.stdout == ""  # unknown keys are only warnings


@needs_analyze
def test_security_exposure_is_low(tmp_path: Path) -> None:
    done = _analyze(_root(tmp_path), "security", "--offline=true", "--threshold=20")
    assert done.returncode == 0, done.stdout[-2000:]
    assert re.search(r"Overall exposure level for ringdesk-box\.service: 1\.\d", done.stdout)


def _service() -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    section = ""
    for raw in UNIT.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
        elif line and not line.startswith("#") and section == "Service":
            key, _, value = line.partition("=")
            values.setdefault(key, []).append(value)
    return values


def test_unit_is_a_hardened_notify_service_with_a_watchdog() -> None:
    s = _service()
    assert s["Type"] == ["notify"] and int(s["WatchdogSec"][0]) > 0
    assert s["User"] == ["ringdesk"] and s["StateDirectory"] == ["ringdesk"]
    assert s["Restart"] == ["on-failure"]
    for key in ("NoNewPrivileges", "ProtectHome", "PrivateTmp"):
        assert s[key] == ["yes"], key
    assert s["ProtectSystem"] == ["strict"]
    assert s["DevicePolicy"] == ["closed"]
    assert sorted(s["DeviceAllow"]) == [
        "char-alsa rw",
        "char-ttyACM rw",
        "char-ttyUSB rw",
        "char-usb_device rw",  # USB receipt printers, through libusb
    ]
    assert "lp" in s["SupplementaryGroups"][0].split()
    assert set(s["RestrictAddressFamilies"][0].split()) <= {
        "AF_UNIX",
        "AF_INET",
        "AF_INET6",
        "AF_NETLINK",
    }
    assert "/var/lib/ringdesk" in s["ExecStart"][0]


def test_udev_rule_hides_usb_serial_modems_from_modemmanager() -> None:
    rules = [
        line
        for line in RULE.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert len(rules) == 1
    assert 'SUBSYSTEM=="tty"' in rules[0] and "ttyACM" in rules[0] and "ttyUSB" in rules[0]
    assert 'ENV{ID_MM_DEVICE_IGNORE}="1"' in rules[0]


def test_udev_rule_gives_the_box_usb_receipt_printers() -> None:
    rule = RULE.with_name("77-ringdesk-printer.rules").read_text(encoding="utf-8")
    [line] = [x for x in rule.splitlines() if x and not x.startswith("#")]
    assert 'SUBSYSTEM=="usb"' in line and "0701" in line and 'GROUP="lp"' in line
