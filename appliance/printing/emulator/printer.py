"""The emulated printer: ESC/POS events drive a page, status queries get the answers a real
printer gives (online, paper, paper-out), and each cut (or hang-up) ends a job."""

from __future__ import annotations

from appliance.printing.emulator.page import Page, PrintedJob
from appliance.printing.emulator.parser import (
    DLE,
    ESC,
    GS,
    Command,
    Control,
    Cut,
    EscPosParser,
    Event,
    Raster,
    Symbol,
    Text,
)

LINE_DOTS = 30  # one line feed on a 24-dot font with default spacing
QR = 49


class EmulatedPrinter:
    """One printer; `feed` bytes from the host, get back its replies and the finished jobs."""

    def __init__(self, width: int = 576, *, paper_out: bool = False) -> None:
        self.width = width
        self.paper_out = paper_out
        self.dropped = 0  # jobs sent while out of paper (a real printer prints nothing)
        self._parser = EscPosParser()
        self._page = Page(width)
        self._katakana = False
        self._japan_set = False  # ESC R 8: 0x5C prints ¥
        self._qr_data = ""
        self._qr_module = 3
        self._qr_level = 48

    def feed(self, data: bytes) -> tuple[bytes, list[PrintedJob]]:
        """Bytes from the host: the status replies owed, and the jobs that ended (a cut)."""
        replies = bytearray()
        jobs: list[PrintedJob] = []
        for event in self._parser.feed(data):
            replies += self._reply(event)
            if isinstance(event, Cut):
                job = self._end(cut=True)
                if job is not None:
                    jobs.append(job)
            else:
                self._print(event)
        return bytes(replies), jobs

    def hang_up(self) -> PrintedJob | None:
        """The host closed the connection: whatever was printed without a cut is a job too."""
        return None if self._page.empty else self._end(cut=False)

    def _end(self, cut: bool) -> PrintedJob | None:
        page, self._page = self._page, Page(self.width)
        if self.paper_out:
            self.dropped += int(not page.empty)
            return None
        return page.finish(cut)

    def _reply(self, event: Event) -> bytes:
        if not isinstance(event, Command):
            return b""
        if event.prefix == DLE and event.code == 0x04:
            return bytes([self._realtime_status(event.arg)])
        if event.prefix == GS and event.code == ord("r"):
            if event.arg in (1, 49):
                return b"\x0f" if self.paper_out else b"\x00"
            return b"\x00"
        return b""

    def _realtime_status(self, n: int) -> int:
        """DLE EOT n: 1 printer (bit 3 offline), 2 offline cause (bit 5 paper end stop),
        3 errors, 4 roll paper (bits 5-6 paper end)."""
        out = self.paper_out
        return {1: 0x16 | (0x08 if out else 0), 2: 0x12 | (0x20 if out else 0)}.get(
            n, 0x12 | (0x60 if out and n == 4 else 0)
        )

    def _print(self, event: Event) -> None:
        page = self._page
        if isinstance(event, Text):
            page.text(self._decode(event))
        elif isinstance(event, Control) and event.byte == 0x0A:
            page.newline()
        elif isinstance(event, Raster):
            page.raster(event)
        elif isinstance(event, Symbol) and event.cn == QR:
            self._symbol(event)
        elif isinstance(event, Command):
            self._command(event)

    def _symbol(self, event: Symbol) -> None:
        if event.fn == 67 and event.data:
            self._qr_module = event.data[0]
        elif event.fn == 69 and event.data and event.data[0] in range(48, 52):
            self._qr_level = event.data[0]
        elif event.fn == 80:
            self._qr_data = event.data[1:].decode("utf-8", errors="replace")
        elif event.fn == 81 and self._qr_data:
            self._page.qr(self._qr_data, self._qr_module, self._qr_level)

    def _command(self, cmd: Command) -> None:
        page, key = self._page, (cmd.prefix, chr(cmd.code))
        if key == (ESC, "@"):
            self._page = Page(self.width) if page.empty else page
            page.align, page.bold, page.scale = 0, False, (1, 1)
        elif key == (ESC, "a"):
            page.align = cmd.arg % 48 if cmd.arg >= 48 else cmd.arg
        elif key == (ESC, "E"):
            page.bold = bool(cmd.arg & 1)
        elif key == (GS, "!"):
            page.scale = ((cmd.arg >> 4) + 1, (cmd.arg & 0x0F) + 1)
        elif key == (ESC, "d"):
            page.feed(LINE_DOTS * cmd.arg)
        elif key == (ESC, "J"):
            page.feed(cmd.arg)
        elif key == (ESC, "t"):
            self._katakana = cmd.arg == 1
        elif key == (ESC, "R"):
            self._japan_set = cmd.arg == 8

    def _decode(self, text: Text) -> str:
        if text.kanji or self._katakana:
            decoded = text.data.decode("cp932", errors="replace")
        else:
            decoded = text.data.decode("cp437", errors="replace")
        return decoded.replace("\\", "¥") if self._japan_set else decoded
