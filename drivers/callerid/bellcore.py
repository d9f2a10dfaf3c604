"""Bellcore/ETSI SDMF and MDMF message framing: received bytes in, checked messages out."""

from __future__ import annotations

from dataclasses import dataclass

MESSAGE_TYPES = frozenset({0x04, 0x06, 0x0B, 0x80, 0x82, 0x86, 0x89})
SDMF_TYPES = frozenset({0x04, 0x06, 0x0B})
MAX_GAP_SAMPLES = 8000 * 0.2


@dataclass(frozen=True)
class FskMessage:
    """One checksum-valid message: type byte, ordered (code, value) fields, end sample."""

    type: int
    fields: tuple[tuple[str, str], ...]
    end_sample: int


def parse_body(msg_type: int, body: bytes) -> tuple[tuple[str, str], ...] | None:
    """Split a message body into fields; None when the parameter layout is inconsistent."""
    if msg_type in SDMF_TYPES:
        return (("00", body.decode("latin-1")),)
    fields: list[tuple[str, str]] = []
    i = 0
    while i < len(body):
        if i + 2 > len(body):
            return None
        code, length = body[i], body[i + 1]
        value = body[i + 2 : i + 2 + length]
        if len(value) != length or length == 0:
            return None
        fields.append((f"{code:02X}", value.decode("latin-1")))
        i += 2 + length
    return tuple(fields) or None


class MessageFramer:
    """Collect UART bytes; emit a message when type, length and checksum all agree."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self._last = -(10**9)

    def feed(self, byte: int, at: int) -> FskMessage | None:
        """Add one byte received at sample `at`; return a completed message if one ends here."""
        if at - self._last > MAX_GAP_SAMPLES:
            self._buf.clear()
        self._last = at
        self._buf.append(byte)
        if len(self._buf) > 300:
            del self._buf[:-300]
        buf = self._buf
        for start in range(len(buf) - 3, -1, -1):
            if buf[start] not in MESSAGE_TYPES or buf[start + 1] + 3 != len(buf) - start:
                continue
            if sum(buf[start:]) & 0xFF:
                continue
            fields = parse_body(buf[start], bytes(buf[start + 2 : -1]))
            if fields is None:
                continue
            msg_type = buf[start]
            self._buf.clear()
            return FskMessage(msg_type, fields, at)
        return None


def render_value(value: str) -> str:
    """Show a field value as the corpus manifests do: control bytes as \\xNN."""
    return "".join(c if 0x20 <= ord(c) < 0x7F else f"\\x{ord(c):02x}" for c in value)


def render_expect(message: FskMessage) -> str:
    """Render a message in the manifest `expect` notation."""
    parts = [f"type=0x{message.type:02X}"]
    parts += [f"{code}={render_value(value)}" for code, value in message.fields]
    return ";".join(parts)
