"""Ethernet Link UDP packets: `^^<U>` 6-byte unit, `<S>` 6-byte serial, optional `$`, record."""

from __future__ import annotations

from dataclasses import dataclass

_HEAD = b"^^<U>"
_SERIAL_TAG = b"<S>"
HEADER_LEN = 5 + 6 + 3 + 6  # up to the optional '$'


@dataclass(frozen=True)
class Packet:
    """One unit's packet: its unit number, serial (shown NN-NN-NNNNNN-NN) and record text."""

    unit: int
    serial: str
    record: str


def build_packet(unit: int, serial: int, record: str) -> bytes:
    """Bytes a unit sends for one record."""
    return (
        _HEAD
        + unit.to_bytes(6, "big")
        + _SERIAL_TAG
        + serial.to_bytes(6, "big")
        + b"$"
        + record.encode("latin-1", errors="replace")
    )


def parse_packet(data: bytes) -> Packet | None:
    """Split a packet into unit, serial and record; None when the framing is wrong."""
    if not data.startswith(_HEAD) or data[11:14] != _SERIAL_TAG or len(data) < HEADER_LEN:
        return None
    unit = int.from_bytes(data[5:11], "big")
    s = data[14:20].hex().upper()
    serial = f"{s[0:2]}-{s[2:4]}-{s[4:10]}-{s[10:12]}"
    body = data[HEADER_LEN:]
    if body.startswith(b"$"):
        body = body[1:]
    return Packet(unit, serial, body.decode("latin-1"))
