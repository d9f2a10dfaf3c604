"""Sans-IO splitter for a serial Whozz Calling unit (TCI records, CR LF ends)."""

from __future__ import annotations

from drivers.base import LineEvent, Unparsed
from drivers.lineframe import LineFramer, Overlong
from firmware_bridge.whozz.translate import WhozzTranslator

MAX_RECORD = 200


class WhozzSerialParser:
    """Bytes in, events out; a record longer than MAX_RECORD is dropped up to its end."""

    def __init__(self, translator: WhozzTranslator | None = None, unit: int = 0) -> None:
        self.translator = translator or WhozzTranslator()
        self.unit = unit
        self._framer = LineFramer(MAX_RECORD)

    def feed(self, data: bytes) -> list[LineEvent]:
        """Consume bytes; return events for each complete record."""
        events: list[LineEvent] = []
        for item in self._framer.feed(data):
            if isinstance(item, Overlong):
                line = self.translator.line_name(self.unit, 0)
                why = "record without line end: dropped up to its end"
                events.append(Unparsed(line, raw=item.head, why=why))
            else:
                events += self.translator.record(self.unit, item.decode("latin-1"))
        return events
