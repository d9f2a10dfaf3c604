"""LineCardDriver: the box's side of the line card over USB serial — reports to events, commands."""

from __future__ import annotations

from collections.abc import Callable

from drivers.base import (
    Answer,
    AudioFrame,
    CallerId,
    DeviceStatus,
    Dtmf,
    HangUp,
    LineCommand,
    LineEvent,
    OffHook,
    OnHook,
    Play,
    Reason,
    Record,
    Ring,
    RingingStopped,
    Standard,
    ToneEvent,
    Unparsed,
)
from drivers.callerid import sanity
from firmware_bridge.linecard import ndmsg, ulaw
from firmware_bridge.linecard.protocol import BadFrame, MessageReader
from firmware_bridge.linecard.protocol.messages import (
    Audio,
    AudioStream,
    Car,
    CardError,
    CidBytes,
    CidFields,
    DtmfDigit,
    Hello,
    HelloRequest,
    Hook,
    KeepAlive,
    Message,
    Ping,
    PlayAudio,
    Polarity,
    PrimaryResponse,
    RingStart,
    RingStop,
    SetHook,
    SetPolicy,
)
from firmware_bridge.linecard.protocol.stream import encode
from firmware_bridge.serial_driver import SerialLineDriver

PLAY_CHUNK = 480  # 60 ms of µ-law per frame
_ABSENCE = {
    "P": Reason.WITHHELD,
    "O": Reason.OUT_OF_AREA,
    "C": Reason.PAYPHONE,
    "S": Reason.SERVICE,
}


# what each field the host shows may hold; a field that fails makes the message an error
_FIELD_CHECKS: dict[int, Callable[[str], bool]] = {
    0x01: sanity.is_datetime,
    0x02: sanity.is_number,
    0x04: sanity.is_reason,
    0x07: sanity.is_text,
    0x08: sanity.is_reason,
    0x21: sanity.is_reason,
}


def _plausible(fields: list[tuple[int, bytes]]) -> bool:
    return all(
        check(value.decode("latin-1"))
        for code, value in fields
        if (check := _FIELD_CHECKS.get(code)) is not None
    )


def caller_id_from_fields(
    line: str, message_type: int, fields: list[tuple[int, bytes]], standard: Standard
) -> CallerId:
    """CallerId from (code, value) fields: 02 number, 07 name, 01 date-time, 04/21 absence.

    A field implausible for its type gives "received with errors" (reason E), fields kept raw.
    """
    if not _plausible(fields):
        raw = " ".join(f"{code:02x}={value.hex()}" for code, value in fields)
        return CallerId(
            line,
            reason=Reason.ERROR,
            standard=standard,
            raw=(f"type=0x{message_type:02x}", raw),
        )
    values = dict(fields)
    absence = (values.get(0x21) or values.get(0x04) or b"").decode("ascii", "replace")
    number = values.get(0x02)
    name = values.get(0x07)
    when = values.get(0x01)
    return CallerId(
        line,
        number=number.decode("ascii", "replace") if number else None,
        name=name.decode("utf-8", "replace") if name else None,
        reason=_ABSENCE.get(absence[:1]) if absence else None,
        when=when.decode("ascii", "replace") if when else None,
        standard=standard,
        raw=(f"type=0x{message_type:02x}",),
        fields=tuple(fields),
    )


