"""Bellcore/ETSI SDMF and MDMF framing: received bytes in, checked and sane messages out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from drivers.callerid import sanity

SDMF_CALLERID, SDMF_MWI = 0x04, 0x06
MDMF_CALL_SETUP, MDMF_MWI = 0x80, 0x82
MESSAGE_TYPES = frozenset({SDMF_CALLERID, SDMF_MWI, MDMF_CALL_SETUP, MDMF_MWI})
SDMF_TYPES = frozenset({SDMF_CALLERID, SDMF_MWI})
MAX_GAP_SAMPLES = 8000 * 0.2
IDENTITY_CODES = frozenset({0x01, 0x02, 0x04, 0x07, 0x08})


def _one_byte(value: str) -> bool:
    return len(value) == 1


def _indicator(value: str) -> bool:
    return value in ("\x00", "\xff")


# Parameter codes a call-setup or message-waiting message may carry, each with its check.
FIELD_CHECKS: dict[int, Callable[[str], bool]] = {
    0x01: sanity.is_datetime,
    0x02: sanity.is_number,
    0x03: sanity.is_number,
    0x04: sanity.is_reason,
    0x07: sanity.is_text,
    0x08: sanity.is_reason,
    0x0B: _indicator,
    0x0E: sanity.is_number,
    0x0F: sanity.is_datetime,
    0x10: sanity.is_number,
    0x11: _one_byte,
    0x12: sanity.is_number,
    0x13: _one_byte,
    0x15: _one_byte,
    0x16: _one_byte,
    0x1A: sanity.is_number,
}


@dataclass(frozen=True)
class FskMessage:
    """One checksum-valid, sane message: type byte, ordered (code, value) fields, end sample."""

    type: int
    fields: tuple[tuple[str, str], ...]
    end_sample: int
    length: int  # characters in the frame, type byte to checksum


def _sdmf(msg_type: int, body: str) -> tuple[tuple[str, str], ...] | None:
    if msg_type == SDMF_MWI:
        return (("00", body),) if body in ("\x42" * 3, "\x6f" * 3) else None
    if len(body) < 9 or not sanity.is_datetime(body[:8]):
        return None
    rest = body[8:]
    if rest in ("P", "O") or sanity.is_number(rest):
        return (("00", body),)
    return None


def parse_body(msg_type: int, body: bytes) -> tuple[tuple[str, str], ...] | None:
    """Split and check a message body; None when layout or any field is not plausible."""
    text = body.decode("latin-1")
    if msg_type in SDMF_TYPES:
        return _sdmf(msg_type, text)
    fields: list[tuple[str, str]] = []
    seen: set[int] = set()
    i = 0
    while i < len(body):
        if i + 2 > len(body):
            return None
        code, length = body[i], body[i + 1]
        value = text[i + 2 : i + 2 + length]
        check = FIELD_CHECKS.get(code)
        if len(value) != length or length == 0 or check is None or code in seen:
            return None
        if not check(value):
            return None
        seen.add(code)
        fields.append((f"{code:02X}", value))
        i += 2 + length
    if msg_type == MDMF_CALL_SETUP and not seen & IDENTITY_CODES:
        return None
    if msg_type == MDMF_MWI and 0x0B not in seen:
        return None
    return tuple(fields) or None


def check_frame(frame: bytes) -> tuple[tuple[str, str], ...] | None:
    """Fields of a complete frame (type, length, body, checksum) if everything agrees."""
    if len(frame) < 3 or frame[0] not in MESSAGE_TYPES or frame[1] + 3 != len(frame):
        return None
    if sum(frame) & 0xFF:
        return None
    return parse_body(frame[0], frame[2:-1])


class MessageFramer:
    """Collect UART bytes; emit a message when type, length, checksum and fields all agree.

    The longest valid frame ending at a byte wins, and a valid-looking run inside a longer
    frame that is still arriving is held back until that frame ends: a real message is never
    cut short by an embedded byte pattern.
    """

    def __init__(self) -> None:
        self._buf = bytearray()
        self._last = -(10**9)
        self._held: FskMessage | None = None
        self._held_until = 0  # buffer length at which the covering frame is complete

    def feed(self, byte: int, at: int) -> FskMessage | None:
        """Add one byte received at sample `at`; return a message completed here, if any."""
        released = self.tick(at)
        self._last = at
        self._buf.append(byte)
        if len(self._buf) > 300:
            del self._buf[:-300]
            self._held_until -= 1
        found = self._scan(at)
        return found if found is not None else released

    def tick(self, now: int) -> FskMessage | None:
        """Note the time; after a silence, release a held message and start afresh."""
        if now - self._last <= MAX_GAP_SAMPLES:
            return None
        held, self._held = self._held, None
        self._buf.clear()
        return held

    def _scan(self, at: int) -> FskMessage | None:
        buf = bytes(self._buf)
        for start in range(len(buf) - 2):
            fields = check_frame(buf[start:])
            if fields is None:
                continue
            msg = FskMessage(buf[start], fields, at, len(buf) - start)
            cover = self._covering(buf, start)
            if cover:
                self._held, self._held_until = msg, cover
                return None
            self._buf.clear()
            self._held = None
            return msg
        if self._held is not None and len(buf) >= self._held_until:
            held, self._held = self._held, None
            self._buf.clear()
            return held
        return None

    @staticmethod
    def _covering(buf: bytes, start: int) -> int:
        """End of an earlier frame header's span reaching past the buffer end, else 0."""
        for s in range(start):
            end = s + buf[s + 1] + 3
            if buf[s] in MESSAGE_TYPES and end > len(buf):
                return end
        return 0
