"""DLE shielding for voice mode (V.253): shield/unshield audio, decode <DLE> event codes."""

from __future__ import annotations

from dataclasses import dataclass

DLE = 0x10
ETX = 0x03
SUB = 0x1A
DTMF_DIGITS = frozenset(b"0123456789*#ABCD")

# V.253 / IS-101 / vendor event codes after <DLE>, as tone names on ToneEvent.
TONES: dict[int, str] = {
    ord("b"): "busy",
    ord("d"): "dialtone",
    ord("s"): "silence",
    ord("q"): "quiet",
    ord("l"): "loop_break",
    ord("L"): "loop_break",
    ord("u"): "underrun",
    ord("o"): "overrun",
    ord("H"): "extension_offhook",
    ord("P"): "extension_offhook",
    ord("p"): "extension_offhook",
    ord("h"): "extension_onhook",
    ord("c"): "fax_calling",
    ord("e"): "data_calling",
    ord("a"): "answer_tone",
    ord("f"): "fax_answer",
    ord("r"): "ringback",
    ord("R"): "ring",
    ord("i"): "interrupt",
    ord("T"): "timing_mark",
    ord("O"): "ringback_gone",
}


def shield(audio: bytes) -> bytes:
    """Audio to send: every data byte 0x10 doubled."""
    return audio.replace(b"\x10", b"\x10\x10")


def end_of_stream() -> bytes:
    """<DLE><ETX>: the host ends playback (+VTX)."""
    return bytes((DLE, ETX))


@dataclass(frozen=True, slots=True)
class DleAudio:
    """Unshielded voice samples."""

    data: bytes


@dataclass(frozen=True, slots=True)
class DleDigit:
    """A DTMF digit, reported once per key press (wrapped or not)."""

    digit: str


@dataclass(frozen=True, slots=True)
class DleTone:
    """A known <DLE> event code; `code` is the letter, `tone` its name."""

    code: str
    tone: str


@dataclass(frozen=True, slots=True)
class DleEnd:
    """<DLE><ETX>: the DCE ended its stream."""


@dataclass(frozen=True, slots=True)
class DleUnknown:
    """A <DLE> followed by a code this decoder does not know; kept raw."""

    raw: bytes


DleItem = DleAudio | DleDigit | DleTone | DleEnd | DleUnknown


class DleDecoder:
    """Splits a shielded DCE stream into audio and events; keeps state across any split."""

    def __init__(self) -> None:
        self._pending_dle = False
        self._wrapped = False
        self._wrapped_digit: str | None = None

    @property
    def mid_escape(self) -> bool:
        """True when the last byte seen was an unpaired <DLE>."""
        return self._pending_dle

    def reset(self) -> None:
        """Forget any half-received escape (new stream)."""
        self._pending_dle = False
        self._wrapped = False
        self._wrapped_digit = None

    def feed(self, data: bytes) -> list[DleItem]:
        """Decode all of `data`; audio runs are coalesced between events."""
        out: list[DleItem] = []
        while data:
            items, used = self.decode(data)
            out += items
            data = data[used:]
        return out

    def decode(self, data: bytes) -> tuple[list[DleItem], int]:
        """Decode up to and including the first <DLE><ETX>; returns items and bytes used."""
        out: list[DleItem] = []
        audio = bytearray()
        i, n = 0, len(data)
        if self._pending_dle and n:
            self._pending_dle = False
            i = 1
            if self._escaped(data[0], audio, out):
                return out, i
        while i < n:
            j = data.find(DLE, i)
            if j < 0:
                audio += data[i:]
                break
            audio += data[i:j]
            if j + 1 >= n:
                self._pending_dle = True
                break
            i = j + 2
            if self._escaped(data[j + 1], audio, out):
                return out, i
        if audio:
            out.append(DleAudio(bytes(audio)))
        return out, n

    def _escaped(self, b: int, audio: bytearray, out: list[DleItem]) -> bool:
        """Handle the byte after a <DLE>; True when it ended the stream."""
        if b == DLE:
            audio.append(DLE)
            return False
        if b == SUB:
            audio += b"\x10\x10"
            return False
        if audio:
            out.append(DleAudio(bytes(audio)))
            audio.clear()
        item = self._code(b)
        if item is not None:
            out.append(item)
        return isinstance(item, DleEnd)

    def _code(self, b: int) -> DleItem | None:
        if b == ETX:
            self._wrapped = False
            return DleEnd()
        if b == ord("/"):
            self._wrapped, self._wrapped_digit = True, None
            return None
        if b == ord("~"):
            self._wrapped, self._wrapped_digit = False, None
            return None
        if b in DTMF_DIGITS:
            digit = chr(b)
            if self._wrapped:
                if self._wrapped_digit == digit:
                    return None  # the same key still held: reported once
                self._wrapped_digit = digit
            return DleDigit(digit)
        tone = TONES.get(b)
        if tone is not None:
            return DleTone(chr(b), tone)
        return DleUnknown(bytes((DLE, b)))
