"""NTT Number Display (JCLIP) framing: V.23 UART bytes in, CRC-checked sane messages out.

On the line: DLE SOH header DLE STX type length body DLE ETX crc-lo crc-hi. Every byte from the
header to ETX carries 7 data bits and even parity; a data byte equal to DLE is sent twice.
The CRC-16 (KERMIT form) runs over the bytes as sent, from the header through ETX.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from drivers.callerid import sanity

DLE, SOH, STX, ETX = 0x10, 0x01, 0x02, 0x03
HEADER = 0x07
CALLERID = 0x40
MAX_GAP_SAMPLES = 8000 * 0.3
MAX_FRAME = 160

FIELD_CHECKS: dict[int, Callable[[str], bool]] = {
    0x01: sanity.is_datetime,
    0x02: sanity.is_number,
    0x04: sanity.is_reason,
    0x09: sanity.is_number,
    0x21: lambda v: len(v) == 1,
    0x22: lambda v: len(v) == 1,
}


def crc16_kermit(data: bytes) -> int:
    """CRC-16/KERMIT: polynomial 0x1021 reflected, initial 0, no final xor."""
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x8408 if crc & 1 else crc >> 1
    return crc


def even_parity_ok(byte: int) -> bool:
    """True when the 8-bit character has an even number of one bits."""
    return bin(byte).count("1") % 2 == 0


@dataclass(frozen=True)
class JclipMessage:
    """One CRC-valid, sane JCLIP message: type, ordered (code, value) fields, sample span."""

    type: int
    fields: tuple[tuple[str, str], ...]
    start_sample: int
    end_sample: int


def parse_fields(body: bytes) -> tuple[tuple[str, str], ...] | None:
    """Split a JCLIP body into checked fields; None when anything is implausible."""
    fields: list[tuple[str, str]] = []
    seen: set[int] = set()
    i = 0
    text = body.decode("latin-1")
    while i < len(body):
        if i + 2 > len(body):
            return None
        code, length = body[i], body[i + 1]
        value = text[i + 2 : i + 2 + length]
        check = FIELD_CHECKS.get(code)
        if check is None or code in seen or length == 0 or len(value) != length:
            return None
        if not check(value):
            return None
        seen.add(code)
        fields.append((f"{code:02X}", value))
        i += 2 + length
    if not seen & {0x02, 0x04}:
        return None
    return tuple(fields)


def parse_frame(raw: bytes) -> tuple[int, tuple[tuple[str, str], ...]] | int | None:
    """Parse bytes starting at DLE SOH: (type, fields), None if invalid, or bytes still needed."""
    if len(raw) < 2:
        return 2 - len(raw)
    if raw[0] & 0x7F != DLE or raw[1] & 0x7F != SOH:
        return None
    data: list[int] = []  # unstuffed 7-bit payload after DLE STX
    i, stage = 2, "header"
    while True:
        if i >= len(raw):
            return 1
        if i > MAX_FRAME:
            return None
        c = raw[i] & 0x7F
        if stage == "header":
            if c != HEADER:
                return None
            stage, i = "stx", i + 1
        elif stage == "stx":
            if i + 1 >= len(raw):
                return 1
            if c != DLE or raw[i + 1] & 0x7F != STX:
                return None
            stage, i = "body", i + 2
        elif c == DLE:
            if i + 1 >= len(raw):
                return 1
            nxt = raw[i + 1] & 0x7F
            if nxt == DLE:
                data.append(DLE)
                i += 2
            elif nxt == ETX:
                end = i + 2
                if end + 2 > len(raw):
                    return end + 2 - len(raw)
                return _check(raw, end, data)
            else:
                return None
        else:
            data.append(c)
            i += 1


def _check(raw: bytes, end: int, data: list[int]) -> tuple[int, tuple[tuple[str, str], ...]] | None:
    sent = raw[2:end]
    if not all(even_parity_ok(b) for b in sent):
        return None
    if crc16_kermit(sent) != raw[end] | (raw[end + 1] << 8):
        return None
    if len(data) < 2 or data[0] != CALLERID or data[1] != len(data) - 2:
        return None
    fields = parse_fields(bytes(data[2:]))
    return None if fields is None else (data[0], fields)


class JclipFramer:
    """Collect UART bytes; emit a JCLIP message when framing, parity, CRC and fields agree."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self._at: list[int] = []
        self._last = -(10**9)

    def feed(self, byte: int, at: int, start: int) -> JclipMessage | None:
        """Add one byte (stop bit at `at`, start bit at `start`); return a completed message."""
        if at - self._last > MAX_GAP_SAMPLES:
            self._buf.clear()
            self._at.clear()
        self._last = at
        self._buf.append(byte)
        self._at.append(start)
        if len(self._buf) > 2 * MAX_FRAME:
            del self._buf[:-MAX_FRAME]
            del self._at[:-MAX_FRAME]
        buf = bytes(self._buf)
        for s in range(len(buf) - 1):
            if buf[s] & 0x7F != DLE or buf[s + 1] & 0x7F != SOH:
                continue
            got = parse_frame(buf[s:])
            if isinstance(got, tuple):
                first = self._at[s]
                self._buf.clear()
                self._at.clear()
                return JclipMessage(got[0], got[1], first, at)
        return None
