"""ESC/POS parsed from bytes split anywhere into commands; unknown bytes become Garbage and the
parse goes on (sans-IO: feed bytes, get events, never raises)."""

from __future__ import annotations

from dataclasses import dataclass

ESC, GS, FS, DLE = 0x1B, 0x1D, 0x1C, 0x10
MAX_RASTER_BYTES_WIDE = 256  # 2048 dots: wider than any receipt printer
MAX_RASTER_ROWS = 8192
# commands with a fixed count of argument bytes: (prefix, command byte) -> count
FIXED = {
    (ESC, ord("@")): 0, (ESC, ord("a")): 1, (ESC, ord("E")): 1, (ESC, ord("-")): 1,
    (ESC, ord("d")): 1, (ESC, ord("J")): 1, (ESC, ord("!")): 1, (ESC, ord("t")): 1,
    (ESC, ord("R")): 1, (ESC, ord("M")): 1, (ESC, ord("2")): 0, (ESC, ord("3")): 1,
    (ESC, ord("G")): 1, (ESC, ord("{")): 1, (ESC, ord("V")): 1, (ESC, ord("p")): 3,
    (ESC, ord(" ")): 1, (ESC, ord("$")): 2, (ESC, ord("c")): 2,
    (GS, ord("!")): 1, (GS, ord("r")): 1, (GS, ord("a")): 1, (GS, ord("B")): 1,
    (GS, ord("L")): 2, (GS, ord("W")): 2, (GS, ord("h")): 1, (GS, ord("w")): 1,
    (GS, ord("H")): 1, (GS, ord("f")): 1, (GS, ord("b")): 1,
    (FS, ord("&")): 0, (FS, ord(".")): 0, (FS, ord("C")): 1, (FS, ord("!")): 1,
    (FS, ord("-")): 1, (FS, ord("S")): 2, (FS, ord("W")): 1,
    (DLE, 0x04): 1, (DLE, 0x05): 1,
}  # fmt: skip


@dataclass(frozen=True)
class Command:
    """A command with fixed arguments: ESC a 1 is Command(ESC, ord('a'), b'\\x01')."""

    prefix: int
    code: int
    args: bytes = b""

    @property
    def arg(self) -> int:
        """The first argument byte (0 without one)."""
        return self.args[0] if self.args else 0


@dataclass(frozen=True)
class Text:
    """Printable text as it arrived (decoded by whoever knows the code page or kanji mode)."""

    data: bytes
    kanji: bool = False  # sent in kanji mode (two-byte Shift_JIS)


@dataclass(frozen=True)
class Control:
    """LF, CR, HT or FF."""

    byte: int


@dataclass(frozen=True)
class Raster:
    """GS v 0: a 1-bit image, `width_bytes` bytes per row, MSB the leftmost dot, 1 is black."""

    mode: int
    width_bytes: int
    height: int
    data: bytes


@dataclass(frozen=True)
class Symbol:
    """GS ( k: a 2D code function; cn 49 is QR (fn 65 model, 67 size, 69 error level, 80 store
    the data, 81 print it)."""

    cn: int
    fn: int
    data: bytes


@dataclass(frozen=True)
class Cut:
    """GS V: the paper is cut (the job's end)."""

    mode: int


@dataclass(frozen=True)
class Garbage:
    """Bytes that are no command this parser knows (skipped)."""

    data: bytes


Event = Command | Text | Control | Raster | Symbol | Cut | Garbage
NEED_MORE = None


class EscPosParser:
    """Bytes in, ESC/POS events out; `kanji` (FS & / FS .) keeps two-byte Shift_JIS text whole."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self.kanji = False

    def feed(self, data: bytes) -> list[Event]:
        """Every event the bytes so far complete; a partial command waits for the rest."""
        self._buf += data
        events: list[Event] = []
        while self._buf:
            parsed = self._one()
            if parsed is NEED_MORE:
                break
            event, used = parsed
            del self._buf[:used]
            if isinstance(event, Command) and event.prefix == FS and event.code in (0x26, 0x2E):
                self.kanji = event.code == 0x26
            events.append(event)
        return events

    def _one(self) -> tuple[Event, int] | None:
        buf = self._buf
        first = buf[0]
        if first in (ESC, GS, FS, DLE):
            return self._command(first)
        if first in (0x0A, 0x0D, 0x09, 0x0C):
            return Control(first), 1
        if first < 0x20 or first == 0x7F:
            return Garbage(bytes(buf[:1])), 1
        return self._text()

    def _text(self) -> tuple[Event, int] | None:
        buf, end = self._buf, 0
        while end < len(buf) and buf[end] >= 0x20 and buf[end] != 0x7F:
            if self.kanji and (0x81 <= buf[end] <= 0x9F or 0xE0 <= buf[end] <= 0xFC):
                if end + 1 >= len(buf):
                    break  # the second byte of a kanji is still on its way
                end += 2
            else:
                end += 1
        if end == 0:
            return NEED_MORE
        return Text(bytes(buf[:end]), self.kanji), end

    def _command(self, prefix: int) -> tuple[Event, int] | None:
        buf = self._buf
        if len(buf) < 2:
            return NEED_MORE
        code = buf[1]
        if prefix == GS and code == ord("v"):
            return self._raster()
        if prefix == GS and code == ord("("):
            return self._counted()
        if prefix == GS and code == ord("V"):
            if len(buf) < 3:
                return NEED_MORE
            size = 4 if buf[2] in (65, 66, 97, 98, 103, 104) else 3
            return (Cut(buf[2]), size) if len(buf) >= size else NEED_MORE
        count = FIXED.get((prefix, code))
        if count is None:
            return Garbage(bytes(buf[:1])), 1  # resynchronise on the next byte
        if len(buf) < 2 + count:
            return NEED_MORE
        return Command(prefix, code, bytes(buf[2 : 2 + count])), 2 + count

    def _raster(self) -> tuple[Event, int] | None:
        buf = self._buf
        if len(buf) < 8:
            return NEED_MORE
        width, height = buf[4] | buf[5] << 8, buf[6] | buf[7] << 8
        if buf[2] != ord("0") or not 0 < width <= MAX_RASTER_BYTES_WIDE:
            return Garbage(bytes(buf[:1])), 1
        if not 0 < height <= MAX_RASTER_ROWS:
            return Garbage(bytes(buf[:1])), 1
        end = 8 + width * height
        if len(buf) < end:
            return NEED_MORE
        return Raster(buf[3], width, height, bytes(buf[8:end])), end

    def _counted(self) -> tuple[Event, int] | None:
        """GS ( x pL pH then pL + 256 pH bytes; k is a 2D code, other functions are skipped."""
        buf = self._buf
        if len(buf) < 5:
            return NEED_MORE
        end = 5 + (buf[3] | buf[4] << 8)
        if len(buf) < end:
            return NEED_MORE
        body = bytes(buf[5:end])
        if buf[2] == ord("k") and len(body) >= 2:
            return Symbol(body[0], body[1], body[2:]), end
        return Command(GS, buf[2], body), end
