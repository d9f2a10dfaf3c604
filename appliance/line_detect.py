"""Line devices a new box can see without opening them: serial ports by their USB names and
USB sound cards, each with the driver it most likely needs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

MODEM_HINTS = ("modem", "conexant", "robotics", "usr", "zoom", "agere", "rockwell", "cx93010")


@dataclass(frozen=True)
class FoundDevice:
    """One device: its stable path, what it calls itself, the driver it most likely needs."""

    path: str
    label: str
    driver: str  # modem | soundcard | serial (a USB-serial port: ND adapter, Whozz, line card)


def detect_lines(root: Path = Path("/")) -> list[FoundDevice]:
    """Modems and other serial ports first (by-id paths survive re-plugging), then sound cards."""
    return _serial(root) + _sound_cards(root)


def _serial(root: Path) -> list[FoundDevice]:
    by_id = root / "dev/serial/by-id"
    found: list[FoundDevice] = []
    seen: set[str] = set()
    if by_id.is_dir():
        for link in sorted(by_id.iterdir()):
            name = link.name.lower()
            target = (by_id / link.readlink()).resolve().name if link.is_symlink() else link.name
            seen.add(target)
            driver = "modem" if any(h in name for h in MODEM_HINTS) or "acm" in target else "serial"
            found.append(FoundDevice("/" + str(link.relative_to(root)), link.name, driver))
    for pattern, driver in (("ttyACM*", "modem"), ("ttyUSB*", "serial")):
        for dev in sorted((root / "dev").glob(pattern)):
            if dev.name not in seen:
                found.append(FoundDevice(f"/dev/{dev.name}", dev.name, driver))
    return found


def _sound_cards(root: Path) -> list[FoundDevice]:
    cards = root / "proc/asound/cards"
    try:
        text = cards.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    found = []
    for match in re.finditer(r"^\s*(\d+)\s+\[(\S+)\s*\]:\s*(\S+)\s+-\s+(.*)$", text, re.M):
        index, short, kind, long_name = match.groups()
        if kind.lower().startswith("usb"):
            found.append(FoundDevice(long_name.strip(), f"card {index} [{short}]", "soundcard"))
    return found
