"""A slip as printer text in kanji mode, for models with Japanese fonts of their own: Shift_JIS
(FS C 1, FS &), the Japan character set (ESC R 8: 0x5C prints ¥), sizes and alignment by
command, amounts padded flush right in the printer's columns."""

from __future__ import annotations

from escpos.printer import Dummy

from appliance.printing.encode import QR_MODULE
from appliance.printing.layout import Row, layout
from appliance.printing.slip import Slip

COLUMNS = {58: 32, 80: 48}  # half-width columns of Font A (12 dots) across the paper
INIT = b"\x1b@\x1bR\x08\x1cC\x01\x1c&"  # Japan set, Shift_JIS, kanji on
ALIGN = {"left": 0, "center": 1, "right": 2}


def cells(text: str) -> int:
    """Columns the text takes on the printer: its Shift_JIS bytes (two for kanji, ※ or ×)."""
    return len(sjis(text))


def fit(text: str, width: int) -> list[str]:
    """The text cut into lines of at most `width` columns."""
    lines, line = [], ""
    for ch in text:
        if line and cells(line + ch) > width:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line]


def sjis(text: str) -> bytes:
    """Shift_JIS for the printer (¥ as 0x5C of the Japan set; what it lacks becomes ?)."""
    return text.replace("¥", "\\").encode("cp932", errors="replace")


def row_bytes(row: Row, columns: int) -> bytes:
    """One row: alignment, size, emphasis, reverse, then its text lines."""
    scale = max(1, min(row.scale, 8))
    width = columns // scale
    if row.rule:
        return b"\x1ba\x00\x1d!\x00" + (row.rule * columns).encode() + b"\n"
    out = bytearray(b"\x1ba" + bytes([ALIGN[row.align]]))
    out += b"\x1d!" + bytes([(scale - 1) << 4 | (scale - 1)])
    out += b"\x1bE" + bytes([int(row.bold)]) + b"\x1dB" + bytes([int(row.invert)])
    indent = " " * row.indent
    room = width - cells(indent) - (cells(row.right) + 1 if row.right else 0)
    for i, line in enumerate(fit(row.text, max(4, room))):
        if i == 0 and row.right:
            gap = width - cells(indent + line) - cells(row.right)
            line = line + " " * max(1, gap) + row.right
        out += sjis(indent + line) + b"\n"
    return bytes(out + b"\x1bE\x00\x1dB\x00\x1d!\x00")


def kanji_job(slip: Slip, width_mm: int = 80) -> bytes:
    """The whole job in kanji mode: the slip's rows as text, the QR, feed and cut."""
    columns = COLUMNS[width_mm]
    body = b"".join(row_bytes(row, columns) for row in layout(slip))
    printer = Dummy()
    if slip.qr_payload:
        printer.set(align="center")
        printer.qr(slip.qr_payload, native=True, size=QR_MODULE[width_mm])
        printer.set(align="left")
    printer.cut()
    return INIT + body + b"\x1c." + bytes(printer.output)
