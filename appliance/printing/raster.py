"""Rows drawn into a 1-bit image as wide as the paper's printable width (Japanese included)."""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from appliance.printing.fonts import font as _font
from appliance.printing.layout import Row

PAPER_DOTS = {58: 384, 80: 576}  # printable dots across at 203 dpi
FONT_PX = 24  # a kanji 24 dots square, like a printer's own Font A
GAP_PX = 4  # between the text and its amount, and below each line


@dataclass(frozen=True)
class Placed:
    """A line of text at its place on the image."""

    x: int
    y: int
    text: str
    size: int
    bold: bool
    invert: bool


def paper_dots(width_mm: int) -> int:
    """The printable width in dots of 58 or 80 mm paper."""
    if width_mm not in PAPER_DOTS:
        raise ValueError(f"paper width must be 58 or 80 mm, not {width_mm}")
    return PAPER_DOTS[width_mm]


def render_rows(rows: list[Row], width_mm: int = 80) -> Image.Image:
    """The rows as a black-on-white 1-bit image `paper_dots(width_mm)` wide."""
    width = paper_dots(width_mm)
    placed: list[Placed] = []
    rules: list[tuple[int, int]] = []  # (y, thickness)
    y = 0
    for row in rows:
        size = FONT_PX * row.scale
        if row.rule:
            thick = 3 if row.rule == "=" else 1
            rules.append((y + GAP_PX, thick))
            y += 2 * GAP_PX + thick
            continue
        y = _place(row, size, width, y, placed)
    image = Image.new("1", (width, max(y, 1)), 1)
    draw = ImageDraw.Draw(image)
    for top, thick in rules:
        draw.rectangle((0, top, width - 1, top + thick - 1), fill=0)
    for p in placed:
        font = _font(p.size)
        if p.invert:
            draw.rectangle((0, p.y - GAP_PX // 2, width - 1, p.y + p.size + GAP_PX // 2), fill=0)
        draw.text(
            (p.x, p.y), p.text, font=font, fill=1 if p.invert else 0,
            stroke_width=1 if p.bold else 0, stroke_fill=1 if p.invert else 0,
        )  # fmt: skip
    return image


def _place(row: Row, size: int, width: int, y: int, placed: list[Placed]) -> int:
    """Wrap the row's text into lines and place them (the amount on the first); the next y."""
    font = _font(size)
    indent = row.indent * size // 2
    right_w = int(font.getlength(row.right)) + GAP_PX if row.right else 0
    lines = wrap(row.text, font, width - indent - right_w) or [""]
    for i, line in enumerate(lines):
        line_w = int(font.getlength(line))
        x = indent
        if row.align == "center":
            x = max(0, (width - line_w) // 2)
        elif row.align == "right":
            x = max(0, width - line_w)
        placed.append(Placed(x, y, line, size, row.bold, row.invert))
        if i == 0 and row.right:
            x_right = width - int(font.getlength(row.right)) - 1
            placed.append(Placed(x_right, y, row.right, size, row.bold, row.invert))
        y += size + GAP_PX
    return y


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """The text broken into lines no wider than `width` (Japanese breaks anywhere; a Latin
    word moves to the next line whole when it fits there)."""
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        line = ""
        for ch in para:
            if font.getlength(line + ch) <= width or not line:
                line += ch
                continue
            head, space, word = line.rpartition(" ")
            latin = word.isascii() and ch.isascii() and ch != " "
            if space and word and latin and font.getlength(word + ch) <= width:
                lines.append(head)
                line = word + ch
            else:
                lines.append(line)
                line = ch.lstrip()
        lines.append(line)
    return lines
