"""Sans-IO splitter for a serial Whozz Calling unit (TCI records, CR LF ends)."""

from __future__ import annotations

from drivers.base import LineEvent, Unparsed
from firmware_bridge.whozz.translate import WhozzTranslator

MAX_RECORD = 200


class WhozzSerialParser:
    """Bytes in, events out; a record longer than MAX_RECORD without an end is kept raw."""

    def __init__(self, translator: WhozzTranslator | None = None, unit: int = 0) -> None:
        self.translator = translator or WhozzTranslator()
        self.unit = unit
        self._buf = bytearray()

    def feed(self, data: bytes) -> list[LineEvent]:
        """Consume bytes; return events for each complete record."""
        events: list[LineEvent] = []
        for byte in data:
            if byte in (0x0D, 0x0A):
                if self._buf:
                    events += self.translator.record(self.unit, self._buf.decode("latin-1"))
                    self._buf.clear()
                continue
            self._buf.append(byte)
            if len(self._buf) > MAX_RECORD:
                line = self.translator.line_name(self.unit, 0)
                events.append(Unparsed(line, raw=bytes(self._buf), why="record without line end"))
                self._buf.clear()
        return events
