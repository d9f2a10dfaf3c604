"""Line-card messages: card→host reports (0x01..) and host→card commands (0x81..)."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import ClassVar


class MessageError(ValueError):
    """A frame whose body does not fit its message type."""


@dataclass(frozen=True)
class Message:
    """Base: `KIND` is the type byte; body() and parse() convert to and from the frame body."""

    KIND: ClassVar[int] = 0

    def body(self) -> bytes:
        """Frame body bytes."""
        raise NotImplementedError

    @classmethod
    def parse(cls, body: bytes) -> Message:
        """Build the message from a frame body; raises MessageError."""
        raise NotImplementedError


def _need(body: bytes, n: int, what: str) -> None:
    if len(body) < n:
        raise MessageError(f"{what}: body has {len(body)} bytes, needs {n}")


@dataclass(frozen=True)
class _LineFlag(Message):
    line: int = 0
    on: bool = False

    def body(self) -> bytes:
        return bytes([self.line, int(self.on)])

    @classmethod
    def parse(cls, body: bytes) -> Message:
        _need(body, 2, cls.__name__)
        return cls(body[0], bool(body[1]))


@dataclass(frozen=True)
class _LineBytes(Message):
    line: int = 0
    data: bytes = b""

    def body(self) -> bytes:
        return bytes([self.line]) + self.data

    @classmethod
    def parse(cls, body: bytes) -> Message:
        _need(body, 1, cls.__name__)
        return cls(body[0], bytes(body[1:]))


@dataclass(frozen=True)
class Hello(Message):
    """Card identity: protocol version, number of lines, capability bits, firmware version."""

    KIND: ClassVar[int] = 0x01
    CAP_PRIMARY_RESPONSE: ClassVar[int] = 1
    CAP_AUDIO: ClassVar[int] = 2
    CAP_DTMF: ClassVar[int] = 4
    CAP_POLARITY: ClassVar[int] = 8
    version: int = 1
    lines: int = 1
    capabilities: int = 0
    firmware: str = ""

    def body(self) -> bytes:
        return struct.pack(">BBH", self.version, self.lines, self.capabilities) + (
            self.firmware.encode()
        )

    @classmethod
    def parse(cls, body: bytes) -> Message:
        _need(body, 4, "Hello")
        version, lines, caps = struct.unpack(">BBH", body[:4])
        return cls(version, lines, caps, body[4:].decode("utf-8", errors="replace"))


@dataclass(frozen=True)
class RingStart(Message):
    """A ring burst began; `cadence_ms` is the previous on/off cycle, if one was seen."""

    KIND: ClassVar[int] = 0x02
    line: int = 0
    count: int = 1
    cadence_ms: tuple[int, ...] = ()

    def body(self) -> bytes:
        cadence = b"".join(struct.pack(">H", c) for c in self.cadence_ms)
        return bytes([self.line, self.count]) + cadence

    @classmethod
    def parse(cls, body: bytes) -> Message:
        _need(body, 2, cls.__name__)
        if len(body) % 2:
            raise MessageError(f"{cls.__name__}: cadence has an odd byte count")
        cadence = tuple(struct.unpack(f">{(len(body) - 2) // 2}H", body[2:]))
        return cls(body[0], body[1], cadence)


@dataclass(frozen=True)
class RingStop(RingStart):
    """No ring for the ring timeout; `count` rings were seen."""

    KIND: ClassVar[int] = 0x03


@dataclass(frozen=True)
class Car(_LineFlag):
    """Japan's call arrival signal (short 0.5 s bursts) started or ended."""

    KIND: ClassVar[int] = 0x04


@dataclass(frozen=True)
class Polarity(Message):
    """The line's polarity reversed."""

    KIND: ClassVar[int] = 0x05
    line: int = 0

    def body(self) -> bytes:
        return bytes([self.line])

    @classmethod
    def parse(cls, body: bytes) -> Message:
        _need(body, 1, "Polarity")
        return cls(body[0])


@dataclass(frozen=True)
class Hook(_LineFlag):
    """Hook state changed: `on` = off hook (the card's relay or an extension)."""

    KIND: ClassVar[int] = 0x06


@dataclass(frozen=True)
class CidBytes(Message):
    """Caller-ID message bytes as demodulated, for the host to decode."""

    KIND: ClassVar[int] = 0x07
    JCLIP: ClassVar[int] = 0
    BELL202: ClassVar[int] = 1
    V23: ClassVar[int] = 2
    line: int = 0
    standard: int = 0
    data: bytes = b""

    def body(self) -> bytes:
        return bytes([self.line, self.standard]) + self.data

    @classmethod
    def parse(cls, body: bytes) -> Message:
        _need(body, 2, "CidBytes")
        return cls(body[0], body[1], bytes(body[2:]))


@dataclass(frozen=True)
class CidFields(Message):
    """Caller-ID message already decoded on the card: message type and (code, value) fields."""

    KIND: ClassVar[int] = 0x08
    line: int = 0
    message_type: int = 0
    fields: tuple[tuple[int, bytes], ...] = ()

    def body(self) -> bytes:
        out = bytearray([self.line, self.message_type])
        for code, value in self.fields:
            out += bytes([code, len(value)]) + value
        return bytes(out)

    @classmethod
    def parse(cls, body: bytes) -> Message:
        _need(body, 2, "CidFields")
        fields: list[tuple[int, bytes]] = []
        i = 2
        while i < len(body):
            _need(body[i:], 2, "CidFields field")
            code, size = body[i], body[i + 1]
            _need(body[i + 2 :], size, "CidFields value")
            fields.append((code, bytes(body[i + 2 : i + 2 + size])))
            i += 2 + size
        return cls(body[0], body[1], tuple(fields))


