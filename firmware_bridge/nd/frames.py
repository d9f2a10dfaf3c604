"""Sans-IO parser for Number Display adapter frames: 7E1 bytes in, events and ACK/NAK out.

The port is opened 8N1 so the even-parity bit arrives as bit 7 and is checked here
(7E1 and 8N1 frames have the same length on the wire).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from drivers.base import CallerId, LineEvent, Reason, Standard, Unparsed

STX, ETX, ACK, NAK = 0x02, 0x03, 0x06, 0x15
MAX_FRAME = 48  # longest sane frame: 9 header digits + a 20-digit number + margin
DUPLICATE_WINDOW_S = 2.0
_BODY = re.compile(r"^(\d\d)(\d\d)([0-6])(\d\d)(\d\d)([0-9*#]{1,24}|[POSCE])$")


def with_parity(byte: int) -> int:
    """Set bit 7 so the byte has even parity over 8 bits (7E1 on the wire)."""
    low = byte & 0x7F
    return low | (0x80 if bin(low).count("1") % 2 else 0)


def parity_ok(byte: int) -> bool:
    """True when the 8-bit value has an even number of one bits."""
    return bin(byte).count("1") % 2 == 0


@dataclass
class NdResult:
    """What one feed produced: events for the box and bytes to answer the adapter with."""

    events: list[LineEvent] = field(default_factory=list)
    reply: bytes = b""


class NdFrameParser:
    """Frames `<STX>MMDD w hhmm number<ETX>`; NAKs parity errors, ACKs and folds duplicates."""

    def __init__(self, line: str) -> None:
        self.line = line
        self._frame: bytearray | None = None
        self._garbage = bytearray()
        self._bad_parity = False
        self._last: tuple[str, float] | None = None

    def feed(self, data: bytes, now: float) -> NdResult:
        """Consume bytes received at monotonic time `now` (seconds)."""
        out = NdResult()
        reply = bytearray()
        for raw in data:
            low = raw & 0x7F
            if self._frame is None:
                if low == STX and parity_ok(raw):
                    self._flush_garbage(out)
                    self._frame = bytearray()
                    self._bad_parity = False
                else:
                    self._garbage.append(raw)
                    if len(self._garbage) >= MAX_FRAME:
                        self._flush_garbage(out)
                continue
            if low == STX and parity_ok(raw):
                # ETX was lost: keep the cut-off frame raw and start again; the adapter resends
                why = "Number Display frame cut short by a new STX"
                out.events.append(Unparsed(self.line, raw=bytes(self._frame), why=why))
                self._frame = bytearray()
                self._bad_parity = False
                continue
            if not parity_ok(raw):
                self._bad_parity = True
            if low == ETX and parity_ok(raw):
                reply.append(self._finish(bytes(self._frame), now, out))
                self._frame = None
            elif len(self._frame) >= MAX_FRAME:
                out.events.append(
                    Unparsed(self.line, raw=bytes(self._frame), why="Number Display frame too long")
                )
                self._frame = None
            else:
                self._frame.append(raw)
        out.reply = bytes(reply)
        return out

    def flush(self) -> list[LineEvent]:
        """Return whatever half frame or garbage is pending as Unparsed (e.g. on disconnect)."""
        out = NdResult()
        if self._frame is not None:
            self._garbage[:0] = b"\x82"
            self._garbage.extend(self._frame)
            self._frame = None
        self._flush_garbage(out)
        return out.events

    def _flush_garbage(self, out: NdResult) -> None:
        if self._garbage:
            out.events.append(
                Unparsed(self.line, raw=bytes(self._garbage), why="bytes outside an STX..ETX frame")
            )
            self._garbage.clear()

    def _finish(self, body: bytes, now: float, out: NdResult) -> int:
        if self._bad_parity:
            out.events.append(
                Unparsed(self.line, raw=body, why="parity error; NAK sent, the adapter resends")
            )
            return with_parity(NAK)
        text = bytes(b & 0x7F for b in body).decode("ascii")
        match = _BODY.match(text)
        if match is None:
            why = f"not a Number Display frame: {text!r}; NAK sent"
            out.events.append(Unparsed(self.line, raw=body, why=why))
            return with_parity(NAK)
        if self._last and self._last[0] == text and now - self._last[1] <= DUPLICATE_WINDOW_S:
            self._last = (text, now)
            return with_parity(ACK)
        self._last = (text, now)
        out.events.append(_caller_id(self.line, match, text))
        return with_parity(ACK)


def _caller_id(line: str, match: re.Match[str], text: str) -> CallerId:
    month, day, _weekday, hour, minute, who = match.groups()
    reason = Reason(who) if who in "POSCE" and len(who) == 1 else None
    return CallerId(
        line,
        at=datetime.now(),
        number=None if reason else who,
        reason=reason,
        when=f"{month}{day}{hour}{minute}",
        standard=Standard.FIRMWARE,
        raw=(text,),
    )
