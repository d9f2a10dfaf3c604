"""MessageReader: sans-IO bytes → typed messages; damaged or unknown frames come out as BadFrame."""

from __future__ import annotations

from dataclasses import dataclass

from firmware_bridge.linecard.framing import PROTOCOL_VERSION, Deframer, encode_frame
from firmware_bridge.linecard.protocol.messages import MESSAGES, Message, MessageError


@dataclass(frozen=True)
class BadFrame:
    """A frame that could not be used, kept raw with the reason."""

    raw: bytes
    why: str


def encode(message: Message, seq: int = 0) -> bytes:
    """The wire bytes of one message."""
    return encode_frame(message.KIND, seq, message.body())


class MessageReader:
    """Feed bytes from anywhere in the stream; get Messages and BadFrames in order."""

    def __init__(self) -> None:
        self._deframer = Deframer()
        self.last_seq: int | None = None

    def feed(self, data: bytes) -> list[Message | BadFrame]:
        """Consume bytes; return what completed."""
        out: list[Message | BadFrame] = []
        for payload, raw in self._deframer.feed(data):
            if payload is None:
                out.append(BadFrame(raw, "damaged frame (COBS or CRC-16 check failed)"))
                continue
            version, kind, seq, body = payload[0], payload[1], payload[2], payload[3:]
            if version != PROTOCOL_VERSION:
                out.append(BadFrame(raw, f"protocol version {version}, this host speaks 1"))
                continue
            cls = MESSAGES.get(kind)
            if cls is None:
                out.append(BadFrame(raw, f"unknown message type 0x{kind:02x}"))
                continue
            try:
                out.append(cls.parse(body))
            except MessageError as exc:
                out.append(BadFrame(raw, str(exc)))
                continue
            self.last_seq = seq
        return out