@dataclass(frozen=True)
class DtmfDigit(Message):
    """One DTMF digit heard."""

    KIND: ClassVar[int] = 0x09
    line: int = 0
    digit: str = ""

    def body(self) -> bytes:
        return bytes([self.line]) + self.digit.encode("ascii")

    @classmethod
    def parse(cls, body: bytes) -> Message:
        _need(body, 2, "DtmfDigit")
        digit = chr(body[1])
        if digit not in "0123456789*#ABCD":
            raise MessageError(f"DtmfDigit: {digit!r} is not a DTMF digit")
        return cls(body[0], digit)


@dataclass(frozen=True)
class Audio(Message):
    """20 ms (160 bytes) of µ-law line audio; `seq` counts frames to show gaps."""

    KIND: ClassVar[int] = 0x0A
    line: int = 0
    seq: int = 0
    ulaw: bytes = b""

    def body(self) -> bytes:
        return struct.pack(">BH", self.line, self.seq) + self.ulaw

    @classmethod
    def parse(cls, body: bytes) -> Message:
        _need(body, 3, "Audio")
        line, seq = struct.unpack(">BH", body[:3])
        return cls(line, seq, bytes(body[3:]))


@dataclass(frozen=True)
class KeepAlive(Message):
    """The card is alive; uptime in ms."""

    KIND: ClassVar[int] = 0x0B
    uptime_ms: int = 0

    def body(self) -> bytes:
        return struct.pack(">I", self.uptime_ms & 0xFFFFFFFF)

    @classmethod
    def parse(cls, body: bytes) -> Message:
        _need(body, 4, "KeepAlive")
        return cls(struct.unpack(">I", body[:4])[0])


@dataclass(frozen=True)
class PrimaryResponse(Message):
    """Progress of Japan's primary response to a CAR."""

    KIND: ClassVar[int] = 0x0C
    ANSWERED: ClassVar[int] = 1
    DATA: ClassVar[int] = 2
    COMPLETED: ClassVar[int] = 3
    NO_DATA: ClassVar[int] = 4
    STAGES: ClassVar[dict[int, str]] = {1: "answered", 2: "data", 3: "completed", 4: "no-data"}
    line: int = 0
    stage: int = 1

    def body(self) -> bytes:
        return bytes([self.line, self.stage])

    @classmethod
    def parse(cls, body: bytes) -> Message:
        _need(body, 2, "PrimaryResponse")
        if body[1] not in cls.STAGES:
            raise MessageError(f"PrimaryResponse: unknown stage {body[1]}")
        return cls(body[0], body[1])


@dataclass(frozen=True)
class CardError(Message):
    """Something the firmware wants a person to read."""

    KIND: ClassVar[int] = 0x0D
    text: str = ""

    def body(self) -> bytes:
        return self.text.encode()

    @classmethod
    def parse(cls, body: bytes) -> Message:
        return cls(body.decode("utf-8", errors="replace"))


@dataclass(frozen=True)
class SetHook(_LineFlag):
    """Command: take the line off hook (`on`) or put it back."""

    KIND: ClassVar[int] = 0x81


@dataclass(frozen=True)
class SetPolicy(Message):
    """Command: do the primary response (answer CAR after `answer_delay_ms`) or leave CAR alone."""

    KIND: ClassVar[int] = 0x82
    line: int = 0
    primary_response: bool = True
    answer_delay_ms: int = 1000

    def body(self) -> bytes:
        return struct.pack(">BBH", self.line, int(self.primary_response), self.answer_delay_ms)

    @classmethod
    def parse(cls, body: bytes) -> Message:
        _need(body, 4, "SetPolicy")
        line, on, delay = struct.unpack(">BBH", body[:4])
        return cls(line, bool(on), delay)


@dataclass(frozen=True)
class AudioStream(_LineFlag):
    """Command: start (`on`) or stop streaming line audio."""

    KIND: ClassVar[int] = 0x83


@dataclass(frozen=True)
class PlayAudio(_LineBytes):
    """Command: play µ-law bytes to the line."""

    KIND: ClassVar[int] = 0x84


@dataclass(frozen=True)
class Ping(Message):
    """Command: answer with a KeepAlive."""

    KIND: ClassVar[int] = 0x85

    def body(self) -> bytes:
        return b""

    @classmethod
    def parse(cls, body: bytes) -> Message:
        return cls()


@dataclass(frozen=True)
class HelloRequest(Ping):
    """Command: send Hello again."""

    KIND: ClassVar[int] = 0x86


MESSAGES: dict[int, type[Message]] = {
    m.KIND: m
    for m in (
        Hello,
        RingStart,
        RingStop,
        Car,
        Polarity,
        Hook,
        CidBytes,
        CidFields,
        DtmfDigit,
        Audio,
        KeepAlive,
        PrimaryResponse,
        CardError,
        SetHook,
        SetPolicy,
        AudioStream,
        PlayAudio,
        Ping,
        HelloRequest,
    )
}