class LineCardTranslator:
    """Sans-IO: card bytes → LineEvents; keeps the ring count and the card's identity."""

    def __init__(self, line: str) -> None:
        self.line = line
        self.reader = MessageReader()
        self.hello: Hello | None = None
        self.rings = 0

    def feed(self, data: bytes) -> list[LineEvent]:
        """Consume card bytes."""
        events: list[LineEvent] = []
        for item in self.reader.feed(data):
            if isinstance(item, BadFrame):
                events.append(Unparsed(self.line, raw=item.raw, why=item.why))
            else:
                events.extend(self._message(item))
        return events

    def _message(self, m: Message) -> list[LineEvent]:
        line = self.line
        if isinstance(m, RingStop):
            return [RingingStopped(line, rings=m.count)]
        if isinstance(m, RingStart):
            return [Ring(line, count=m.count, cadence_ms=m.cadence_ms)]
        if isinstance(m, Car):
            return [Ring(line, count=0, car=True)] if m.on else []
        if isinstance(m, Hook):
            return [OffHook(line) if m.on else OnHook(line)]
        if isinstance(m, CidBytes):
            parsed = ndmsg.parse(m.data)
            if isinstance(parsed, str):
                return [Unparsed(line, raw=m.data, why=f"Number Display message: {parsed}")]
            return [caller_id_from_fields(line, parsed[0], parsed[1], Standard.NTT_JCLIP)]
        if isinstance(m, CidFields):
            return [caller_id_from_fields(line, m.message_type, list(m.fields), Standard.FIRMWARE)]
        if isinstance(m, DtmfDigit):
            return [Dtmf(line, digit=m.digit)]
        if isinstance(m, Audio):
            return [AudioFrame(line, pcm=ulaw.decode(m.ulaw), rate=8000)]
        if isinstance(m, Polarity):
            return [ToneEvent(line, tone="polarity-reversal")]
        if isinstance(m, PrimaryResponse):
            return [ToneEvent(line, tone=f"primary-response-{PrimaryResponse.STAGES[m.stage]}")]
        if isinstance(m, Hello):
            self.hello = m
            detail = f"{m.firmware}, protocol {m.version}, {m.lines} line(s)"
            return [DeviceStatus(line, state="connected", detail=detail)]
        if isinstance(m, CardError):
            return [DeviceStatus(line, state="error", detail=f"line card: {m.text}")]
        if isinstance(m, KeepAlive):
            return []
        return [Unparsed(line, raw=encode(m), why=f"{type(m).__name__} is a host command")]


class LineCardDriver(SerialLineDriver):
    """The line card on a USB serial port; audio arrives as AudioFrame events (µ-law decoded)."""

    baudrate = 921600
    silence_limit_s = 3.5  # the card sends KeepAlive every second; we also Ping it

    def __init__(
        self,
        name: str,
        port: str,
        line: str,
        *,
        primary_response: bool = True,
        answer_delay_ms: int = 1000,
        retry_s: float = 2.0,
    ) -> None:
        super().__init__(name, port, line, retry_s=retry_s)
        self.translator = LineCardTranslator(line)
        self.policy = SetPolicy(0, primary_response, answer_delay_ms)
        self._seq = 0

    def greeting(self) -> bytes:
        """Ask for Hello and set the primary-response policy."""
        return self._frame(HelloRequest()) + self._frame(self.policy)

    def heartbeat(self) -> bytes:
        """Ping the card so a hung firmware is noticed."""
        return self._frame(Ping())

    def received(self, data: bytes, now: float) -> tuple[list[LineEvent], bytes]:
        """Card bytes to events; nothing to answer."""
        return self.translator.feed(data), b""

    async def send(self, command: LineCommand) -> None:
        """Answer/HangUp move the hook relay; Record streams audio; Play sends µ-law."""
        if isinstance(command, Answer | HangUp):
            self.write(self._frame(SetHook(0, isinstance(command, Answer))))
        elif isinstance(command, Record):
            self.write(self._frame(AudioStream(0, command.on)))
        elif isinstance(command, Play):
            if command.rate != 8000:
                raise ValueError(f"the line card plays 8000 Hz audio, not {command.rate} Hz")
            data = ulaw.encode(command.pcm)
            for i in range(0, len(data), PLAY_CHUNK):
                self.write(self._frame(PlayAudio(0, data[i : i + PLAY_CHUNK])))
        else:
            raise NotImplementedError(f"the line card cannot {command!r}")

    def _frame(self, message: Message) -> bytes:
        self._seq = (self._seq + 1) & 0xFF
        return encode(message, self._seq)
