"""One job's paper: text lines, raster images and QR codes stacked down a roll as wide as the
printer's paper, and what was printed in a form tests read back."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import qrcode
from PIL import Image, ImageDraw

from appliance.printing import fonts
from appliance.printing.emulator.parser import Raster

FONT_PX = 24
QR_LEVELS = {48: qrcode.constants.ERROR_CORRECT_L, 49: qrcode.constants.ERROR_CORRECT_M}
QR_LEVELS |= {50: qrcode.constants.ERROR_CORRECT_Q, 51: qrcode.constants.ERROR_CORRECT_H}


def raster_image(raster: Raster) -> Image.Image:
    """A GS v 0 image as a 1-bit picture (black where a dot is printed)."""
    packed = bytes(b ^ 0xFF for b in raster.data)  # mode "1" packs white as 1
    return Image.frombytes("1", (raster.width_bytes * 8, raster.height), packed)


@dataclass
class PrintedJob:
    """What one job printed: the paper as an image, the raster images as sent, QR data, text."""

    image: Image.Image
    rasters: list[Raster] = field(default_factory=list)
    qr_codes: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    cut: bool = False

    def raster(self) -> Image.Image | None:
        """Every raster band of the job stacked, as the sender drew it (None without any)."""
        if not self.rasters:
            return None
        bands = [raster_image(r) for r in self.rasters]
        whole = Image.new("1", (max(b.width for b in bands), sum(b.height for b in bands)), 1)
        y = 0
        for band in bands:
            whole.paste(band, (0, y))
            y += band.height
        return whole


class Page:
    """The paper of the job in progress; `align`, `bold` and `scale` follow ESC a, ESC E, GS !."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.strips: list[Image.Image] = []
        self.align = 0
        self.bold = False
        self.scale = (1, 1)
        self.line = ""
        self.job = PrintedJob(Image.new("1", (width, 1), 1))

    @property
    def empty(self) -> bool:
        """True while nothing has been printed."""
        return not self.strips and not self.line

    def text(self, text: str) -> None:
        """Text into the current line (printed at the next line feed)."""
        self.line += text

    def newline(self) -> None:
        """Print the current line (an empty one feeds a blank line)."""
        height = FONT_PX * self.scale[1]
        strip = Image.new("1", (self.width, height + 4), 1)
        if self.line:
            # a printer's own font is fixed pitch: a one-byte character one cell, two bytes two
            cell = FONT_PX // 2 * self.scale[0]
            widths = [cell * _cells(ch) for ch in self.line]
            x = self._x(sum(widths))
            for ch, advance in zip(self.line, widths, strict=True):
                strip.paste(self._glyph(ch, height, advance), (x, 0))
                x += advance
            self.job.texts.append(self.line)
        self.strips.append(strip)
        self.line = ""

    def _glyph(self, ch: str, height: int, advance: int) -> Image.Image:
        """One character drawn into its cell (squeezed when the font draws it wider)."""
        font = fonts.font(height)
        drawn = max(advance, int(font.getlength(ch)) + 2)
        glyph = Image.new("1", (drawn, height + 4), 1)
        ImageDraw.Draw(glyph).text((0, 0), ch, font=font, fill=0, stroke_width=int(self.bold))
        return glyph if drawn == advance else glyph.resize((advance, height + 4))

    def feed(self, dots: int) -> None:
        """Blank paper `dots` high."""
        if self.line:
            self.newline()
        if dots > 0:
            self.strips.append(Image.new("1", (self.width, dots), 1))

    def raster(self, raster: Raster) -> None:
        """A GS v 0 image placed at the current alignment."""
        if self.line:
            self.newline()
        image = raster_image(raster)
        self._place(image)
        self.job.rasters.append(raster)

    def qr(self, data: str, module: int, level: int) -> None:
        """The printer's own QR code of `data`, a quiet zone above and below."""
        code = qrcode.QRCode(box_size=max(1, module), border=4, error_correction=QR_LEVELS[level])
        code.add_data(data.encode("utf-8"))
        code.make(fit=True)
        image = code.make_image().get_image().convert("1")
        self._place(image)
        self.job.qr_codes.append(data)

    def finish(self, cut: bool) -> PrintedJob:
        """The job as printed so far (the page is spent)."""
        if self.line:
            self.newline()
        width = max([self.width, *(s.width for s in self.strips)])
        paper = Image.new("1", (width, max(1, sum(s.height for s in self.strips))), 1)
        y = 0
        for strip in self.strips:
            paper.paste(strip, (0, y))
            y += strip.height
        self.job.image, self.job.cut = paper, cut
        return self.job

    def _place(self, image: Image.Image) -> None:
        strip = Image.new("1", (max(self.width, image.width), image.height), 1)
        strip.paste(image, (self._x(image.width), 0))
        self.strips.append(strip)

    def _x(self, wide: int) -> int:
        if self.align == 1:
            return max(0, (self.width - wide) // 2)
        return max(0, self.width - wide) if self.align == 2 else 0


def _cells(ch: str) -> int:
    """Cells a printer gives the character: its bytes in Shift_JIS (¥ is 0x5C: one)."""
    if ch == "¥":
        return 1
    try:
        return len(ch.encode("cp932"))
    except UnicodeEncodeError:
        return 2 if unicodedata.east_asian_width(ch) in "WF" else 1
